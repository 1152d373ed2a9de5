import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import { BUCKET_MS } from '../series/sender-series.ts';
import type { Lane, Timeline } from './build-timeline.ts';
import { findWaves, qualifyingWindows, waveIncident } from './find-waves.ts';
import type { Incident } from './incident.ts';

/**
 * Detection, step 2 — each sender the site may name: a window of `windowMinutes` with at least
 * `minFailures` failures at a ratio of at least `minFailureRatio` opens an incident; it closes
 * once none has qualified for `quietMinutes`; its bounds are fitted to the failures that stand
 * out from the sender's normal ratio (see fitBounds); waves less than `mergeGapHours` apart are one. Failures during our own
 * incidents (and a window around them) are no sender's: they are taken out first.
 *
 * @example
 * detectSenderIncidents(timeline, settings, detectOurIncidents(timeline, settings, 'Example Mail'))
 * // [{ sender: { id: 'microsoft', … }, kind: 'tls-failure', attribution: 'sender', ongoing: false,
 * //    startedAt: Date.parse('2026-03-19T08:11:01Z'), endedAt: Date.parse('2026-03-23T16:43:27Z') }]
 */
export function detectSenderIncidents(timeline: Timeline, settings: DetectionSettings, ours: readonly Incident[]): Incident[] {
  const incidents: Incident[] = [];
  for (const lane of timeline.lanes) {
    if (!lane.series.sender.known) continue;
    const masked = withoutIncidents(lane, ours, timeline.origin, settings.windowMinutes / 5);
    const active = qualifyingWindows(masked.failures, masked.connections, settings);
    for (const wave of findWaves(active, [masked], settings, timeline.origin)) {
      incidents.push(waveIncident(wave, [masked], timeline, settings, lane.series.sender, 'sender'));
    }
  }
  return incidents;
}

/** The lane with the buckets of our own incidents (and a window around them) emptied of failures. */
function withoutIncidents(lane: Lane, ours: readonly Incident[], origin: number, windowBuckets: number): Lane {
  if (ours.length === 0) return lane;
  const failures = lane.failures.slice();
  const firstFailureAt = lane.firstFailureAt.slice();
  const lastFailureAt = lane.lastFailureAt.slice();
  const kinds = { tls: lane.kinds.tls.slice(), lost: lane.kinds.lost.slice(), timeout: lane.kinds.timeout.slice() };
  for (const incident of ours) {
    const from = Math.max(0, Math.floor((incident.startedAt - origin) / BUCKET_MS) - 1);
    const to = Math.min(failures.length - 1, Math.floor((incident.endedAt - origin) / BUCKET_MS) + windowBuckets);
    for (let i = from; i <= to; i++) {
      failures[i] = 0;
      kinds.tls[i] = kinds.lost[i] = kinds.timeout[i] = 0;
      firstFailureAt[i] = lastFailureAt[i] = Number.NaN;
    }
  }
  return { series: lane.series, failures, connections: lane.connections, firstFailureAt, lastFailureAt, kinds };
}
