import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyseHeaders, type HeadersAnalysed } from './analyse-headers.ts';
import { explainDelay, type ExplainOptions, type IncidentWindow } from './explain-delay.ts';
import { formatWait, wordVerdict } from './word-verdict.ts';
import { translate } from '../i18n/translate.ts';

const MICROSOFT = { id: 'microsoft', name: 'Outlook.com', known: true };

/** Outlook.com's servers by name; everything else unknown. */
const classify: ExplainOptions['classify'] = ({ name, ip }) =>
  name.endsWith('.outlook.com') || ip.startsWith('40.107.') ? MICROSOFT : null;
const isOwnHost = (name: string) => name.endsWith('.example.net');

function headers(times: { date: string; internal: string; handOff: string; store: string }, from = 'mail-am6eur05on2071.outbound.protection.outlook.com [40.107.22.71]'): HeadersAnalysed {
  const analysis = analyseHeaders([
    `Received: from mx1.example.net (mx1.example.net [192.0.2.25]) by store.example.net with LMTP; ${times.store}`,
    `Received: from edge (${from}) by mx1.example.net (Postfix) with ESMTPS id A; ${times.handOff}`,
    `Received: from AM9PR07MB7123.eurprd07.prod.outlook.com (2603:10a6:20b:3e4::12) by AM9PR07MB7124.eurprd07.prod.outlook.com with Microsoft SMTP Server id 15.20.7409.21; ${times.internal}`,
    `Date: ${times.date}`,
    '',
  ].join('\n'));
  assert.equal(analysis.kind, 'analysed');
  return analysis as HeadersAnalysed;
}

const incident = (over: Partial<IncidentWindow>): IncidentWindow => ({
  id: '2026-03-19-microsoft-tls-failure',
  direction: 'inbound',
  sender: { id: 'microsoft', name: 'Outlook.com' },
  attribution: 'sender',
  status: 'resolved',
  startedAt: '2026-03-19T08:11:00Z',
  endedAt: '2026-03-23T16:43:27Z',
  ...over,
});

const onTime = { date: 'Mon, 23 Mar 2026 10:00:00 +0000', internal: 'Mon, 23 Mar 2026 10:00:02 +0000', handOff: 'Mon, 23 Mar 2026 10:00:05 +0000', store: 'Mon, 23 Mar 2026 10:00:06 +0000' };
const heldAtOutlook = { ...onTime, handOff: 'Mon, 23 Mar 2026 16:45:02 +0000', store: 'Mon, 23 Mar 2026 16:45:03 +0000' };
const asOf = Date.parse('2026-03-24T00:00:00Z');

describe('explainDelay', () => {
  test('splits the delay at the hop into our own hosts: before sending, at the sender, hand-off, ours', () => {
    const e = explainDelay(headers(heldAtOutlook), { classify, isOwnHost, incidents: [], asOf });
    assert.equal(e.handOff?.hop, 2);
    assert.equal(e.handOff?.sender?.id, 'microsoft');
    assert.deepEqual(e.split, { beforeSending: 2, atSender: null, handOff: 24_300, ours: 1 });
    assert.deepEqual(e.verdict, { kind: 'waited-at-sender', waitedSeconds: 24_300 });
  });

  test("matches the sender's incident whose window covers the wait", () => {
    const e = explainDelay(headers(heldAtOutlook), { classify, isOwnHost, incidents: [incident({ id: 'other', sender: { id: 'google', name: 'Gmail' } }), incident({})], asOf });
    assert.equal(e.verdict.kind, 'incident');
    assert.equal(e.verdict.kind === 'incident' && e.verdict.incident.id, '2026-03-19-microsoft-tls-failure');
  });

  test('an incident of our mail to the same organisation never explains a wait before mail reached us', () => {
    const outbound = incident({ id: '2026-03-19-microsoft-rate-limit', direction: 'outbound', attribution: 'receiver' });
    const ours = incident({ id: '2026-03-19-ours-unreachable', direction: 'outbound', attribution: 'ours', sender: { id: 'ours', name: 'Example Mail' } });
    const e = explainDelay(headers(heldAtOutlook), { classify, isOwnHost, incidents: [outbound, ours], asOf });
    assert.notEqual(e.verdict.kind, 'incident');
  });

  test('an incident that ended more than an hour before the wait began does not explain it', () => {
    const e = explainDelay(headers(heldAtOutlook), { classify, isOwnHost, incidents: [incident({ endedAt: '2026-03-23T08:59:00Z' })], asOf });
    assert.equal(e.verdict.kind, 'waited-at-sender');
  });

  test('an ongoing incident lasts until the last log line', () => {
    const e = explainDelay(headers(heldAtOutlook), { classify, isOwnHost, incidents: [incident({ status: 'ongoing', endedAt: '2026-03-20T00:00:00Z' })], asOf });
    assert.equal(e.verdict.kind, 'incident');
  });

  test('a fault on our side explains time lost inside our systems', () => {
    const slowStore = { ...onTime, store: 'Mon, 23 Mar 2026 11:30:00 +0000' };
    const ours = incident({ id: '2026-03-23-ours-timeout', sender: { id: 'ours', name: 'Example Mail' }, attribution: 'ours', startedAt: '2026-03-23T10:10:00Z', endedAt: '2026-03-23T11:20:00Z' });
    assert.deepEqual(explainDelay(headers(slowStore), { classify, isOwnHost, incidents: [], asOf }).verdict, { kind: 'delayed-ours', seconds: 5395 });
    const e = explainDelay(headers(slowStore), { classify, isOwnHost, incidents: [ours], asOf });
    assert.equal(e.verdict.kind === 'incident' && e.verdict.incident.id, '2026-03-23-ours-timeout');
  });

  test('a mail written long before it was sent is the sender’s outbox, not a delay in transit', () => {
    const e = explainDelay(headers({ ...onTime, date: 'Sun, 22 Mar 2026 10:00:00 +0000' }), { classify, isOwnHost, incidents: [incident({})], asOf });
    assert.deepEqual(e.verdict, { kind: 'delayed-before-sending', seconds: 86_402 });
  });

  test('without own hosts, the newest hop sent by a known organisation is the hand-off', () => {
    const e = explainDelay(headers(heldAtOutlook), { classify, isOwnHost: () => false, incidents: [incident({})], asOf });
    assert.equal(e.handOff?.hop, 2);
    assert.equal(e.verdict.kind, 'incident');
  });

  test('an unknown sender handing over to us: the wait is counted, no sender incident is matched', () => {
    const e = explainDelay(headers(heldAtOutlook, 'mail.example.org [198.51.100.7]'), { classify, isOwnHost, incidents: [incident({})], asOf });
    assert.equal(e.handOff?.sender, null);
    assert.deepEqual(e.verdict, { kind: 'waited-at-sender', waitedSeconds: 24_300 });
  });

  test('no own host and no known organisation: no hand-off', () => {
    const e = explainDelay(headers(onTime, 'mail.example.org [198.51.100.7]'), { classify: () => null, isOwnHost: () => false, incidents: [], asOf });
    assert.deepEqual(e, { handOff: null, split: null, verdict: { kind: 'no-hand-off' }, dataUntil: null });
  });

  test('a mail on time says so, with its total', () => {
    assert.deepEqual(explainDelay(headers(onTime), { classify, isOwnHost, incidents: [incident({})], asOf }).verdict, { kind: 'no-delay', totalSeconds: 6 });
  });
});

describe('wordVerdict', () => {
  const wording = (locale: 'de' | 'en') => ({ text: (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params), duration: (s: number) => formatWait(s, locale), time: (ms: number) => new Date(ms).toISOString() });

  test('names the sender and places the incident where the sentence says', () => {
    const e = explainDelay(headers(heldAtOutlook), { classify, isOwnHost, incidents: [incident({})], asOf });
    const en = wordVerdict(e, wording('en'));
    assert.deepEqual(en.sentence.slice(0, 1), ['This email waited 6 hr 45 min at Outlook.com before reaching us — see ']);
    assert.deepEqual(en.sentence[1], { incident: incident({}) });
    assert.equal(en.askSupport, false);
    const de = wordVerdict(e, wording('de'));
    assert.equal(de.sentence[0], 'Diese E-Mail hat 6 Std., 45 Min. bei Outlook.com gewartet, bevor sie uns erreichte – siehe ');
  });

  test('asks to write to support when nothing explains a notable delay', () => {
    const e = explainDelay(headers(heldAtOutlook, 'mail.example.org [198.51.100.7]'), { classify, isOwnHost, incidents: [], asOf });
    const en = wordVerdict(e, wording('en'));
    assert.deepEqual(en, { sentence: ['This email waited 6 hr 45 min at the sending server before reaching us. No incident we know of explains it.'], askSupport: true });
  });
});

describe('a mail after the last log line', () => {
  const early = Date.parse('2026-03-23T12:00:00Z');

  test('no incident is ruled out: the verdict says how far the data reaches', () => {
    const e = explainDelay(headers(heldAtOutlook, 'mail.example.org [198.51.100.7]'), { classify, isOwnHost, incidents: [], asOf: early });
    assert.equal(e.dataUntil, early);
    const en = wordVerdict(e, { text: (key, params) => translate('en', key, params), duration: (s) => formatWait(s, 'en'), time: (ms) => new Date(ms).toISOString() });
    assert.equal(en.sentence.at(-1), 'Our data reaches only until 2026-03-23T12:00:00.000Z; whether an incident held this email up, we cannot say yet.');
  });

  test('a mail within the data gets no such sentence', () => {
    assert.equal(explainDelay(headers(heldAtOutlook), { classify, isOwnHost, incidents: [], asOf }).dataUntil, null);
  });
});

describe('formatWait', () => {
  test('hours and minutes, minutes and seconds under ten minutes, seconds alone', () => {
    assert.equal(formatWait(24_081, 'en'), '6 hr 41 min');
    assert.equal(formatWait(7200, 'en'), '2 hr');
    assert.equal(formatWait(125, 'en'), '2 min 5 sec');
    assert.equal(formatWait(725, 'en'), '12 min');
    assert.equal(formatWait(4, 'de'), '4 Sek.');
    assert.equal(formatWait(-90, 'en'), '−1 min 30 sec');
  });
});

describe('wrong clocks and spliced headers (issue 18)', () => {
  const explain = (times: typeof onTime, incidents: readonly IncidentWindow[] = []) => explainDelay(headers(times), { classify, isOwnHost, incidents, asOf });

  test('a clock behind on our side: no catch-up is charged to our systems, the total is what is certain', () => {
    // Our mx1's clock an hour behind: the hand-off looks an hour early, the hop after it an hour late.
    const e = explain({ ...onTime, handOff: 'Mon, 23 Mar 2026 09:00:05 +0000', store: 'Mon, 23 Mar 2026 10:06:38 +0000' });
    assert.equal(e.split?.ours, null);
    assert.equal(e.split?.handOff, null);
    assert.deepEqual(e.verdict, { kind: 'no-delay', totalSeconds: 398 });
  });

  test('when the clocks disagree and the whole journey is long, the verdict says so, with the total', () => {
    const e = explain({ ...onTime, handOff: 'Mon, 23 Mar 2026 09:00:05 +0000', store: 'Mon, 23 Mar 2026 12:00:00 +0000' });
    assert.deepEqual(e.verdict, { kind: 'clocks-disagree', totalSeconds: 7_200 });
    const words = wordVerdict(e, { text: (k, p) => translate('en', k, p), duration: (s) => formatWait(s, 'en'), time: String }).sentence.join('');
    assert.match(words, /^The servers' clocks in these headers disagree, .*What is certain: 2 hr passed from the date of the email to the last hop\.$/);
  });

  test('hops years apart are headers spliced together: no delay, no incident', () => {
    const e = explain({ ...heldAtOutlook, internal: 'Sun, 22 Apr 2018 10:00:02 +0000' }, [incident({})]);
    assert.deepEqual(e.verdict, { kind: 'inconsistent' });
    assert.equal(e.split, null);
  });

  test('property: no segment and no verdict figure is negative or longer than the whole journey', () => {
    const base = Date.parse('2026-03-23T10:00:00Z');
    const stamp = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -7_200, max: 30_000 }), { minLength: 3, maxLength: 3 }), fc.boolean(), (steps, withIncident) => {
        const times = [base];
        for (const step of steps) times.push(times.at(-1)! + step * 1000);
        const e = explain({ date: stamp(times[0]!), internal: stamp(times[1]!), handOff: stamp(times[2]!), store: stamp(times[3]!) }, withIncident ? [incident({ startedAt: '2026-03-23T00:00:00Z', endedAt: '2026-03-24T00:00:00Z' })] : []);
        const total = headers({ date: stamp(times[0]!), internal: stamp(times[1]!), handOff: stamp(times[2]!), store: stamp(times[3]!) }).totalSeconds;
        const within = (s: number | null | undefined) => s === null || s === undefined || (s >= 0 && (total === null || s <= Math.max(0, total)));
        for (const s of Object.values(e.split ?? {})) assert.ok(within(s), `segment ${s} of ${total}`);
        const v = e.verdict as { waitedSeconds?: number | null; seconds?: number };
        assert.ok(within(v.waitedSeconds) && within(v.seconds), JSON.stringify(e.verdict));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the sender is who the receiving server saw, never the HELO (issue 18)', () => {
  const YAHOO = { id: 'yahoo', name: 'Yahoo / AOL', known: true };
  const byName: ExplainOptions['classify'] = ({ name, ip }) => (name.endsWith('.yahoo.com') || name === 'yahoo.com' ? YAHOO : classify({ name, ip }));
  const forged = (from: string) =>
    analyseHeaders(
      [
        `Received: from ${from} by mx1.example.net (Postfix) with ESMTP id A; Mon, 23 Mar 2026 16:45:02 +0000`,
        'Date: Mon, 22 Mar 2026 18:00:00 +0000',
        '',
      ].join('\n'),
    ) as HeadersAnalysed;

  test('a forged HELO (yahoo.com from a dial-up line) names no organisation and matches no incident', () => {
    const e = explainDelay(forged('yahoo.com (PPPa33-ResaleLosAngelesMetroB2-2R7452.dialinx.net [4.48.136.190])'), { classify: byName, isOwnHost, incidents: [], asOf });
    assert.equal(e.handOff?.sender, null);
    assert.notEqual(e.verdict.kind, 'incident');
  });

  test("the receiving server's looked-up name does name the organisation", () => {
    const e = explainDelay(forged('mta.example (sonic301-1.consmr.mail.ir2.yahoo.com [87.248.110.32])'), { classify: byName, isOwnHost, incidents: [], asOf });
    assert.equal(e.handOff?.sender?.id, 'yahoo');
  });
});
