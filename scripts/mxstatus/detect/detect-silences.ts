import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import { BUCKET_MS } from '../series/sender-series.ts';
import type { Lane, Timeline } from './build-timeline.ts';
import type { Incident } from './incident.ts';

/**
 * Detection, step 3 — silence: a steady sender the site may name that sends nothing for far
 * longer than its usual gaps. When `ours.minSenders` or more fall silent together (each gap
 * overlapping at least half of another's), the cause is ours or a gap in the logs, and no sender
 * is blamed.
 *
 * @example
 * // Outlook.com sending in 3 of every 4 buckets for four days, but not from 12:05 to 14:05 on the fourth
 * detectSilences(timeline, settings)
 * // [{ sender: { id: 'microsoft', … }, kind: 'silence', attribution: 'sender', ongoing: false,
 * //    startedAt: Date.parse('2026-03-22T12:05:00Z'), endedAt: Date.parse('2026-03-22T14:05:00Z') }]
 */
export function detectSilences(timeline: Timeline, settings: DetectionSettings): Incident[] {
  const silent = timeline.lanes.filter((lane) => lane.series.sender.known).flatMap((lane) => silencesOf(lane, settings, timeline));
  // Itself included: how many were silent for at least half of this gap.
  const together = (gap: Incident) => silent.filter((other) => overlap(gap, other) >= 0.5 * (gap.endedAt - gap.startedAt)).length;
  return silent.filter((gap) => together(gap) < settings.ours.minSenders);
}

/** The history a rate at an hour needs before it counts: that hour on two days (besides the gap). */
const MIN_BUCKETS_PER_HOUR = 24;
/** The rate is read low (a lower confidence bound, about 98 % one-sided): a short history claims less. */
const CONFIDENCE_Z = 2;

/**
 * Gaps in a sender's traffic that its usual rhythm makes all but impossible. For each hour of the
 * day (UTC), weekdays and weekends apart once there are two weekend days, the sender's usual
 * rate is read from the share of its 5-minute buckets that hold a connection at all, read low (the
 * lower bound of its confidence interval; nothing before two days of history): a share s means
 * about λ = −ln(1 − s) connections a bucket, arriving at random (Poisson). Reading the share
 * rather than the count keeps bursts (a newsletter) from passing for a steady stream. A gap of
 * buckets with rates λ₁…λₙ has the chance e^−(λ₁+…+λₙ) of being empty by chance; it is a silence
 * when that chance is below `maxChance`, it lasts at least `minMinutes`, and it is `factor` times
 * the sender's usual longest gap (the 95th percentile of its gaps in hours it is usually busy, so
 * that a quiet night neither is a silence nor sets the bar). The gap runs from the first empty
 * bucket to the first bucket with traffic again (or to the end of the logs: then it is ongoing).
 */
function silencesOf(lane: Lane, settings: DetectionSettings, timeline: Timeline): Incident[] {
  const { origin, endOfLogs } = timeline;
  const { connections } = lane;
  const first = connections.findIndex((n) => n > 0);
  if (first < 0) return [];
  const endIndex = Math.floor((endOfLogs - origin) / BUCKET_MS);
  if (endIndex < first) return [];
  const gaps: { from: number; to: number }[] = [];
  for (let i = first, gapStart = -1; i <= endIndex; i++) {
    const busy = (connections[i] ?? 0) > 0;
    if (!busy && gapStart < 0) gapStart = i;
    if ((busy || i === endIndex) && gapStart >= 0) {
      gaps.push({ from: gapStart, to: busy ? i : i + 1 });
      gapStart = -1;
    }
  }
  const usual = usualRates(connections, first, endIndex, origin);
  const rate = usual.rate;
  const usuallyBusy = (i: number) => rate(i) >= -Math.log(0.5);
  const lengths = gaps.filter((g) => usuallyBusy(g.from)).map((g) => g.to - g.from).sort((a, b) => a - b);
  const usualGap = lengths[Math.floor((lengths.length - 1) * 0.95)] ?? 1;
  const minBuckets = Math.max(settings.silence.minMinutes / 5, settings.silence.factor * usualGap);
  const maxSurprise = -Math.log(settings.silence.maxChance);
  // The rates without the gap's own buckets: a silence must not lower the bar it is measured by.
  const surprise = (gap: { from: number; to: number }) => {
    const rates = usual.without(gap);
    let sum = 0;
    for (let i = gap.from; i < gap.to; i++) sum += rates[usual.keyOf(i)]!;
    return sum;
  };
  return gaps
    .filter((g) => g.to - g.from >= minBuckets && surprise(g) >= maxSurprise)
    .map((g) => ({
      sender: lane.series.sender,
      kind: 'silence' as const,
      attribution: 'sender' as const,
      ongoing: g.to > endIndex,
      startedAt: origin + g.from * BUCKET_MS,
      endedAt: g.to > endIndex ? endOfLogs : origin + g.to * BUCKET_MS,
    }));
}

/**
 * The sender's usual connections per bucket at the time of bucket i: from the share of busy
 * buckets at that hour of the day (its lower confidence bound), on weekends apart from weekdays
 * once it was seen on two weekend days; 0 for an hour seen less than MIN_BUCKETS_PER_HOUR times.
 * `without(gap)` gives the rates per hour key as if the gap's buckets had not been seen.
 */
function usualRates(connections: Int32Array, first: number, last: number, origin: number) {
  const busy = new Float64Array(48);
  const seen = new Float64Array(48);
  const keyOf = (i: number) => {
    const at = new Date(origin + i * BUCKET_MS);
    const day = at.getUTCDay();
    return at.getUTCHours() + (day === 0 || day === 6 ? 24 : 0);
  };
  for (let i = first; i <= last; i++) {
    const key = keyOf(i);
    seen[key]!++;
    if ((connections[i] ?? 0) > 0) busy[key]!++;
  }
  const ratesOf = (seenNow: Float64Array) => {
    const rates = new Float64Array(48);
    for (let hour = 0; hour < 24; hour++) {
      const all = seenNow[hour]! + seenNow[hour + 24]!;
      const allBusy = busy[hour]! + busy[hour + 24]!;
      for (const key of [hour, hour + 24]) {
        const [b, n] = seenNow[key]! >= MIN_BUCKETS_PER_HOUR ? [busy[key]!, seenNow[key]!] : [allBusy, all];
        rates[key] = n >= MIN_BUCKETS_PER_HOUR ? -Math.log(1 - Math.min(lowerBound(b, n), 0.999)) : 0;
      }
    }
    return rates;
  };
  const all = ratesOf(seen);
  return {
    keyOf,
    rate: (i: number) => all[keyOf(i)]!,
    without: (gap: { from: number; to: number }) => {
      const seenNow = seen.slice();
      for (let i = gap.from; i < Math.min(gap.to, last + 1); i++) seenNow[keyOf(i)]!--;
      return ratesOf(seenNow);
    },
  };
}

/** The Wilson score lower bound of a share of b in n (z = CONFIDENCE_Z). */
function lowerBound(b: number, n: number): number {
  const z2 = CONFIDENCE_Z * CONFIDENCE_Z;
  const p = b / n;
  return Math.max(0, (p + z2 / (2 * n) - CONFIDENCE_Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n));
}

function overlap(a: Incident, b: Incident): number {
  return Math.max(0, Math.min(a.endedAt, b.endedAt) - Math.max(a.startedAt, b.startedAt));
}
