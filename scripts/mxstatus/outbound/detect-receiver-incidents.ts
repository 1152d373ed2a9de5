import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import type { WaveLane } from '../detect/build-timeline.ts';
import { findWaves, qualifyingWindows } from '../detect/find-waves.ts';
import { BUCKET_MS } from '../series/day-columns.ts';
import { RECEIVER_CLASSES, type ProblemClass } from './problem-class.ts';
import { PROBLEM_CLASSES, type ReceiverSeries } from './receiver-series.ts';

/** An organisation that deferred or refused a clearly raised share of our deliveries. */
export interface OutboundIncident {
  readonly receiver: Sender;
  /** The receiver's class most of its problems had: rate-limit, reputation, authentication, temporary, unreachable. */
  readonly problemClass: ProblemClass;
  readonly ongoing: boolean;
  /** Its first and last problem that belong to it. */
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * Detection for the other direction, with the inbound rules and settings: per receiving
 * organisation the site may name, a window of `windowMinutes` with at least `minFailures` of the
 * receiver's problems (RECEIVER_CLASSES: never a recipient's, greylisting or content) at a ratio
 * of at least `minFailureRatio` of the attempts opens an incident; it ends at the last problem
 * once deliveries have gone through for `quietMinutes`; its bounds are fitted as inbound
 * (fitBounds). Mail deferred during it is tried again and counts again: the ratio is of attempts,
 * which is what the receiver answered.
 *
 * @example
 * detectReceiverIncidents([microsoft, google], settings, endOfLogs)
 * // [{ receiver: { id: 'microsoft', … }, problemClass: 'rate-limit', ongoing: false, startedAt: …, endedAt: … }]
 */
export function detectReceiverIncidents(seriesList: readonly ReceiverSeries[], settings: DetectionSettings, endOfLogs: number): OutboundIncident[] {
  let origin = Number.POSITIVE_INFINITY;
  let last = endOfLogs;
  for (const series of seriesList) {
    const starts = series.bucketStarts();
    if (starts.length === 0) continue;
    origin = Math.min(origin, starts[0]!);
    last = Math.max(last, starts[starts.length - 1]!);
  }
  if (!Number.isFinite(origin)) return [];
  const count = Math.floor((last - origin) / BUCKET_MS) + 1;
  const incidents: OutboundIncident[] = [];
  for (const series of seriesList) {
    if (!series.receiver?.known) continue;
    const lane = laneOf(series, origin, count);
    const active = qualifyingWindows(lane.failures, lane.connections, settings);
    for (const wave of findWaves(active, [lane], settings, origin)) {
      const lastWindowEnd = origin + (wave.lastQualified + 1) * BUCKET_MS;
      incidents.push({
        receiver: series.receiver,
        problemClass: dominantClass(series, wave.start, wave.end),
        ongoing: endOfLogs - lastWindowEnd < settings.quietMinutes * 60_000,
        startedAt: wave.start,
        endedAt: wave.end,
      });
    }
  }
  return incidents.sort((a, b) => a.startedAt - b.startedAt || a.receiver.id.localeCompare(b.receiver.id));
}

function laneOf(series: ReceiverSeries, origin: number, count: number): WaveLane {
  const lane: WaveLane = {
    failures: new Int32Array(count),
    connections: new Int32Array(count),
    firstFailureAt: new Float64Array(count).fill(Number.NaN),
    lastFailureAt: new Float64Array(count).fill(Number.NaN),
  };
  for (const start of series.bucketStarts()) {
    const bucket = series.bucket(start)!;
    const i = (start - origin) / BUCKET_MS;
    lane.failures[i] = bucket.receiverProblems;
    lane.connections[i] = bucket.attempts;
    lane.firstFailureAt[i] = bucket.firstProblemAt;
    lane.lastFailureAt[i] = bucket.lastProblemAt;
  }
  return lane;
}

/** Of the receiver's classes, the one with the most problems from `from` to `to` (whole buckets); ties in PROBLEM_CLASSES order. */
function dominantClass(series: ReceiverSeries, from: number, to: number): ProblemClass {
  const totals = new Map<ProblemClass, number>();
  for (let start = Math.floor(from / BUCKET_MS) * BUCKET_MS; start <= to; start += BUCKET_MS) {
    const bucket = series.bucket(start);
    if (!bucket) continue;
    for (const klass of RECEIVER_CLASSES) totals.set(klass, (totals.get(klass) ?? 0) + bucket.byClass[klass]);
  }
  let best: ProblemClass = 'temporary';
  let most = -1;
  for (const klass of PROBLEM_CLASSES) {
    const n = totals.get(klass) ?? -1;
    if (n > most) {
      best = klass;
      most = n;
    }
  }
  return best;
}
