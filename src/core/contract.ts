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

/** The id under which senders outside the catalog are counted together (never named on the site). */
export const OTHER = 'other';

/** Days of history a sender record keeps and the site draws as daily bars. */
export const HISTORY_DAYS = 90;

/**
 * The id of an incident: its local start date and a few lower-case words, e.g.
 * `2026-03-19-microsoft-tls-failure`. A note that stands alone is named like one.
 */
export const INCIDENT_ID = /^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/;
