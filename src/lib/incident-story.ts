/**
 * What the logs say about an incident, in plain words and in the tense of its state: rendered
 * from the current record at every build, on the incident page and in the feeds, so that no
 * figure or tense can go stale. Staff notes add people's words below it; they never repeat it.
 */
import { OURS } from '../core/contract.ts';
import { formatCount, formatDateTime, formatPercent, formatSeconds } from '../core/format-time.ts';
import { translate, type MessageKey } from '../core/i18n/translate.ts';
import type { IncidentRecord, OutboundEvidence, OutboundKind } from '../core/schemas/incident-record.ts';
import type { Locale } from '../core/schemas/site-config.ts';

export interface StorySection {
  readonly heading: string;
  /** Plain text, never HTML. */
  readonly paragraphs: readonly string[];
}

/**
 * The sections "what happened" and "what do you notice", or none for an incident no log shows
 * (its note is all there is).
 *
 * @example
 * incidentStory(outlook, 'en', 'Europe/Berlin')[0]?.paragraphs[0]
 * // 'From 19 March 2026, 09:11 CET to 23 March 2026, 17:43 CET, many connections from Outlook.com's mail servers to us broke off during the TLS handshake: 13,138 of 16,888 connections in that time (77.8%).'
 */
export function incidentStory(record: IncidentRecord, locale: Locale, zone: string): StorySection[] {
  if (record.kind === 'reported') return [];
  const tense = record.status;
  const t = (key: MessageKey, params: Record<string, string> = {}) => translate(locale, key, { sender: record.sender.name, ...params });
  const facts = {
    start: formatDateTime(record.startedAt, locale, zone),
    end: formatDateTime(record.endedAt, locale, zone),
    last: formatDateTime(record.endedAt, locale, zone),
    failures: formatCount(record.failures, locale),
    connections: formatCount(record.connections, locale),
    ratio: formatPercent(record.failureRatio, locale),
  };
  if (record.outbound) return outboundStory(record, record.outbound, facts, locale, t);
  const whose = record.attribution === 'ours' || record.sender.id === OURS ? 'ours' : record.kind === 'silence' ? 'silence' : 'sender';
  const what = whose === 'sender' ? t(`story.what.${record.kind as 'tls-failure' | 'connection-loss' | 'timeout'}.${tense}`, facts) : t(`story.what.${whose}.${tense}`, facts);
  const side = t(`story.side.${whose}.${tense}`, { delivery: ourDelivery(record, locale, t) });
  // "By hours" only where the incident itself lasted that long; a shorter one says "late", no more.
  const byHours = Date.parse(record.endedAt) - Date.parse(record.startedAt) >= BY_HOURS_MS ? t('story.notice.byHours') : '';
  return [
    { heading: t('story.heading.what'), paragraphs: [what, ...oneHostOnly(record, locale, t), side] },
    { heading: t(`story.heading.notice.${tense}`), paragraphs: [t(`story.notice.${whose}.${tense}`, { byHours })] },
  ];
}

type Translate = (key: MessageKey, params?: Record<string, string>) => string;

/**
 * Our mail to others: what the receiver did (or what went wrong on our side), what became of the
 * mail — lost apart from delayed, in the words the figures allow — and what users notice and must
 * do: resend what bounced, nothing else.
 */
function outboundStory(record: IncidentRecord, evidence: OutboundEvidence, facts: Record<string, string>, locale: Locale, t: Translate): StorySection[] {
  const tense = record.status;
  const ours = record.attribution === 'ours';
  const kind = record.kind as OutboundKind;
  const what = ours ? t(`story.what.oursOutbound.${tense}`, { ...facts, cause: t(`story.oursOutbound.cause.${kind}`) }) : t(`story.what.outbound.${kind}.${tense}`, facts);
  const counts = t(ours ? `story.outbound.countsOurs.${tense}` : `story.outbound.counts.${tense}`, facts);
  const named = evidence.receivers.map((r) => r.name);
  const receivers = ours && named.length > 0 ? [t(`story.oursOutbound.receivers.${tense}`, { receivers: new Intl.ListFormat(locale, { type: 'conjunction' }).format(named) })] : [];
  // While mail it deferred still waits in our queue, what became of the mail is told as "so far",
  // however the incident itself stands: nothing has arrived in the end yet, nor is the longest wait known.
  const mailTense = evidence.waiting > 0 ? 'ongoing' : tense;
  const delay = evidence.delay
    ? t(`story.outbound.delay.${mailTense}`, { p50: formatSeconds(evidence.delay.p50Seconds, locale), p95: formatSeconds(evidence.delay.p95Seconds, locale), max: formatSeconds(evidence.delay.maxSeconds, locale) })
    : '';
  // Never "nothing lost" while the record counts lost mail; one lost email is said in the singular.
  // Refused, every one (nothing sent, nothing deferred): there is no "other mail" to speak of.
  const fate = evidence.lost === 0 ? 'kept' : evidence.sent === 0 && evidence.deferred === 0 && evidence.lost > 1 ? 'lostAll' : evidence.lost === 1 ? 'lostOne' : 'lost';
  const waiting = evidence.waiting === 0 ? '' : ` ${t(evidence.waiting === 1 ? 'story.outbound.waitingOne' : 'story.outbound.waiting', { waiting: formatCount(evidence.waiting, locale) })}`;
  const side = `${t(`story.outbound.${fate}.${mailTense}`, { lost: formatCount(evidence.lost, locale), delay })}${waiting}`;
  // "By hours" only where the mail held up took that long; without its delay, where the incident lasted that long.
  const held = evidence.delay ? evidence.delay.maxSeconds * 1000 : Date.parse(record.endedAt) - Date.parse(record.startedAt);
  const byHours = held >= BY_HOURS_MS ? t('story.notice.byHours') : '';
  const recipients = ours ? t('story.recipients.ours') : t('story.recipients.receiver');
  const notice = t(`story.notice.${evidence.lost > 0 ? 'outboundLost' : 'outbound'}.${tense}`, { recipients, byHours });
  return [
    { heading: t('story.heading.what'), paragraphs: [`${what} ${counts}`, ...receivers, side] },
    { heading: t(`story.heading.notice.${tense}`), paragraphs: [notice] },
  ];
}

/** An incident shorter than this cannot have delayed mail "by hours" as far as the logs know. */
const BY_HOURS_MS = 2 * 3_600_000;
/** "Within seconds" is said only when 95 % of our deliveries took less than this. */
const WITHIN_SECONDS = 60;

/**
 * Our own delivery of what did reach us, in the words its figures allow: "mostly within seconds"
 * only when 95 % were, and always the longest, so that the sentence never contradicts the
 * evidence below it on the same page.
 */
function ourDelivery(record: IncidentRecord, locale: Locale, t: (key: MessageKey, params?: Record<string, string>) => string): string {
  const delivery = record.ourDelivery;
  if (!delivery) return '';
  const figures = { p50: formatSeconds(delivery.p50Seconds, locale), p95: formatSeconds(delivery.p95Seconds, locale), max: formatSeconds(delivery.maxSeconds, locale) };
  return t(delivery.p95Seconds < WITHIN_SECONDS ? 'story.side.delivery' : 'story.side.deliverySlow', figures);
}

/**
 * For an incident of ours on some of our MX hosts only (the others were fine): which ones. Nothing
 * when all were affected, or for records that do not say.
 */
function oneHostOnly(record: IncidentRecord, locale: Locale, t: (key: MessageKey, params?: Record<string, string>) => string): string[] {
  const hosts = record.ourHosts ?? [];
  const affected = hosts.filter((h) => h.affected).map((h) => h.name);
  if (affected.length === 0 || affected.length === hosts.length) return [];
  const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(affected);
  return [t(`story.ours.${affected.length === 1 ? 'hosts' : 'hostsMany'}.${record.status}`, { hosts: list })];
}
