import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import { OURS } from '../../../src/core/contract.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import type { WaveLane } from '../detect/build-timeline.ts';
import { findWaves, qualifyingWindows, type Wave } from '../detect/find-waves.ts';
import { BUCKET_MS } from '../series/day-columns.ts';
import { RECEIVER_CLASSES, type ProblemClass } from './problem-class.ts';
import { PROBLEM_CLASSES, type ReceiverSeries } from './receiver-series.ts';

/** An organisation that deferred or refused a clearly raised share of our deliveries; or our own relays, refused by many at once. */
export interface OutboundIncident {
  /** The receiving organisation; for our own faults a sender with id "ours" and the provider's name. */
  readonly receiver: Sender;
  readonly attribution: 'receiver' | 'ours';
  /** The receiver's class most of its problems had: rate-limit, reputation, authentication, temporary, unreachable. */
  readonly problemClass: ProblemClass;
  readonly ongoing: boolean;
  /** Its first and last problem that belong to it. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** Ours only: the named receivers whose windows qualified during it. */
  readonly receivers: readonly Sender[];
}

/**
 * Detection for the other direction, with the inbound rules and settings, in two steps:
 * 1. our side — at least `ours.minSenders` receivers (mail to all others together counting as
 *    one) deferring or refusing us at once: our relay cannot reach anyone, or our address is on a
 *    blocklist they all use; one receiver alone is never our fault, nor are two (unlike inbound,
 *    no share of the traffic makes two ours: mail a receiver defers is tried again and again, so
 *    the receiver in trouble soon has most of our attempts);
 * 2. each receiving organisation the site may name, outside our own incidents (and a window
 *    around them): a window of `windowMinutes` with at least `minFailures` of the receiver's
 *    problems (RECEIVER_CLASSES: never a recipient's, greylisting or content) at a ratio of at
 *    least `minFailureRatio` of the attempts opens an incident; it ends at the last problem once
 *    none has qualified for `quietMinutes`; waves less than `mergeGapHours` apart are one.
 * Mail deferred during it is tried again and counts again: the ratio is of attempts, which is
 * what the receiver answered.
 *
 * @example
 * detectOutboundIncidents([google, microsoft, other], settings, endOfRelayLogs, 'Example Mail')
 * // [{ receiver: { id: 'microsoft', … }, attribution: 'receiver', problemClass: 'rate-limit', ongoing: false, startedAt: …, endedAt: …, receivers: [] }]
 */
export function detectOutboundIncidents(seriesList: readonly ReceiverSeries[], settings: DetectionSettings, endOfLogs: number, providerName: string): OutboundIncident[] {
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
  const lanes = seriesList.map((series) => laneOf(series, origin, count));
  const qualifying = lanes.map((lane) => qualifyingWindows(lane.failures, lane.connections, settings));
  const oursActive = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    let receivers = 0;
    for (let l = 0; l < lanes.length; l++) receivers += qualifying[l]![i]!;
    oursActive[i] = receivers >= settings.ours.minSenders ? 1 : 0;
  }
  const ourSender: Sender = { id: OURS, name: providerName, statusPage: null, known: true };
  const ended = (wave: Wave) => endOfLogs - (origin + (wave.lastQualified + 1) * BUCKET_MS) >= settings.quietMinutes * 60_000;
  const ours: OutboundIncident[] = findWaves(oursActive, lanes, settings, origin).map((wave) => ({
    receiver: ourSender,
    attribution: 'ours',
    problemClass: dominantClass(seriesList, wave.start, wave.end),
    ongoing: !ended(wave),
    startedAt: wave.start,
    endedAt: wave.end,
    receivers: seriesList
      .filter((series, l) => series.receiver?.known && qualifying[l]!.some((q, i) => q === 1 && origin + i * BUCKET_MS >= Math.floor(wave.start / BUCKET_MS) * BUCKET_MS && origin + i * BUCKET_MS <= wave.end))
      .map((series) => series.receiver!)
      .sort((a, b) => a.id.localeCompare(b.id)),
  }));
  const incidents = [...ours];
  for (const [l, series] of seriesList.entries()) {
    if (!series.receiver?.known) continue;
    const lane = withoutIncidents(lanes[l]!, ours, origin, settings.windowMinutes / 5);
    const active = qualifyingWindows(lane.failures, lane.connections, settings);
    for (const wave of findWaves(active, [lane], settings, origin)) {
      incidents.push({
        receiver: series.receiver,
        attribution: 'receiver',
        problemClass: dominantClass([series], wave.start, wave.end),
        ongoing: !ended(wave),
        startedAt: wave.start,
        endedAt: wave.end,
        receivers: [],
      });
    }
  }
  return incidents.sort((a, b) => a.startedAt - b.startedAt || a.receiver.id.localeCompare(b.receiver.id));
}

/** The lane with the buckets of our own incidents (and a window around them) emptied of problems. */
function withoutIncidents(lane: WaveLane, ours: readonly OutboundIncident[], origin: number, windowBuckets: number): WaveLane {
  if (ours.length === 0) return lane;
  const failures = lane.failures.slice();
  const firstFailureAt = lane.firstFailureAt.slice();
  const lastFailureAt = lane.lastFailureAt.slice();
  for (const incident of ours) {
    const from = Math.max(0, Math.floor((incident.startedAt - origin) / BUCKET_MS) - 1);
    const to = Math.min(failures.length - 1, Math.floor((incident.endedAt - origin) / BUCKET_MS) + windowBuckets);
    for (let i = from; i <= to; i++) {
      failures[i] = 0;
      firstFailureAt[i] = lastFailureAt[i] = Number.NaN;
    }
  }
  return { failures, connections: lane.connections, firstFailureAt, lastFailureAt };
}

function laneOf(series: ReceiverSeries, origin: number, count: number): WaveLane {
  const lane: WaveLane = {
    failures: new Int32Array(count),
    connections: new Int32Array(count),
    firstFailureAt: new Float64Array(count).fill(Number.NaN),
    lastFailureAt: new Float64Array(count).fill(Number.NaN),
  };
  series.eachBucket((start, attempts, problems, first, last) => {
    const i = (start - origin) / BUCKET_MS;
    lane.failures[i] = problems;
    lane.connections[i] = attempts;
    lane.firstFailureAt[i] = first;
    lane.lastFailureAt[i] = last;
  });
  return lane;
}

/** Of the receivers' classes, the one with the most problems from `from` to `to` (whole buckets, all the series given); ties in PROBLEM_CLASSES order. */
function dominantClass(seriesList: readonly ReceiverSeries[], from: number, to: number): ProblemClass {
  const totals = new Map<ProblemClass, number>();
  for (const series of seriesList) {
    for (let start = Math.floor(from / BUCKET_MS) * BUCKET_MS; start <= to; start += BUCKET_MS) {
      const bucket = series.bucket(start);
      if (!bucket) continue;
      for (const klass of RECEIVER_CLASSES) totals.set(klass, (totals.get(klass) ?? 0) + bucket.byClass[klass]);
    }
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
