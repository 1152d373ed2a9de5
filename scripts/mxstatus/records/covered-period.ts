import type { ZoneClock } from '../parse/zone-clock.ts';
import { BUCKET_MS } from '../series/sender-series.ts';

/** Quiet gaps up to this long inside a host's log still count as covered (a small server's night). */
export const COVER_GAP_MS = 2 * 3_600_000;
/** A stretch of a host's log shorter than this covers nothing (a stray line, a misdated session). */
export const COVER_MIN_MS = 3_600_000;

/**
 * What the logs behind a run's records really cover, host by host: a time is covered only when
 * every one of our MX hosts has a stretch of log around it (gaps of up to COVER_GAP_MS inside a
 * stretch, stretches of at least COVER_MIN_MS). A rotated file of one host that is missing, a
 * day a file begins in the middle of, a stray or misdated session: none of them is covered, and
 * what earlier runs wrote about it stays.
 */
export interface CoveredPeriod {
  /** Whether every host's log covers this instant. */
  coversTime(at: number): boolean;
  /** Whether every host's log covers all of [from, to] (UTC ms). */
  coversSpan(from: number, to: number): boolean;
  /** Whether every host's log covers this local day (up to the last line, for the day the logs end on). */
  coversDay(date: string): boolean;
  /** The time of the last mail line used. */
  readonly lastMs: number;
  /** The hosts whose logs the run read (the ones `coversTime` and `coversDay` ask). */
  readonly hosts: ReadonlySet<string>;
}

/**
 * The covered period of the bucket starts of each host (UTC ms, any order).
 *
 * @example
 * const covered = coveredPeriod(new Map([['mx1', mx1Buckets], ['mx2', mx2Buckets]]), clock, lastMs);
 * covered.coversDay('2026-03-22') // true when mx1 and mx2 both logged all of it
 */
export function coveredPeriod(bucketsByHost: ReadonlyMap<string, readonly number[]>, clock: ZoneClock, lastMs: number): CoveredPeriod {
  const stretches = [...bucketsByHost.values()].map(stretchesOf).filter((s) => s.length > 0);
  const covers = (from: number, to: number) => stretches.length > 0 && stretches.every((host) => host.some(([a, b]) => a <= from && to <= b));
  return {
    lastMs,
    hosts: new Set(bucketsByHost.keys()),
    coversTime: (at) => at <= lastMs && covers(at, at),
    coversSpan: (from, to) => to <= lastMs && covers(from, to),
    coversDay: (date) => {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const start = clock.toUtc(Date.UTC(y, m - 1, d));
      const end = clock.toUtc(Date.UTC(y, m - 1, d + 1)) - 1;
      if (start > lastMs) return false;
      return covers(start, Math.min(end, lastMs));
    },
  };
}

/** A host's stretches of log: [first bucket start, last bucket end], gaps of up to COVER_GAP_MS joined, short ones dropped. */
function stretchesOf(buckets: readonly number[]): [number, number][] {
  const sorted = [...buckets].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const start of sorted) {
    const last = out[out.length - 1];
    if (last && start - last[1] <= COVER_GAP_MS) last[1] = Math.max(last[1], start + BUCKET_MS);
    else out.push([start, start + BUCKET_MS]);
  }
  return out.filter(([a, b]) => b - a >= COVER_MIN_MS);
}
