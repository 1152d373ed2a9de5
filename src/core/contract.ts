/**
 * The names and numbers that records, the summarizer and the site must agree on. Each is defined
 * here once; a record written with one value and read with another would be a silent bug.
 */

/** The languages the site can offer (site.yaml chooses among them). */
export const LOCALES = ['de', 'en'] as const;

export type Locale = (typeof LOCALES)[number];

/** BCP 47 tags for Intl and date formats: German as written in Germany, English in Britain (24-hour clock, day first). */
export const BCP47: Readonly<Record<Locale, string>> = { de: 'de-DE', en: 'en-GB' };

/** Open Graph's `og:locale` spelling of the same. */
export const OPEN_GRAPH_LOCALE: Readonly<Record<Locale, string>> = { de: 'de_DE', en: 'en_GB' };

/**
 * The id of our own servers: the sender id of incidents attributed to our side, the component of
 * the API and the home page, and a sender id no rule of site.yaml may take.
 */
export const OURS = 'ours';

/**
 * The component of our mail to one receiving organisation (its receiver record's id): its id in
 * the Statuspage API and status.json, e.g. `delivery-microsoft`; `delivery-ours` is our outgoing
 * mail as a whole (our own outbound faults). The site's page of it is `/delivery/<receiver id>/`.
 *
 * @example
 * outboundComponent('microsoft') // 'delivery-microsoft'
 */
export function outboundComponent(receiverId: string): string {
  return `delivery-${receiverId}`;
}

/** The id under which senders outside the catalog are counted together (never named on the site). */
export const OTHER = 'other';

/**
 * The version of the records' format mxstatus writes: 2 added outbound incidents (a `direction`
 * on every incident record, receiver records, the receivers in status.json). Records of version 1
 * (no `version` field) are read as they are: all inbound.
 */
export const RECORDS_VERSION = 2;

/** Days of history a sender record keeps and the site draws as daily bars. */
export const HISTORY_DAYS = 90;

/**
 * The id of an incident: its local start date and a few lower-case words, e.g.
 * `2026-03-19-microsoft-tls-failure`. A note that stands alone is named like one.
 */
export const INCIDENT_ID = /^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/;
