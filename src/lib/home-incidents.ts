import type { IncidentRecord } from '../core/schemas/incident-record.ts';

/** How many resolved incidents the home page lists; the rest are on /incidents/. */
const RECENT = 10;

export interface HomeIncidents {
  readonly ongoing: readonly IncidentRecord[];
  /** The newest resolved incidents. */
  readonly recent: readonly IncidentRecord[];
  /**
   * What the recent section says when it lists none, or null when it lists some: while incidents
   * are going on, "no incidents" would contradict the section above it, so it says "no other".
   */
  readonly noneRecent: 'incidents.none' | 'incidents.noneOther' | null;
}

/**
 * The incidents of the home page, from all incidents newest first.
 *
 * @example
 * homeIncidents([ongoingRecord]) // { ongoing: [ongoingRecord], recent: [], noneRecent: 'incidents.noneOther' }
 */
export function homeIncidents(incidents: readonly IncidentRecord[]): HomeIncidents {
  const ongoing = incidents.filter((i) => i.status === 'ongoing');
  const recent = incidents.filter((i) => i.status === 'resolved').slice(0, RECENT);
  const noneRecent = recent.length > 0 ? null : ongoing.length > 0 ? 'incidents.noneOther' : 'incidents.none';
  return { ongoing, recent, noneRecent };
}
