/**
 * The site's records and notes as the documents of Atlassian Statuspage's public API v2, so that
 * tools built for Statuspage (widgets, aggregators, chat bots) can follow us. Components are our
 * own servers, the tracked senders, and (on a site with relay logs) our outgoing mail as a whole
 * (`delivery-ours`) and our delivery to each receiver (`delivery-<id>`); incidents carry the same
 * updates as the feeds.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { worstImpact, type Impact, type IncidentRecord } from '../core/schemas/incident-record.ts';
import { formatDateTime } from '../core/format-time.ts';
import type { SenderRecord } from '../core/schemas/sender-record.ts';
import type { ReceiverRecord } from '../core/schemas/receiver-record.ts';
import type { Locale, SiteConfig } from '../core/schemas/site-config.ts';
import type { StatusRecord } from '../core/schemas/status-record.ts';
import { translate } from '../core/i18n/translate.ts';
import { incidentTitle } from './incident-text.ts';
import { incidentStatus, incidentUpdates } from './incident-updates.ts';
import { localePath, shortPath } from '../core/routes.ts';
import type { Maintenance, NoteEntry } from './site-data.ts';
import { OURS, outboundComponent } from '../core/contract.ts';
import { overallWords } from './overall-words.ts';
import { componentOf, currentState, type CurrentState } from '../core/state/current-state.ts';
import type {
  ComponentStatus,
  StatuspageComponent,
  StatuspageDocuments,
  StatuspageIncident,
  StatuspageIncidentUpdate,
  StatuspageMaintenance,
  StatuspagePage,
} from '../core/schemas/statuspage-schema.ts';

/** The component of faults on our side (incident records with attribution `ours`). */
export const OURS_COMPONENT_ID = OURS;

/** Statuspage lists at most this many incidents or maintenances in `incidents.json`. */
export const STATUSPAGE_LIST_LIMIT = 50;

export interface StatuspageSource {
  readonly config: Pick<SiteConfig, 'name' | 'site' | 'defaultLocale' | 'locales' | 'timeZone' | 'staleAfterMinutes'>;
  /**
   * The language of the documents: `/api/v2/` speaks the site's default language, `/<locale>/api/v2/`
   * the others, as the pages do. The shortlinks and the page's URL lead to pages in it.
   */
  readonly locale: Locale;
  /** "Now" of the build: data older than `staleAfterMinutes` then is no current data. */
  readonly now: number;
  readonly status: StatusRecord | null;
  readonly incidents: readonly IncidentRecord[];
  readonly senders: readonly SenderRecord[];
  /** Our delivery to each receiving organisation and (id `ours`) our outgoing mail as a whole; none on a site without relay logs. */
  readonly receivers?: readonly ReceiverRecord[];
  /** Notes of `locale` by incident id. */
  readonly notes: ReadonlyMap<string, NoteEntry>;
  /** Planned maintenance notes, in `locale` where written in it. */
  readonly maintenance: readonly Maintenance[];
}

/** A component's state from the worst impact of its ongoing incidents. */
export const COMPONENT_STATUS: Record<Impact, ComponentStatus> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

/**
 * Text for a field that Statuspage clients show, some of them as HTML (widgets, chat bots): the
 * angle brackets of a note or a name become their look-alikes (‹ ›), so that no client can take
 * any of it for markup, and a client that shows text shows the same words.
 *
 * @example
 * apiText('<script>alert(1)</script> & more') // '‹script›alert(1)‹/script› & more'
 */
export function apiText(text: string): string {
  return text.replace(/</g, '\u2039').replace(/>/g, '\u203a');
}

const iso = (ms: number) => new Date(ms).toISOString();
/** When the logs last changed an incident's state: its start while ongoing, its end once resolved. */
const lastChange = (record: IncidentRecord) => Date.parse(record.status === 'resolved' ? record.endedAt : record.startedAt);

type Translate = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => string;

/** What every document is built from, worked out once: the builders below only read it. */
interface StatuspageContext {
  readonly source: StatuspageSource;
  readonly locale: Locale;
  readonly t: Translate;
  /** An absolute URL of a path of the site. */
  readonly absolute: (path: string) => string;
  readonly homeUrl: string;
  /** Newest first. */
  readonly incidents: readonly IncidentRecord[];
  /** The status record's `asOf`, or (without one) the last change of any incident. */
  readonly asOf: number;
  readonly page: StatuspagePage;
  readonly state: CurrentState;
}

/**
 * Every document of `/api/v2/`, by path. Pure: the same records give the same documents, and
 * `page.updated_at` is the status record's `asOf`, never the time of the build.
 *
 * @example
 * statuspageDocuments(source)['status.json'] // { page: { id: 'status.example.net', … }, status: { indicator: 'none', description: 'Mail from all senders reaches us normally.' } }
 */
export function statuspageDocuments(source: StatuspageSource): StatuspageDocuments {
  const context = statuspageContext(source);
  const { page } = context;
  const components = buildComponents(context);
  const byId = new Map(components.map((c) => [c.id, c]));
  const incidents = context.incidents.map((record) => buildIncident(context, record, byId.get(componentOf(record))));
  const unresolved = incidents.filter((i) => i.status !== 'resolved' && i.status !== 'postmortem');
  const maintenance = buildMaintenances(context, byId);
  const upcoming = maintenance.filter((m) => m.status === 'scheduled').reverse();
  const active = maintenance.filter((m) => m.status === 'in_progress' || m.status === 'verifying').reverse();
  const status = buildStatus(context);
  return {
    'summary.json': { page, status, components, incidents: unresolved, scheduled_maintenances: [...active, ...upcoming] },
    'status.json': { page, status },
    'components.json': { page, components },
    'incidents.json': { page, incidents: incidents.slice(0, STATUSPAGE_LIST_LIMIT) },
    'incidents/unresolved.json': { page, incidents: unresolved },
    'scheduled-maintenances.json': { page, scheduled_maintenances: maintenance.slice(0, STATUSPAGE_LIST_LIMIT) },
    'scheduled-maintenances/upcoming.json': { page, scheduled_maintenances: upcoming },
    'scheduled-maintenances/active.json': { page, scheduled_maintenances: active },
  };
}

function statuspageContext(source: StatuspageSource): StatuspageContext {
  const { config, locale } = source;
  const t: Translate = (key, params = {}) => translate(locale, key, { provider: config.name, ...params });
  const absolute = (path: string) => new URL(path, config.site).href;
  const homeUrl = absolute(localePath(locale, '/', config));
  const incidents = [...source.incidents].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.id.localeCompare(b.id));
  const asOf = source.status ? Date.parse(source.status.asOf) : incidents.reduce((latest, i) => Math.max(latest, lastChange(i)), 0);
  const page: StatuspagePage = { id: new URL(config.site).hostname, name: apiText(config.name), url: homeUrl, time_zone: config.timeZone, updated_at: iso(asOf) };
  const staleAfterMs = config.staleAfterMinutes * 60_000;
  const outboundAsOf = source.status?.outboundAsOf ?? null;
  const state = currentState(incidents, source.senders.map((s) => s.id), { asOf: source.status ? asOf : null, now: source.now, staleAfterMs }, {
    receiverIds: (source.receivers ?? []).filter((r) => r.id !== OURS).map((r) => r.id),
    freshness: { asOf: outboundAsOf ? Date.parse(outboundAsOf) : null, now: source.now, staleAfterMs },
  });
  return { source, locale, t, absolute, homeUrl, incidents, asOf, page, state };
}

/**
 * The overall indicator: the site's state, in Statuspage's words. Without current data it is never
 * `none` (a widget would show green while nobody knows): at least `minor`, with a description that
 * says since when data is missing and what was last known.
 */
function buildStatus(context: StatuspageContext): StatuspageDocuments['status.json']['status'] {
  const { state, t, source } = context;
  const outboundStaleOnly = outboundStale(context) && !state.stale;
  const words = overallWords(context.incidents, { showsOutbound: (source.receivers ?? []).length > 0, outboundStale: outboundStaleOnly });
  if (state.stale) return { indicator: worstImpact([state.overall, 'minor']), description: apiText([staleNotice(context), ...words.lastKnown.map((key) => t(key))].join(' ')) };
  const [inbound, ...outbound] = words.now.map((key) => t(key));
  if (!outboundStaleOnly) return { indicator: state.overall, description: apiText([inbound, ...outbound].join(' ')) };
  return { indicator: worstImpact([state.overall, 'minor']), description: apiText([inbound, staleOutboundNotice(context), ...outbound].join(' ')) };
}

/** Whether our relays' logs are too old to claim anything about our mail to others (only on a site that shows it). */
function outboundStale({ state, source }: StatuspageContext): boolean {
  return (source.receivers ?? []).length > 0 && state.outboundStale;
}

/** "No current data from our sending servers since …", or that there is none yet. */
function staleOutboundNotice({ t, source, locale }: StatuspageContext): string {
  const asOf = source.status?.outboundAsOf;
  return asOf ? t('api.staleOutbound', { time: formatDateTime(asOf, locale, source.config.timeZone) }) : t('status.overall.noData');
}

/** "No current data since 23 March 2026, 17:50 CET: …", or, with no data at all, that there is none yet. */
function staleNotice({ t, asOf, source, locale }: StatuspageContext): string {
  return source.status ? t('api.stale', { time: formatDateTime(asOf, locale, source.config.timeZone) }) : t('status.overall.noData');
}

interface ComponentFacts {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Shown in Statuspage's uptime showcase: the senders, not our own servers. */
  readonly showcase: boolean;
  readonly position: number;
  /** Since when it is tracked (null: as of the page). */
  readonly since: number | null;
  /** Our mail to others: as fresh as our relays' logs. */
  readonly outbound?: boolean;
}

/** Components: our own servers first, then the senders by name, then our outgoing mail as a whole and our delivery to each receiver by name. */
function buildComponents(context: StatuspageContext): StatuspageComponent[] {
  const { source, t } = context;
  const zone = source.config.timeZone;
  const dayStart = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, zone).getTime();
  };
  const senders = source.senders
    .filter((s) => s.id !== OURS_COMPONENT_ID)
    .toSorted((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
  const senderComponents = senders.map((s, i) =>
    buildComponent(context, {
      id: s.id,
      name: s.name,
      description: t('api.component.sender.description', { sender: s.name }),
      showcase: true,
      position: i + 2,
      since: s.days[0] ? dayStart(s.days[0].date) : null,
    }),
  );
  const firstTracked = senderComponents.length > 0 ? Math.min(...senderComponents.map((c) => Date.parse(c.created_at))) : null;
  const ours = buildComponent(context, {
    id: OURS_COMPONENT_ID,
    name: t('component.ours'),
    description: t('api.component.ours.description'),
    showcase: false,
    position: 1,
    since: firstTracked,
  });
  const receivers = source.receivers ?? [];
  const named = receivers.filter((r) => r.id !== OURS).toSorted((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
  const ourOutbound = receivers.find((r) => r.id === OURS);
  const first = 2 + senderComponents.length;
  const delivery = [
    ...(receivers.length > 0 ? [{ id: OURS, name: t('component.deliveryOurs'), description: t('api.component.deliveryOurs.description'), showcase: false, days: ourOutbound?.days ?? [] }] : []),
    ...named.map((r) => ({ id: r.id, name: t('component.delivery', { sender: r.name }), description: t('api.component.delivery.description', { sender: r.name }), showcase: true, days: r.days })),
  ].map((c, i) =>
    buildComponent(context, {
      id: outboundComponent(c.id),
      name: c.name,
      description: c.description,
      showcase: c.showcase,
      position: first + i,
      since: c.days[0] ? dayStart(c.days[0].date) : null,
      outbound: true,
    }),
  );
  return [ours, ...senderComponents, ...delivery];
}

/**
 * One component. Without current data its description says so; our own servers then count as
 * degraded (the logs not arriving is a fault on our side), the senders keep their last known status.
 */
function buildComponent(context: StatuspageContext, facts: ComponentFacts): StatuspageComponent {
  const { incidents, asOf, page, state, source } = context;
  const own = incidents.filter((i) => componentOf(i) === facts.id);
  const created = Math.min(facts.since ?? asOf, ...own.map((i) => Date.parse(i.startedAt)));
  // Our outgoing mail as a whole counts as degraded without current relay logs, as our servers do without any.
  const stale = facts.outbound ? outboundStale(context) : state.stale;
  const ourOwn = facts.id === OURS_COMPONENT_ID || facts.id === outboundComponent(OURS);
  const impact = stale && ourOwn ? worstImpact([state.of(facts.id).impact, 'minor']) : state.of(facts.id).impact;
  const notice = state.stale ? staleNotice(context) : stale ? staleOutboundNotice(context) : null;
  return {
    id: facts.id,
    name: apiText(facts.name),
    status: COMPONENT_STATUS[impact],
    created_at: iso(created),
    updated_at: iso(Math.max(created, ...own.map(lastChange))),
    position: facts.position,
    description: apiText(notice ? `${notice} ${facts.description}` : facts.description),
    showcase: facts.showcase,
    start_date: format(new TZDate(created, source.config.timeZone), 'yyyy-MM-dd'),
    group_id: null,
    page_id: page.id,
    group: false,
    only_show_if_degraded: false,
  };
}

function buildIncident(context: StatuspageContext, record: IncidentRecord, own: StatuspageComponent | undefined): StatuspageIncident {
  const { source, locale, absolute, page } = context;
  const note = source.notes.get(record.id);
  const updates = incidentUpdates(record, note?.data.updates ?? [], locale);
  const during = COMPONENT_STATUS[record.impact];
  const affected = (updateId: string) => {
    if (!own) return null;
    if (updateId === 'first') return [{ code: own.id, name: own.name, old_status: 'operational' as const, new_status: during }];
    if (updateId === 'end') return [{ code: own.id, name: own.name, old_status: during, new_status: 'operational' as const }];
    return null;
  };
  const monitoring = updates.find((u) => u.status === 'monitoring');
  return {
    id: record.id,
    name: apiText(incidentTitle(record, note, locale)),
    status: incidentStatus(record, updates),
    impact: record.impact,
    created_at: iso(Date.parse(record.startedAt)),
    updated_at: iso(Math.max(...updates.map((u) => u.at))),
    monitoring_at: monitoring ? iso(monitoring.at) : null,
    resolved_at: record.status === 'resolved' ? iso(Date.parse(record.endedAt)) : null,
    started_at: iso(Date.parse(record.startedAt)),
    shortlink: absolute(shortPath(locale, record.id, source.config)),
    page_id: page.id,
    incident_updates: updates.toReversed().map((u) => ({
      id: `${record.id}-${u.id}`,
      status: u.status,
      body: apiText(u.text),
      incident_id: record.id,
      created_at: iso(u.at),
      updated_at: iso(u.at),
      display_at: iso(u.at),
      affected_components: affected(u.id),
    })),
    components: own ? [own] : [],
  };
}

/** Planned maintenances with a start and an end, latest first. */
function buildMaintenances(context: StatuspageContext, components: ReadonlyMap<string, StatuspageComponent>): StatuspageMaintenance[] {
  return context.source.maintenance
    .map((m) => buildMaintenance(context, m, components.get(m.data.sender ?? OURS_COMPONENT_ID)))
    .filter((m) => m !== null)
    .sort((a, b) => b.scheduled_for.localeCompare(a.scheduled_for) || a.id.localeCompare(b.id));
}

function buildMaintenance({ asOf, t, homeUrl, page }: StatuspageContext, m: Maintenance, own: StatuspageComponent | undefined): StatuspageMaintenance | null {
  const { start, end } = m.data;
  if (!start || !end) return null;
  const startMs = start.getTime();
  const endMs = end.getTime();
  const phase = (at: number) => (at < startMs ? 'scheduled' : at < endMs ? 'in_progress' : 'completed');
  const update = (id: string, at: number, body: string): StatuspageIncidentUpdate => ({
    id: `${m.id}-${id}`,
    status: phase(at),
    body: apiText(body),
    incident_id: m.id,
    created_at: iso(at),
    updated_at: iso(at),
    display_at: iso(at),
    affected_components: null,
  });
  const updates = [
    ...m.data.updates.map((u, i) => update(`note-${i + 1}`, u.at.getTime(), u.text)),
    ...(asOf >= startMs ? [update('started', startMs, t('api.maintenance.started'))] : []),
    ...(asOf >= endMs ? [update('completed', endMs, t('api.maintenance.completed'))] : []),
  ].sort((a, b) => b.created_at.localeCompare(a.created_at));
  const created = Math.min(startMs, ...m.data.updates.map((u) => u.at.getTime()));
  const status = phase(asOf);
  return {
    id: m.id,
    name: apiText(m.data.title),
    status,
    impact: 'maintenance',
    created_at: iso(created),
    updated_at: iso(Math.max(created, ...updates.map((u) => Date.parse(u.created_at)))),
    monitoring_at: null,
    resolved_at: status === 'completed' ? iso(endMs) : null,
    started_at: iso(startMs),
    scheduled_for: iso(startMs),
    scheduled_until: iso(endMs),
    shortlink: `${homeUrl}#maintenance`,
    page_id: page.id,
    incident_updates: updates,
    components: own ? [own] : [],
  };
}
