import type { Locale, SiteConfig } from './schemas/site-config.ts';

/**
 * The URL of a page in one language: the default language has no prefix, the others `/<locale>/`.
 *
 * @example
 * localePath('en', '/incidents/2026-03-19-microsoft-tls-failure/', config) // '/en/incidents/2026-03-19-microsoft-tls-failure/'
 * localePath('de', '/', config) // '/'
 */
export function localePath(locale: Locale, path: string, config: Pick<SiteConfig, 'defaultLocale'>): string {
  return locale === config.defaultLocale ? path : `/${locale}${path}`;
}

/** `getStaticPaths` entries for the `[...lang]` segment: one per configured locale. */
export function localeParams(config: Pick<SiteConfig, 'locales' | 'defaultLocale'>) {
  return config.locales.map((locale) => ({
    params: { lang: locale === config.defaultLocale ? undefined : locale },
    props: { locale },
  }));
}

/** Where the feeds of a page live: the site-wide ones at the root of a language, a sender's beside its page. */
export function feedPaths(locale: Locale, config: Pick<SiteConfig, 'defaultLocale'>, senderId?: string) {
  const base = localePath(locale, senderId ? `/senders/${senderId}/` : '/', config);
  return { atom: `${base}feed.atom`, rss: `${base}feed.rss`, json: `${base}feed.json` };
}

const KIND_CODES: Record<string, string> = { 'tls-failure': 'tls', 'connection-loss': 'cl', timeout: 'to', silence: 'si' };

/**
 * The short code of an incident for tickets (`/i/<short>/`): the id with a two-digit year and a
 * short kind.
 *
 * @example
 * shortId('2026-03-19-microsoft-tls-failure') // '260319-microsoft-tls'
 */
export function shortId(incidentId: string): string {
  const match = /^\d{2}(\d{2})-(\d{2})-(\d{2})-(.+?)-(tls-failure|connection-loss|timeout|silence)(-\d+)?$/.exec(incidentId);
  if (!match) return incidentId;
  const [, y, m, d, sender, kind, n] = match;
  return `${y}${m}${d}-${sender}-${KIND_CODES[kind!]}${n ?? ''}`;
}

/**
 * The short link of an incident in one language: `/i/<short>/` in the default language (the
 * form tickets already carry), `/<locale>/i/<short>/` in the others.
 *
 * @example
 * shortPath('en', '2026-03-19-microsoft-tls-failure', config) // '/en/i/260319-microsoft-tls/'
 */
export function shortPath(locale: Locale, incidentId: string, config: Pick<SiteConfig, 'defaultLocale'>): string {
  return localePath(locale, `/i/${shortId(incidentId)}/`, config);
}
