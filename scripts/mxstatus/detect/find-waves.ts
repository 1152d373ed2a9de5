import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import { BUCKET_MS, type FailureKind } from '../series/sender-series.ts';
import type { Lane, Timeline, WaveLane } from './build-timeline.ts';
import type { Incident, IncidentKind } from './incident.ts';

/** A run of qualifying windows: from its first failure to its last. */
export interface Wave {
  start: number;
  end: number;
  /** Index of the last bucket whose window qualified. */
  lastQualified: number;
}

/**
 * 1 where the window ending in that bucket holds enough failures at a high enough ratio.
 *
 * @example
 * // minFailures 10, minFailureRatio 0.25, a window of 30 minutes (6 buckets)
 * qualifyingWindows(Int32Array.of(5, 5), Int32Array.of(20, 20), settings) // Uint8Array [0, 1]
 */
export function qualifyingWindows(
  failures: Int32Array,
  connections: Int32Array,
  settings: Pick<DetectionSettings, 'windowMinutes' | 'minFailures' | 'minFailureRatio'>,
): Uint8Array {
  const windowBuckets = settings.windowMinutes / 5;
  const out = new Uint8Array(failures.length);
  let f = 0;
  let c = 0;
  for (let i = 0; i < failures.length; i++) {
    f += failures[i]!;
    c += connections[i]!;
    if (i >= windowBuckets) {
      f -= failures[i - windowBuckets]!;
      c -= connections[i - windowBuckets]!;
    }
    out[i] = f >= settings.minFailures && f >= settings.minFailureRatio * c ? 1 : 0;
  }
  return out;
}

/**
 * Opens, extends, closes and merges waves over a qualifying timeline: a qualifying window opens a
 * wave at its first failure; the wave ends at the last failure of its last qualifying window and
 * closes after the quiet period without one; then its bounds are fitted to the failures that
 * belong to it (fitBounds), and waves that start less than the merge gap after the previous one
 * ended are one.
 *
 * @example
 * // one lane: 10 connections failing from 16:00:00 to 16:00:09 in its first bucket; default settings
 * findWaves(qualifyingWindows(lane.failures, lane.connections, settings), [lane], settings, timeline.origin)
 * // [{ start: Date.parse('2026-03-23T16:00:00Z'), end: Date.parse('2026-03-23T16:00:09Z'), lastQualified: 5 }]
 */
export function findWaves(active: Uint8Array, lanes: readonly WaveLane[], settings: DetectionSettings, origin: number): Wave[] {
  const windowBuckets = settings.windowMinutes / 5;
  const quietBuckets = settings.quietMinutes / 5;
  const found: Wave[] = [];
  let open: Wave | null = null;
  for (let i = 0; i < active.length; i++) {
    if (active[i]) {
      const [first, last] = failureSpan(lanes, Math.max(0, i - windowBuckets + 1), i);
      if (!Number.isFinite(first)) continue;
      if (!open) {
        open = { start: first, end: last, lastQualified: i };
        found.push(open);
      }
      open.end = Math.max(open.end, last);
      open.lastQualified = i;
    } else if (open && i - open.lastQualified >= quietBuckets) {
      open = null;
    }
  }
  const baseline = baselineRatio(lanes, found, active.length, origin);
  const reach = (FIT_REACH_HOURS * 3_600_000) / BUCKET_MS;
  const fitted = found.map((wave, k) => {
    const [from, to] = bucketSpan(wave, origin);
    // Never into the neighbours' own failures.
    const lo = Math.max(0, from - reach, k > 0 ? bucketSpan(found[k - 1]!, origin)[1] + 1 : 0);
    const hi = Math.min(active.length - 1, to + reach, k + 1 < found.length ? bucketSpan(found[k + 1]!, origin)[0] - 1 : active.length - 1);
    return fitBounds(wave, lanes, baseline, origin, lo, hi);
  });
  const merged: Wave[] = [];
  for (const wave of fitted) {
    const previous = merged[merged.length - 1];
    if (previous && wave.start - previous.end < settings.mergeGapHours * 3_600_000) {
      previous.end = Math.max(previous.end, wave.end);
      previous.lastQualified = wave.lastQualified;
    } else merged.push({ ...wave });
  }
  return merged;
}

/**
 * The failure ratio of the lanes outside their waves: what they fail at normally. Smoothed (one
 * failure in a hundred connections added), so that a sender that never failed before still has
 * a normal rate above nothing.
 */
export function baselineRatio(lanes: readonly WaveLane[], waves: readonly Wave[], count: number, origin: number): number {
  const inWave = new Uint8Array(count);
  for (const wave of waves) {
    const [from, to] = bucketSpan(wave, origin);
    inWave.fill(1, Math.max(0, from), Math.min(count, to + 1));
  }
  let failures = 0;
  let connections = 0;
  for (const lane of lanes) {
    for (let i = 0; i < count; i++) {
      if (inWave[i]) continue;
      failures += lane.failures[i]!;
      connections += lane.connections[i]!;
    }
  }
  return (failures + 1) / (connections + 100);
}

/** How far a wave's bounds may move out from its qualifying windows, in hours. */
export const FIT_REACH_HOURS = 6;

/**
 * The bounds of a wave, from the failures that belong to it. Each bucket's failures f of c
 * connections weigh for the wave or against it by their log likelihood ratio: how much likelier
 * they are at the wave's own failure ratio (that of its qualifying windows) than at the normal one
 * (`baseline`). The start is the bucket from which the sum up to the wave's last qualifying bucket
 * is largest, the end the bucket up to which the sum from its first qualifying bucket is largest
 * (both within [lo, hi]; of equal sums, the tighter). So a wave's weaker beginning and end belong
 * to it, as far as its failures keep standing out, and a background failure in a bucket that
 * otherwise went well, before or after, never moves a bound.
 *
 * @example
 * // our certificate failing every handshake 10:05–10:30; one ordinary failure among 30 connections at 10:47
 * fitBounds({ start: at('10:05:12'), end: at('10:47:03'), lastQualified }, lanes, 0.01, origin, lo, hi)
 * // { start: at('10:05:12'), end: at('10:29:58'), lastQualified }
 */
export function fitBounds(wave: Wave, lanes: readonly WaveLane[], baseline: number, origin: number, lo: number, hi: number): Wave {
  const [from, to] = bucketSpan(wave, origin);
  const f = (i: number) => {
    let n = 0;
    for (const lane of lanes) n += lane.failures[i] ?? 0;
    return n;
  };
  const c = (i: number) => {
    let n = 0;
    for (const lane of lanes) n += lane.connections[i] ?? 0;
    return n;
  };
  let failures = 0;
  let connections = 0;
  for (let i = from; i <= to; i++) {
    failures += f(i);
    connections += c(i);
  }
  if (connections === 0 || failures === 0) return wave;
  const elevated = Math.min(0.99, failures / connections);
  const normal = Math.min(baseline, elevated / 2);
  const perFailure = Math.log(elevated / normal);
  const perSuccess = Math.log((1 - elevated) / (1 - normal));
  const weight = (i: number) => {
    const n = f(i);
    return n * perFailure + (c(i) - n) * perSuccess;
  };
  const lastCore = Math.max(from, Math.min(to, wave.lastQualified));
  const firstCore = from;
  // The start: the largest sum of weights from a bucket up to the last qualifying one.
  let best = Number.NEGATIVE_INFINITY;
  let first = from;
  let sum = 0;
  for (let i = lastCore; i >= lo; i--) {
    sum += weight(i);
    if (sum > best && f(i) > 0) {
      best = sum;
      first = i;
    }
  }
  // The end: the largest sum of weights from the first qualifying bucket up to a bucket.
  best = Number.NEGATIVE_INFINITY;
  let last = to;
  sum = 0;
  for (let i = firstCore; i <= hi; i++) {
    sum += weight(i);
    if (sum > best && f(i) > 0) {
      best = sum;
      last = i;
    }
  }
  if (last < first) return wave;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const lane of lanes) {
    const a = lane.firstFailureAt[first]!;
    const b = lane.lastFailureAt[last]!;
    if (a < start) start = a;
    if (b > end) end = b;
  }
  return Number.isFinite(start) && Number.isFinite(end) ? { ...wave, start, end } : wave;
}

/** The buckets a wave's start and end fall in. */
function bucketSpan(wave: Wave, origin: number): [number, number] {
  return [Math.floor((wave.start - origin) / BUCKET_MS), Math.floor((wave.end - origin) / BUCKET_MS)];
}

/**
 * The incident a wave of `lanes` is: of the failure kind most of its failures had, and ongoing
 * when its last qualifying window ended less than the quiet period before the end of the logs.
 */
export function waveIncident(wave: Wave, lanes: readonly Lane[], timeline: Timeline, settings: DetectionSettings, sender: Sender, attribution: Incident['attribution']): Incident {
  const lastWindowEnd = timeline.origin + (wave.lastQualified + 1) * BUCKET_MS;
  return {
    sender,
    kind: dominantKind(lanes, wave, timeline.origin),
    attribution,
    ongoing: timeline.endOfLogs - lastWindowEnd < settings.quietMinutes * 60_000,
    startedAt: wave.start,
    endedAt: wave.end,
  };
}

function failureSpan(lanes: readonly WaveLane[], from: number, to: number): [number, number] {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const lane of lanes) {
    for (let i = from; i <= to; i++) {
      const f = lane.firstFailureAt[i]!;
      if (f < first) first = f;
      const l = lane.lastFailureAt[i]!;
      if (l > last) last = l;
    }
  }
  return [first, last];
}

function dominantKind(lanes: readonly Lane[], wave: Wave, origin: number): IncidentKind {
  const totals: Record<FailureKind, number> = { tls: 0, lost: 0, timeout: 0 };
  const from = Math.max(0, Math.floor((wave.start - origin) / BUCKET_MS));
  const to = Math.floor((wave.end - origin) / BUCKET_MS);
  for (const lane of lanes) {
    for (let i = from; i <= to && i < lane.failures.length; i++) {
      totals.tls += lane.kinds.tls[i]!;
      totals.lost += lane.kinds.lost[i]!;
      totals.timeout += lane.kinds.timeout[i]!;
    }
  }
  if (totals.tls >= totals.lost && totals.tls >= totals.timeout) return 'tls-failure';
  return totals.lost >= totals.timeout ? 'connection-loss' : 'timeout';
}

/** The sum over the window that ends in each bucket. */
export function windowSums(values: Int32Array, windowBuckets: number): Int32Array {
  const out = new Int32Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= windowBuckets) sum -= values[i - windowBuckets]!;
    out[i] = sum;
  }
  return out;
}
