import { HISTORY_DAYS, OURS, RECORDS_VERSION } from '../../../src/core/contract.ts';
import { OUTBOUND_KINDS, worstImpact, type Impact, type IncidentRecord, type OutboundKind } from '../../../src/core/schemas/incident-record.ts';
import type { ReceiverDay, ReceiverRecord } from '../../../src/core/schemas/receiver-record.ts';
import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { OutboundIncident } from '../outbound/detect-outbound-incidents.ts';
import type { ReceiverSeries } from '../outbound/receiver-series.ts';
import { summarizeOutboundIncident } from '../outbound/summarize-outbound-incident.ts';
import type { ZoneClock } from '../parse/zone-clock.ts';
import { BUCKET_MS, HOUR_MS } from '../series/sender-series.ts';
import { impactOf, localDate } from './impact-and-date.ts';

/** What a run hands the records about our mail to others. */
export interface OutboundInput {
  /** One per receiver (mail to everyone else together among them, never named), by id. */
  readonly series: readonly ReceiverSeries[];
  readonly incidents: readonly OutboundIncident[];
  /** The newest line of our relays (status.json's `outboundAsOf`); null without relay logs. */
  readonly asOf: number | null;
  /** Per relay host, the buckets it logged deliveries in: what the relays' logs cover. */
  readonly relayBuckets: ReadonlyMap<string, readonly number[]>;
  /** Mail still queued that a receiver (by id; null: any) deferred last at or after `since` (OutboundTracker.waiting). */
  readonly waiting?: (receiverId: string | null, since: number) => number;
}

/** No outbound side: logs of MX hosts only. */
export const NO_OUTBOUND: OutboundInput = { series: [], incidents: [], asOf: null, relayBuckets: new Map() };

/**
 * The records of outbound incidents, in order of their start (ids unique among `usedIds`, which
 * they are added to): each from its receiver's series (our own: from all of them), with the
 * receiver's words, mail lost apart from mail delayed, and the recovery.
 *
 * @example
 * buildOutboundIncidentRecords(series, incidents, settings, clock, usedIds)
 * // [{ version: 2, direction: 'outbound', id: '2026-03-23-microsoft-rate-limit', kind: 'rate-limit', attribution: 'receiver', … }]
 */
export function buildOutboundIncidentRecords(
  seriesList: readonly ReceiverSeries[],
  incidents: readonly OutboundIncident[],
  settings: DetectionSettings,
  clock: ZoneClock,
  usedIds: Set<string>,
  relayBuckets: ReadonlyMap<string, readonly number[]> = new Map(),
  waiting: (receiverId: string | null, since: number) => number = () => 0,
): IncidentRecord[] {
  const byReceiver = new Map(seriesList.filter((s) => s.receiver).map((s) => [s.receiver!.id, s]));
  const ordered = [...incidents].sort((a, b) => a.startedAt - b.startedAt || a.receiver.id.localeCompare(b.receiver.id));
  return ordered.map((incident) => {
    const evidence = incident.attribution === 'ours' ? seriesList : [byReceiver.get(incident.receiver.id)!];
    // Mail given up later belongs to this incident until the receiver's next one begins.
    const next = ordered.find((other) => other.startedAt > incident.startedAt && other.receiver.id === incident.receiver.id);
    const summary = summarizeOutboundIncident(evidence, incident, next?.startedAt);
    // What still waits is the receiver's latest incident's (ours: of all receivers).
    const stillWaiting = next ? 0 : waiting(incident.attribution === 'ours' ? null : incident.receiver.id, incident.startedAt);
    const failures = OUTBOUND_KINDS.reduce((n, kind) => n + (summary.byClass[kind] ?? 0), 0);
    const ratio = summary.attempts === 0 ? 0 : round(failures / summary.attempts, 4);
    const baseId = `${localDate(incident.startedAt, clock)}-${incident.receiver.id}-${incident.problemClass}`;
    let id = baseId;
    for (let n = 2; usedIds.has(id); n++) id = `${baseId}-${n}`;
    usedIds.add(id);
    const kind = incident.problemClass as OutboundKind;
    return {
      version: RECORDS_VERSION,
      direction: 'outbound',
      id,
      sender: { id: incident.receiver.id, name: incident.receiver.name },
      kind,
      attribution: incident.attribution,
      status: incident.ongoing ? 'ongoing' : 'resolved',
      impact: outboundImpact(impactOf(ratio, incident.endedAt - incident.startedAt, settings), summary),
      startedAt: iso(incident.startedAt),
      endedAt: iso(incident.endedAt),
      failures,
      connections: summary.attempts,
      failureRatio: ratio,
      hosts: { count: 0, sample: [] },
      hourly: hourlyOf(evidence, incident),
      excerpts: [],
      recovery: null,
      ourDelivery: null,
      outbound: {
        sent: summary.sent,
        deferred: summary.deferred,
        bounced: summary.bounced,
        lost: summary.lost,
        waiting: stillWaiting,
        classes: OUTBOUND_KINDS.filter((k) => (summary.byClass[k] ?? 0) > 0)
          .map((k) => ({ class: k, count: summary.byClass[k]! }))
          .sort((a, b) => b.count - a.count || OUTBOUND_KINDS.indexOf(a.class) - OUTBOUND_KINDS.indexOf(b.class)),
        replies: summary.replies.map((r) => ({ at: iso(r.at), class: r.problemClass as OutboundKind, code: r.code, enhanced: r.enhanced, text: r.text })),
        delay: summary.delay,
        recovery: summary.recovery ? { at: iso(summary.recovery.at), tls: summary.recovery.tls } : null,
        receivers: incident.receivers.map((r) => ({ id: r.id, name: r.name })),
        relays: relaysDuring(relayBuckets, incident),
      },
    };
  });
}

/**
 * How bad an outbound incident is: as an inbound one (the share of attempts refused, no higher
 * than its duration allows), but critical only when mail was lost or none went through — mail
 * that is only delayed, however long, is at most major.
 */
function outboundImpact(impact: Impact, summary: { readonly lost: number; readonly sent: number }): Impact {
  return impact === 'critical' && summary.lost === 0 && summary.sent > 0 ? 'major' : impact;
}

/** Our hosts that logged deliveries from the incident's first bucket to its end, by name. */
function relaysDuring(relayBuckets: ReadonlyMap<string, readonly number[]>, incident: OutboundIncident): string[] {
  const first = Math.floor(incident.startedAt / BUCKET_MS) * BUCKET_MS;
  return [...relayBuckets]
    .filter(([, starts]) => starts.some((start) => start >= first && start <= incident.endedAt))
    .map(([host]) => host)
    .sort();
}

/** Attempts and the receiver's problems per hour, from the hour of the start to that of the end. */
function hourlyOf(evidence: readonly ReceiverSeries[], incident: OutboundIncident): IncidentRecord['hourly'] {
  const hours = new Map<number, { connections: number; failures: number }>();
  const first = Math.floor(incident.startedAt / BUCKET_MS) * BUCKET_MS;
  for (const series of evidence) {
    for (const start of series.bucketStarts()) {
      if (start < first || start > incident.endedAt) continue;
      const bucket = series.bucket(start)!;
      const hour = Math.floor(start / HOUR_MS) * HOUR_MS;
      const entry = hours.get(hour) ?? { connections: 0, failures: 0 };
      entry.connections += bucket.attempts;
      entry.failures += bucket.receiverProblems;
      hours.set(hour, entry);
    }
  }
  return [...hours].sort(([a], [b]) => a - b).map(([hour, v]) => ({ hour: iso(hour), ...v }));
}

/**
 * One record per receiving organisation the site may name that we delivered to, and `ours` (our
 * outgoing mail as a whole, when there is any): per local day, our attempts, the receiver's
 * problems, and the worst of its outbound incidents that day. Sorted by id.
 *
 * @example
 * buildReceiverRecords(series, records, 'Example Mail', clock)
 * // [{ id: 'google', name: 'Gmail', statusPage: …, days: [{ date: '2026-03-23', attempts: 1204, problems: 3, worst: 'none' }, …] }, …, { id: 'ours', … }]
 */
export function buildReceiverRecords(seriesList: readonly ReceiverSeries[], records: readonly IncidentRecord[], providerName: string, clock: ZoneClock): ReceiverRecord[] {
  if (seriesList.length === 0) return [];
  const outbound = records.filter((r) => r.direction === 'outbound');
  const dates = new Map<number, string>();
  const out = seriesList
    .filter((s) => s.receiver?.known && s.receiver.id !== OURS)
    .map((series) => ({
      id: series.receiver!.id,
      name: series.receiver!.name,
      statusPage: series.receiver!.statusPage,
      days: receiverDays([series], outbound.filter((r) => r.attribution === 'receiver' && r.sender.id === series.receiver!.id), clock, dates),
    }));
  out.push({ id: OURS, name: providerName, statusPage: null, days: receiverDays(seriesList, outbound.filter((r) => r.attribution === 'ours'), clock, dates) });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function receiverDays(
  seriesList: readonly ReceiverSeries[],
  incidents: readonly IncidentRecord[],
  clock: ZoneClock,
  dates: Map<number, string>,
): ReceiverDay[] {
  const days = new Map<string, ReceiverDay>();
  for (const series of seriesList) {
    series.eachBucket((start, attempts, problems) => {
      // Zone offsets are whole quarter hours: every bucket of a UTC quarter hour has one local date.
      const quarter = Math.floor(start / 900_000);
      let date = dates.get(quarter);
      if (date === undefined) dates.set(quarter, (date = localDate(start, clock)));
      const day = days.get(date) ?? { date, attempts: 0, problems: 0, worst: 'none' as Impact };
      day.attempts += attempts;
      day.problems += problems;
      days.set(date, day);
    });
  }
  for (const incident of incidents) {
    const from = localDate(Date.parse(incident.startedAt), clock);
    const to = localDate(Date.parse(incident.endedAt), clock);
    for (const day of days.values()) if (day.date >= from && day.date <= to) day.worst = worstImpact([day.worst, incident.impact]);
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).slice(-HISTORY_DAYS);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
