import type { Locale, SiteConfig } from '../schemas/site-config.ts';

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
