import type { Impact } from '../../../src/core/schemas/incident-record.ts';
import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { ZoneClock } from '../parse/zone-clock.ts';

/**
 * The impact of failures: from the share of connections that failed (see detection.impact), no
 * higher than the duration allows (a short blip is minor however total it was).
 *
 * @example
 * impactOf(0.9, 20 * 60_000, settings) // 'minor': twenty minutes
 * impactOf(0.9, 3 * 3_600_000, settings) // 'critical'
 */
export function impactOf(ratio: number, durationMs: number, settings: DetectionSettings): Impact {
  const { impact } = settings;
  const byRatio: Impact = ratio >= impact.critical ? 'critical' : ratio >= impact.major ? 'major' : ratio >= impact.minor ? 'minor' : 'none';
  const minutes = durationMs / 60_000;
  const cap: Impact = minutes >= impact.criticalAfterMinutes ? 'critical' : minutes >= impact.majorAfterMinutes ? 'major' : 'minor';
  const order: readonly Impact[] = ['none', 'minor', 'major', 'critical'];
  return order[Math.min(order.indexOf(byRatio), order.indexOf(cap))]!;
}

/** YYYY-MM-DD of an instant in the site's zone. */
export function localDate(utcMs: number, clock: ZoneClock): string {
  return new Date(utcMs + clock.offsetAt(utcMs)).toISOString().slice(0, 10);
}
