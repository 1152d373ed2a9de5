import type { IncidentRecord } from '../../../src/core/schemas/incident-record.ts';
import type { Locale } from '../../../src/core/schemas/site-config.ts';
import { formatCount, formatDateTime, formatPercent, formatSeconds } from '../../../src/core/format-time.ts';
import { translate, type MessageKey } from '../../../src/core/i18n/translate.ts';

/**
 * The first draft of a staff note for an incident, in one language: what happened, on whose
 * side, what users noticed, that nothing is lost, and whether to act. Written once; people edit it.
 */
export function draftNote(record: IncidentRecord, locale: Locale, zone: string): string {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) =>
    translate(locale, key, { sender: record.sender.name, ...params });
  const status = record.status === 'ongoing' ? 'ongoing' : 'resolved';
  const facts = {
    start: formatDateTime(record.startedAt, locale, zone),
    end: formatDateTime(record.endedAt, locale, zone),
    failures: formatCount(record.failures, locale),
    connections: formatCount(record.connections, locale),
    ratio: formatPercent(record.failureRatio, locale),
  };
  const delivery = record.ourDelivery
    ? t('note.side.delivery', { p95: formatSeconds(record.ourDelivery.p95Seconds, locale) })
    : '';
  let title: string;
  let what: string;
  let side: string;
  let notice: string;
  let lost: string;
  // An incident no log shows comes from its note; there is nothing to draft.
  if (record.kind === 'reported') throw new Error(`${record.id}: a reported incident is written by people, never drafted`);
  if (record.attribution === 'ours') {
    title = t('note.title.ours');
    what = t(`note.what.ours.${status}`, facts);
    side = t('note.side.ours');
    notice = t('note.notice.ours');
    lost = t('note.lost.ours');
  } else if (record.kind === 'silence') {
    title = t('note.title.silence');
    what = t(`note.what.silence.${status}`, facts);
    side = t('note.side.silence');
    notice = t('note.notice.silence');
    lost = t('note.lost');
  } else {
    title = t(`note.title.${record.kind}`);
    what = t(`note.what.${status}`, { ...facts, how: t(`note.how.${record.kind}`) });
    side = t('note.side.sender', { delivery });
    notice = t('note.notice');
    lost = t('note.lost');
  }
  return [
    '---',
    `# ${t('note.draftComment', { id: record.id })}`,
    `incident: ${record.id}`,
    `title: ${JSON.stringify(title)}`,
    '---',
    '',
    `## ${t('note.heading.what')}`,
    '',
    what,
    '',
    side,
    '',
    `## ${t('note.heading.notice')}`,
    '',
    notice,
    '',
    `## ${t('note.heading.lost')}`,
    '',
    lost,
    '',
    `## ${t('note.heading.act')}`,
    '',
    t('note.act'),
    '',
  ].join('\n');
}
