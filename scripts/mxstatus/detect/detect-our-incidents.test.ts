import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectionSchema, type DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import { BUCKET_MS, HOUR_MS, type SenderSeries } from '../series/sender-series.ts';
import { MxCounts } from '../series/mx-counts.ts';
import { apple, DAY, google, microsoft, other, perBucket, seriesOf, session, T0, yahoo } from '../series/series-fixture.ts';
import { buildTimeline } from './build-timeline.ts';
import { detectOurIncidents } from './detect-our-incidents.ts';
import type { Incident } from './incident.ts';

/**
 * Step 1 of detection on in-memory series of several senders, with the default settings: our
 * fault when at least 3 senders qualify at once, or at least 2 that carry half of all traffic.
 * Each sender sends steadily for three hours from T0; a failing one fails every connection for
 * two buckets (10 minutes) from `failAt`: its windows then qualify.
 */
const defaults = detectionSchema.parse({});
const B = BUCKET_MS;
const iso = (ms: number) => new Date(ms).toISOString();
const FAIL_AT = T0 + HOUR_MS;

/** A sender with `connections` per bucket for three hours, failing for ten minutes from `failAt` (null: never). */
interface Lane {
  readonly sender: Sender;
  readonly connections: number;
  readonly failAt?: number | null;
  readonly kind?: 'tls' | 'lost' | 'timeout';
}

function laneSeries({ sender, connections, failAt = null, kind = 'tls' }: Lane): SenderSeries {
  return seriesOf(sender, (series) => {
    for (let at = T0; at < T0 + 3 * HOUR_MS; at += B) {
      const failing = failAt !== null && at >= failAt && at < failAt + 2 * B;
      perBucket(series, at, 1, { connections, failures: failing ? connections : 0, kind });
    }
  });
}

function detect(lanes: readonly Lane[], settings: Partial<DetectionSettings> = {}, endOfLogs = T0 + DAY): Incident[] {
  const timeline = buildTimeline(lanes.map(laneSeries), endOfLogs);
  assert.ok(timeline);
  return detectOurIncidents(timeline, { ...defaults, ...settings }, 'Example Mail');
}

const failing = (sender: Sender, connections = 10, failAt: number | null = FAIL_AT): Lane => ({ sender, connections, failAt });
const steady = (sender: Sender, connections = 10): Lane => ({ sender, connections });

describe('detectOurIncidents', () => {
  describe('how many senders fail at once', () => {
    type Row = readonly [what: string, lanes: readonly Lane[], settings: Partial<DetectionSettings>, ours: boolean];
    const rows: readonly Row[] = [
      ['three of four senders failing together, with less than half of the traffic: ours (minSenders just met)', [failing(microsoft), failing(google), failing(yahoo), steady(apple, 40)], {}, true],
      ['two of four small senders failing together: not ours (minSenders just missed, a quarter of the traffic)', [failing(microsoft), failing(google), steady(yahoo, 30), steady(apple, 30)], {}, false],
      ['two senders carrying most of the traffic: ours', [failing(microsoft, 30), failing(google, 30), steady(yahoo), steady(apple)], {}, true],
      ['two senders carrying exactly half of the traffic: ours', [failing(microsoft, 20), failing(google, 20), steady(yahoo, 20), steady(apple, 20)], {}, true],
      ['two senders carrying just under half of the traffic: not ours', [failing(microsoft, 20), failing(google, 19), steady(yahoo, 20), steady(apple, 20)], {}, false],
      ['one sender alone, though it is all of the traffic: never ours', [failing(microsoft, 50)], {}, false],
      ['one sender carrying nearly all of the traffic: not ours', [failing(microsoft, 50), steady(google, 1)], {}, false],
      ['senders outside the catalog count as one of the senders', [failing(microsoft), failing(google), failing(other), steady(yahoo, 30)], {}, true],
      ['three senders failing an hour apart: not ours', [failing(microsoft, 10, FAIL_AT), failing(google, 10, FAIL_AT + HOUR_MS), failing(yahoo, 10, FAIL_AT - HOUR_MS), steady(apple, 30)], {}, false],
      ['minSenders 4: three failing together are not enough', [failing(microsoft), failing(google), failing(yahoo), steady(apple, 40)], { ours: { minSenders: 4, minShareOfTraffic: 0.5 } }, false],
      ['minShareOfTraffic 0.2: two small senders are enough', [failing(microsoft), failing(google), steady(yahoo, 30), steady(apple, 30)], { ours: { minSenders: 3, minShareOfTraffic: 0.2 } }, true],
    ];
    for (const [what, lanes, settings, ours] of rows) {
      test(what, () => assert.equal(detect(lanes, settings).length, ours ? 1 : 0));
    }
  });

  test('the incident is filed under "ours" with the provider\'s name, from the first failure of any sender to the last', () => {
    const lanes = [failing(microsoft), { ...failing(google), failAt: FAIL_AT + B }, failing(yahoo), steady(apple)];
    assert.deepEqual(detect(lanes), [
      {
        sender: { id: 'ours', name: 'Example Mail', statusPage: null, known: true },
        kind: 'tls-failure',
        attribution: 'ours',
        ongoing: false,
        startedAt: FAIL_AT,
        endedAt: FAIL_AT + 2 * B + 9_000,
      },
    ]);
  });

  test('of the kind most of the failures had, across the senders', () => {
    const lanes: Lane[] = [{ ...failing(microsoft), kind: 'lost' }, { ...failing(google), kind: 'lost' }, { ...failing(yahoo), kind: 'timeout' }, steady(apple)];
    assert.deepEqual(detect(lanes).map((i) => i.kind), ['connection-loss']);
  });

  describe('ongoing at the end of the logs', () => {
    // Failures in the last ten minutes of traffic: the last window holding them ends 35 minutes
    // after they began, and the incident is ongoing for the quiet hour after that.
    const LATE = T0 + 3 * HOUR_MS - 2 * B;
    type Row = readonly [what: string, endOfLogs: number, ongoing: boolean];
    const rows: readonly Row[] = [
      ['the logs end an hour and 34 minutes after the failures began', LATE + 94 * 60_000, true],
      ['the logs end an hour and 35 minutes after', LATE + 95 * 60_000, false],
    ];
    for (const [what, endOfLogs, ongoing] of rows) {
      test(what, () => assert.deepEqual(detect([failing(microsoft, 10, LATE), failing(google, 10, LATE), failing(yahoo, 10, LATE)], {}, endOfLogs).map((i) => i.ongoing), [ongoing]));
    }
  });

  describe('edge cases', () => {
    test('two waves of ours more than the merge gap apart are two incidents', () => {
      const lanes = [microsoft, google, yahoo].map((sender) => ({ sender, connections: 10, failAt: FAIL_AT }));
      const series = lanes.map(laneSeries);
      for (const s of series) perBucket(s, FAIL_AT + 13 * HOUR_MS, 2, { connections: 10, failures: 10 });
      const timeline = buildTimeline(series, T0 + DAY)!;
      assert.deepEqual(detectOurIncidents(timeline, defaults, 'Example Mail').map((i) => iso(i.startedAt)), [iso(FAIL_AT), iso(FAIL_AT + 13 * HOUR_MS)]);
    });

    test('senders without failures: nothing of ours', () => {
      assert.deepEqual(detect([steady(microsoft), steady(google), steady(yahoo)]), []);
    });
  });

  describe('one of our MX hosts failing while the others are fine', () => {
    // Microsoft and Google, 10 connections a bucket each for three hours, spread over `hosts` MX
    // hosts in turn; every connection to `failing` fails for 20 minutes from FAIL_AT.
    function detectByHost(hosts: readonly string[], failing: string | null): Incident[] {
      const mx = new MxCounts();
      const series = [microsoft, google].map((sender) =>
        seriesOf(sender, (s) => {
          for (let at = T0; at < T0 + 3 * HOUR_MS; at += B) {
            for (let k = 0; k < 10; k++) {
              const host = hosts[k % hosts.length]!;
              const fails = host === failing && at >= FAIL_AT && at < FAIL_AT + 4 * B;
              const one = session(at + k * 1000, fails ? 'tls' : 'accepted', { mx: host });
              s.addSession(one);
              mx.add(one, sender.id);
            }
          }
        }),
      );
      const timeline = buildTimeline(series, T0 + DAY, mx);
      assert.ok(timeline);
      return detectOurIncidents(timeline, defaults, 'Example Mail');
    }
    const found = (incidents: readonly Incident[]) => incidents.map((i) => [iso(i.startedAt), iso(i.endedAt)]);

    test('one host of five failing alone: ours (each sender fails only a fifth, no sender qualifies)', () => {
      assert.deepEqual(found(detectByHost(['mx1', 'mx2', 'mx3', 'mx4', 'mx5'], 'mx3')), [[iso(FAIL_AT + 2_000), iso(FAIL_AT + 3 * B + 7_000)]]);
    });
    test('no host failing: nothing', () => {
      assert.deepEqual(found(detectByHost(['mx1', 'mx2', 'mx3', 'mx4', 'mx5'], null)), []);
    });
    test('a host with a tenth of the traffic failing for 20 minutes: 8 failures, fewer than minFailures, nothing', () => {
      assert.deepEqual(found(detectByHost(['mx1', 'mx2', 'mx1', 'mx2', 'mx1', 'mx2', 'mx1', 'mx2', 'mx1', 'mx3'], 'mx3')), []);
    });
  });

  describe('invalid input', () => {
    test('a timeline without lanes finds nothing', () => {
      assert.deepEqual(detectOurIncidents({ origin: T0, count: 12, endOfLogs: T0 + HOUR_MS, lanes: [], mx: [] }, defaults, 'Example Mail'), []);
    });
  });
});
