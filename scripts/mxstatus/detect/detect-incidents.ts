import type { DetectionSettings } from '../../../src/schemas/site-config.ts';
import { BUCKET_MS, type FailureKind, type SenderSeries } from '../series/sender-series.ts';
import type { Incident, IncidentKind } from './incident.ts';

/**
 * Finds each sender's failure incidents: a sliding window opens one when it holds enough failures
 * at a high enough ratio; it closes once the window has not qualified for the quiet period, and
 * ends at the last failure of a qualifying window. Waves closer than the merge gap are one.
 *
 * @example
 * detectIncidents([outlookSeries], settings, lastLogLineAt) // [{ sender: { id: 'microsoft', … }, kind: 'tls-failure', … }]
 */
export function detectIncidents(
  series: readonly SenderSeries[],
  settings: DetectionSettings,
  endOfLogs: number,
): Incident[] {
  return series.flatMap((s) => detectForSender(s, settings, endOfLogs));
}

interface Wave {
  start: number;
  end: number;
  /** Bucket start of the last window that qualified. */
  lastQualified: number;
}

function detectForSender(series: SenderSeries, settings: DetectionSettings, endOfLogs: number): Incident[] {
  const starts = [...series.buckets.keys()].sort((a, b) => a - b);
  if (starts.length === 0) return [];
  const windowBuckets = settings.windowMinutes / 5;
  const quietMs = settings.quietMinutes * 60_000;
  const waves: Wave[] = [];
  let open: Wave | null = null;
  let failures = 0;
  let connections = 0;
  const first = starts[0]!;
  const last = starts[starts.length - 1]!;
  for (let t = first; t <= last; t += BUCKET_MS) {
    const entering = series.buckets.get(t);
    const leaving = series.buckets.get(t - windowBuckets * BUCKET_MS);
    if (entering) {
      failures += failureCount(entering.failures);
      connections += entering.connections;
    }
    if (leaving) {
      failures -= failureCount(leaving.failures);
      connections -= leaving.connections;
    }
    const qualifies = failures >= settings.minFailures && failures >= settings.minFailureRatio * connections;
    if (qualifies) {
      const window = windowOf(series, t, windowBuckets);
      if (!open) {
        open = { start: window.firstFailureAt, end: window.lastFailureAt, lastQualified: t };
        waves.push(open);
      }
      open.end = Math.max(open.end, window.lastFailureAt);
      open.lastQualified = t;
    } else if (open && t - open.lastQualified >= quietMs) {
      open = null;
    }
  }
  const merged: Wave[] = [];
  for (const wave of waves) {
    const previous = merged[merged.length - 1];
    if (previous && wave.start - previous.end < settings.mergeGapHours * 3_600_000) {
      previous.end = Math.max(previous.end, wave.end);
      previous.lastQualified = wave.lastQualified;
    } else merged.push({ ...wave });
  }
  return merged.map((wave) => ({
    sender: series.sender,
    kind: dominantKind(series, wave.start, wave.end),
    attribution: 'sender' as const,
    ongoing: endOfLogs - (wave.lastQualified + BUCKET_MS) < quietMs,
    startedAt: wave.start,
    endedAt: wave.end,
  }));
}

function windowOf(series: SenderSeries, t: number, windowBuckets: number) {
  let firstFailureAt = Infinity;
  let lastFailureAt = -Infinity;
  for (let b = t - (windowBuckets - 1) * BUCKET_MS; b <= t; b += BUCKET_MS) {
    const bucket = series.buckets.get(b);
    if (!bucket?.firstFailure) continue;
    firstFailureAt = Math.min(firstFailureAt, bucket.firstFailure.at);
    lastFailureAt = Math.max(lastFailureAt, bucket.lastFailureAt ?? bucket.firstFailure.at);
  }
  return { firstFailureAt, lastFailureAt };
}

function dominantKind(series: SenderSeries, start: number, end: number): IncidentKind {
  const totals: Record<FailureKind, number> = { tls: 0, lost: 0, timeout: 0 };
  for (let b = start - (start % BUCKET_MS); b <= end; b += BUCKET_MS) {
    const bucket = series.buckets.get(b);
    if (!bucket) continue;
    totals.tls += bucket.failures.tls;
    totals.lost += bucket.failures.lost;
    totals.timeout += bucket.failures.timeout;
  }
  if (totals.tls >= totals.lost && totals.tls >= totals.timeout) return 'tls-failure';
  return totals.lost >= totals.timeout ? 'connection-loss' : 'timeout';
}

export function failureCount(failures: Record<FailureKind, number>): number {
  return failures.tls + failures.lost + failures.timeout;
}
