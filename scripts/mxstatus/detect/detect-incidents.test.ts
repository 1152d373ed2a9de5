import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectionSchema } from '../../../src/core/schemas/site-config.ts';
import { BUCKET_MS, HOUR_MS } from '../series/sender-series.ts';
import { apple, DAY, google, microsoft, perBucket, seriesOf, T0, yahoo } from '../series/series-fixture.ts';
import { buildTimeline } from './build-timeline.ts';
import { detectIncidents } from './detect-incidents.ts';

const settings = detectionSchema.parse({});
const B = BUCKET_MS;

describe('buildTimeline', () => {
  test('runs from the first bucket any series holds to the end of the logs, a lane per series', () => {
    const early = seriesOf(google, (s) => perBucket(s, T0 + 2 * B + 7_000, 1, { connections: 4, failures: 1 }));
    const late = seriesOf(microsoft, (s) => perBucket(s, T0 + 5 * B, 2, { connections: 3, failures: 3, kind: 'lost' }));
    const timeline = buildTimeline([late, early], T0 + HOUR_MS)!;
    assert.deepEqual([timeline.origin, timeline.count, timeline.endOfLogs], [T0 + 2 * B, 11, T0 + HOUR_MS]);
    assert.deepEqual(timeline.lanes.map((lane) => lane.series.sender.id), ['microsoft', 'google']);
    const [m, g] = timeline.lanes;
    assert.deepEqual([...m!.failures.subarray(0, 6)], [0, 0, 0, 3, 3, 0]);
    assert.deepEqual([...m!.kinds.lost.subarray(0, 6)], [0, 0, 0, 3, 3, 0]);
    assert.deepEqual([...g!.connections.subarray(0, 2)], [4, 0]);
    assert.deepEqual([g!.firstFailureAt[0], g!.lastFailureAt[0], g!.firstFailureAt[1]], [T0 + 2 * B + 7_000, T0 + 2 * B + 7_000, Number.NaN]);
  });

  test('a series later than the end of the logs stretches the timeline to its last bucket', () => {
    const timeline = buildTimeline([seriesOf(microsoft, (s) => perBucket(s, T0, 3, { connections: 1 }))], T0)!;
    assert.equal(timeline.count, 3);
  });

  test('no series, or only empty ones: no timeline', () => {
    assert.equal(buildTimeline([], T0), null);
    assert.equal(buildTimeline([seriesOf(microsoft)], T0), null);
  });
});

describe('detectIncidents', () => {
  test('our incident takes the senders\' failures at the time; a sender failing on its own later is its own incident, in the order of their starts', () => {
    const series = [microsoft, google, yahoo, apple].map((sender) =>
      seriesOf(sender, (s) => {
        perBucket(s, T0, 72, { connections: 10 });
        if (sender !== apple) perBucket(s, T0 + HOUR_MS, 2, { connections: 10, failures: 10 });
      }),
    );
    perBucket(series[0]!, T0 + 14 * HOUR_MS, 2, { connections: 10, failures: 10 });
    const incidents = detectIncidents(series, settings, T0 + DAY, 'Example Mail');
    assert.deepEqual(
      incidents.map((i) => [i.sender.id, i.attribution, new Date(i.startedAt).toISOString()]),
      [
        ['ours', 'ours', '2026-03-23T17:00:00.000Z'],
        ['microsoft', 'sender', '2026-03-24T06:00:00.000Z'],
      ],
    );
  });

  test('incidents starting together are ordered by sender id', () => {
    // Two failing senders with a sixth of the traffic: each its own incident, not ours.
    const series = [microsoft, google].map((sender) => seriesOf(sender, (s) => perBucket(s, T0, 1, { connections: 10, failures: 10 })));
    series.push(...[yahoo, apple].map((sender) => seriesOf(sender, (s) => perBucket(s, T0, 1, { connections: 50 }))));
    assert.deepEqual(detectIncidents(series, settings, T0 + DAY, 'Example Mail').map((i) => i.sender.id), ['google', 'microsoft']);
  });

  describe('invalid input', () => {
    test('no series: no incidents', () => {
      assert.deepEqual(detectIncidents([], settings, T0, 'Example Mail'), []);
    });
  });
});
