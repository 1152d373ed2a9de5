import type { MxCounts, MxLane } from '../series/mx-counts.ts';
import { BUCKET_MS, type FailureKind, type SenderSeries } from '../series/sender-series.ts';

/** What finding waves reads of a lane (findWaves, fitBounds): counts and failure times per bucket. */
export interface WaveLane {
  readonly failures: Int32Array;
  readonly connections: Int32Array;
  /** NaN where the bucket holds no failure. */
  readonly firstFailureAt: Float64Array;
  readonly lastFailureAt: Float64Array;
}

/** A sender's buckets laid on the common timeline: counts and failure times per bucket. */
export interface Lane extends WaveLane {
  readonly series: SenderSeries;
  readonly kinds: Record<FailureKind, Int32Array>;
}

/** Every series on one timeline of 5-minute buckets, from the first bucket any series holds to the end of the logs. */
export interface Timeline {
  /** Start of bucket 0, UTC ms. */
  readonly origin: number;
  /** Buckets on the timeline. */
  readonly count: number;
  /** The time of the last log line: what is still going on then is ongoing. */
  readonly endOfLogs: number;
  /** One lane per series, in the order of the series. */
  readonly lanes: readonly Lane[];
  /** All counted traffic by our MX host that logged it, hosts in name order (none without counts by host). */
  readonly mx: readonly MxLane[];
}

/**
 * Lays the series side by side on one timeline, the input of every detection step; null when no
 * series holds a bucket.
 *
 * @example
 * // Outlook.com failing 3 of 3 connections at 16:25 and at 16:30, Gmail 1 of 4 at 16:10:07
 * buildTimeline([microsoft, google], Date.parse('2026-03-23T17:00:00Z'))
 * // { origin: Date.parse('2026-03-23T16:10:00Z'), count: 11, endOfLogs: Date.parse('2026-03-23T17:00:00Z'),
 * //   lanes: [{ series: microsoft, failures: Int32Array [0, 0, 0, 3, 3, 0, …], … }, { series: google, … }] }
 */
export function buildTimeline(seriesList: readonly SenderSeries[], endOfLogs: number, mx: MxCounts | null = null): Timeline | null {
  let origin = Number.POSITIVE_INFINITY;
  let last = endOfLogs;
  // A loop, not Math.min(...starts): a few months of busy senders are more buckets than a call's arguments may be.
  for (const series of seriesList) {
    for (const start of series.bucketStarts()) {
      if (start < origin) origin = start;
      if (start > last) last = start;
    }
  }
  if (origin === Number.POSITIVE_INFINITY) return null;
  const count = Math.floor((last - origin) / BUCKET_MS) + 1;
  return { origin, count, endOfLogs, lanes: seriesList.map((series) => laneOf(series, origin, count)), mx: mx ? mx.lanes(origin, count) : [] };
}

function laneOf(series: SenderSeries, origin: number, count: number): Lane {
  const lane: Lane = {
    series,
    failures: new Int32Array(count),
    connections: new Int32Array(count),
    firstFailureAt: new Float64Array(count).fill(Number.NaN),
    lastFailureAt: new Float64Array(count).fill(Number.NaN),
    kinds: { tls: new Int32Array(count), lost: new Int32Array(count), timeout: new Int32Array(count) },
  };
  for (const start of series.bucketStarts()) {
    const bucket = series.counts(start);
    if (!bucket) continue;
    const i = (start - origin) / BUCKET_MS;
    lane.failures[i] = bucket.tls + bucket.lost + bucket.timeout;
    lane.connections[i] = bucket.connections;
    lane.kinds.tls[i] = bucket.tls;
    lane.kinds.lost[i] = bucket.lost;
    lane.kinds.timeout[i] = bucket.timeout;
    lane.firstFailureAt[i] = bucket.firstFailureAt;
    lane.lastFailureAt[i] = bucket.lastFailureAt;
  }
  return lane;
}
