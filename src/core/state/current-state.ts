/**
 * The state of each component now — our own servers and each tracked sender — and of the whole
 * site, from the incidents still going on. One answer for every place that shows a state:
 * `records/status.json`, the home page's banner and badges, the sender pages and the Statuspage
 * API. The incidents passed in are all the site knows: the records and the incidents that only a
 * note reports, so that no page can disagree with another about them.
 */
import { OURS } from '../contract.ts';
import { worstImpact, type Impact, type IncidentRecord } from '../schemas/incident-record.ts';

/**
 * What a page may claim: an impact while the data is fresh; `stale` when the newest log line is
 * older than `staleAfterMinutes` at build time (or there is none), so that nothing says "normal"
 * without fresh data.
 */
export type Shown = Impact | 'stale';

/** What one component is like now. */
export interface ComponentState {
  /** `ours`, or the sender's id. */
  readonly id: string;
  /** The worst impact of its ongoing incidents, as of the last log line; `none` when nothing is going on. */
  readonly impact: Impact;
  /** What to show: `impact`, or `stale` without fresh data. */
  readonly shown: Shown;
  /** Its ongoing incidents' ids, in the order given. */
  readonly ongoing: readonly string[];
}

/** How old the data may be: given at build time; without it, the data counts as fresh (records are as of their own time). */
export interface Freshness {
  /** The time of the newest log line read (the status record's `asOf`), or null when nothing was read. */
  readonly asOf: number | null;
  /** "Now" of the build. */
  readonly now: number;
  /** `staleAfterMinutes` of site.yaml, in milliseconds. */
  readonly staleAfterMs: number;
}

export interface CurrentState {
  /** The worst impact of all ongoing incidents, whoever they concern. */
  readonly overall: Impact;
  /** What to show for the site: `overall`, or `stale`. */
  readonly shown: Shown;
  /** True when the newest log line is older than allowed, or there is none. */
  readonly stale: boolean;
  /** The newest log line's time, or null. */
  readonly asOf: number | null;
  readonly ours: ComponentState;
  /** One per sender id given, in the same order. */
  readonly senders: readonly ComponentState[];
  /** The state of a component by id: `ours`, a sender, or `none` for an id nothing is known of. */
  of(id: string): ComponentState;
}

/**
 * The component an incident concerns: our own servers for what is our fault, else its sender.
 *
 * @example
 * componentOf({ attribution: 'ours', sender: { id: 'ours', name: 'Example Mail' } }) // 'ours'
 */
export function componentOf(incident: Pick<IncidentRecord, 'attribution' | 'sender'>): string {
  return incident.attribution === 'ours' ? OURS : incident.sender.id;
}

/**
 * Whether the data is too old to claim anything about now.
 *
 * @example
 * isStale({ asOf: Date.parse('2026-03-23T17:00Z'), now: Date.parse('2026-03-23T19:00Z'), staleAfterMs: 3_600_000 }) // true
 */
export function isStale(freshness: Freshness): boolean {
  return freshness.asOf === null || freshness.now - freshness.asOf > freshness.staleAfterMs;
}

/**
 * The current state from every incident, the tracked senders' ids and, at build time, how fresh
 * the data is.
 *
 * @example
 * const state = currentState([{ …, sender: { id: 'google', … }, kind: 'reported', status: 'ongoing', impact: 'major' }], ['google', 'microsoft']);
 * state.overall // 'major'
 * state.of('google').impact // 'major'
 * state.of('microsoft').impact // 'none'
 */
export function currentState(
  incidents: readonly Pick<IncidentRecord, 'id' | 'attribution' | 'sender' | 'status' | 'impact'>[],
  senderIds: readonly string[],
  freshness?: Freshness,
): CurrentState {
  const stale = freshness !== undefined && isStale(freshness);
  const ongoing = new Map<string, { impacts: Impact[]; ids: string[] }>();
  for (const incident of incidents) {
    if (incident.status !== 'ongoing') continue;
    const id = componentOf(incident);
    const entry = ongoing.get(id) ?? { impacts: [], ids: [] };
    entry.impacts.push(incident.impact);
    entry.ids.push(incident.id);
    ongoing.set(id, entry);
  }
  const stateOf = (id: string): ComponentState => {
    const entry = ongoing.get(id);
    const impact = worstImpact(entry?.impacts ?? []);
    return { id, impact, shown: stale ? 'stale' : impact, ongoing: entry?.ids ?? [] };
  };
  const states = new Map([OURS, ...senderIds].map((id) => [id, stateOf(id)]));
  const overall = worstImpact(incidents.filter((i) => i.status === 'ongoing').map((i) => i.impact));
  return {
    overall,
    shown: stale ? 'stale' : overall,
    stale,
    asOf: freshness?.asOf ?? null,
    ours: states.get(OURS)!,
    senders: senderIds.map((id) => states.get(id)!),
    of: (id) => states.get(id) ?? stateOf(id),
  };
}
