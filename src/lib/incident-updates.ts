/**
 * The course of an incident as a list of updates: what the logs show (the first failure, the last
 * failure or the end, the recovery) and what staff posted in the note's `updates`. The feeds and the
 * Statuspage API publish the same list.
 */
import type { IncidentRecord } from '../core/schemas/incident-record.ts';
import type { NoteUpdate } from '../core/schemas/note.ts';
import type { Locale } from '../core/schemas/site-config.ts';
import { translate } from '../core/i18n/translate.ts';
import { formatCount, formatPercent } from '../core/format-time.ts';

/** Statuspage's words for the state of an incident after an update. */
export type UpdateStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface IncidentUpdate {
  /** Stable within its incident: `first`, `last`, `end`, `recovery`, and a staff update's time (`note-20260323T1700Z`). */
  readonly id: string;
  /** UTC epoch milliseconds. */
  readonly at: number;
  readonly status: UpdateStatus;
  /** Plain text (never HTML) in the update's language. */
  readonly text: string;
}

/**
 * The updates of an incident, oldest first. The first failure says `identified` (the logs already
 * tell whose side it is), the end of a resolved incident says `resolved`; every other update keeps
 * the state before it, unless staff gave one. The incident page's timeline, the feeds and the
 * API's `incident_updates` are this one list (the hour with the most failures is the chart's to
 * name: it moves while an incident goes on, and an update never changes once posted).
 *
 * @example
 * incidentUpdates(outlookIncident, [], 'en').map((u) => u.id) // ['first', 'end', 'recovery']
 */
export function incidentUpdates(record: IncidentRecord, noteUpdates: readonly NoteUpdate[], locale: Locale): IncidentUpdate[] {
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string | number> = {}) =>
    translate(locale, key, { sender: record.sender.name, ...params });
  const silence = record.kind === 'silence';
  const reported = record.kind === 'reported';
  const counts = {
    failures: formatCount(record.failures, locale),
    connections: formatCount(record.connections, locale),
    ratio: formatPercent(record.failureRatio, locale),
  };
  // Our mail to others counts delivery attempts the receiver deferred or refused, not connections.
  const outbound = record.direction === 'outbound';
  const text = {
    first: reported ? t('feed.update.reportedStart') : silence ? t('feed.update.silenceStart') : t(outbound ? (record.attribution === 'ours' ? 'feed.update.firstOursOutbound' : 'feed.update.firstOutbound') : 'feed.update.first', { kind: t(`incident.kind.${record.kind}`) }),
    end: reported ? t('feed.update.reportedEnd') : silence ? t('feed.update.silenceEnd') : t(outbound ? 'feed.update.endOutbound' : 'feed.update.end', counts),
    last: silence ? t('feed.update.silenceOngoing') : t(outbound ? 'feed.update.lastOutbound' : 'feed.update.last', counts),
  };
  type Draft = { id: string; at: number; status: UpdateStatus | null; text: string };
  const drafts: Draft[] = [{ id: 'first', at: Date.parse(record.startedAt), status: 'identified', text: text.first }];
  if (record.status === 'resolved') drafts.push({ id: 'end', at: Date.parse(record.endedAt), status: 'resolved', text: text.end });
  // A reported incident that is not over has no last failure: only staff's updates follow.
  else if (!reported) drafts.push({ id: 'last', at: Date.parse(record.endedAt), status: null, text: text.last });
  const recovery = record.recovery;
  // Our mail to others: the first delivery that went through again after the end.
  const outboundRecovery = record.outbound?.recovery;
  if (outboundRecovery) drafts.push({ id: 'recovery', at: Date.parse(outboundRecovery.at), status: null, text: t('feed.update.recoveryOutbound') });
  if (recovery) {
    drafts.push({
      id: 'recovery',
      at: Date.parse(recovery.at),
      status: null,
      text: t('feed.update.recovery', {
        host: recovery.host,
        recovered: formatCount(recovery.hostsRecovered, locale),
        count: formatCount(record.hosts.count, locale),
      }),
    });
  }
  // Staff's updates are named by their time, not their place in the note, so that reordering the
  // note gives no entry a new id (feeds and the API key on it); two at the same minute count on.
  const taken = new Set<string>();
  for (const u of [...noteUpdates].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const stamp = `note-${u.at.toISOString().slice(0, 16).replace(/[-:]/g, '')}Z`;
    let id = stamp;
    for (let n = 2; taken.has(id); n++) id = `${stamp}-${n}`;
    taken.add(id);
    drafts.push({ id, at: u.at.getTime(), status: u.status === 'update' ? null : u.status, text: u.text });
  }
  // A stable sort: at the same instant the logs' own updates come first, then staff's in note order.
  drafts.sort((a, b) => a.at - b.at);
  let current: UpdateStatus = 'identified';
  return drafts.map((d) => {
    current = d.status ?? current;
    return { id: d.id, at: d.at, status: current, text: d.text };
  });
}

/**
 * The state of an incident now: `resolved` once the logs say so; while ongoing, the latest state
 * staff gave short of `resolved`, else `identified`.
 */
export function incidentStatus(record: IncidentRecord, updates: readonly IncidentUpdate[]): UpdateStatus {
  if (record.status === 'resolved') return 'resolved';
  const latest = updates.at(-1)?.status ?? 'identified';
  return latest === 'resolved' ? 'identified' : latest;
}

/**
 * The hour with the most failures (the first of equals), or null without hours: the hourly
 * chart's summary names it.
 *
 * @example
 * peakFailureHour([{ hour: 'a', connections: 9, failures: 2 }, { hour: 'b', connections: 5, failures: 4 }])?.hour // 'b'
 */
export function peakFailureHour(hourly: IncidentRecord['hourly']): IncidentRecord['hourly'][number] | null {
  let peak: IncidentRecord['hourly'][number] | null = null;
  for (const hour of hourly) if (!peak || hour.failures > peak.failures) peak = hour;
  return peak;
}
