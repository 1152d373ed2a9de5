import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import { worstImpact, type Excerpt, type IncidentRecord } from '../../../src/core/schemas/incident-record.ts';
import type { SenderDay, SenderRecord } from '../../../src/core/schemas/sender-record.ts';
import type { StatusRecord } from '../../../src/core/schemas/status-record.ts';
import type { Impact, Incident } from '../detect/incident.ts';
import type { MxCounts } from '../series/mx-counts.ts';
import type { ZoneClock } from '../parse/zone-clock.ts';
import { impactOf, localDate } from './impact-and-date.ts';

export { impactOf, localDate } from './impact-and-date.ts';
import { BUCKET_MS, HOUR_MS, delayPercentiles, failureCount, hostNameOf, type FailureSample, type SenderSeries, type TlsSample } from '../series/sender-series.ts';
import { HISTORY_DAYS, OURS, outboundComponent, RECORDS_VERSION } from '../../../src/core/contract.ts';
import type { ReceiverRecord } from '../../../src/core/schemas/receiver-record.ts';
import { buildOutboundIncidentRecords, buildReceiverRecords, NO_OUTBOUND, type OutboundInput } from './build-outbound-records.ts';
import { componentOf, currentState } from '../../../src/core/state/current-state.ts';

export interface Records {
  /** Inbound and outbound, in order of their start. */
  readonly incidents: IncidentRecord[];
  readonly senders: SenderRecord[];
  /** Our mail to each receiving organisation, and `ours` (to everyone); none without relay logs. */
  readonly receivers: ReceiverRecord[];
  readonly status: StatusRecord;
}

const HOST_SAMPLE = 10;
const EXCERPTS = 6;

/**
 * Turns detected incidents and the series behind them into the records the site reads. Pure:
 * the same inputs give the same records, in the same order.
 */
export function buildRecords(
  seriesList: readonly SenderSeries[],
  incidents: readonly Incident[],
  settings: DetectionSettings,
  clock: ZoneClock,
  asOf: number,
  providerName: string,
  mx: MxCounts | null = null,
  outbound: OutboundInput = NO_OUTBOUND,
): Records {
  const bySender = new Map(seriesList.map((s) => [s.sender.id, s]));
  /** Local dates by UTC quarter hour, for every day history of the run (see dayHistory). */
  const dates = new Map<number, string>();
  const usedIds = new Set<string>();
  const incidentRecords = [...incidents]
    .sort((a, b) => a.startedAt - b.startedAt || a.sender.id.localeCompare(b.sender.id))
    .map((incident) => {
      // Our own incidents draw their evidence from every sender.
      const evidence = incident.attribution === 'ours' ? seriesList : [bySender.get(incident.sender.id)!];
      const record = buildIncidentRecord(evidence, incident, settings, clock, usedIds);
      usedIds.add(record.id);
      return incident.attribution === 'ours' && mx ? { ...record, ourHosts: ourHostsOf(mx, incident, settings) } : record;
    });
  // Ids are unique across both directions (an inbound id is never taken by an outbound one: kinds differ).
  const outboundRecords = buildOutboundIncidentRecords(outbound.series, outbound.incidents, settings, clock, usedIds, outbound.relayBuckets, outbound.waiting);
  if (outboundRecords.length > 0) incidentRecords.push(...outboundRecords);
  if (outboundRecords.length > 0) incidentRecords.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const receivers = buildReceiverRecords(outbound.series, incidentRecords, providerName, clock);
  const senders = seriesList
    .filter((s) => s.sender.known && s.sender.id !== OURS)
    .sort((a, b) => a.sender.id.localeCompare(b.sender.id))
    .map((series) => buildSenderRecord(series, incidentRecords.filter((r) => r.direction === 'inbound'), clock, dates));
  const receiverIds = receivers.filter((r) => r.id !== OURS).map((r) => r.id);
  const state = currentState(incidentRecords, senders.map((s) => s.id), undefined, { receiverIds });
  // Our own servers have a history too: every connection to them, and the days of our own incidents.
  const ours: SenderRecord = { id: OURS, name: providerName, statusPage: null, days: dayHistory(seriesList, incidentRecords.filter((r) => componentOf(r) === OURS), clock, dates) };
  const receiverNames = new Map(receivers.map((r) => [r.id, r.name]));
  const status: StatusRecord = {
    asOf: iso(asOf),
    overall: state.overall,
    senders: senders.map((s) => {
      const { impact, ongoing } = state.of(s.id);
      return { id: s.id, name: s.name, state: impact, ongoing: [...ongoing] };
    }),
    outboundAsOf: outbound.asOf === null ? null : iso(outbound.asOf),
    receivers: receiverIds.map((id) => {
      const { impact, ongoing } = state.of(outboundComponent(id));
      return { id, name: receiverNames.get(id)!, state: impact, ongoing: [...ongoing] };
    }),
  };
  return { incidents: incidentRecords, senders: [...senders, ours].sort((a, b) => a.id.localeCompare(b.id)), receivers, status };
}

/**
 * Our MX hosts during an incident of ours (whole buckets from its start to its end): their
 * connections and failures, and whether the fault was on them (their failure ratio reached
 * `minFailureRatio`) — a fault of one host is told from one of all.
 */
function ourHostsOf(mx: MxCounts, incident: Incident, settings: DetectionSettings): NonNullable<IncidentRecord['ourHosts']> {
  return mx
    .between(incident.startedAt, incident.endedAt)
    .filter((h) => h.connections > 0)
    .map((h) => ({ ...h, affected: h.failures >= settings.minFailureRatio * h.connections }));
}

function buildIncidentRecord(
  evidence: readonly SenderSeries[],
  incident: Incident,
  settings: DetectionSettings,
  clock: ZoneClock,
  usedIds: ReadonlySet<string>,
): IncidentRecord {
  const firstBucket = floorTo(incident.startedAt, BUCKET_MS);
  let failures = 0;
  let connections = 0;
  let maxDelay = 0;
  const hourly = new Map<number, { connections: number; failures: number }>();
  const samples: FailureSample[] = [];
  for (let t = firstBucket; t <= incident.endedAt; t += BUCKET_MS) {
    let first: FailureSample | null = null;
    for (const series of evidence) {
      const bucket = series.bucket(t);
      if (!bucket) continue;
      const f = failureCount(bucket.failures);
      failures += f;
      connections += bucket.connections;
      maxDelay = Math.max(maxDelay, bucket.maxDelay);
      const hour = floorTo(t, HOUR_MS);
      const entry = hourly.get(hour) ?? { connections: 0, failures: 0 };
      entry.connections += bucket.connections;
      entry.failures += f;
      hourly.set(hour, entry);
      // Only organisations the site may name give excerpts.
      if (series.trackHosts && bucket.firstFailure && (!first || bucket.firstFailure.at < first.at)) first = bucket.firstFailure;
    }
    if (first) samples.push(first);
  }
  const silence = incident.kind === 'silence';
  const failureRatio = silence || connections === 0 ? 0 : round(failures / connections, 4);
  const baseId = `${localDate(incident.startedAt, clock)}-${incident.sender.id}-${incident.kind}`;
  let id = baseId;
  for (let n = 2; usedIds.has(id); n++) id = `${baseId}-${n}`;

  const firstHour = Math.floor(incident.startedAt / HOUR_MS);
  const lastHour = Math.floor(incident.endedAt / HOUR_MS);
  const rows = evidence
    .flatMap((series) => [...series.hosts])
    .map(([key, host]) => {
      let count = 0;
      for (const [hour, n] of host.failuresByHour) if (hour >= firstHour && hour <= lastHour) count += n;
      return { name: hostNameOf(key), ip: host.ip, failures: count, lastTlsOkAt: host.lastTlsOkAt };
    });
  // A server that failed by its name (smtpd) and by its address alone (postscreen's TLS proxy, which
  // another MX host may have put in front of it) is one server: its address's failures go to its
  // name — the one a name was seen with first of all (SendingHost.ip is its lowest address), and of
  // two names with the same address, the first in order, whatever order the hosts were met in.
  const byIp = new Map<string, (typeof rows)[number]>();
  for (const h of rows) {
    if (h.name === 'unknown') continue;
    const known = byIp.get(h.ip);
    if (!known || h.name < known.name) byIp.set(h.ip, h);
  }
  const hosts = rows
    .filter((h) => {
      const named = h.name === 'unknown' ? byIp.get(h.ip) : undefined;
      if (!named) return true;
      named.failures += h.failures;
      if (h.lastTlsOkAt !== null && (named.lastTlsOkAt === null || h.lastTlsOkAt > named.lastTlsOkAt)) named.lastTlsOkAt = h.lastTlsOkAt;
      return false;
    })
    .filter((h) => h.failures > 0)
    .sort((a, b) => b.failures - a.failures || a.name.localeCompare(b.name) || a.ip.localeCompare(b.ip));

  // A server without a name (the TLS proxy's clients) recovered when its address got through again under its name.
  const lastTlsOkByIp = new Map<string, number>();
  for (const series of evidence) {
    for (const host of series.hosts.values()) {
      if (host.lastTlsOkAt !== null && host.lastTlsOkAt > (lastTlsOkByIp.get(host.ip) ?? -1)) lastTlsOkByIp.set(host.ip, host.lastTlsOkAt);
    }
  }
  const recoverySample = silence || incident.ongoing ? null : firstTlsAfter(evidence, incident.endedAt);
  const recovery = recoverySample
    ? {
        at: iso(recoverySample.at),
        host: recoverySample.host,
        ip: recoverySample.ip,
        protocol: recoverySample.protocol,
        cipher: recoverySample.cipher,
        hostsRecovered: hosts.filter((h) => Math.max(h.lastTlsOkAt ?? -1, lastTlsOkByIp.get(h.ip) ?? -1) > incident.endedAt).length,
      }
    : null;

  return {
    version: RECORDS_VERSION,
    direction: 'inbound',
    id,
    sender: { id: incident.sender.id, name: incident.sender.name },
    kind: incident.kind,
    attribution: incident.attribution,
    status: incident.ongoing ? 'ongoing' : 'resolved',
    impact: silence ? 'major' : impactOf(failureRatio, incident.endedAt - incident.startedAt, settings),
    startedAt: iso(incident.startedAt),
    endedAt: iso(incident.endedAt),
    failures,
    connections,
    failureRatio,
    hosts: {
      count: hosts.length,
      sample: hosts.slice(0, HOST_SAMPLE).map(({ name, ip, failures: n }) => ({ name, ip, failures: n })),
    },
    hourly: [...hourly].sort(([a], [b]) => a - b).map(([hour, v]) => ({ hour: iso(hour), ...v })),
    excerpts: pickExcerpts(samples),
    recovery,
    ourDelivery: deliveryStats(evidence, firstHour, lastHour, maxDelay),
  };
}

/** The first successful TLS handshake after `after`, from the organisations the site may name, within a day. */
function firstTlsAfter(evidence: readonly SenderSeries[], after: number): TlsSample | null {
  let best: TlsSample | null = null;
  for (let t = floorTo(after, BUCKET_MS); t < after + 86_400_000 && !best; t += BUCKET_MS) {
    for (const series of evidence) {
      if (!series.trackHosts) continue;
      const sample = series.bucket(t)?.firstTls;
      if (sample && sample.at > after && (!best || sample.at < best.at || (sample.at === best.at && sample.host < best.host))) best = sample;
    }
  }
  return best;
}

/** Spread a handful of samples over the incident: the first, the last, and evenly between. */
function pickExcerpts(samples: readonly FailureSample[]): Excerpt[] {
  const picked =
    samples.length <= EXCERPTS
      ? samples
      : Array.from({ length: EXCERPTS }, (_, i) => samples[Math.round((i * (samples.length - 1)) / (EXCERPTS - 1))]!);
  return picked.map((s) => ({ at: iso(s.at), mx: s.mx, host: s.host, ip: s.ip, failure: s.kind, stage: s.stage }));
}

function deliveryStats(evidence: readonly SenderSeries[], firstHour: number, lastHour: number, max: number): IncidentRecord['ourDelivery'] {
  const bins = new Map<number, number>();
  for (const series of evidence) for (const [bin, n] of series.delays(firstHour, lastHour)) bins.set(bin, (bins.get(bin) ?? 0) + n);
  return delayPercentiles(bins, max);
}

function buildSenderRecord(series: SenderSeries, incidents: readonly IncidentRecord[], clock: ZoneClock, dates: Map<number, string>): SenderRecord {
  return {
    id: series.sender.id,
    name: series.sender.name,
    statusPage: series.sender.statusPage,
    days: dayHistory([series], incidents.filter((r) => r.sender.id === series.sender.id), clock, dates),
  };
}

/** Per local day, the last HISTORY_DAYS the series cover: their connections and failures, and the worst of the incidents given on that day. */
function dayHistory(seriesList: readonly SenderSeries[], incidents: readonly IncidentRecord[], clock: ZoneClock, dates: Map<number, string>): SenderDay[] {
  const days = new Map<string, SenderDay>();
  // Zone offsets are whole quarter hours: every bucket of a UTC quarter hour has the same local
  // date, kept in `dates` for all histories of a run (a dozen senders share the same quarters).
  for (const series of seriesList) {
    for (const t of series.bucketStarts()) {
      const bucket = series.counts(t)!;
      const quarter = Math.floor(t / 900_000);
      let date = dates.get(quarter);
      if (date === undefined) dates.set(quarter, (date = localDate(t, clock)));
      const day = days.get(date) ?? { date, connections: 0, failures: 0, worst: 'none' as Impact };
      day.connections += bucket.connections;
      day.failures += bucket.tls + bucket.lost + bucket.timeout;
      days.set(date, day);
    }
  }
  for (const incident of incidents) {
    const from = localDate(Date.parse(incident.startedAt), clock);
    const to = localDate(Date.parse(incident.endedAt), clock);
    for (const day of days.values()) {
      if (day.date >= from && day.date <= to) day.worst = worstImpact([day.worst, incident.impact]);
    }
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date)).slice(-HISTORY_DAYS);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function floorTo(ms: number, step: number): number {
  return ms - (((ms % step) + step) % step);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
