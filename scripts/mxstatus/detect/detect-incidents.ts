import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { MxCounts } from '../series/mx-counts.ts';
import type { SenderSeries } from '../series/sender-series.ts';
import { buildTimeline } from './build-timeline.ts';
import { detectOurIncidents } from './detect-our-incidents.ts';
import { detectSenderIncidents } from './detect-sender-incidents.ts';
import { detectSilences } from './detect-silences.ts';
import type { Incident } from './incident.ts';

/**
 * Finds the incidents in the series, in three steps over one timeline:
 * 1. our side — several senders (or most of all traffic) failing together, or one of our MX hosts
 *    failing while the others are fine: one incident of ours, and those buckets are blamed on no
 *    sender (detectOurIncidents);
 * 2. each sender — a sliding window with enough failures at a high enough ratio opens an
 *    incident; it closes once no window has qualified for the quiet period; its bounds are the
 *    first and last failure that stand out from the sender's normal ratio (fitBounds); waves
 *    closer than the merge gap are one (detectSenderIncidents);
 * 3. silence — a sender that sends nothing for far longer than its usual rate at that hour makes
 *    likely (detectSilences).
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
  mx: MxCounts | null = null,
): Incident[] {
  const timeline = buildTimeline(seriesList, endOfLogs, mx);
  if (!timeline) return [];
  const ours = detectOurIncidents(timeline, settings, providerName);
  const incidents = [...ours, ...detectSenderIncidents(timeline, settings, ours), ...detectSilences(timeline, settings)];
  return incidents.sort((a, b) => a.startedAt - b.startedAt || a.sender.id.localeCompare(b.sender.id));
}
