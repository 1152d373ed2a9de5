import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectionSchema, type DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import { BUCKET_MS } from '../series/sender-series.ts';
import { apple, DAY, google, message, microsoft, other, perBucket, seriesOf, yahoo } from '../series/series-fixture.ts';
import { buildTimeline } from './build-timeline.ts';
import { detectSilences } from './detect-silences.ts';
import type { Incident } from './incident.ts';

/**
 * Step 3 of detection on in-memory series, with the default settings: a gap is a silence when it
 * lasts at least 60 minutes and 4 times the sender's usual longest gap (95th percentile, in hours
 * it is usually busy), and when at its usual rate at those hours (read from the share of busy
 * buckets, without the gap itself, and read low: the lower bound of its confidence interval) the
 * chance of so long a gap is below one in a million.
 *
 * The senders send for four days from D0 (1,152 buckets), `connections` in each busy bucket: by
 * default three buckets of every four, so that their usual gap is one bucket (5 minutes) and their
 * usual rate about 1.4 connections a bucket (a share of 3/4 busy buckets).
 */
const defaults = detectionSchema.parse({});
const B = BUCKET_MS;
const D0 = Date.parse('2026-03-19T00:00:00Z');
/** The last log line: the end of the fourth day. */
const END = D0 + 4 * DAY - 1;
const iso = (ms: number) => new Date(ms).toISOString();

interface Lane {
  readonly sender?: Sender;
  readonly connections?: number;
  /** Of every `period` buckets, the first `busy` have traffic. */
  readonly period?: number;
  readonly busy?: number;
  /** Buckets [from, to) without any traffic. */
  readonly silent?: readonly (readonly [from: number, to: number])[];
  /** Traffic only from 06:00 to 22:00 UTC. */
  readonly dayOnly?: boolean;
}

function laneSeries({ sender = microsoft, connections = 2, period = 4, busy = 3, silent = [], dayOnly = false }: Lane) {
  return seriesOf(sender, (series) => {
    for (let b = 0; b < 4 * 288; b++) {
      if (b % period >= busy || silent.some(([from, to]) => b >= from && b < to)) continue;
      if (dayOnly && (b % 288 < 72 || b % 288 >= 264)) continue;
      perBucket(series, D0 + b * B, 1, { connections });
    }
  });
}

function detect(lanes: readonly Lane[], settings: Partial<DetectionSettings> = {}, endOfLogs = END): Incident[] {
  const timeline = buildTimeline(lanes.map(laneSeries), endOfLogs);
  assert.ok(timeline);
  return detectSilences(timeline, { ...defaults, ...settings });
}

/** Sender, start and end (ISO) of each silence, and whether it is ongoing. */
function found(incidents: readonly Incident[]): [string, string, string, boolean][] {
  return incidents.map((i) => [i.sender.id, iso(i.startedAt), iso(i.endedAt), i.ongoing]);
}

/** Bucket 1009 is 12:05 UTC on the fourth day (a busy bucket before it, 1008, and every fourth one empty). */
const NOON = 1009;
const at = (bucket: number) => iso(D0 + bucket * B);

type Row = readonly [what: string, lanes: readonly Lane[], expected: ReturnType<typeof found>];

function table(rows: readonly Row[]): void {
  for (const [what, lanes, expected] of rows) test(what, () => assert.deepEqual(found(detect(lanes)), expected));
}

describe('detectSilences', () => {
  describe('how long a silence is, against the usual gaps', () => {
    table([
      ['a steady sender silent for two hours: a silence, from the first empty bucket to the first busy one', [{ silent: [[NOON, NOON + 24]] }], [['microsoft', at(NOON), at(NOON + 24), false]]],
      // Three days without the gap: a share of 3/4 is read as 0.59 (its lower bound), 0.88 a bucket.
      ['silent for 80 minutes: a silence (a chance of e^−14.1)', [{ silent: [[NOON, NOON + 16]] }], [['microsoft', at(NOON), at(NOON + 16), false]]],
      ['silent for an hour: not with so short a history (a chance of e^−10.6)', [{ silent: [[NOON, NOON + 12]] }], []],
      ['silent for 55 minutes: too short (minMinutes just missed)', [{ silent: [[NOON, NOON + 11]] }], []],
      // Busy for 28 buckets, then 9 empty ones (45 minutes), all day; bucket 1009 is the 10th of a cycle.
      ['usual gaps of 45 minutes: a silence must last 4 × 45 minutes, and 3 h is one', [{ period: 37, busy: 28, silent: [[NOON, NOON + 36]] }], [['microsoft', at(NOON), at(NOON + 36), false]]],
      ['usual gaps of 45 minutes: 2 h 55 min is not (factor × usual gap just missed)', [{ period: 37, busy: 28, silent: [[NOON, NOON + 35]] }], []],
    ]);
  });

  describe('against the usual rate at that time (the chance of the gap)', () => {
    table([
      // Busy in buckets 1008, 1012, …: a gap runs on to the next busy bucket.
      // A share of 1/4 over three days is read as 0.14 (its lower bound): 0.15 a bucket.
      ['busy in one bucket of four: 99 empty buckets are a chance of about e^−14.5, a silence', [{ period: 4, busy: 1, silent: [[NOON, NOON + 97]] }], [['microsoft', at(NOON), at(NOON + 99), false]]],
      ['busy in one bucket of four: 59 empty buckets are a chance of about e^−8.6, no silence', [{ period: 4, busy: 1, silent: [[NOON, NOON + 57]] }], []],
      ['the count per bucket does not matter, the share of busy buckets does: 20 a bucket, one bucket of four', [{ connections: 20, period: 4, busy: 1, silent: [[NOON, NOON + 41]] }], []],
      ['a sender busy only by day (06–22 UTC): its nights are no silence, a silent afternoon is', [{ dayOnly: true, silent: [[NOON, NOON + 24]] }], [['microsoft', at(NOON), at(NOON + 24), false]]],
    ]);
  });

  describe('ongoing at the end of the logs', () => {
    table([
      ['silent for the last three hours of the logs: ongoing, ending at the last log line', [{ silent: [[1113, 1152]] }], [['microsoft', at(1113), iso(END), true]]],
      ['silent for the last 55 minutes: too short for a silence yet', [{ silent: [[1141, 1152]] }], []],
    ]);
  });

  describe('several senders silent together are no sender\'s silence', () => {
    const quiet = (sender: Sender, from = NOON): Lane => ({ sender, silent: [[from, from + 24]] });
    table([
      ['three at once: none is blamed (ours.minSenders)', [quiet(microsoft), quiet(google), quiet(yahoo), { sender: apple }], []],
      ['two at once: both are silences', [quiet(microsoft), quiet(google), { sender: yahoo }], [['microsoft', at(NOON), at(NOON + 24), false], ['google', at(NOON), at(NOON + 24), false]]],
      ['three, the third overlapping the others by half: none', [quiet(microsoft), quiet(google), quiet(yahoo, NOON + 12)], []],
      [
        'three, the third overlapping the others by less than half: each is a silence',
        [quiet(microsoft), quiet(google), quiet(yahoo, NOON + 16)],
        [['microsoft', at(NOON), at(NOON + 24), false], ['google', at(NOON), at(NOON + 24), false], ['yahoo', at(NOON + 16), at(NOON + 40), false]],
      ],
      ['senders outside the catalog are not counted among them', [quiet(microsoft), quiet(google), quiet(other)], [['microsoft', at(NOON), at(NOON + 24), false], ['google', at(NOON), at(NOON + 24), false]]],
    ]);
  });

  describe('edge cases', () => {
    table([
      ['a sender busy in a tenth of its buckets: six silent hours are no silence', [{ period: 10, busy: 1, silent: [[NOON, NOON + 72]] }], []],
      ['senders outside the catalog have no silence of their own', [{ sender: other, silent: [[NOON, NOON + 48]] }], []],
      ['no gap at all', [{ busy: 4 }], []],
    ]);

    test('minMinutes 120: an hour\'s silence is not enough', () => {
      assert.deepEqual(found(detect([{ silent: [[NOON, NOON + 12]] }], { silence: { ...defaults.silence, minMinutes: 120 } })), []);
    });

    test('a site.yaml of mxstatus 0.2 with minActiveShare and minExpected still loads (they are no longer used)', () => {
      assert.deepEqual(detectionSchema.parse({ silence: { minActiveShare: 0.5, minMinutes: 120, factor: 4, minExpected: 20 } }).silence.maxChance, 1e-6);
    });
  });

  describe('invalid input', () => {
    test('a series of mail accepted without sessions is never steady', () => {
      const series = seriesOf(microsoft, (s) => s.addMessage(message(D0, 1)));
      assert.deepEqual(detectSilences(buildTimeline([series], END)!, defaults), []);
    });

    test('logs that end before the first bucket hold no silence', () => {
      assert.deepEqual(detect([{ silent: [[NOON, NOON + 24]] }], {}, D0 - DAY), []);
    });
  });
});
