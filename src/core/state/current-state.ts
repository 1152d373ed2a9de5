/**
 * The state of each component now — our own servers and each tracked sender — and of the whole
 * site, from the incidents still going on. One answer for every place that shows a state:
 * `records/status.json`, the home page's banner and badges, the sender pages and the Statuspage
 * API. The incidents passed in are all the site knows: the records and the incidents that only a
 * note reports, so that no page can disagree with another about them.
 */
import { OURS, outboundComponent } from '../contract.ts';
import { worstImpact, type Impact, type IncidentRecord } from '../schemas/incident-record.ts';

/**
 * What a page may claim: an impact while the data is fresh; `stale` when the newest log line is
 * older than `staleAfterMinutes` at build time (or there is none), so that nothing says "normal"
 * without fresh data.
 */
export type Shown = Impact | 'stale';

/** What one component is like now. */
export interface ComponentState {
  /** `ours`, the sender's id, or for our mail to others `delivery-<receiver id>` (see outboundComponent). */
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
  /** Our outgoing mail as a whole (`delivery-ours`): our own outbound faults. */
  readonly outbound: ComponentState;
  /** One per receiver id given, in the same order (ids `delivery-<receiver id>`). */
  readonly receivers: readonly ComponentState[];
  /** True when our relays' newest delivery line is older than allowed, or there is none (while there are receivers to speak of). */
  readonly outboundStale: boolean;
  /** The state of a component by id: `ours`, a sender, `delivery-<receiver id>`, or `none` for an id nothing is known of. */
  of(id: string): ComponentState;
}

/** What the site knows of our mail to others: the receivers it has records of, and how fresh our relays' logs are. */
export interface OutboundComponents {
  /** Receiver record ids (not `ours`). */
  readonly receiverIds: readonly string[];
  /** As Freshness, with `asOf` the newest delivery line of our relays (status.json's `outboundAsOf`). */
  readonly freshness?: Freshness;
}

/**
 * The component an incident concerns: our own servers for what is our fault, else its sender;
 * for our mail to others, our delivery to its receiver, or our outgoing mail as a whole.
 *
 * @example
 * componentOf({ direction: 'inbound', attribution: 'ours', sender: { id: 'ours', name: 'Example Mail' } }) // 'ours'
 * componentOf({ direction: 'outbound', attribution: 'receiver', sender: { id: 'microsoft', name: 'Outlook.com' } }) // 'delivery-microsoft'
 */
export function componentOf(incident: Pick<IncidentRecord, 'direction' | 'attribution' | 'sender'>): string {
  const id = incident.attribution === 'ours' ? OURS : incident.sender.id;
  return incident.direction === 'outbound' ? outboundComponent(id) : id;
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
  incidents: readonly Pick<IncidentRecord, 'id' | 'direction' | 'attribution' | 'sender' | 'status' | 'impact'>[],
  senderIds: readonly string[],
  freshness?: Freshness,
  outbound: OutboundComponents = { receiverIds: [] },
): CurrentState {
  const stale = freshness !== undefined && isStale(freshness);
  // Our relays' logs may stop while the MX hosts' go on: the receivers are stale on their own.
  const outboundFreshness = outbound.freshness ?? freshness;
  const outboundStale = stale || (outboundFreshness !== undefined && outbound.receiverIds.length > 0 && isStale(outboundFreshness));
  const ongoing = new Map<string, { impacts: Impact[]; ids: string[] }>();
  for (const incident of incidents) {
    if (incident.status !== 'ongoing') continue;
    const id = componentOf(incident);
    const entry = ongoing.get(id) ?? { impacts: [], ids: [] };
    entry.impacts.push(incident.impact);
    entry.ids.push(incident.id);
    ongoing.set(id, entry);
  }
  const stateOf = (id: string, componentStale = stale): ComponentState => {
    const entry = ongoing.get(id);
    const impact = worstImpact(entry?.impacts ?? []);
    return { id, impact, shown: componentStale ? 'stale' : impact, ongoing: entry?.ids ?? [] };
  };
  const states = new Map([OURS, ...senderIds].map((id) => [id, stateOf(id)]));
  for (const id of [OURS, ...outbound.receiverIds].map(outboundComponent)) states.set(id, stateOf(id, outboundStale));
  const overall = worstImpact(incidents.filter((i) => i.status === 'ongoing').map((i) => i.impact));
  return {
    overall,
    shown: stale ? 'stale' : overall,
    stale,
    asOf: freshness?.asOf ?? null,
    ours: states.get(OURS)!,
    senders: senderIds.map((id) => states.get(id)!),
    outbound: states.get(outboundComponent(OURS))!,
    receivers: outbound.receiverIds.map((id) => states.get(outboundComponent(id))!),
    outboundStale,
    of: (id) => states.get(id) ?? stateOf(id),
  };
}
