import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiText, statuspageDocuments, type StatuspageSource } from './statuspage-api.ts';
import { statuspageDocumentSchemas, type StatuspageDocumentPath } from '../core/schemas/statuspage-schema.ts';
import { stringifyJson } from './stringify-json.ts';
import { config, HOSTILE, hostile, maintenance, note, ongoing, ours, oursOutbound, receivers, refused, resolved, senders, status, throttled } from './test-fixtures.ts';

const source = (overrides: Partial<StatuspageSource> = {}): StatuspageSource => ({
  config,
  // The documents under /en/api/v2/; /api/v2/ speaks the default language (see "in the default language").
  locale: 'en',
  // Built right at the last log line: the data is current.
  now: Date.parse(status.asOf),
  status,
  incidents: [resolved, ongoing, ours],
  senders,
  notes: new Map(),
  maintenance: [],
  ...overrides,
});

function assertValid(documents: ReturnType<typeof statuspageDocuments>) {
  for (const [path, schema] of Object.entries(statuspageDocumentSchemas)) {
    const result = schema.safeParse(documents[path as StatuspageDocumentPath]);
    assert.ok(result.success, `${path}: ${result.error?.message}`);
  }
}

describe('statuspageDocuments', () => {
  test('every document matches the Statuspage v2 schema', () => {
    assertValid(statuspageDocuments(source()));
    assertValid(statuspageDocuments(source({ incidents: [], senders: [], status: null })));
  });

  test('the page is the site, as of the last log line', () => {
    assert.deepEqual(statuspageDocuments(source())['status.json'].page, {
      id: 'status.example.net',
      name: 'Example Mail',
      url: 'https://status.example.net/en/',
      time_zone: 'Europe/Berlin',
      updated_at: '2026-03-24T11:48:22.106Z',
    });
  });

  test('the indicator is the worst impact of the ongoing incidents, described in English', () => {
    assert.deepEqual(statuspageDocuments(source())['status.json'].status, { indicator: 'minor', description: 'Mail from some senders reaches us with a delay.' });
    assert.deepEqual(statuspageDocuments(source({ incidents: [resolved] }))['status.json'].status, { indicator: 'none', description: 'Mail from all senders reaches us normally.' });
  });

  test('components are our own servers, then every tracked sender by name, each in the state of its ongoing incidents', () => {
    const { components } = statuspageDocuments(source({ incidents: [resolved, ongoing, { ...hostile, sender: { id: 'yahoo', name: 'Yahoo' } }] }))['components.json'];
    assert.deepEqual(components.map((c) => [c.position, c.id, c.status]), [
      [1, 'ours', 'operational'],
      [2, 'hostile', 'operational'],
      [3, 'google', 'degraded_performance'],
      [4, 'microsoft', 'operational'],
      [5, 'yahoo', 'major_outage'],
    ]);
    const microsoft = components.find((c) => c.id === 'microsoft')!;
    assert.equal(microsoft.created_at, '2026-03-15T23:00:00.000Z', 'midnight of its first day, Europe/Berlin');
    assert.equal(microsoft.start_date, '2026-03-16');
    assert.equal(microsoft.updated_at, resolved.endedAt, 'its last change: the end of its incident');
    assert.equal(microsoft.description, 'Mail from Outlook.com to Example Mail.');
    assert.equal(components[0]!.name, 'Mail servers of Example Mail');
  });

  test('impact maps to component states: minor → degraded, major → partial outage, critical → major outage', () => {
    const states = (['none', 'minor', 'major', 'critical'] as const).map(
      (impact) => statuspageDocuments(source({ incidents: [{ ...ongoing, impact }] }))['components.json'].components.find((c) => c.id === 'google')!.status,
    );
    assert.deepEqual(states, ['operational', 'degraded_performance', 'partial_outage', 'major_outage']);
  });

  test('a fault on our side is an incident of our own component', () => {
    const { incidents } = statuspageDocuments(source({ incidents: [{ ...ours, status: 'ongoing' }] }))['summary.json'];
    assert.deepEqual(incidents[0]!.components.map((c) => [c.id, c.status]), [['ours', 'major_outage']]);
  });

  test('an incident carries its times, its shortlink and its updates newest first', () => {
    const incident = statuspageDocuments(source())['incidents.json'].incidents.find((i) => i.id === resolved.id)!;
    assert.equal(incident.status, 'resolved');
    assert.equal(incident.impact, 'major');
    assert.equal(incident.name, 'Connections aborted during the TLS handshake at Outlook.com');
    assert.equal(incident.created_at, resolved.startedAt);
    assert.equal(incident.started_at, resolved.startedAt);
    assert.equal(incident.resolved_at, resolved.endedAt);
    assert.equal(incident.monitoring_at, null);
    assert.equal(incident.updated_at, resolved.recovery!.at);
    assert.equal(incident.shortlink, 'https://status.example.net/en/i/260319-microsoft-tls/');
    assert.deepEqual(incident.incident_updates.map((u) => [u.id, u.status, u.created_at]), [
      [`${resolved.id}-recovery`, 'resolved', resolved.recovery!.at],
      [`${resolved.id}-end`, 'resolved', resolved.endedAt],
      [`${resolved.id}-first`, 'identified', resolved.startedAt],
    ]);
    assert.deepEqual(incident.incident_updates[2]!.affected_components, [{ code: 'microsoft', name: 'Outlook.com', old_status: 'operational', new_status: 'partial_outage' }]);
    assert.deepEqual(incident.incident_updates[1]!.affected_components, [{ code: 'microsoft', name: 'Outlook.com', old_status: 'partial_outage', new_status: 'operational' }]);
  });

  test('an ongoing incident is identified, unresolved, and in the summary', () => {
    const documents = statuspageDocuments(source());
    assert.deepEqual(documents['incidents/unresolved.json'].incidents.map((i) => [i.id, i.status, i.resolved_at]), [[ongoing.id, 'identified', null]]);
    assert.deepEqual(documents['summary.json'].incidents.map((i) => i.id), [ongoing.id]);
    assert.deepEqual(documents['incidents.json'].incidents.map((i) => i.id), [ongoing.id, resolved.id, ours.id]);
  });

  test("staff's note gives the name, extra updates and the monitoring time", () => {
    const notes = new Map([[ongoing.id, note({ title: 'Slow mail from Gmail', updates: [{ at: '2026-03-24T10:00:00Z', status: 'monitoring', text: 'Google is on it.' }] })]]);
    const incident = statuspageDocuments(source({ notes }))['incidents/unresolved.json'].incidents[0]!;
    assert.equal(incident.name, 'Slow mail from Gmail');
    assert.equal(incident.status, 'monitoring');
    assert.equal(incident.monitoring_at, '2026-03-24T10:00:00.000Z');
    assert.deepEqual(incident.incident_updates.map((u) => u.body).slice(1, 2), ['Google is on it.']);
  });

  test('maintenance is scheduled, in progress or completed as of the last log line', () => {
    const documents = statuspageDocuments(
      source({
        maintenance: [
          maintenance('2026-03-01-tls-certificates', { title: 'New certificates', start: '2026-03-01T01:00:00Z', end: '2026-03-01T02:00:00Z' }),
          maintenance('2026-03-24-mx2-upgrade', { title: 'mx2 upgrade', start: '2026-03-24T11:00:00Z', end: '2026-03-24T13:00:00Z', updates: [{ at: '2026-03-20T09:00:00Z', text: 'Planned.' }] }),
          maintenance('2026-04-01-gmail', { title: 'Gmail route', sender: 'google', start: '2026-04-01T01:00:00Z', end: '2026-04-01T02:00:00Z' }),
        ],
      }),
    );
    assertValid(documents);
    const all = documents['scheduled-maintenances.json'].scheduled_maintenances;
    assert.deepEqual(all.map((m) => [m.id, m.status, m.resolved_at]), [
      ['2026-04-01-gmail', 'scheduled', null],
      ['2026-03-24-mx2-upgrade', 'in_progress', null],
      ['2026-03-01-tls-certificates', 'completed', '2026-03-01T02:00:00.000Z'],
    ]);
    const upgrade = all[1]!;
    assert.equal(upgrade.impact, 'maintenance');
    assert.equal(upgrade.created_at, '2026-03-20T09:00:00.000Z');
    assert.equal(upgrade.scheduled_for, '2026-03-24T11:00:00.000Z');
    assert.equal(upgrade.scheduled_until, '2026-03-24T13:00:00.000Z');
    assert.equal(upgrade.shortlink, 'https://status.example.net/en/#maintenance');
    assert.deepEqual(upgrade.incident_updates.map((u) => [u.status, u.body]), [['in_progress', 'The maintenance has begun.'], ['scheduled', 'Planned.']]);
    assert.deepEqual(upgrade.components.map((c) => c.id), ['ours']);
    assert.deepEqual(all[0]!.components.map((c) => c.id), ['google']);
    assert.deepEqual(all[2]!.incident_updates.map((u) => u.status), ['completed', 'in_progress']);
    assert.deepEqual(documents['scheduled-maintenances/upcoming.json'].scheduled_maintenances.map((m) => m.id), ['2026-04-01-gmail']);
    assert.deepEqual(documents['scheduled-maintenances/active.json'].scheduled_maintenances.map((m) => m.id), ['2026-03-24-mx2-upgrade']);
    assert.deepEqual(documents['summary.json'].scheduled_maintenances.map((m) => m.id), ['2026-03-24-mx2-upgrade', '2026-04-01-gmail']);
  });

  describe('without current data', () => {
    const later = Date.parse(status.asOf) + 61 * 60_000;

    test('the indicator is never none, and the description says since when data is missing and what was last known', () => {
      const { status: said } = statuspageDocuments(source({ incidents: [resolved], now: later }))['status.json'];
      assert.equal(said.indicator, 'minor');
      assert.equal(said.description, 'No current data since 24 March 2026, 12:48 CET: no newer logs have arrived since, so the state is unknown. The last state known: mail from all senders reached us normally.');
    });

    test('a worse last known state stays: the indicator is the worse of it and minor', () => {
      assert.equal(statuspageDocuments(source({ incidents: [{ ...ongoing, impact: 'critical' }], now: later }))['status.json'].status.indicator, 'critical');
    });

    test('every component says so; our servers count as degraded, senders keep what was last known', () => {
      const { components } = statuspageDocuments(source({ incidents: [resolved, ongoing], now: later }))['components.json'];
      for (const c of components) assert.match(c.description ?? '', /^No current data since 24 March 2026, 12:48 CET/, c.id);
      const byId = new Map(components.map((c) => [c.id, c.status]));
      assert.equal(byId.get('ours'), 'degraded_performance');
      assert.equal(byId.get('google'), 'degraded_performance');
      assert.equal(byId.get('microsoft'), 'operational');
    });

    test('data exactly staleAfterMinutes old is still current', () => {
      const { status: said } = statuspageDocuments(source({ incidents: [resolved], now: Date.parse(status.asOf) + 60 * 60_000 }))['status.json'];
      assert.equal(said.indicator, 'none');
    });
  });

  describe('edge cases', () => {
    test('without a status record the page dates from the latest change of an incident', () => {
      assert.equal(statuspageDocuments(source({ status: null }))['status.json'].page.updated_at, ongoing.startedAt);
    });

    test('the same records give the same bytes', () => {
      assert.equal(stringifyJson(statuspageDocuments(source())), stringifyJson(statuspageDocuments(source())));
    });
  });

  describe('hostile text', () => {
    const notes = new Map([[hostile.id, note({ title: HOSTILE, updates: [{ at: '2026-03-22T12:00:00Z', text: HOSTILE }] })]]);
    const documents = statuspageDocuments(source({ incidents: [hostile], notes }));

    test('is serialized, not interpreted: every document parses back to the same values', () => {
      assertValid(documents);
      for (const value of Object.values(documents)) {
        const text = stringifyJson(value);
        assert.ok(!text.includes('\u2028'));
        assert.deepEqual(JSON.parse(text), value);
      }
    });

    test('names, bodies and component names keep their words, but never a bracket a client could take for markup', () => {
      const plain = apiText(HOSTILE);
      assert.equal(plain, '\u2039script\u203aalert(1)\u2039/script\u203a ]]\u203a "q" \'s\' & &amp; 🎉 \u2028 x ]]\u203a\u0001');
      const incident = documents['incidents/unresolved.json'].incidents[0]!;
      assert.equal(incident.name, plain);
      assert.ok(incident.incident_updates.some((u) => u.body === plain));
      assert.ok(incident.incident_updates.some((u) => u.body.includes(`Recovery: ${plain} sets up encrypted connections again`)));
      assert.equal(incident.components[0]!.name, plain);
      const text = stringifyJson(documents);
      assert.ok(!text.includes('<') && !text.includes('>'), 'no angle bracket anywhere in the API');
      const parsed = JSON.parse(stringifyJson(documents['summary.json']));
      assert.equal(parsed.incidents[0].name, plain);
    });
  });
});

describe('in the default language', () => {
  const documents = statuspageDocuments(source({ locale: 'de' }));

  test('describes the state, the components and the updates in it', () => {
    assert.deepEqual(documents['status.json'].status, { indicator: 'minor', description: 'E-Mails einzelner Absender erreichen uns mit Verzögerung.' });
    assert.equal(documents['components.json'].components[0]!.name, 'Mailserver von Example Mail');
    const incident = documents['incidents.json'].incidents.find((i) => i.id === resolved.id)!;
    assert.equal(incident.name, 'Abbrüche beim Aufbau verschlüsselter Verbindungen bei Outlook.com');
    assert.match(incident.incident_updates.at(-1)!.body, /^Erster Fehler/);
  });

  test('links the pages without a language prefix: the home page and the short link tickets carry', () => {
    assert.equal(documents['status.json'].page.url, 'https://status.example.net/');
    assert.equal(documents['incidents.json'].incidents.find((i) => i.id === resolved.id)!.shortlink, 'https://status.example.net/i/260319-microsoft-tls/');
  });

  test('keeps every id, state and time of the English documents: only the words differ', () => {
    const english = statuspageDocuments(source());
    const shape = (d: typeof documents) => d['summary.json'].components.map((c) => [c.id, c.status, c.updated_at, c.position]);
    assert.deepEqual(shape(documents), shape(english));
    const updates = (d: typeof documents) => d['incidents.json'].incidents.flatMap((i) => i.incident_updates.map((u) => [u.id, u.status, u.created_at]));
    assert.deepEqual(updates(documents), updates(english));
  });
});

describe('statuspageDocuments: our mail to others', () => {
  const outboundStatus = { ...status, outboundAsOf: '2026-03-24T11:45:00.000Z' };
  const withReceivers = (overrides: Partial<StatuspageSource> = {}) =>
    source({ status: outboundStatus, incidents: [resolved, throttled, refused, oursOutbound], receivers, ...overrides });

  test('components delivery-ours and delivery-<id> after the senders, in the state of their ongoing incidents', () => {
    const documents = statuspageDocuments(withReceivers());
    assertValid(documents);
    const { components } = documents['components.json'];
    assert.deepEqual(components.slice(-3).map((c) => [c.id, c.name, c.status]), [
      ['delivery-ours', 'All outgoing mail from Example Mail', 'operational'],
      ['delivery-google', 'Delivery to Gmail', 'major_outage'],
      ['delivery-microsoft', 'Delivery to Outlook.com', 'operational'],
    ]);
    assert.equal(components.at(-1)!.position, components.length);
    // Gmail as a sender stays operational: its refusal of our mail is not mail from Gmail to us.
    assert.equal(components.find((c) => c.id === 'google')!.status, 'operational');
  });

  test('an outbound incident names its delivery component, and the indicator speaks of both directions', () => {
    const documents = statuspageDocuments(withReceivers());
    const incident = documents['incidents.json'].incidents.find((i) => i.id === refused.id)!;
    assert.deepEqual(incident.components.map((c) => c.id), ['delivery-google']);
    assert.equal(incident.name, 'Gmail refuses email from us');
    assert.equal(incident.shortlink, 'https://status.example.net/en/i/260324-google-rp/');
    assert.deepEqual(documents['incidents.json'].incidents.find((i) => i.id === oursOutbound.id)!.components.map((c) => c.id), ['delivery-ours']);
    assert.deepEqual(documents['status.json'].status, {
      indicator: 'critical',
      description: 'Mail from all senders reaches us normally. Some of our mail to other providers is barely getting through.',
    });
  });

  test('a site without relay logs has no delivery components and says nothing of them', () => {
    const documents = source({ incidents: [resolved] });
    assert.ok(statuspageDocuments(documents)['components.json'].components.every((c) => !c.id.startsWith('delivery-')));
    assert.equal(statuspageDocuments(documents)['status.json'].status.description, 'Mail from all senders reaches us normally.');
  });

  test('when only our relays\' logs are old, the delivery components say so and our outgoing mail counts as degraded', () => {
    const documents = statuspageDocuments(withReceivers({ incidents: [resolved], status: { ...outboundStatus, outboundAsOf: '2026-03-24T08:00:00.000Z' } }));
    const ours = documents['components.json'].components.find((c) => c.id === 'delivery-ours')!;
    assert.equal(ours.status, 'degraded_performance');
    assert.match(ours.description ?? '', /^No current data from our sending servers since 24 March 2026, 09:00 CET/);
    assert.equal(documents['components.json'].components.find((c) => c.id === 'ours')!.status, 'operational');
    assert.equal(documents['status.json'].status.indicator, 'minor');
    assert.match(documents['status.json'].status.description, /^Mail from all senders reaches us normally\. No current data from our sending servers since .*The last state known: our mail to other providers got through normally\.$/);
  });
});
