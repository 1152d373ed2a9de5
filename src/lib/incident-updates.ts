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
  /** Stable within its incident: `first`, `peak`, `last`, `end`, `recovery`, `note-1`, `note-2` … */
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
 * the state before it, unless staff gave one. With `peak`, the hour with the most failures is an
 * update too: the incident page's timeline shows it; the feeds and the API, which post updates
 * as news, do not.
 *
 * @example
 * incidentUpdates(outlookIncident, [], 'en').map((u) => u.id) // ['first', 'end', 'recovery']
 * incidentUpdates(outlookIncident, [], 'en', { peak: true }).map((u) => u.id) // ['first', 'peak', 'end', 'recovery']
 */
export function incidentUpdates(record: IncidentRecord, noteUpdates: readonly NoteUpdate[], locale: Locale, options: { peak?: boolean } = {}): IncidentUpdate[] {
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string | number> = {}) =>
    translate(locale, key, { sender: record.sender.name, ...params });
  const silence = record.kind === 'silence';
  const reported = record.kind === 'reported';
  const counts = {
    failures: formatCount(record.failures, locale),
    connections: formatCount(record.connections, locale),
    ratio: formatPercent(record.failureRatio, locale),
  };
  const text = {
    first: reported ? t('feed.update.reportedStart') : silence ? t('feed.update.silenceStart') : t('feed.update.first', { kind: t(`incident.kind.${record.kind}`) }),
    end: reported ? t('feed.update.reportedEnd') : silence ? t('feed.update.silenceEnd') : t('feed.update.end', counts),
    last: silence ? t('feed.update.silenceOngoing') : t('feed.update.last', counts),
  };
  type Draft = { id: string; at: number; status: UpdateStatus | null; text: string };
  const drafts: Draft[] = [{ id: 'first', at: Date.parse(record.startedAt), status: 'identified', text: text.first }];
  if (record.status === 'resolved') drafts.push({ id: 'end', at: Date.parse(record.endedAt), status: 'resolved', text: text.end });
  // A reported incident that is not over has no last failure: only staff's updates follow.
  else if (!reported) drafts.push({ id: 'last', at: Date.parse(record.endedAt), status: null, text: text.last });
  if (options.peak) {
    const peak = peakFailureHour(record.hourly);
    if (peak && peak.failures > 0) {
      // An hour that began before the first failure peaks from that failure on.
      drafts.push({ id: 'peak', at: Math.max(Date.parse(peak.hour), Date.parse(record.startedAt)), status: null, text: t('incident.timeline.peak', { failures: formatCount(peak.failures, locale), connections: formatCount(peak.connections, locale) }) });
    }
  }
  const recovery = record.recovery;
  if (recovery) {
    drafts.push({
      id: 'recovery',
      at: Date.parse(recovery.at),
      status: null,
      text: t('feed.update.recovery', {
        host: recovery.host,
        protocol: recovery.protocol,
        cipher: recovery.cipher,
        recovered: formatCount(recovery.hostsRecovered, locale),
        count: formatCount(record.hosts.count, locale),
      }),
    });
  }
  noteUpdates.forEach((u, i) => {
    drafts.push({ id: `note-${i + 1}`, at: u.at.getTime(), status: u.status === 'update' ? null : u.status, text: u.text });
  });
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
 * The hour with the most failures (the first of equals), or null without hours: the timeline's
 * peak and the chart's summary name the same one.
 *
 * @example
 * peakFailureHour([{ hour: 'a', connections: 9, failures: 2 }, { hour: 'b', connections: 5, failures: 4 }])?.hour // 'b'
 */
export function peakFailureHour(hourly: IncidentRecord['hourly']): IncidentRecord['hourly'][number] | null {
  let peak: IncidentRecord['hourly'][number] | null = null;
  for (const hour of hourly) if (!peak || hour.failures > peak.failures) peak = hour;
  return peak;
}
