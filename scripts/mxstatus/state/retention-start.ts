import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { Incident } from '../detect/incident.ts';
import type { ZoneClock } from '../parse/zone-clock.ts';
import { localDate } from '../records/build-records.ts';

/** Days of counts the state keeps: the site shows 90, and silence needs a sender's usual rhythm. */
export const RETAIN_DAYS = 100;
const DAY_MS = 86_400_000;

/**
 * Where the state may cut its series: `retainDays` before the last log line, moved back so that
 * no incident lies within a day of the cut (or within the merge gap after its end: a new wave
 * could still join it), then back to the start of that day in the site's zone. Incidents and
 * days before it are history the records keep; everything after it is counted again from the
 * state exactly as it was.
 *
 * @example
 * retentionStart([], Date.UTC(2026, 6, 1), detection, clock, 100) // local midnight of 23 March 2026
 */
export function retentionStart(incidents: readonly Pick<Incident, 'startedAt' | 'endedAt'>[], lastTime: number, detection: DetectionSettings, clock: ZoneClock, retainDays: number): number {
  const gap = detection.mergeGapHours * 3_600_000 + detection.quietMinutes * 60_000;
  let horizon = lastTime - retainDays * DAY_MS;
  for (let moved = true; moved; ) {
    moved = false;
    for (const incident of incidents) {
      if (incident.startedAt - DAY_MS < horizon && incident.endedAt + gap + DAY_MS >= horizon) {
        horizon = incident.startedAt - DAY_MS;
        moved = true;
      }
    }
  }
  const [year, month, day] = localDate(horizon, clock).split('-').map(Number) as [number, number, number];
  return clock.toUtc(Date.UTC(year, month - 1, day));
}
