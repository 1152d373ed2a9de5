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

/** Which way the mail of a component goes: to us (our servers, a sender) or from us (our delivery to a receiver). */
export type Direction = 'inbound' | 'outbound';

/**
 * The page of a component, without the language prefix: our own servers' and a sender's under
 * `/senders/`, our delivery to a receiving organisation (or, for `ours`, our outgoing mail as a
 * whole) under `/delivery/`.
 *
 * @example
 * componentPath('microsoft') // '/senders/microsoft/'
 * componentPath('microsoft', 'outbound') // '/delivery/microsoft/'
 */
export function componentPath(id: string, direction: Direction = 'inbound'): string {
  return direction === 'outbound' ? `/delivery/${id}/` : `/senders/${id}/`;
}

/**
 * Where the feeds of a page live: the site-wide ones at the root of a language, a component's
 * beside its page.
 *
 * @example
 * feedPaths('de', config).atom // '/feed.atom'
 * feedPaths('en', config, 'microsoft', 'outbound').atom // '/en/delivery/microsoft/feed.atom'
 */
export function feedPaths(locale: Locale, config: Pick<SiteConfig, 'defaultLocale'>, componentId?: string, direction: Direction = 'inbound') {
  const base = localePath(locale, componentId ? componentPath(componentId, direction) : '/', config);
  return { atom: `${base}feed.atom`, rss: `${base}feed.rss`, json: `${base}feed.json` };
}

/** Two letters or three for each kind of incident a log shows: inbound first, then our mail to others. */
const KIND_CODES: Record<string, string> = {
  'tls-failure': 'tls',
  'connection-loss': 'cl',
  timeout: 'to',
  silence: 'si',
  'rate-limit': 'rl',
  reputation: 'rp',
  authentication: 'au',
  temporary: 'tp',
  unreachable: 'ur',
};
const KINDS = Object.keys(KIND_CODES).join('|');
const SHORT_ID = new RegExp(`^\\d{2}(\\d{2})-(\\d{2})-(\\d{2})-(.+?)-(${KINDS})(-\\d+)?$`);

/**
 * The short code of an incident for tickets (`/i/<short>/`): the id with a two-digit year and a
 * short kind.
 *
 * @example
 * shortId('2026-03-19-microsoft-tls-failure') // '260319-microsoft-tls'
 * shortId('2026-03-23-microsoft-rate-limit') // '260323-microsoft-rl'
 */
export function shortId(incidentId: string): string {
  const match = SHORT_ID.exec(incidentId);
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
