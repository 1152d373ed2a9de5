import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import { BUCKET_MS, failureCount, type FailureKind, type SenderSeries } from '../series/sender-series.ts';
import type { Incident, IncidentKind } from './incident.ts';
import { OURS } from '../../../src/core/contract.ts';

/** The sender our own faults are filed under. */
function ourSender(providerName: string): Sender {
  return { id: OURS, name: providerName, statusPage: null, known: true };
}

/** A sender's buckets laid on the common timeline: counts and failure times per bucket. */
interface Lane {
  readonly series: SenderSeries;
  readonly failures: Int32Array;
  readonly connections: Int32Array;
  readonly firstFailureAt: Float64Array;
  readonly lastFailureAt: Float64Array;
  readonly kinds: Record<FailureKind, Int32Array>;
}

interface Wave {
  start: number;
  end: number;
  /** Index of the last bucket whose window qualified. */
  lastQualified: number;
}

/**
 * Finds the incidents in the series, in three steps:
 * 1. our side — several senders (or most of all traffic) failing together: one incident of ours,
 *    and those buckets are blamed on no sender;
 * 2. each sender — a sliding window with enough failures at a high enough ratio opens an
 *    incident; it closes once no window has qualified for the quiet period and ends at the last
 *    failure of a qualifying window; waves closer than the merge gap are one;
 * 3. silence — a steady sender that sends nothing for far longer than its usual gaps.
 *
 * @example
 * detectIncidents(seriesList, settings, lastLogLineAt, 'Example Mail')
 * // [{ sender: { id: 'microsoft', … }, kind: 'tls-failure', attribution: 'sender', … }]
 */
export function detectIncidents(
  seriesList: readonly SenderSeries[],
  settings: DetectionSettings,
  endOfLogs: number,
  providerName: string,
): Incident[] {
  let origin = Number.POSITIVE_INFINITY;
  let last = endOfLogs;
  // A loop, not Math.min(...starts): a few months of busy senders are more buckets than a call's arguments may be.
  for (const series of seriesList) {
    for (const start of series.bucketStarts()) {
      if (start < origin) origin = start;
      if (start > last) last = start;
    }
  }
  if (origin === Number.POSITIVE_INFINITY) return [];
  const count = Math.floor((last - origin) / BUCKET_MS) + 1;
  const lanes = seriesList.map((series) => laneOf(series, origin, count));
  const windowBuckets = settings.windowMinutes / 5;

  // 1. Our side: several senders qualifying at once — at least minSenders of them, or at least
  // two that together carry most of all traffic. One sender alone is never our fault.
  const qualifying = lanes.map((lane) => qualifyingWindows(lane.failures, lane.connections, windowBuckets, settings));
  const windowed = lanes.map((lane) => windowSums(lane.connections, windowBuckets));
  const oursActive = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    let senders = 0;
    let theirTraffic = 0;
    let allTraffic = 0;
    for (let l = 0; l < lanes.length; l++) {
      allTraffic += windowed[l]![i]!;
      if (qualifying[l]![i]) {
        senders++;
        theirTraffic += windowed[l]![i]!;
      }
    }
    const most = senders >= 2 && theirTraffic >= settings.ours.minShareOfTraffic * allTraffic;
    oursActive[i] = senders >= settings.ours.minSenders || most ? 1 : 0;
  }
  const ourWaves = waves(oursActive, lanes, windowBuckets, settings);
  const incidents: Incident[] = ourWaves.map((wave) => ({
    sender: ourSender(providerName),
    kind: dominantKind(lanes, wave, origin),
    attribution: 'ours',
    ongoing: isOngoing(wave, settings, origin, endOfLogs),
    startedAt: wave.start,
    endedAt: wave.end,
  }));

  // 2. Each known sender, with our windows taken out.
  for (const lane of lanes) {
    if (!lane.series.sender.known) continue;
    const masked = maskWaves(lane, ourWaves, origin, windowBuckets);
    const active = qualifyingWindows(masked.failures, masked.connections, windowBuckets, settings);
    for (const wave of waves(active, [masked], windowBuckets, settings)) {
      incidents.push({
        sender: lane.series.sender,
        kind: dominantKind([masked], wave, origin),
        attribution: 'sender',
        ongoing: isOngoing(wave, settings, origin, endOfLogs),
        startedAt: wave.start,
        endedAt: wave.end,
      });
    }
  }

  // 3. Silence of steady senders — unless several fall silent together: then the cause is ours,
  // or a gap in the logs, and no sender is blamed.
  const silent = lanes.filter((lane) => lane.series.sender.known).flatMap((lane) => silences(lane, settings, origin, endOfLogs));
  for (const gap of silent) {
    const together = silent.filter((other) => overlap(gap, other) >= 0.5 * (gap.endedAt - gap.startedAt)).length;
    if (together < settings.ours.minSenders) incidents.push(gap);
  }
  return incidents.sort((a, b) => a.startedAt - b.startedAt || a.sender.id.localeCompare(b.sender.id));
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
    const bucket = series.bucket(start);
    if (!bucket) continue;
    const i = (start - origin) / BUCKET_MS;
    lane.failures[i] = failureCount(bucket.failures);
    lane.connections[i] = bucket.connections;
    lane.kinds.tls[i] = bucket.failures.tls;
    lane.kinds.lost[i] = bucket.failures.lost;
    lane.kinds.timeout[i] = bucket.failures.timeout;
    if (bucket.firstFailure) lane.firstFailureAt[i] = bucket.firstFailure.at;
    if (bucket.lastFailureAt !== null) lane.lastFailureAt[i] = bucket.lastFailureAt;
  }
  return lane;
}

/** 1 where the window ending in that bucket holds enough failures at a high enough ratio. */
function qualifyingWindows(
  failures: Int32Array,
  connections: Int32Array,
  windowBuckets: number,
  settings: Pick<DetectionSettings, 'minFailures' | 'minFailureRatio'>,
): Uint8Array {
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

/** The sum over the window that ends in each bucket. */
function windowSums(values: Int32Array, windowBuckets: number): Int32Array {
  const out = new Int32Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= windowBuckets) sum -= values[i - windowBuckets]!;
    out[i] = sum;
  }
  return out;
}

/** Opens, extends, closes and merges waves over a qualifying timeline. */
function waves(active: Uint8Array, lanes: readonly Lane[], windowBuckets: number, settings: DetectionSettings): Wave[] {
  const quietBuckets = settings.quietMinutes / 5;
  const found: Wave[] = [];
  let open: Wave | null = null;
  for (let i = 0; i < active.length; i++) {
    if (active[i]) {
      const [first, last] = failureSpan(lanes, Math.max(0, i - windowBuckets + 1), i);
      if (!Number.isFinite(first)) continue;
      if (!open) {
        open = { start: leadIn(lanes, Math.max(0, i - windowBuckets + 1), windowBuckets, settings, first), end: last, lastQualified: i };
        found.push(open);
      }
      open.end = Math.max(open.end, last);
      open.lastQualified = i;
    } else if (open && i - open.lastQualified >= quietBuckets) {
      open = null;
    }
  }
  const merged: Wave[] = [];
  for (const wave of found) {
    const previous = merged[merged.length - 1];
    if (previous && wave.start - previous.end < settings.mergeGapHours * 3_600_000) {
      previous.end = Math.max(previous.end, wave.end);
      previous.lastQualified = wave.lastQualified;
    } else merged.push({ ...wave });
  }
  return merged;
}

/**
 * A slow wave (a small sender's) qualifies only after its first failures have left the window:
 * the start reaches back over earlier buckets that failed at the same ratio, with gaps shorter
 * than a window, up to two windows back.
 */
function leadIn(lanes: readonly Lane[], from: number, windowBuckets: number, settings: DetectionSettings, start: number): number {
  let earliest = start;
  let lastFailing = from;
  for (let i = from - 1; i >= Math.max(0, from - 2 * windowBuckets) && lastFailing - i < windowBuckets; i--) {
    let failures = 0;
    let connections = 0;
    let at = Number.POSITIVE_INFINITY;
    for (const lane of lanes) {
      failures += lane.failures[i]!;
      connections += lane.connections[i]!;
      if (lane.firstFailureAt[i]! < at) at = lane.firstFailureAt[i]!;
    }
    if (failures > 0 && failures >= settings.minFailureRatio * connections) {
      lastFailing = i;
      earliest = Math.min(earliest, at);
    }
  }
  return earliest;
}

function failureSpan(lanes: readonly Lane[], from: number, to: number): [number, number] {
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

function isOngoing(wave: Wave, settings: DetectionSettings, origin: number, endOfLogs: number): boolean {
  const lastWindowEnd = origin + (wave.lastQualified + 1) * BUCKET_MS;
  return endOfLogs - lastWindowEnd < settings.quietMinutes * 60_000;
}

/** The lane with the buckets of our own incidents (and a window around them) emptied of failures. */
function maskWaves(lane: Lane, ourWaves: readonly Wave[], origin: number, windowBuckets: number): Lane {
  if (ourWaves.length === 0) return lane;
  const failures = lane.failures.slice();
  const firstFailureAt = lane.firstFailureAt.slice();
  const lastFailureAt = lane.lastFailureAt.slice();
  const kinds = { tls: lane.kinds.tls.slice(), lost: lane.kinds.lost.slice(), timeout: lane.kinds.timeout.slice() };
  for (const wave of ourWaves) {
    const from = Math.max(0, Math.floor((wave.start - origin) / BUCKET_MS) - 1);
    const to = Math.min(failures.length - 1, Math.floor((wave.end - origin) / BUCKET_MS) + windowBuckets);
    for (let i = from; i <= to; i++) {
      failures[i] = 0;
      kinds.tls[i] = kinds.lost[i] = kinds.timeout[i] = 0;
      firstFailureAt[i] = lastFailureAt[i] = Number.NaN;
    }
  }
  return { series: lane.series, failures, connections: lane.connections, firstFailureAt, lastFailureAt, kinds };
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

/**
 * Gaps in a steady sender's traffic far longer than its usual ones: at least `minMinutes`,
 * `factor` times its 95th-percentile gap, and long enough that at that time of day it would
 * usually have sent `minExpected` connections (a quiet night is not a silence). The gap runs from
 * the first empty bucket to the first bucket with traffic again (or to the end of the logs: then
 * it is ongoing).
 */
function silences(lane: Lane, settings: DetectionSettings, origin: number, endOfLogs: number): Incident[] {
  const { connections } = lane;
  const first = connections.findIndex((n) => n > 0);
  if (first < 0) return [];
  const endIndex = Math.floor((endOfLogs - origin) / BUCKET_MS);
  const gaps: { from: number; to: number }[] = [];
  let active = 0;
  for (let i = first, gapStart = -1; i <= endIndex; i++) {
    const busy = (connections[i] ?? 0) > 0;
    if (busy) active++;
    if (!busy && gapStart < 0) gapStart = i;
    if ((busy || i === endIndex) && gapStart >= 0) {
      gaps.push({ from: gapStart, to: busy ? i : i + 1 });
      gapStart = -1;
    }
  }
  const span = endIndex - first + 1;
  if (span <= 0 || active / span < settings.silence.minActiveShare) return [];
  // The usual longest gap: the 95th percentile, so that the silence itself does not set the bar.
  const lengths = gaps.map((g) => g.to - g.from).sort((a, b) => a - b);
  const usual = lengths[Math.floor((lengths.length - 1) * 0.95)] ?? 1;
  const threshold = Math.max(settings.silence.minMinutes / 5, settings.silence.factor * usual);
  // Connections per bucket at each hour of the day, over the span the sender was seen.
  const byHour = new Float64Array(24);
  const bucketsByHour = new Float64Array(24);
  for (let i = first; i <= endIndex; i++) {
    const hour = new Date(origin + i * BUCKET_MS).getUTCHours();
    byHour[hour]! += connections[i] ?? 0;
    bucketsByHour[hour]!++;
  }
  const expectedIn = (gap: { from: number; to: number }) => {
    let expected = 0;
    for (let i = gap.from; i < gap.to; i++) {
      const hour = new Date(origin + i * BUCKET_MS).getUTCHours();
      expected += byHour[hour]! / Math.max(1, bucketsByHour[hour]!);
    }
    return expected;
  };
  return gaps
    .filter((g) => g.to - g.from >= threshold && expectedIn(g) >= settings.silence.minExpected)
    .map((g) => ({
      sender: lane.series.sender,
      kind: 'silence' as const,
      attribution: 'sender' as const,
      ongoing: g.to > endIndex,
      startedAt: origin + g.from * BUCKET_MS,
      endedAt: g.to > endIndex ? endOfLogs : origin + g.to * BUCKET_MS,
    }));
}

function overlap(a: Incident, b: Incident): number {
  return Math.max(0, Math.min(a.endedAt, b.endedAt) - Math.max(a.startedAt, b.startedAt));
}
