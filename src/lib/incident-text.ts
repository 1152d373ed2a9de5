import type { Excerpt, IncidentRecord } from '../core/schemas/incident-record.ts';
import type { Locale } from '../core/schemas/site-config.ts';
import { translate } from '../core/i18n/translate.ts';
import type { NoteEntry } from './site-data.ts';

/** The headline of an incident: the note's title, or one made from the record. */
export function incidentTitle(record: IncidentRecord, note: NoteEntry | undefined, locale: Locale): string {
  if (note) return note.data.title;
  return translate(locale, 'incident.title', {
    kind: translate(locale, `incident.kind.${record.kind}`),
    sender: record.sender.name,
  });
}

/**
 * An excerpt in Postfix's own words, rebuilt from its fields.
 *
 * @example
 * excerptText({ failure: 'lost', stage: 'STARTTLS', host: 'mail-…outlook.com', ip: '40.107.22.71', … })
 * // 'lost connection after STARTTLS from mail-…outlook.com[40.107.22.71]'
 */
export function excerptText(excerpt: Excerpt): string {
  const client = `${excerpt.host}[${excerpt.ip}]`;
  if (excerpt.failure === 'tls' && excerpt.stage === null) return `SSL_accept error from ${client}`;
  const stage = excerpt.stage ?? 'CONNECT';
  if (excerpt.failure === 'timeout') return `timeout after ${stage} from ${client}`;
  return `lost connection after ${stage} from ${client}`;
}
