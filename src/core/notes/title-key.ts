import type { MessageKey } from '../i18n/translate.ts';
import type { IncidentRecord } from '../schemas/incident-record.ts';

/**
 * The words an incident is titled by when no person has titled it (a drafted note, the page of
 * an outbound incident without a note): by whose fault, direction and kind. One answer for the
 * draft and the site, so that a record's own title and its draft's agree.
 *
 * @example
 * titleKey({ direction: 'outbound', attribution: 'receiver', kind: 'rate-limit' }) // 'note.title.rate-limit'
 * titleKey({ direction: 'outbound', attribution: 'ours', kind: 'reputation' })     // 'note.title.oursOutboundRefused'
 */
export function titleKey(record: Pick<IncidentRecord, 'direction' | 'attribution' | 'kind'>): MessageKey {
  if (record.attribution !== 'ours') return `note.title.${record.kind as Exclude<IncidentRecord['kind'], 'reported'>}`;
  if (record.direction === 'inbound') return 'note.title.ours';
  // Refused by many at once (our address on a blocklist, our authentication): refused, not delayed.
  return record.kind === 'reputation' || record.kind === 'authentication' ? 'note.title.oursOutboundRefused' : 'note.title.oursOutbound';
}
