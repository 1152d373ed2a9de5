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

/**
 * Gaps in a steady sender's traffic far longer than its usual ones: at least `minMinutes`,
 * `factor` times its 95th-percentile gap, and long enough that at that time of day it would
 * usually have sent `minExpected` connections (a quiet night is not a silence). The gap runs from
 * the first empty bucket to the first bucket with traffic again (or to the end of the logs: then
 * it is ongoing).
 */
function silencesOf(lane: Lane, settings: DetectionSettings, timeline: Timeline): Incident[] {
  const { origin, endOfLogs } = timeline;
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
