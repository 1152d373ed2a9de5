/**
 * The site's records and notes as the documents of Atlassian Statuspage's public API v2, so that
 * tools built for Statuspage (widgets, aggregators, chat bots) can follow us. Components are the
 * tracked senders plus our own servers; incidents carry the same updates as the feeds.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { worstImpact, type IncidentRecord } from '../core/schemas/incident-record.ts';
import type { SenderRecord } from '../core/schemas/sender-record.ts';
import type { Locale, SiteConfig } from '../core/schemas/site-config.ts';
import type { StatusRecord } from '../core/schemas/status-record.ts';
import { translate } from '../core/i18n/translate.ts';
import { incidentTitle } from './incident-text.ts';
import { incidentStatus, incidentUpdates } from './incident-updates.ts';
import { localePath, shortId } from '../core/routes.ts';
import type { Maintenance, NoteEntry } from './site-data.ts';
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
export const OURS_COMPONENT_ID = 'ours';

/** Statuspage lists at most this many incidents or maintenances in `incidents.json`. */
export const STATUSPAGE_LIST_LIMIT = 50;

export interface StatuspageSource {
  readonly config: Pick<SiteConfig, 'name' | 'site' | 'defaultLocale' | 'locales' | 'timeZone'>;
  readonly status: StatusRecord | null;
  readonly incidents: readonly IncidentRecord[];
  readonly senders: readonly SenderRecord[];
  /** Notes of `apiLocale(config)` by incident id. */
  readonly notes: ReadonlyMap<string, NoteEntry>;
  /** Planned maintenance notes, in `apiLocale(config)` where written in it. */
  readonly maintenance: readonly Maintenance[];
}

/** The API speaks English where the site offers it, else the default language. */
export function apiLocale(config: Pick<SiteConfig, 'locales' | 'defaultLocale'>): Locale {
  return config.locales.includes('en') ? 'en' : config.defaultLocale;
}

type Impact = IncidentRecord['impact'];

/** A component's state from the worst impact of its ongoing incidents. */
export const COMPONENT_STATUS: Record<Impact, ComponentStatus> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

const iso = (ms: number) => new Date(ms).toISOString();
const componentOf = (record: IncidentRecord) => (record.attribution === 'ours' ? OURS_COMPONENT_ID : record.sender.id);
/** When the logs last changed an incident's state: its start while ongoing, its end once resolved. */
const lastChange = (record: IncidentRecord) => Date.parse(record.status === 'resolved' ? record.endedAt : record.startedAt);

/**
 * Every document of `/api/v2/`, by path. Pure: the same records give the same documents, and
 * `page.updated_at` is the status record's `asOf`, never the time of the build.
 *
 * @example
 * statuspageDocuments(source)['status.json'] // { page: { id: 'status.example.net', … }, status: { indicator: 'none', description: 'Mail from all senders reaches us normally.' } }
 */
export function statuspageDocuments(source: StatuspageSource): StatuspageDocuments {
  const { config, notes } = source;
  const locale = apiLocale(config);
  const zone = config.timeZone;
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string | number> = {}) =>
    translate(locale, key, { provider: config.name, ...params });
  const absolute = (path: string) => new URL(path, config.site).href;
  const homeUrl = absolute(localePath(config.defaultLocale, '/', config));
  const incidents = [...source.incidents].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.id.localeCompare(b.id));
  const asOf = source.status ? Date.parse(source.status.asOf) : incidents.reduce((latest, i) => Math.max(latest, lastChange(i)), 0);
  const page: StatuspagePage = {
    id: new URL(config.site).hostname,
    name: config.name,
    url: homeUrl,
    time_zone: zone,
    updated_at: iso(asOf),
  };
  const page_id = page.id;

  // Components: our own servers first, then the senders by name.
  const dayStart = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, zone).getTime();
  };
  const component = (id: string, name: string, description: string, showcase: boolean, position: number, since: number | null): StatuspageComponent => {
    const own = incidents.filter((i) => componentOf(i) === id);
    const created = Math.min(since ?? asOf, ...own.map((i) => Date.parse(i.startedAt)));
    return {
      id,
      name,
      status: COMPONENT_STATUS[worstImpact(own.filter((i) => i.status === 'ongoing').map((i) => i.impact))],
      created_at: iso(created),
      updated_at: iso(Math.max(created, ...own.map(lastChange))),
      position,
      description,
      showcase,
      start_date: format(new TZDate(created, zone), 'yyyy-MM-dd'),
      group_id: null,
      page_id,
      group: false,
      only_show_if_degraded: false,
    };
  };
  const senders = source.senders
    .filter((s) => s.id !== OURS_COMPONENT_ID)
    .toSorted((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
  const senderComponents = senders.map((s, i) =>
    component(s.id, s.name, t('api.component.sender.description', { sender: s.name }), true, i + 2, s.days[0] ? dayStart(s.days[0].date) : null),
  );
  const firstTracked = senderComponents.length > 0 ? Math.min(...senderComponents.map((c) => Date.parse(c.created_at))) : null;
  const components = [
    component(OURS_COMPONENT_ID, t('api.component.ours'), t('api.component.ours.description'), false, 1, firstTracked),
    ...senderComponents,
  ];
  const componentsById = new Map(components.map((c) => [c.id, c]));

  const toIncident = (record: IncidentRecord): StatuspageIncident => {
    const note = notes.get(record.id);
    const updates = incidentUpdates(record, note?.data.updates ?? [], locale);
    const own = componentsById.get(componentOf(record));
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
      name: incidentTitle(record, note, locale),
      status: incidentStatus(record, updates),
      impact: record.impact,
      created_at: iso(Date.parse(record.startedAt)),
      updated_at: iso(Math.max(...updates.map((u) => u.at))),
      monitoring_at: monitoring ? iso(monitoring.at) : null,
      resolved_at: record.status === 'resolved' ? iso(Date.parse(record.endedAt)) : null,
      started_at: iso(Date.parse(record.startedAt)),
      shortlink: absolute(localePath(config.defaultLocale, `/i/${shortId(record.id)}/`, config)),
      page_id,
      incident_updates: updates.toReversed().map((u) => ({
        id: `${record.id}-${u.id}`,
        status: u.status,
        body: u.text,
        incident_id: record.id,
        created_at: iso(u.at),
        updated_at: iso(u.at),
        display_at: iso(u.at),
        affected_components: affected(u.id),
      })),
      components: own ? [own] : [],
    };
  };

  const toMaintenance = (m: Maintenance): StatuspageMaintenance | null => {
    const { start, end } = m.data;
    if (!start || !end) return null;
    const startMs = start.getTime();
    const endMs = end.getTime();
    const phase = (at: number) => (at < startMs ? 'scheduled' : at < endMs ? 'in_progress' : 'completed');
    const update = (id: string, at: number, body: string): StatuspageIncidentUpdate => ({
      id: `${m.id}-${id}`,
      status: phase(at),
      body,
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
    const own = componentsById.get(m.data.sender ?? OURS_COMPONENT_ID);
    return {
      id: m.id,
      name: m.data.title,
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
      page_id,
      incident_updates: updates,
      components: own ? [own] : [],
    };
  };

  const allIncidents = incidents.map(toIncident);
  const unresolved = allIncidents.filter((i) => i.status !== 'resolved' && i.status !== 'postmortem');
  const maintenance = source.maintenance
    .map(toMaintenance)
    .filter((m) => m !== null)
    .sort((a, b) => b.scheduled_for.localeCompare(a.scheduled_for) || a.id.localeCompare(b.id));
  const upcoming = maintenance.filter((m) => m.status === 'scheduled').reverse();
  const active = maintenance.filter((m) => m.status === 'in_progress' || m.status === 'verifying').reverse();
  const indicator = worstImpact(incidents.filter((i) => i.status === 'ongoing').map((i) => i.impact));
  const status = { indicator, description: t(`status.overall.${indicator}`) };

  return {
    'summary.json': { page, status, components, incidents: unresolved, scheduled_maintenances: [...active, ...upcoming] },
    'status.json': { page, status },
    'components.json': { page, components },
    'incidents.json': { page, incidents: allIncidents.slice(0, STATUSPAGE_LIST_LIMIT) },
    'incidents/unresolved.json': { page, incidents: unresolved },
    'scheduled-maintenances.json': { page, scheduled_maintenances: maintenance.slice(0, STATUSPAGE_LIST_LIMIT) },
    'scheduled-maintenances/upcoming.json': { page, scheduled_maintenances: upcoming },
    'scheduled-maintenances/active.json': { page, scheduled_maintenances: active },
  };
}
