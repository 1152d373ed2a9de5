import type { IncidentRecord } from '../../../src/schemas/incident-record.ts';
import type { Locale } from '../../../src/schemas/site-config.ts';
import { formatCount, formatDateTime, formatPercent, formatSeconds } from '../../../src/lib/format-time.ts';
import { translate } from '../../../src/i18n/translate.ts';

/**
 * The first draft of a staff note for an incident, in one language: what happened, on whose
 * side, what users noticed, that nothing is lost, and whether to act. Written once; people edit it.
 */
export function draftNote(record: IncidentRecord, locale: Locale, zone: string): string {
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string | number> = {}) =>
    translate(locale, key, { sender: record.sender.name, ...params });
  const when = {
    start: formatDateTime(record.startedAt, locale, zone),
    end: formatDateTime(record.endedAt, locale, zone),
    failures: formatCount(record.failures, locale),
    connections: formatCount(record.connections, locale),
    ratio: formatPercent(record.failureRatio, locale),
    how: t(`note.how.${record.kind}`),
  };
  const delivery = record.ourDelivery
    ? t('note.side.delivery', { p95: formatSeconds(record.ourDelivery.p95Seconds, locale) })
    : '';
  const frontMatter = [
    '---',
    `# ${t('note.draftComment', { id: record.id })}`,
    `incident: ${record.id}`,
    `title: ${JSON.stringify(t(`note.title.${record.kind}`))}`,
    '---',
  ];
  const body = [
    `## ${t('note.heading.what')}`,
    '',
    t(record.status === 'ongoing' ? 'note.what.ongoing' : 'note.what.resolved', when),
    '',
    t('note.side.sender', { delivery }),
    '',
    `## ${t('note.heading.notice')}`,
    '',
    t('note.notice'),
    '',
    `## ${t('note.heading.lost')}`,
    '',
    t('note.lost'),
    '',
    `## ${t('note.heading.act')}`,
    '',
    t('note.act'),
  ];
  return [...frontMatter, '', ...body, ''].join('\n');
}
