import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IncidentRecord } from '../schemas/incident-record.ts';
import { componentOf, currentState } from './current-state.ts';

type Incident = Pick<IncidentRecord, 'id' | 'direction' | 'attribution' | 'sender' | 'status' | 'impact'>;

const incident = (id: string, sender: string, status: Incident['status'], impact: Incident['impact'], attribution: Incident['attribution'] = 'sender'): Incident => ({
  id,
  direction: attribution === 'receiver' ? 'outbound' : 'inbound',
  sender: { id: sender, name: sender },
  attribution,
  status,
  impact,
});

describe('currentState', () => {
  test('a component takes the worst impact of its ongoing incidents, and the site the worst of all', () => {
    const state = currentState(
      [
        incident('2026-03-19-microsoft-tls-failure', 'microsoft', 'ongoing', 'minor'),
        incident('2026-03-20-microsoft-tls-failure', 'microsoft', 'ongoing', 'major'),
        incident('2026-03-01-google-tls-failure', 'google', 'resolved', 'critical'),
      ],
      ['google', 'microsoft'],
    );
    assert.equal(state.overall, 'major');
    assert.deepEqual(state.senders, [
      { id: 'google', impact: 'none', shown: 'none', ongoing: [] },
      { id: 'microsoft', impact: 'major', shown: 'major', ongoing: ['2026-03-19-microsoft-tls-failure', '2026-03-20-microsoft-tls-failure'] },
    ]);
    assert.deepEqual(state.ours, { id: 'ours', impact: 'none', shown: 'none', ongoing: [] });
  });

  test('an incident only a note reports counts like any other (the banner, the badge and the API agree)', () => {
    const reported = { ...incident('2026-04-02-gmail-delays', 'google', 'ongoing', 'major'), kind: 'reported' };
    const state = currentState([reported], ['google', 'microsoft']);
    assert.equal(state.overall, 'major');
    assert.equal(state.of('google').impact, 'major');
    assert.equal(state.of('microsoft').impact, 'none');
  });

  test('an incident on our side is the state of our own servers and blames no sender', () => {
    const state = currentState([incident('2026-03-21-ours-tls-failure', 'ours', 'ongoing', 'critical', 'ours')], ['google']);
    assert.deepEqual(state.ours, { id: 'ours', impact: 'critical', shown: 'critical', ongoing: ['2026-03-21-ours-tls-failure'] });
    assert.equal(state.of('google').impact, 'none');
    assert.equal(state.overall, 'critical');
  });

  describe('edge cases', () => {
    test('no incidents: everything is none', () => {
      const state = currentState([], []);
      assert.equal(state.overall, 'none');
      assert.deepEqual(state.senders, []);
      assert.equal(state.ours.impact, 'none');
    });

    test('a sender not in the list still has a state (an incident of a sender without a record)', () => {
      const state = currentState([incident('2026-03-19-yahoo-silence', 'yahoo', 'ongoing', 'major')], ['google']);
      assert.deepEqual(state.of('yahoo'), { id: 'yahoo', impact: 'major', shown: 'major', ongoing: ['2026-03-19-yahoo-silence'] });
      assert.equal(state.overall, 'major');
      assert.equal(state.of('nobody').impact, 'none');
    });
  });
});

describe('currentState without fresh data', () => {
  const asOf = Date.parse('2026-03-23T17:00:00Z');
  const hour = 3_600_000;
  const incidents = [incident('2026-03-19-microsoft-tls-failure', 'microsoft', 'ongoing', 'major')];

  test('data older than allowed: nothing is shown as normal, and the last known impacts are kept', () => {
    const state = currentState(incidents, ['google', 'microsoft'], { asOf, now: asOf + hour + 1, staleAfterMs: hour });
    assert.equal(state.stale, true);
    assert.equal(state.shown, 'stale');
    assert.equal(state.overall, 'major');
    assert.deepEqual(state.senders.map((s) => [s.id, s.impact, s.shown]), [['google', 'none', 'stale'], ['microsoft', 'major', 'stale']]);
    assert.equal(state.ours.shown, 'stale');
    assert.equal(state.of('nobody').shown, 'stale');
  });

  test('data exactly as old as allowed is still fresh', () => {
    const state = currentState(incidents, ['google'], { asOf, now: asOf + hour, staleAfterMs: hour });
    assert.equal(state.stale, false);
    assert.equal(state.of('google').shown, 'none');
    assert.equal(state.asOf, asOf);
  });

  describe('edge cases', () => {
    test('no data at all is stale', () => {
      assert.equal(currentState([], ['google'], { asOf: null, now: asOf, staleAfterMs: hour }).shown, 'stale');
    });

    test('a clock behind the data (a build pinned to an earlier time) is fresh', () => {
      assert.equal(currentState([], [], { asOf, now: asOf - hour, staleAfterMs: hour }).stale, false);
    });
  });
});

describe('componentOf', () => {
  test('our side for what is our fault, else the sender', () => {
    assert.equal(componentOf({ direction: 'inbound', attribution: 'ours', sender: { id: 'ours', name: 'Example Mail' } }), 'ours');
    assert.equal(componentOf({ direction: 'inbound', attribution: 'sender', sender: { id: 'google', name: 'Gmail' } }), 'google');
  });

  test('our mail to others: our delivery to the receiver, or our outgoing mail as a whole', () => {
    assert.equal(componentOf({ direction: 'outbound', attribution: 'receiver', sender: { id: 'google', name: 'Gmail' } }), 'delivery-google');
    assert.equal(componentOf({ direction: 'outbound', attribution: 'ours', sender: { id: 'ours', name: 'Example Mail' } }), 'delivery-ours');
  });
});

describe('currentState of our mail to others', () => {
  const asOf = Date.parse('2026-03-23T17:00:00Z');
  const hour = 3_600_000;
  const throttled = incident('2026-03-23-microsoft-rate-limit', 'microsoft', 'ongoing', 'major', 'receiver');

  test('an outbound incident is the state of our delivery to its receiver, never of the sender of the same name', () => {
    const state = currentState([throttled], ['microsoft'], undefined, { receiverIds: ['google', 'microsoft'] });
    assert.equal(state.of('microsoft').impact, 'none');
    assert.deepEqual(state.receivers.map((r) => [r.id, r.impact]), [['delivery-google', 'none'], ['delivery-microsoft', 'major']]);
    assert.equal(state.outbound.impact, 'none');
    assert.equal(state.overall, 'major');
  });

  test('our own outbound fault is the state of our outgoing mail, not of our servers receiving', () => {
    const ours = { ...incident('2026-03-23-ours-unreachable', 'ours', 'ongoing', 'critical', 'ours'), direction: 'outbound' as const };
    const state = currentState([ours], [], undefined, { receiverIds: ['microsoft'] });
    assert.equal(state.outbound.impact, 'critical');
    assert.equal(state.ours.impact, 'none');
  });

  test("relays' logs that stopped make the receivers stale while the MX hosts' are fresh", () => {
    const fresh = { asOf, now: asOf + 60_000, staleAfterMs: hour };
    const state = currentState([], ['google'], fresh, { receiverIds: ['microsoft'], freshness: { ...fresh, asOf: asOf - 2 * hour } });
    assert.equal(state.stale, false);
    assert.equal(state.of('google').shown, 'none');
    assert.equal(state.outboundStale, true);
    assert.equal(state.of('delivery-microsoft').shown, 'stale');
    assert.equal(state.outbound.shown, 'stale');
  });

  describe('edge cases', () => {
    test('no receivers at all (no relay logs): nothing outbound is stale for want of data', () => {
      const state = currentState([], ['google'], { asOf, now: asOf, staleAfterMs: hour }, { receiverIds: [], freshness: { asOf: null, now: asOf, staleAfterMs: hour } });
      assert.equal(state.outboundStale, false);
    });
  });
});
