import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { formatDuration } from 'date-fns/formatDuration';
import { intervalToDuration } from 'date-fns/intervalToDuration';
import { de } from 'date-fns/locale/de';
import { enGB } from 'date-fns/locale/en-GB';
import type { Locale } from './schemas/site-config.ts';
import { BCP47 } from './contract.ts';

const dateFnsLocales = { de, en: enGB } as const;
const patterns = {
  // German says "am 23. März 2026 um 17:43 Uhr": the templates put "am", "vom", "seit dem" before it.
  // compactDate fits a column of days on a phone; English keeps the month's name, since 3/4/2026 reads either way round.
  de: { dateTime: "d. MMMM yyyy 'um' HH:mm 'Uhr'", date: 'd. MMMM yyyy', shortDate: 'd. MMM yyyy', compactDate: 'd.M.yyyy', time: 'HH:mm', short: 'd. MMM, HH:mm', weekday: 'EEEEEE d.M.', hour: 'HH:mm' },
  en: { dateTime: 'd MMMM yyyy, HH:mm', date: 'd MMMM yyyy', shortDate: 'd MMM yyyy', compactDate: 'd MMM yyyy', time: 'HH:mm', short: 'd MMM, HH:mm', weekday: 'EEE d MMM', hour: 'HH:mm' },
} as const;
/** Styles shown without the zone: dates, and the marks of a chart's time axis, whose caption names the zone once. */
const withoutZone: ReadonlySet<string> = new Set(['date', 'shortDate', 'compactDate', 'weekday', 'hour']);

type Instant = number | string;

const toMs = (t: Instant) => (typeof t === 'number' ? t : Date.parse(t));

/**
 * An instant in the site's zone, with the zone's abbreviation so nobody has to guess.
 *
 * @example
 * formatDateTime('2026-03-23T16:43:10Z', 'de', 'Europe/Berlin') // '23. März 2026 um 17:43 Uhr MEZ'
 * formatDateTime('2026-03-23T16:43:10Z', 'en', 'Europe/Berlin') // '23 March 2026, 17:43 CET'
 */
export function formatDateTime(t: Instant, locale: Locale, zone: string, style: keyof (typeof patterns)['de'] = 'dateTime'): string {
  const ms = toMs(t);
  // A site formats the same hours over and over (every incident's chart, table and timeline of
  // the same days, in each language) and date-fns with a TZDate takes some 20 µs a value: once each.
  const key = `${style} ${locale} ${zone} ${ms}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const text = format(new TZDate(ms, zone), patterns[locale][style], { locale: dateFnsLocales[locale] });
  const result = withoutZone.has(style) ? text : `${text} ${zoneAbbreviation(ms, locale, zone)}`;
  if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
  formatted.set(key, result);
  return result;
}

/** Instants already formatted, by style, locale, zone and time; emptied when full. */
const formatted = new Map<string, string>();
const FORMATTED_LIMIT = 100_000;

/**
 * The calendar day of an instant in the site's zone, as YYYY-MM-DD: the key of a day in the records.
 *
 * @example
 * calendarDate('2026-03-23T23:30:00Z', 'Europe/Berlin') // '2026-03-24'
 */
export function calendarDate(t: Instant, zone: string): string {
  // Intl's parts, not date-fns with a TZDate: a chart asks for a date per hour, a site of a few
  // thousand incidents for hundreds of thousands (15 µs each that way, 1–2 µs this way).
  const parts = cached(`calendar ${zone}`, () => new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', numberingSystem: 'latn' })).formatToParts(toMs(t));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Intl formatters are costly to build and pages format thousands of values: one per kind, locale and zone. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

/** "MEZ" / "CET", "MESZ" / "CEST", or "GMT+3" where the zone has no common abbreviation. */
export function zoneAbbreviation(ms: number, locale: Locale, zone: string): string {
  const format = cached(`zone ${locale} ${zone}`, () => new Intl.DateTimeFormat(BCP47[locale], { timeZone: zone, timeZoneName: 'short' }));
  return format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/**
 * The zone times are shown in, as people know it: its name and abbreviations, never the IANA id.
 *
 * @example
 * zoneLabel('de', 'Europe/Berlin') // 'Mitteleuropäische Zeit (MEZ/MESZ)'
 * zoneLabel('en', 'UTC') // 'UTC'
 */
export function zoneLabel(locale: Locale, zone: string): string {
  // Winter and summer of a fixed year: the same site whenever it is built.
  const [winter, summer] = [Date.UTC(2025, 0, 15), Date.UTC(2025, 6, 15)];
  const abbreviations = [...new Set([winter, summer].map((ms) => zoneAbbreviation(ms, locale, zone)))].join('/');
  const name = cached(`zone name ${locale} ${zone}`, () => new Intl.DateTimeFormat(BCP47[locale], { timeZone: zone, timeZoneName: 'longGeneric' })).formatToParts(winter).find((p) => p.type === 'timeZoneName')?.value;
  // Zones without a name of their own come back as "GMT+00:00"; the abbreviation says it better.
  if (name === undefined || name.startsWith('GMT')) return abbreviations;
  return name.includes('(') ? `${name}, ${abbreviations}` : `${name} (${abbreviations})`;
}

/**
 * A span of time in words, to the minute, as a list: "4 Tage, 8 Stunden und 32 Minuten".
 *
 * @example
 * formatSpan(0, 4 * 86_400_000 + 3_600_000, 'en') // '4 days and 1 hour'
 */
export function formatSpan(from: Instant, to: Instant, locale: Locale, maxUnits = 5): string {
  const start = toMs(from);
  const end = toMs(to);
  const options = { locale: dateFnsLocales[locale] };
  if (end - start < 60_000) return formatDuration({ minutes: 1 }, options);
  const duration = intervalToDuration({ start, end });
  const units = (['years', 'months', 'days', 'hours', 'minutes'] as const).filter((u) => duration[u]).slice(0, maxUnits);
  const list = cached(`list ${locale}`, () => new Intl.ListFormat(BCP47[locale], { type: 'conjunction' }));
  return list.format(units.map((u) => formatDuration({ [u]: duration[u] }, options)));
}

/**
 * A short delay such as our delivery latency: "0.4 s", "2 min 5 s", "6 h 12 min".
 *
 * @example
 * formatSeconds(22320, 'de') // '6 h 12 min'
 */
export function formatSeconds(seconds: number, locale: Locale): string {
  const number = cached(`seconds ${locale} ${seconds < 10 ? 1 : 0}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: seconds < 10 ? 1 : 0 }));
  // As shown, rounded: 59.6 s would read "60 s", so from there on it is a minute.
  if (Math.round(seconds) < 60) return `${number.format(seconds)} s`;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return s > 0 ? `${m} min ${s} s` : `${m} min`;
}

export function formatPercent(ratio: number, locale: Locale): string {
  return cached(`percent ${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })).format(ratio);
}

/**
 * A share rounded down to a tenth of a percent, so that "100 %" means every one of them and a
 * single failure among thousands still shows.
 *
 * @example
 * formatShare(0.99996, 'de') // '99,9 %' (with a no-break space)
 */
export function formatShare(ratio: number, locale: Locale): string {
  // The small addend keeps a ratio such as 0.29 (stored as 0.28999…) from losing a tenth.
  return formatPercent(Math.floor(ratio * 1000 + 1e-9) / 1000, locale);
}

export function formatCount(n: number, locale: Locale): string {
  return cached(`count ${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}
