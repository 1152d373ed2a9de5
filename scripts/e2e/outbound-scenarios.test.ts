/**
 * Generated outbound relay logs whose truth is known (issue 19), read as a run reads them: every
 * attempt reaches its receiver's series with the class the receiver's words give, the recipient
 * problems stay apart from the receiver's, and a run cut in two gives what one run gives.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectionSchema } from '../../src/core/schemas/site-config.ts';
import { detectOutboundIncidents } from '../mxstatus/outbound/detect-outbound-incidents.ts';
import { RECEIVER_CLASSES } from '../mxstatus/outbound/problem-class.ts';
import { summarizeOutboundIncident } from '../mxstatus/outbound/summarize-outbound-incident.ts';
import { ReceiverSeries } from '../mxstatus/outbound/receiver-series.ts';
import { delayBin } from '../mxstatus/series/sender-series.ts';
import { generateOutboundLog, type OutboundScenario, type TruthAttempt } from './outbound-scenario-log.ts';
import { readOutbound } from './read-outbound.ts';
import { wallToUtc } from './scenario-log.ts';

const ZONE = 'Europe/Berlin';

/** Per receiver: attempts by status and class, as the series count them and as the truth has them. */
function tally(series: Map<string, ReceiverSeries>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [id, s] of series) {
    const t: Record<string, number> = {};
    for (const start of s.bucketStarts()) {
      const b = s.bucket(start)!;
      for (const [key, n] of [['sent', b.sent], ['deferred', b.deferred], ['bounced', b.bounced], ['expired', b.expired], ...Object.entries(b.byClass)] as const) if (n > 0) t[key] = (t[key] ?? 0) + n;
    }
    out[id] = t;
  }
  return out;
}

function truthTally(attempts: readonly TruthAttempt[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const a of attempts) {
    const t = (out[a.receiver] ??= {});
    t[a.status] = (t[a.status] ?? 0) + 1;
    if (a.problemClass) t[a.problemClass] = (t[a.problemClass] ?? 0) + 1;
  }
  return out;
}

const sorted = (t: Record<string, Record<string, number>>) => Object.fromEntries(Object.entries(t).sort(([a], [b]) => a.localeCompare(b)).map(([id, counts]) => [id, Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)))]));

const DAY: OutboundScenario = {
  seed: 1901,
  timeZone: ZONE,
  from: '2026-03-23 06:00',
  to: '2026-03-23 22:00',
  receivers: [
    { id: 'microsoft', perHour: 60 },
    { id: 'google', perHour: 50 },
    { id: 'yahoo', perHour: 20 },
    { id: 't-online', perHour: 30 },
    { id: 'other', perHour: 40 },
  ],
  episodes: [
    { receiver: 'microsoft', from: '2026-03-23 09:00', to: '2026-03-23 12:30', kind: 'rate-limit', share: 0.8 },
    { receiver: 'google', from: '2026-03-23 14:00', to: '2026-03-23 15:00', kind: 'temporary', share: 0.5 },
    { receiver: 't-online', from: '2026-03-23 16:00', to: '2026-03-23 18:00', kind: 'reputation', share: 1 },
    { receiver: 'yahoo', from: '2026-03-23 10:00', to: '2026-03-23 11:00', kind: 'unreachable', share: 1 },
  ],
  recipientProblems: { unknownUser: 0.02, mailboxFull: 0.01, greylisted: 0.05 },
};

describe('outbound scenarios: a day of a relay, four receivers in trouble and recipient problems around them', () => {
  const log = generateOutboundLog(DAY);

  test('every attempt counts for its receiver with the class of the receiver\'s words', () => {
    assert.ok(log.attempts.length > 2000, `${log.attempts.length} attempts`);
    assert.deepEqual(sorted(tally(readOutbound(log))), sorted(truthTally(log.attempts)));
  });

  test('recipient problems and greylisting never count as the receiver\'s; the episodes do', () => {
    const series = readOutbound(log);
    const receiverProblems = (id: string) => series.get(id)!.bucketStarts().reduce((n, start) => n + series.get(id)!.bucket(start)!.receiverProblems, 0);
    const truth = (id: string) => log.attempts.filter((a) => a.receiver === id && a.problemClass && RECEIVER_CLASSES.has(a.problemClass)).length;
    for (const id of ['microsoft', 'google', 'yahoo', 't-online', 'other']) assert.equal(receiverProblems(id), truth(id), id);
    assert.equal(truth('other'), 0);
    assert.ok(log.attempts.some((a) => a.receiver === 'other' && (a.problemClass === 'greylisted' || a.problemClass === 'recipient')));
  });

  test('the delay of every message sent, from its arrival, in the hour it went', () => {
    const series = readOutbound(log).get('microsoft')!;
    const hours = new Map<number, Map<number, number>>();
    for (const a of log.attempts) {
      if (a.receiver !== 'microsoft' || a.status !== 'sent') continue;
      const hour = Math.floor(a.at / 3_600_000);
      const bins = hours.get(hour) ?? new Map<number, number>();
      bins.set(delayBin(a.delaySeconds!), (bins.get(delayBin(a.delaySeconds!)) ?? 0) + 1);
      hours.set(hour, bins);
    }
    for (const [hour, bins] of hours) assert.deepEqual(series.delays(hour, hour), bins, `hour ${hour}`);
    // The throttled mail waited: some for more than an hour.
    assert.ok(log.attempts.some((a) => a.receiver === 'microsoft' && a.status === 'sent' && a.delaySeconds! > 3600));
  });

  test('a run cut in two, anywhere, counts what one run counts', () => {
    const whole = JSON.stringify([...readOutbound(log)].sort(([a], [b]) => a.localeCompare(b)).map(([id, s]) => [id, s.save()]));
    const lines = log.text.split('\n').length;
    for (const cut of [1, Math.floor(lines / 3), Math.floor(lines / 2), lines - 5]) {
      assert.equal(JSON.stringify([...readOutbound(log, { cut })].sort(([a], [b]) => a.localeCompare(b)).map(([id, s]) => [id, s.save()])), whole, `cut at line ${cut}`);
    }
  });
});

describe('outbound incidents of the day: one per receiver in trouble, with its class and true bounds, none of the recipient problems', () => {
  const log = generateOutboundLog(DAY);
  const settings = detectionSchema.parse({});
  const series = readOutbound(log);
  const incidents = detectOutboundIncidents([...series.values()], settings, log.mtimeMs, 'Example Mail');
  const at = (wall: string) => wallToUtc(ZONE, wall);

  test('four incidents, each of its receiver and class', () => {
    assert.deepEqual(
      incidents.map((i) => [i.receiver.id, i.problemClass, i.ongoing]),
      [
        ['microsoft', 'rate-limit', false],
        ['yahoo', 'unreachable', false],
        ['google', 'temporary', false],
        ['t-online', 'reputation', false],
      ],
    );
  });

  test('each from its first problem to its last', () => {
    for (const incident of incidents) {
      const problems = log.attempts.filter((a) => a.receiver === incident.receiver.id && a.problemClass && RECEIVER_CLASSES.has(a.problemClass)).map((a) => a.at);
      assert.ok(Math.abs(incident.startedAt - problems[0]!) <= 1000, `${incident.receiver.id} start ${new Date(incident.startedAt).toISOString()} vs ${new Date(problems[0]!).toISOString()}`);
      assert.ok(Math.abs(incident.endedAt - problems.at(-1)!) <= 1000, `${incident.receiver.id} end ${new Date(incident.endedAt).toISOString()} vs ${new Date(problems.at(-1)!).toISOString()}`);
    }
    // Microsoft throttled from 09:00 to 12:30; what it deferred then went out after, without a problem.
    const microsoft = incidents[0]!;
    assert.ok(microsoft.startedAt >= at('2026-03-23 09:00') && microsoft.endedAt < at('2026-03-23 12:30'));
  });

  test('what each will say: the receiver\'s words, mail lost apart from mail delayed, the delay of what it held up, the recovery', () => {
    const summary = (id: string) => summarizeOutboundIncident(series.get(id)!, incidents.find((i) => i.receiver.id === id)!);
    const microsoft = summary('microsoft');
    assert.deepEqual(Object.keys(microsoft.byClass), ['rate-limit']);
    assert.equal(microsoft.lost, 0);
    assert.deepEqual(microsoft.replies.map((r) => [r.problemClass, r.code, r.enhanced]), [['rate-limit', 451, '4.7.650']]);
    assert.match(microsoft.replies[0]!.text, /^The mail server \[IP\] has been temporarily rate limited .*\(S775\)/);
    assert.ok(microsoft.delay && microsoft.delay.p95Seconds > 1800 && microsoft.delay.maxSeconds > 3 * 3600, JSON.stringify(microsoft.delay));
    assert.deepEqual(microsoft.recovery && [microsoft.recovery.tls, microsoft.recovery.at > incidents[0]!.endedAt - 300_000], [true, true]);
    // T-Online refused for good: every refused message is lost, and said so apart.
    const tOnline = summary('t-online');
    const refused = log.attempts.filter((a) => a.receiver === 't-online' && a.status === 'bounced' && a.problemClass === 'reputation').length;
    assert.equal(tOnline.lost, refused);
    assert.match(tOnline.replies[0]!.text, /\(BL\)$/);
    assert.doesNotMatch(JSON.stringify([...series.values()].map((s) => s.save())), /@|203\.0\.113\.5/);
  });

  test('recipient problems alone, however many, open nothing', () => {
    const quiet = generateOutboundLog({ ...DAY, seed: 1903, episodes: [], recipientProblems: { unknownUser: 0.1, mailboxFull: 0.1, greylisted: 0.3 } });
    assert.deepEqual(detectOutboundIncidents([...readOutbound(quiet).values()], settings, quiet.mtimeMs, 'Example Mail'), []);
  });
});

describe('outbound scenarios: our own fault', () => {
  const settings = detectionSchema.parse({});
  const at = (wall: string) => wallToUtc(ZONE, wall);
  // Our relay's address lands on a blocklist everyone uses: Microsoft, Google, T-Online and the
  // small domains refuse us for an hour; then Microsoft alone throttles us later in the day.
  const log = generateOutboundLog({
    ...DAY,
    seed: 1904,
    episodes: [
      ...(['microsoft', 'google', 't-online', 'other'] as const).map((receiver) => ({ receiver, from: '2026-03-23 10:00', to: '2026-03-23 11:00', kind: 'reputation' as const, share: 0.9 })),
      { receiver: 'microsoft', from: '2026-03-23 16:00', to: '2026-03-23 18:00', kind: 'rate-limit', share: 0.8 },
    ],
  });
  const series = readOutbound(log);
  const incidents = detectOutboundIncidents([...series.values()], settings, log.mtimeMs, 'Example Mail');

  test('refused by several receivers at once: one incident of ours naming them, and no receiver blamed for that hour', () => {
    assert.deepEqual(
      incidents.map((i) => [i.receiver.id, i.attribution, i.problemClass]),
      [
        ['ours', 'ours', 'reputation'],
        ['microsoft', 'receiver', 'rate-limit'],
      ],
    );
    const [ours, microsoft] = incidents;
    assert.deepEqual(ours!.receivers.map((r) => r.id), ['google', 'microsoft', 't-online']);
    assert.ok(Math.abs(ours!.startedAt - at('2026-03-23 10:00')) < 5 * 60_000 && Math.abs(ours!.endedAt - at('2026-03-23 11:00')) < 5 * 60_000, `${new Date(ours!.startedAt).toISOString()} – ${new Date(ours!.endedAt).toISOString()}`);
    assert.ok(microsoft!.startedAt >= at('2026-03-23 16:00'));
    // What ours says draws on every receiver: mail refused for good is lost.
    const summary = summarizeOutboundIncident([...series.values()], ours!);
    assert.ok(summary.lost > 0 && summary.lost <= summary.bounced + summary.deferred, JSON.stringify(summary));
  });

  test('two receivers in trouble at once are theirs, never ours', () => {
    const two = generateOutboundLog({
      ...DAY,
      seed: 1905,
      episodes: (['microsoft', 'google'] as const).map((receiver) => ({ receiver, from: '2026-03-23 10:00', to: '2026-03-23 12:00', kind: 'rate-limit' as const, share: 0.9 })),
    });
    const found = detectOutboundIncidents([...readOutbound(two).values()], settings, two.mtimeMs, 'Example Mail');
    assert.deepEqual(found.map((i) => [i.receiver.id, i.attribution]).sort(), [['google', 'receiver'], ['microsoft', 'receiver']]);
  });
});

describe('outbound scenarios: mail that never goes', () => {
  test('a receiver unreachable for six days: its mail expires, and counts as expired for it', () => {
    const log = generateOutboundLog({
      seed: 1902,
      timeZone: ZONE,
      from: '2026-03-16 08:00',
      to: '2026-03-16 09:00',
      receivers: [{ id: 't-online', perHour: 20 }],
      episodes: [{ receiver: 't-online', from: '2026-03-16 08:00', to: '2026-03-23 00:00', kind: 'unreachable', share: 1 }],
    });
    const expired = log.attempts.filter((a) => a.status === 'expired').length;
    assert.ok(expired > 5, `${expired} expired`);
    assert.equal(tally(readOutbound(log))['t-online']!.expired, expired);
  });
});
