import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import { BUCKET_MS, type FailureKind } from '../series/sender-series.ts';
import type { Lane, Timeline } from './build-timeline.ts';
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
 * wave at its first failure (or earlier, see leadIn); the wave ends at the last failure of its
 * last qualifying window and closes after the quiet period without one; waves that start less
 * than the merge gap after the previous one ended are one.
 *
 * @example
 * // one lane: 10 connections failing from 16:00:00 to 16:00:09 in its first bucket; default settings
 * findWaves(qualifyingWindows(lane.failures, lane.connections, settings), [lane], settings)
 * // [{ start: Date.parse('2026-03-23T16:00:00Z'), end: Date.parse('2026-03-23T16:00:09Z'), lastQualified: 5 }]
 */
export function findWaves(active: Uint8Array, lanes: readonly Lane[], settings: DetectionSettings): Wave[] {
  const windowBuckets = settings.windowMinutes / 5;
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
