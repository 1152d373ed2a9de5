/**
 * The state of each component now — our own servers and each tracked sender — and of the whole
 * site, from the incidents still going on. One answer for every place that shows a state:
 * `records/status.json`, the home page's banner and badges, the sender pages and the Statuspage
 * API. The incidents passed in are all the site knows: the records and the incidents that only a
 * note reports, so that no page can disagree with another about them.
 */
import { OURS } from '../contract.ts';
import { worstImpact, type Impact, type IncidentRecord } from '../schemas/incident-record.ts';

/** What one component is like now. */
export interface ComponentState {
  /** `ours`, or the sender's id. */
  readonly id: string;
  /** The worst impact of its ongoing incidents; `none` when nothing is going on. */
  readonly impact: Impact;
  /** Its ongoing incidents' ids, in the order given. */
  readonly ongoing: readonly string[];
}

export interface CurrentState {
  /** The worst impact of all ongoing incidents, whoever they concern. */
  readonly overall: Impact;
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
 * The current state from every incident and the tracked senders' ids.
 *
 * @example
 * const state = currentState([{ …, sender: { id: 'google', … }, kind: 'reported', status: 'ongoing', impact: 'major' }], ['google', 'microsoft']);
 * state.overall // 'major'
 * state.of('google').impact // 'major'
 * state.of('microsoft').impact // 'none'
 */
export function currentState(incidents: readonly Pick<IncidentRecord, 'id' | 'attribution' | 'sender' | 'status' | 'impact'>[], senderIds: readonly string[]): CurrentState {
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
    return { id, impact: worstImpact(entry?.impacts ?? []), ongoing: entry?.ids ?? [] };
  };
  const states = new Map([OURS, ...senderIds].map((id) => [id, stateOf(id)]));
  return {
    overall: worstImpact(incidents.filter((i) => i.status === 'ongoing').map((i) => i.impact)),
    ours: states.get(OURS)!,
    senders: senderIds.map((id) => states.get(id)!),
    of: (id) => states.get(id) ?? stateOf(id),
  };
}
