import type { Excerpt, IncidentRecord } from '../core/schemas/incident-record.ts';
import type { Locale } from '../core/schemas/site-config.ts';
import { titleKey } from '../core/notes/title-key.ts';
import { translate } from '../core/i18n/translate.ts';
import type { NoteEntry } from './site-data.ts';

/**
 * The headline of an incident: the note's title, or one made from the record — for our mail to
 * others the words a draft note's title has ("Verzögerte Zustellung an Outlook.com").
 *
 * @example
 * incidentTitle(throttled, undefined, 'en') // 'Delayed delivery to Outlook.com'
 * incidentTitle(resolved, undefined, 'en') // 'Connections aborted during the TLS handshake at Outlook.com'
 */
export function incidentTitle(record: IncidentRecord, note: NoteEntry | undefined, locale: Locale): string {
  if (note) return note.data.title;
  if (record.direction === 'outbound') {
    return translate(locale, titleKey(record), { sender: record.sender.name });
  }
  return translate(locale, 'incident.title', {
    kind: translate(locale, `incident.kind.${record.kind}`),
    sender: record.sender.name,
  });
}

/**
 * Whose side an incident is on, in words: "Betrifft E-Mails von Outlook.com", "Betrifft E-Mails
 * an Outlook.com", or a fault on our side (for our mail to others, saying so).
 *
 * @example
 * attributionText(throttled, 'en') // 'Affects email to Outlook.com'
 */
export function attributionText(record: IncidentRecord, locale: Locale): string {
  const key = record.direction === 'outbound' && record.attribution === 'ours' ? 'incident.attribution.oursOutbound' : (`incident.attribution.${record.attribution}` as const);
  return translate(locale, key, { sender: record.sender.name });
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
