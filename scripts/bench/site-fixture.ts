import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { z } from 'astro/zod';
import { incidentRecordSchema, OUTBOUND_KINDS, worstImpact, type Excerpt, type IncidentRecord, type OutboundKind } from '../../src/core/schemas/incident-record.ts';
import { receiverRecordSchema, type ReceiverDay, type ReceiverRecord } from '../../src/core/schemas/receiver-record.ts';
import { builtInReceiverRules } from '../../src/core/senders/receiver-catalog.ts';
import { noteSchema } from '../../src/core/schemas/note.ts';
import { senderRecordSchema, type SenderDay, type SenderRecord } from '../../src/core/schemas/sender-record.ts';
import type { Locale, SiteConfig } from '../../src/core/schemas/site-config.ts';
import { statusRecordSchema, type StatusRecord } from '../../src/core/schemas/status-record.ts';
import { describeSchemaIssue } from '../../src/core/config/describe-schema-issue.ts';
import { loadSiteConfig } from '../../src/core/config/load-site-config.ts';
import { Random } from '../mxstatus/demo/random.ts';
import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';
import { draftNote } from '../mxstatus/records/draft-note.ts';
import { serialize } from '../mxstatus/records/write-records.ts';
import { builtInSenderRules } from '../../src/core/senders/sender-catalog.ts';
import { HISTORY_DAYS, OURS, RECORDS_VERSION } from '../../src/core/contract.ts';

/** What to generate. */
export interface SiteFixtureOptions {
  readonly incidents: number;
  /** The time of the last log line (UTC epoch ms): incidents lie before it, a few are ongoing at it. */
  readonly asOf: number;
  /** The content/site.yaml to copy. */
  readonly siteYaml: string;
  readonly seed?: number;
}

/** What was written. */
export interface SiteFixtureSummary {
  readonly incidents: number;
  readonly ongoing: number;
  readonly senders: number;
  /** Note files (one per incident and language for about half of the incidents). */
  readonly notes: number;
  /** Bytes of JSON and Markdown written. */
  readonly bytes: number;
}

export const SITE_FIXTURE_SEED = 20260324;
/** How many of the built-in senders have a record (and a page). */
const SENDERS = 30;
/** Incidents are spread over this many days before asOf. */
const SPAN_DAYS = 3 * 365;
const ONGOING = 3;
/** Of the incidents, this share is of our mail to others (a relay's logs are summarized too). */
const OUTBOUND_SHARE = 0.12;
/** Receiving organisations with a record (and a delivery page), besides our outgoing mail as a whole. */
const RECEIVERS = 6;
/** The replies a receiver gives, by class (as sanitized: no address, no IP). */
const REPLIES: Readonly<Record<OutboundKind, { code: number | null; enhanced: string | null; text: string }>> = {
  'rate-limit': { code: 451, enhanced: '4.7.650', text: 'The mail server [IP] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775)' },
  reputation: { code: 550, enhanced: '5.7.1', text: 'Service unavailable, Client host [IP] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/IP' },
  authentication: { code: 550, enhanced: '5.7.26', text: 'This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.' },
  temporary: { code: 421, enhanced: '4.3.0', text: 'Temporary System Problem. Try again later.' },
  unreachable: { code: null, enhanced: null, text: 'Connection timed out' },
};
const NOTED_SHARE = 0.5;
const HOST_SAMPLE = 10;
const EXCERPTS = 6;
const WRITE_CONCURRENCY = 32;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Impact = IncidentRecord['impact'];
type Kind = IncidentRecord['kind'];
/** Connections per hour of the day (UTC), relative: quiet nights, busy office hours. */
const DIURNAL = [0.3, 0.25, 0.22, 0.22, 0.25, 0.35, 0.6, 0.95, 1.3, 1.5, 1.55, 1.5, 1.4, 1.45, 1.5, 1.45, 1.35, 1.2, 1.05, 0.9, 0.75, 0.6, 0.45, 0.35];
const STAGES: Readonly<Record<Exclude<Excerpt['failure'], 'tls'>, readonly string[]>> = {
  lost: ['STARTTLS', 'EHLO', 'CONNECT', 'DATA', 'RCPT', 'END-OF-MESSAGE'],
  timeout: ['DATA', 'END-OF-MESSAGE', 'STARTTLS', 'EHLO', 'RCPT'],
};
const CIPHERS = {
  'TLSv1.3': ['TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256', 'TLS_CHACHA20_POLY1305_SHA256'],
  'TLSv1.2': ['ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-SHA384', 'ECDHE-ECDSA-AES128-GCM-SHA256'],
} as const;
const UPDATE_TEXT: Readonly<Record<Locale, Readonly<Record<'investigating' | 'identified' | 'monitoring' | 'resolved', string>>>> = {
  de: {
    investigating: 'Wir sehen vermehrt abgebrochene Verbindungen und untersuchen die Ursache.',
    identified: 'Die Ursache liegt beim Absender; wir haben ihn informiert.',
    monitoring: 'Die Zustellung läuft wieder an; wir beobachten die Lage.',
    resolved: 'Alle Verbindungen gelingen wieder. Verzögerte E-Mails sind inzwischen zugestellt.',
  },
  en: {
    investigating: 'We see more broken-off connections than usual and are looking into the cause.',
    identified: 'The cause is on the sender’s side; we have told them.',
    monitoring: 'Delivery is picking up again; we are keeping an eye on it.',
    resolved: 'All connections succeed again. Delayed mail has been delivered by now.',
  },
};

interface FixtureSender {
  readonly id: string;
  readonly name: string;
  readonly statusPage: string | null;
  /** Connections on an ordinary weekday. */
  readonly dailyConnections: number;
  readonly hostSuffix: string;
  /** The first two octets of its outbound addresses. */
  readonly ipPrefix: string;
}

/**
 * Writes a complete content directory for a site build of `incidents` generated incidents:
 * site.yaml (a copy), records/status.json, records/senders/*.json (30 senders, 90 days each),
 * records/incidents/*.json (spread over three years, a few ongoing, ids
 * `<YYYY-MM-DD>-<sender>-<kind>` as the summarizer makes them) and mxstatus's own draft notes in
 * every language for about half of the incidents, some with staff updates. Deterministic: the
 * same options give the same bytes. Every record and note is validated with the site's schemas
 * before it is written, so a fixture that the build would reject fails here, with the field.
 *
 * @example
 * await writeSiteFixture('/tmp/c', { incidents: 2000, asOf: Date.parse('2026-03-24T11:57:00Z'), siteYaml: 'content/site.yaml' })
 * // ok({ incidents: 2000, ongoing: 3, senders: 30, notes: 2056, bytes: 11_732_883 })
 */
export async function writeSiteFixture(contentDir: string, options: SiteFixtureOptions): Promise<Result<SiteFixtureSummary>> {
  await mkdir(join(contentDir, 'records', 'incidents'), { recursive: true });
  await mkdir(join(contentDir, 'records', 'senders'), { recursive: true });
  await mkdir(join(contentDir, 'records', 'receivers'), { recursive: true });
  await copyFile(options.siteYaml, join(contentDir, 'site.yaml'));
  const config = await loadSiteConfig(contentDir);
  if (!config.ok) return config;
  for (const locale of config.value.locales) await mkdir(join(contentDir, 'notes', locale), { recursive: true });

  const random = new Random(options.seed ?? SITE_FIXTURE_SEED);
  const generator = new FixtureGenerator(random, config.value, options.asOf);
  // Our mail to others from a stream of its own: the inbound incidents stay those of a fixture without it.
  const outboundCount = Math.round(options.incidents * OUTBOUND_SHARE);
  const outbound = new OutboundFixture(new Random((options.seed ?? SITE_FIXTURE_SEED) + 1), config.value, options.asOf, (time) => generator.date(time));
  const incidents = [...generator.incidents(options.incidents - outboundCount), ...outbound.incidents(outboundCount)].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  const senders = generator.senderRecords(incidents.filter((r) => r.direction === 'inbound'));
  const receivers = outbound.receiverRecords(incidents);
  const status = { ...generator.status(incidents.filter((r) => r.direction === 'inbound'), senders), ...outbound.status(incidents, receivers) };

  // Everything is validated before anything is written; then written 32 files at a time.
  const files: { readonly path: string; readonly text: string }[] = [];
  for (const record of incidents) {
    const valid = validate(incidentRecordSchema, record, `records/incidents/${record.id}.json`);
    if (!valid.ok) return valid;
    files.push({ path: `records/incidents/${record.id}.json`, text: serialize(record) });
  }
  for (const record of senders) {
    const valid = validate(senderRecordSchema, record, `records/senders/${record.id}.json`);
    if (!valid.ok) return valid;
    files.push({ path: `records/senders/${record.id}.json`, text: serialize(record) });
  }
  for (const record of receivers) {
    const valid = validate(receiverRecordSchema, record, `records/receivers/${record.id}.json`);
    if (!valid.ok) return valid;
    files.push({ path: `records/receivers/${record.id}.json`, text: serialize(record) });
  }
  const validStatus = validate(statusRecordSchema, status, 'records/status.json');
  if (!validStatus.ok) return validStatus;
  files.push({ path: 'records/status.json', text: serialize(status) });

  let notes = 0;
  for (const record of incidents) {
    if (!random.chance(NOTED_SHARE)) continue;
    const withUpdates = random.chance(1 / 3);
    for (const locale of config.value.locales) {
      const path = `notes/${locale}/${record.id}.md`;
      const note = noteText(record, locale, config.value.timeZone, withUpdates);
      const valid = validate(noteSchema, note.frontMatter, path);
      if (!valid.ok) return valid;
      files.push({ path, text: note.text });
      notes++;
    }
  }

  let bytes = 0;
  for (let i = 0; i < files.length; i += WRITE_CONCURRENCY) {
    await Promise.all(files.slice(i, i + WRITE_CONCURRENCY).map((file) => writeFile(join(contentDir, file.path), file.text)));
  }
  for (const file of files) bytes += Buffer.byteLength(file.text);
  return ok({ incidents: incidents.length, ongoing: [...status.senders, ...status.receivers].reduce((n, s) => n + s.ongoing.length, 0), senders: senders.length, notes, bytes });
}

function validate(schema: z.ZodType, value: unknown, file: string): Result<void> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(undefined);
  const issue = parsed.error.issues[0];
  const what = issue ? describeSchemaIssue(issue, value) : parsed.error.message;
  return fail(exitCodes.internal, `site fixture: ${file} does not fit the site's schema: ${what}; fix scripts/bench/site-fixture.ts`);
}

/**
 * The summarizer's draft note (title and a few paragraphs); with `withUpdates`, staff updates in
 * the front matter too, as a postmaster adds them.
 */
function noteText(record: IncidentRecord, locale: Locale, zone: string, withUpdates: boolean): { frontMatter: unknown; text: string } {
  const draft = draftNote(record, locale);
  const end = draft.indexOf('\n---\n', 4);
  const frontMatter = parseYaml(draft.slice(4, end)) as Record<string, unknown>;
  if (!withUpdates) return { frontMatter, text: draft };
  const started = Date.parse(record.startedAt);
  const ended = Date.parse(record.endedAt);
  const text = UPDATE_TEXT[locale];
  const updates = [
    { at: new Date(started + 25 * MINUTE).toISOString(), status: 'investigating', text: text.investigating },
    { at: new Date(started + 70 * MINUTE).toISOString(), status: 'identified', text: text.identified },
    ...(record.status === 'resolved'
      ? [
          { at: new Date(ended + 5 * MINUTE).toISOString(), status: 'monitoring', text: text.monitoring },
          { at: new Date(ended + 65 * MINUTE).toISOString(), status: 'resolved', text: text.resolved },
        ]
      : []),
  ];
  const withTimeline = { ...frontMatter, updates };
  return { frontMatter: withTimeline, text: `---\n${stringifyYaml(withTimeline)}---\n${draft.slice(end + 5)}` };
}

class FixtureGenerator {
  readonly #random: Random;
  readonly #config: SiteConfig;
  readonly #asOf: number;
  readonly #senders: readonly FixtureSender[];
  readonly #localDate: Intl.DateTimeFormat;

  constructor(random: Random, config: SiteConfig, asOf: number) {
    this.#random = random;
    this.#config = config;
    this.#asOf = asOf;
    this.#localDate = new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    this.#senders = builtInSenderRules.slice(0, SENDERS).map((rule, i) => {
      const range = rule.ipRanges.find((r) => /^\d+\.\d+\./.test(r));
      return {
        id: rule.id,
        name: rule.name,
        statusPage: rule.statusPage ?? null,
        // The first rules are the big ones; volumes fall off from ~6,000 a day to ~200.
        dailyConnections: Math.round((6000 / (1 + i * 0.9)) * random.between(0.8, 1.2)),
        hostSuffix: rule.hostSuffixes[0] ?? `${rule.id}.example`,
        ipPrefix: range ? range.split('.').slice(0, 2).join('.') : `185.${(17 + i * 7) % 256}`,
      };
    });
  }

  /** `count` incidents, oldest first, the last few of them ongoing; ids unique. */
  incidents(count: number): IncidentRecord[] {
    const random = this.#random;
    const used = new Set<string>();
    const records: IncidentRecord[] = [];
    const ongoing = Math.min(ONGOING, count);
    const ongoingSenders = new Set<string>();
    for (let n = 0; n < count; n++) {
      const isOngoing = n >= count - ongoing;
      for (;;) {
        const ours = !isOngoing && random.chance(0.04);
        const sender = ours ? null : this.#pickSender(isOngoing ? ongoingSenders : null);
        const kind: Kind = random.chance(0.1) && !ours ? 'silence' : random.chance(0.55) ? 'tls-failure' : random.chance(0.6) ? 'connection-loss' : 'timeout';
        const duration = Math.round(Math.exp(random.between(Math.log(20 * MINUTE), Math.log(5 * DAY))) / 1000) * 1000;
        const startedAt = isOngoing
          ? this.#asOf - random.between(2 * HOUR, 2 * DAY)
          : this.#asOf - 2 * DAY - random.between(0, SPAN_DAYS * DAY - 2 * DAY);
        const start = Math.floor(startedAt / 1000) * 1000 + random.int(0, 999);
        const end = isOngoing ? this.#asOf - random.int(1, 9) * MINUTE - random.int(0, 59_999) : Math.min(start + duration, this.#asOf - HOUR);
        const id = `${this.date(start)}-${sender?.id ?? 'ours'}-${kind}`;
        if (used.has(id)) continue;
        used.add(id);
        if (sender && isOngoing) ongoingSenders.add(sender.id);
        records.push(this.#incident(id, sender, kind, start, end, isOngoing));
        break;
      }
    }
    return records.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  }

  /** Every sender's last 90 days: steady traffic, a few stray failures, more on its incident days. */
  senderRecords(incidents: readonly IncidentRecord[]): SenderRecord[] {
    const random = this.#random;
    const lastDay = Date.parse(`${this.date(this.#asOf)}T12:00:00Z`);
    const dates = Array.from({ length: HISTORY_DAYS }, (_, i) => this.date(lastDay - (HISTORY_DAYS - 1 - i) * DAY));
    // Incidents that ended more than a day before the history begins cannot touch it.
    const firstDay = iso(lastDay - HISTORY_DAYS * DAY);
    return [...this.#senders]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((sender) => {
        const days: SenderDay[] = dates.map((date) => {
          const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
          const factor = weekday === 0 || weekday === 6 ? 0.6 : 1;
          const connections = Math.round(sender.dailyConnections * factor * random.between(0.85, 1.15));
          return { date, connections, failures: random.poisson(connections * 0.002), worst: 'none' };
        });
        for (const incident of incidents) {
          if (incident.sender.id !== sender.id || incident.endedAt < firstDay) continue;
          const from = this.date(Date.parse(incident.startedAt));
          const to = this.date(Date.parse(incident.endedAt));
          const covered = days.filter((d) => d.date >= from && d.date <= to);
          for (const day of covered) {
            day.failures = Math.min(day.connections, day.failures + Math.ceil(incident.failures / covered.length));
            day.worst = worstImpact([day.worst, incident.impact]);
          }
        }
        return { id: sender.id, name: sender.name, statusPage: sender.statusPage, days };
      });
  }

  status(incidents: readonly IncidentRecord[], senders: readonly SenderRecord[]): StatusRecord {
    const ongoing = incidents.filter((r) => r.status === 'ongoing');
    return {
      asOf: new Date(this.#asOf).toISOString(),
      overall: worstImpact(ongoing.map((r) => r.impact)),
      senders: senders.map((s) => {
        const mine = ongoing.filter((r) => r.sender.id === s.id);
        return { id: s.id, name: s.name, state: worstImpact(mine.map((r) => r.impact)), ongoing: mine.map((r) => r.id) };
      }),
      outboundAsOf: null,
      receivers: [],
    };
  }

  /** Big senders have more incidents; ongoing ones go to senders without one yet. */
  #pickSender(exclude: ReadonlySet<string> | null): FixtureSender {
    const candidates = this.#senders.filter((s) => !exclude?.has(s.id));
    const weights = candidates.map((s) => Math.sqrt(s.dailyConnections));
    let x = this.#random.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < candidates.length; i++) {
      x -= weights[i]!;
      if (x < 0) return candidates[i]!;
    }
    return candidates[candidates.length - 1]!;
  }

  #incident(id: string, sender: FixtureSender | null, kind: Kind, start: number, end: number, ongoing: boolean): IncidentRecord {
    const random = this.#random;
    const silence = kind === 'silence';
    const evidence = sender ? [sender] : this.#senders.slice(0, random.int(4, 10));
    const hourlyVolume = evidence.reduce((n, s) => n + s.dailyConnections, 0) / 24;
    // The failure ratio the incident aims at decides its impact: mostly minor or major.
    const band = random.pick(ongoing ? [1, 2, 2, 3] : [0, 1, 1, 1, 2, 2, 2, 3]);
    const target = [random.between(0.04, 0.09), random.between(0.11, 0.39), random.between(0.41, 0.79), random.between(0.81, 0.97)][band]!;

    const hourly: IncidentRecord['hourly'] = [];
    for (let hour = Math.floor(start / HOUR) * HOUR; hour <= end; hour += HOUR) {
      if (silence) {
        hourly.push({ hour: iso(hour), connections: 0, failures: 0 });
        continue;
      }
      const share = (Math.min(end, hour + HOUR) - Math.max(start, hour)) / HOUR;
      const connections = Math.max(3, Math.round(hourlyVolume * DIURNAL[new Date(hour).getUTCHours()]! * share * random.between(0.7, 1.3)));
      const failures = Math.min(connections, Math.max(1, Math.round(connections * target * random.between(0.6, 1.3))));
      hourly.push({ hour: iso(hour), connections, failures });
    }
    // Detection needs enough failures (detection.minFailures) before it opens an incident at all.
    const first = hourly[0];
    const deficit = this.#config.detection.minFailures - hourly.reduce((n, h) => n + h.failures, 0);
    if (!silence && first && deficit > 0) {
      first.failures += deficit;
      first.connections += Math.ceil(deficit / target);
    }
    const failures = hourly.reduce((n, h) => n + h.failures, 0);
    const connections = hourly.reduce((n, h) => n + h.connections, 0);
    const failureRatio = silence || connections === 0 ? 0 : Math.round((failures / connections) * 10_000) / 10_000;

    const hostCount = silence ? 0 : random.int(1, Math.max(1, Math.min(400, Math.round(failures / 3))));
    const sample = Array.from({ length: Math.min(HOST_SAMPLE, hostCount) }, () => {
      const s = random.pick(evidence);
      return { ...this.#host(s), failures: random.int(1, Math.max(1, Math.round(failures / Math.max(1, hostCount)) * 3)) };
    }).sort((a, b) => b.failures - a.failures || a.name.localeCompare(b.name));

    const excerpts: Excerpt[] = [];
    if (!silence) {
      const times = Array.from({ length: Math.min(EXCERPTS, failures) - 1 }, () => random.between(start, end)).sort((a, b) => a - b);
      for (const at of [start, ...times]) {
        const host = sample.length > 0 && random.chance(0.7) ? random.pick(sample) : this.#host(random.pick(evidence));
        const failure: Excerpt['failure'] = kind === 'tls-failure' ? 'tls' : kind === 'timeout' ? 'timeout' : 'lost';
        excerpts.push({
          at: iso(Math.round(at)),
          mx: random.chance(0.5) ? 'mx1' : 'mx2',
          host: host.name,
          ip: host.ip,
          failure,
          stage: failure === 'tls' ? 'STARTTLS' : random.chance(0.05) ? null : random.pick(STAGES[failure]),
        });
      }
    }

    const recoveryHost = sample[0] ?? this.#host(random.pick(evidence));
    const protocol = random.chance(0.7) ? 'TLSv1.3' : 'TLSv1.2';
    const recovery =
      silence || ongoing || random.chance(0.1)
        ? null
        : {
            at: iso(end + random.int(20_000, 30 * MINUTE)),
            host: recoveryHost.name,
            ip: recoveryHost.ip,
            protocol,
            cipher: random.pick(CIPHERS[protocol]),
            hostsRecovered: random.int(Math.floor(hostCount / 2), hostCount),
          };
    const messages = silence ? 0 : Math.round((connections - failures) * random.between(0.5, 0.9));
    const p50 = round2(random.between(0.2, 1.5));
    const p95 = round2(p50 * random.between(1.2, 4));
    const ourDelivery = messages > 0 ? { messages, p50Seconds: p50, p95Seconds: p95, maxSeconds: Math.round(p95 * random.between(2, 900)) } : null;

    return {
      version: RECORDS_VERSION,
      direction: 'inbound',
      id,
      sender: sender ? { id: sender.id, name: sender.name } : { id: 'ours', name: this.#config.name },
      kind,
      attribution: sender ? 'sender' : 'ours',
      status: ongoing ? 'ongoing' : 'resolved',
      impact: silence ? 'major' : this.#impactOf(failureRatio),
      startedAt: iso(start),
      endedAt: iso(end),
      failures,
      connections,
      failureRatio,
      hosts: { count: hostCount, sample },
      hourly,
      excerpts,
      recovery,
      ourDelivery,
    };
  }

  #host(sender: FixtureSender): { name: string; ip: string } {
    const random = this.#random;
    const a = random.int(0, 255);
    const b = random.int(1, 254);
    return { name: `mail-${random.chars('abcdefghijklmnopqrstuvwxyz', 2)}${random.int(1, 99)}on${2000 + b}.${sender.hostSuffix}`, ip: `${sender.ipPrefix}.${a}.${b}` };
  }

  #impactOf(ratio: number): Impact {
    const { minor, major, critical } = this.#config.detection.impact;
    return ratio >= critical ? 'critical' : ratio >= major ? 'major' : ratio >= minor ? 'minor' : 'none';
  }

  /** The calendar day in the site's zone, YYYY-MM-DD. */
  date(time: number): string {
    return this.#localDate.format(time);
  }
}

/**
 * Our mail to others: incidents of the big receivers (throttling, blocklists, their outages, and a
 * few of ours), their 90 days and status.json's receivers, as the summarizer writes them.
 */
class OutboundFixture {
  readonly #random: Random;
  readonly #config: SiteConfig;
  readonly #asOf: number;
  readonly #dateOf: (time: number) => string;
  readonly #receivers: readonly { readonly id: string; readonly name: string; readonly statusPage: string | null; readonly dailyAttempts: number }[];

  constructor(random: Random, config: SiteConfig, asOf: number, date: (time: number) => string) {
    this.#random = random;
    this.#config = config;
    this.#asOf = asOf;
    this.#dateOf = date;
    const rules = new Map(builtInSenderRules.map((rule) => [rule.id, rule]));
    this.#receivers = builtInReceiverRules
      .filter((r) => rules.has(r.id))
      .slice(0, RECEIVERS)
      .map((r, i) => ({ id: r.id, name: rules.get(r.id)!.name, statusPage: rules.get(r.id)!.statusPage ?? null, dailyAttempts: Math.round((4000 / (1 + i)) * random.between(0.8, 1.2)) }));
  }

  /** `count` outbound incidents over the span, the last of them ongoing; ids unique. */
  incidents(count: number): IncidentRecord[] {
    const random = this.#random;
    const used = new Set<string>();
    const records: IncidentRecord[] = [];
    for (let n = 0; n < count; n++) {
      const ongoing = n === count - 1;
      for (;;) {
        const ours = !ongoing && random.chance(0.05);
        const receiver = random.pick(this.#receivers);
        const kind = random.pick(ours ? (['unreachable', 'reputation'] as const) : OUTBOUND_KINDS);
        const duration = Math.round(Math.exp(random.between(Math.log(30 * MINUTE), Math.log(12 * HOUR))) / 1000) * 1000;
        const start = Math.floor((ongoing ? this.#asOf - random.between(HOUR, 6 * HOUR) : this.#asOf - 2 * DAY - random.between(0, SPAN_DAYS * DAY - 2 * DAY)) / 1000) * 1000;
        const end = ongoing ? this.#asOf - random.int(1, 9) * MINUTE : Math.min(start + duration, this.#asOf - HOUR);
        const id = `${this.#dateOf(start)}-${ours ? OURS : receiver.id}-${kind}`;
        if (used.has(id)) continue;
        used.add(id);
        records.push(this.#incident(id, ours ? null : receiver, kind, start, end, ongoing));
        break;
      }
    }
    return records;
  }

  #incident(id: string, receiver: { readonly id: string; readonly name: string; readonly dailyAttempts: number } | null, kind: OutboundKind, start: number, end: number, ongoing: boolean): IncidentRecord {
    const random = this.#random;
    const volume = (receiver?.dailyAttempts ?? this.#receivers.reduce((n, r) => n + r.dailyAttempts, 0)) / 24;
    const share = random.between(0.3, 0.95);
    const hourly: IncidentRecord['hourly'] = [];
    for (let hour = Math.floor(start / HOUR) * HOUR; hour <= end; hour += HOUR) {
      const part = (Math.min(end, hour + HOUR) - Math.max(start, hour)) / HOUR;
      // Deferred mail is tried again: the hours of an incident hold more attempts than usual.
      const connections = Math.max(12, Math.round(volume * DIURNAL[new Date(hour).getUTCHours()]! * part * random.between(1.2, 2)));
      hourly.push({ hour: iso(hour), connections, failures: Math.min(connections, Math.max(10, Math.round(connections * share))) });
    }
    const failures = hourly.reduce((n, h) => n + h.failures, 0);
    const connections = hourly.reduce((n, h) => n + h.connections, 0);
    const refusing = kind === 'reputation' || kind === 'authentication';
    const bounced = refusing ? Math.round(failures * random.between(0.2, 0.8)) : 0;
    const lost = refusing ? bounced : kind === 'unreachable' && random.chance(0.2) ? Math.round(failures * 0.05) : 0;
    const ratio = Math.round((failures / connections) * 10_000) / 10_000;
    const { minor, major, critical } = this.#config.detection.impact;
    const byRatio: Impact = ratio >= critical ? 'critical' : ratio >= major ? 'major' : ratio >= minor ? 'minor' : 'none';
    const reply = REPLIES[kind];
    const delayed = connections - failures;
    return {
      version: RECORDS_VERSION,
      direction: 'outbound',
      id,
      sender: receiver ? { id: receiver.id, name: receiver.name } : { id: OURS, name: this.#config.name },
      kind,
      attribution: receiver ? 'receiver' : 'ours',
      status: ongoing ? 'ongoing' : 'resolved',
      impact: byRatio === 'critical' && lost === 0 ? 'major' : byRatio,
      startedAt: iso(start),
      endedAt: iso(end),
      failures,
      connections,
      failureRatio: ratio,
      hosts: { count: 0, sample: [] },
      hourly,
      excerpts: [],
      recovery: null,
      ourDelivery: null,
      outbound: {
        sent: delayed,
        deferred: failures - bounced,
        bounced,
        lost,
        waiting: ongoing ? Math.round(failures * 0.1) : 0,
        classes: [{ class: kind, count: failures }],
        replies: [{ at: iso(start), class: kind, ...reply }],
        delay: delayed > 0 ? { messages: delayed, p50Seconds: random.int(300, 3600), p95Seconds: random.int(3600, 4 * 3600), maxSeconds: random.int(4 * 3600, 8 * 3600) } : null,
        recovery: ongoing ? null : { at: iso(Math.ceil((end + 1) / (5 * MINUTE)) * 5 * MINUTE), tls: random.chance(0.95) },
        receivers: receiver ? [] : this.#receivers.slice(0, 3).map((r) => ({ id: r.id, name: r.name })),
        relays: ['out1', 'out2'],
      },
    };
  }

  /** Each receiver's last 90 days and ours (all of them): steady attempts, a few problems, more on its incident days. */
  receiverRecords(incidents: readonly IncidentRecord[]): ReceiverRecord[] {
    const random = this.#random;
    const lastDay = Date.parse(`${this.#dateOf(this.#asOf)}T12:00:00Z`);
    const dates = Array.from({ length: HISTORY_DAYS }, (_, i) => this.#dateOf(lastDay - (HISTORY_DAYS - 1 - i) * DAY));
    const outbound = incidents.filter((r) => r.direction === 'outbound');
    const records = [...this.#receivers, { id: OURS, name: this.#config.name, statusPage: null, dailyAttempts: this.#receivers.reduce((n, r) => n + r.dailyAttempts, 0) * 1.5 }].map((receiver) => {
      const days: ReceiverDay[] = dates.map((date) => {
        const attempts = Math.round(receiver.dailyAttempts * random.between(0.85, 1.15));
        return { date, attempts, problems: random.poisson(attempts * 0.003), worst: 'none' };
      });
      for (const incident of outbound) {
        if ((receiver.id === OURS) !== (incident.attribution === 'ours') || (receiver.id !== OURS && incident.sender.id !== receiver.id)) continue;
        const from = this.#dateOf(Date.parse(incident.startedAt));
        const to = this.#dateOf(Date.parse(incident.endedAt));
        const covered = days.filter((d) => d.date >= from && d.date <= to);
        for (const day of covered) {
          day.problems = Math.min(day.attempts, day.problems + Math.ceil(incident.failures / covered.length));
          day.worst = worstImpact([day.worst, incident.impact]);
        }
      }
      return { id: receiver.id, name: receiver.name, statusPage: receiver.statusPage, days };
    });
    return records.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** status.json's part of our mail to others: the relays' last line, and each named receiver's state. */
  status(incidents: readonly IncidentRecord[], receivers: readonly ReceiverRecord[]): Pick<StatusRecord, 'outboundAsOf' | 'receivers' | 'overall'> & { overall: Impact } {
    const ongoing = incidents.filter((r) => r.status === 'ongoing');
    return {
      overall: worstImpact(ongoing.map((r) => r.impact)),
      outboundAsOf: new Date(this.#asOf - 90_000).toISOString(),
      receivers: receivers
        .filter((r) => r.id !== OURS)
        .map((r) => {
          const mine = ongoing.filter((i) => i.direction === 'outbound' && i.attribution === 'receiver' && i.sender.id === r.id);
          return { id: r.id, name: r.name, state: worstImpact(mine.map((i) => i.impact)), ongoing: mine.map((i) => i.id) };
        }),
    };
  }
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
