import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectionSchema, type DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import { BUCKET_MS, HOUR_MS, type SenderSeries } from '../series/sender-series.ts';
import { DAY, message, microsoft, MIN, other, perBucket, seriesOf, T0 } from '../series/series-fixture.ts';
import { buildTimeline } from './build-timeline.ts';
import { detectSenderIncidents } from './detect-sender-incidents.ts';
import type { Incident } from './incident.ts';

/**
 * Step 2 of detection on one sender's in-memory series, with the default settings: a window of
 * 30 minutes (6 buckets) qualifies with at least 10 failures at a ratio of at least 0.25; an
 * incident closes after 60 quiet minutes; waves less than 12 hours apart are one.
 */
const defaults = detectionSchema.parse({});
const B = BUCKET_MS;
const iso = (ms: number) => new Date(ms).toISOString();

interface Case {
  readonly fill: (series: SenderSeries) => void;
  readonly settings?: Partial<DetectionSettings>;
  readonly endOfLogs?: number;
  /** Our own incidents, whose failures are no sender's. */
  readonly ours?: readonly Pick<Incident, 'startedAt' | 'endedAt'>[];
  readonly sender?: Sender;
}

function detect({ fill, settings = {}, endOfLogs = T0 + DAY, ours = [], sender = microsoft }: Case): Incident[] {
  const timeline = buildTimeline([seriesOf(sender, fill)], endOfLogs);
  assert.ok(timeline);
  const ourIncidents = ours.map((span) => ({ sender: { ...sender, id: 'ours' }, kind: 'tls-failure' as const, attribution: 'ours' as const, ongoing: false, ...span }));
  return detectSenderIncidents(timeline, { ...defaults, ...settings }, ourIncidents);
}

/** Start and end of each incident found, in ISO time. */
function spans(found: readonly Incident[]): [string, string][] {
  return found.map((incident) => [iso(incident.startedAt), iso(incident.endedAt)]);
}

/** A burst in one bucket from `at`: `failures` failed connections of `connections`, a second apart. */
const burst = (at: number, failures: number, connections = failures) => (series: SenderSeries) => perBucket(series, at, 1, { connections, failures });
const both =
  (...fills: ((series: SenderSeries) => void)[]) =>
  (series: SenderSeries) =>
    fills.forEach((fill) => fill(series));

type Row = readonly [what: string, row: Case, expected: [string, string][]];

function table(rows: readonly Row[]): void {
  for (const [what, row, expected] of rows) test(what, () => assert.deepEqual(spans(detect(row)), expected));
}

describe('detectSenderIncidents', () => {
  describe('thresholds of a window', () => {
    table([
      ['10 failures of 40 connections: both thresholds just met', { fill: burst(T0, 10, 40) }, [[iso(T0), iso(T0 + 9_000)]]],
      ['9 failures of 36 connections: one failure too few', { fill: burst(T0, 9, 36) }, []],
      ['10 failures of 41 connections: a ratio just under 0.25', { fill: burst(T0, 10, 41) }, []],
      ['5 + 5 failures 25 minutes apart: one window holds both', { fill: both(burst(T0, 5), burst(T0 + 5 * B, 5)) }, [[iso(T0), iso(T0 + 5 * B + 4_000)]]],
      ['5 + 5 failures 30 minutes apart: no window holds both', { fill: both(burst(T0, 5), burst(T0 + 6 * B, 5)) }, []],
      ['a window of 5 minutes: the same failures must fall into one bucket', { fill: both(burst(T0, 5), burst(T0 + B, 5)), settings: { windowMinutes: 5 } }, []],
      ['minFailures 3: three failures are enough', { fill: burst(T0, 3, 12), settings: { minFailures: 3 } }, [[iso(T0), iso(T0 + 2_000)]]],
    ]);
  });

  describe('start and end', () => {
    table([
      [
        'from the first failure to the last, not to the end of the window or the next success',
        { fill: both((s) => perBucket(s, T0 + 30_000, 3, { connections: 10, failures: 5 }), (s) => perBucket(s, T0 + 3 * B, 6, { connections: 10 })) },
        [[iso(T0 + 30_000), iso(T0 + 2 * B + 34_000)]],
      ],
      [
        'a slow start: every bucket before the window whose failures stand out belongs to the wave, from the first',
        { fill: both((s) => perBucket(s, T0, 20, { connections: 1, failures: 1 }), (s) => perBucket(s, T0 + 20 * B, 6, { connections: 2, failures: 2 })) },
        [[iso(T0), iso(T0 + 25 * B + 1_000)]],
      ],
      [
        'buckets without any connection say nothing either way: the start reaches over them',
        { fill: both((s) => perBucket(s, T0, 8, { connections: 1, failures: 1 }), (s) => perBucket(s, T0 + 17 * B, 2, { connections: 5, failures: 5 })) },
        [[iso(T0), iso(T0 + 18 * B + 4_000)]],
      ],
      [
        'buckets whose connections went well in between stop it',
        { fill: both((s) => perBucket(s, T0, 8, { connections: 1, failures: 1 }), (s) => perBucket(s, T0 + 8 * B, 9, { connections: 2 }), (s) => perBucket(s, T0 + 17 * B, 2, { connections: 5, failures: 5 })) },
        [[iso(T0 + 17 * B), iso(T0 + 18 * B + 4_000)]],
      ],
      // The first qualifying window (10 failures) begins two buckets before the burst.
      [
        'the start reaches back six hours at most, from the first qualifying window',
        { fill: both((s) => perBucket(s, T0, 8 * 12, { connections: 1, failures: 1 }), (s) => perBucket(s, T0 + 8 * HOUR_MS, 6, { connections: 2, failures: 2 })) },
        [[iso(T0 + 2 * HOUR_MS - 2 * B), iso(T0 + 8 * HOUR_MS + 5 * B + 1_000)]],
      ],
      [
        'a weaker end, still standing out, belongs to the wave too (a partial outage fading out)',
        { fill: both((s) => perBucket(s, T0, 12, { connections: 10 }), (s) => perBucket(s, T0 + HOUR_MS, 6, { connections: 10, failures: 8 }), (s) => perBucket(s, T0 + HOUR_MS + 6 * B, 6, { connections: 10, failures: 2 }), (s) => perBucket(s, T0 + HOUR_MS + 12 * B, 12, { connections: 10 })) },
        [[iso(T0 + HOUR_MS), iso(T0 + HOUR_MS + 11 * B + 1_000)]],
      ],
    ]);
  });

  describe('bounds that mean what they say: a background failure after the end moves nothing', () => {
    // 20 connections a bucket for four hours, all failing for 30 minutes from T0 + 1 h (the last
    // failure at T0 + 1 h + 5 B + 19 s), one ordinary failure among 20 connections `after` later.
    const end = T0 + HOUR_MS + 5 * B + 19_000;
    const withStray = (after: number) =>
      both(
        (s) => perBucket(s, T0, 12, { connections: 20 }),
        (s) => perBucket(s, T0 + HOUR_MS, 6, { connections: 20, failures: 20 }),
        (s) => perBucket(s, T0 + HOUR_MS + 6 * B, 30, { connections: 20 }),
        (s) => perBucket(s, end - 19_000 + after, 1, { connections: 1, failures: 1 }),
      );
    for (const minutes of [5, 15, 40]) {
      table([[`a stray failure ${minutes} minutes after the end`, { fill: withStray(minutes * 60_000) }, [[iso(T0 + HOUR_MS), iso(end)]]]]);
    }
    table([
      [
        'a stray failure 10 minutes before the start',
        { fill: both(withStray(40 * 60_000), (s) => perBucket(s, T0 + HOUR_MS - 2 * B, 1, { connections: 1, failures: 1 })) },
        [[iso(T0 + HOUR_MS), iso(end)]],
      ],
      [
        'a slow sender\'s last bucket of the wave, 1 failure of 1 connection, still belongs',
        { fill: both((s) => perBucket(s, T0, 12, { connections: 2 }), (s) => perBucket(s, T0 + HOUR_MS, 12, { connections: 2, failures: 2 }), (s) => perBucket(s, T0 + HOUR_MS + 12 * B, 1, { connections: 1, failures: 1 }), (s) => perBucket(s, T0 + HOUR_MS + 13 * B, 12, { connections: 2 })) },
        [[iso(T0 + HOUR_MS), iso(T0 + HOUR_MS + 12 * B)]],
      ],
    ]);
  });

  describe('the quiet period closes an incident (merge gap 0)', () => {
    // The first burst's windows qualify until 30 minutes after it: the quiet hour runs from there.
    const noMerge = { mergeGapHours: 0 };
    table([
      ['a second burst 85 minutes after the first: still the same incident', { fill: both(burst(T0, 10), burst(T0 + 85 * MIN, 10)), settings: noMerge }, [[iso(T0), iso(T0 + 85 * MIN + 9_000)]]],
      ['a second burst 90 minutes after: a quiet hour has passed, a new incident', { fill: both(burst(T0, 10), burst(T0 + 90 * MIN, 10)), settings: noMerge }, [[iso(T0), iso(T0 + 9_000)], [iso(T0 + 90 * MIN), iso(T0 + 90 * MIN + 9_000)]]],
      ['quietMinutes 120: 90 minutes after is still the same incident', { fill: both(burst(T0, 10), burst(T0 + 90 * MIN, 10)), settings: { ...noMerge, quietMinutes: 120 } }, [[iso(T0), iso(T0 + 90 * MIN + 9_000)]]],
    ]);
  });

  describe('the merge gap joins waves of one sender', () => {
    // The first wave's last failure is at T0 + 9 s.
    const gapEnd = T0 + 9_000 + 12 * HOUR_MS;
    table([
      ['a wave starting 1 second less than 12 hours after the last ended: one incident', { fill: both(burst(T0, 10), burst(gapEnd - 1_000, 10)) }, [[iso(T0), iso(gapEnd + 8_000)]]],
      ['a wave starting exactly 12 hours after: two incidents', { fill: both(burst(T0, 10), burst(gapEnd, 10)) }, [[iso(T0), iso(T0 + 9_000)], [iso(gapEnd), iso(gapEnd + 9_000)]]],
      ['mergeGapHours 0 keeps waves apart once the quiet hour has passed', { fill: both(burst(T0, 10), burst(T0 + 2 * HOUR_MS, 10)), settings: { mergeGapHours: 0 } }, [[iso(T0), iso(T0 + 9_000)], [iso(T0 + 2 * HOUR_MS), iso(T0 + 2 * HOUR_MS + 9_000)]]],
    ]);
  });

  describe('ongoing at the end of the logs', () => {
    // The last window holding the burst ends 30 minutes after it; ongoing for the quiet hour after that.
    type OngoingRow = readonly [what: string, endOfLogs: number, ongoing: boolean];
    const rows: readonly OngoingRow[] = [
      ['the logs end right after the burst', T0 + 10 * MIN, true],
      ['the logs end 1 ms before the quiet hour after the last qualifying window is over', T0 + 90 * MIN - 1, true],
      ['the logs end as the quiet hour is over', T0 + 90 * MIN, false],
    ];
    for (const [what, endOfLogs, ongoing] of rows) {
      test(what, () => {
        const [incident] = detect({ fill: burst(T0, 10), endOfLogs });
        assert.equal(incident!.ongoing, ongoing);
        assert.equal(incident!.endedAt, T0 + 9_000, 'the end is the last failure so far');
      });
    }
  });

  describe('our incidents take their failures away from the sender', () => {
    // Our incident covers the bucket of T0 + 40 min; its failures are ours from the bucket before
    // its start through a window (6 buckets) after its end: 35 to 75 minutes.
    const ours = [{ startedAt: T0 + 40 * MIN, endedAt: T0 + 44 * MIN }];
    table([
      ['a burst during our incident is ours', { fill: burst(T0 + 40 * MIN, 20), ours }, []],
      ['a burst in the bucket before our incident\'s start is ours', { fill: burst(T0 + 35 * MIN, 20), ours }, []],
      ['a burst a window after our incident\'s end is ours', { fill: burst(T0 + 70 * MIN, 20), ours }, []],
      ['a burst a bucket later is the sender\'s again', { fill: burst(T0 + 75 * MIN, 20), ours }, [[iso(T0 + 75 * MIN), iso(T0 + 75 * MIN + 19_000)]]],
      ['a burst two buckets before our incident is the sender\'s', { fill: burst(T0 + 30 * MIN, 20), ours }, [[iso(T0 + 30 * MIN), iso(T0 + 30 * MIN + 19_000)]]],
      ['failures just outside our incident do not add up with those inside it', { fill: both(burst(T0 + 25 * MIN, 6), burst(T0 + 40 * MIN, 20)), ours }, []],
    ]);
  });

  describe('the kind is that of most failures', () => {
    type KindRow = readonly [what: string, fill: (series: SenderSeries) => void, kind: Incident['kind']];
    const rows: readonly KindRow[] = [
      ['TLS handshakes failing: a TLS failure', (s) => perBucket(s, T0, 1, { connections: 12, failures: 12, kind: 'tls' }), 'tls-failure'],
      ['connections lost: a connection loss', (s) => perBucket(s, T0, 1, { connections: 12, failures: 12, kind: 'lost' }), 'connection-loss'],
      ['sessions timing out: a timeout', (s) => perBucket(s, T0, 1, { connections: 12, failures: 12, kind: 'timeout' }), 'timeout'],
      ['as many lost as TLS failures: a TLS failure', both((s) => perBucket(s, T0, 1, { connections: 6, failures: 6, kind: 'lost' }), (s) => perBucket(s, T0 + 10_000, 1, { connections: 6, failures: 6, kind: 'tls' })), 'tls-failure'],
      ['as many timeouts as connections lost: a connection loss', both((s) => perBucket(s, T0, 1, { connections: 6, failures: 6, kind: 'timeout' }), (s) => perBucket(s, T0 + 10_000, 1, { connections: 6, failures: 6, kind: 'lost' })), 'connection-loss'],
    ];
    for (const [what, fill, kind] of rows) {
      test(what, () => assert.deepEqual(detect({ fill }).map((i) => i.kind), [kind]));
    }
  });

  test('the incident is the sender\'s, attributed to it', () => {
    const [incident] = detect({ fill: burst(T0, 10), endOfLogs: T0 + DAY });
    assert.deepEqual(incident, { sender: microsoft, kind: 'tls-failure', attribution: 'sender', ongoing: false, startedAt: T0, endedAt: T0 + 9_000 });
  });

  describe('edge cases', () => {
    test('senders outside the catalog get no incident of their own', () => {
      assert.deepEqual(detect({ fill: burst(T0, 50), sender: other }), []);
    });

    test('steady traffic without failures is no incident', () => {
      assert.deepEqual(detect({ fill: (s) => perBucket(s, T0, 288, { connections: 20 }) }), []);
    });

    test('mail accepted without a session is no incident', () => {
      assert.deepEqual(detect({ fill: (s) => s.addMessage(message(T0, 1)) }), []);
    });

    test('every connection failing for a day is one incident', () => {
      assert.deepEqual(spans(detect({ fill: (s) => perBucket(s, T0, 288, { connections: 3, failures: 3 }), endOfLogs: T0 + 2 * DAY })), [[iso(T0), iso(T0 + 287 * B + 2_000)]]);
    });
  });

  describe('invalid input', () => {
    test('our incidents outside the timeline take nothing away', () => {
      const ours = [{ startedAt: T0 - 2 * DAY, endedAt: T0 - DAY }];
      assert.deepEqual(spans(detect({ fill: burst(T0, 10), ours })), [[iso(T0), iso(T0 + 9_000)]]);
    });

    test('an incident of ours that ends before it starts takes nothing away', () => {
      const ours = [{ startedAt: T0 + B, endedAt: T0 - DAY }];
      assert.deepEqual(spans(detect({ fill: burst(T0, 10), ours })), [[iso(T0), iso(T0 + 9_000)]]);
    });
  });
});
