import { join } from 'node:path';
import { loadSiteConfig } from '../../../src/core/config/load-site-config.ts';
import type { Locale } from '../../../src/core/contract.ts';
import type { SiteConfig } from '../../../src/core/schemas/site-config.ts';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';

/** What `mxstatus headers` knows of the site before it reads any input. */
export interface HeadersSite {
  readonly contentDir: string;
  readonly config: SiteConfig;
  /** The language of the prompt and the report: `--lang`, else the site's default; always one of its locales. */
  readonly locale: Locale;
}

/**
 * Reads `site.yaml` and settles the report's language first, so that the prompt on a terminal
 * speaks it and a `--lang` the site has no pages in is refused before anything is pasted: the
 * report would link to an incident page that does not exist.
 *
 * @example
 * await loadHeadersSite('content', 'en')
 * // with locales: [de]: fail(exitCodes.usage, '--lang en: not one of the locales in content/site.yaml (de); use --lang de, or add en to locales')
 */
export async function loadHeadersSite(contentDir: string, lang?: Locale): Promise<Result<HeadersSite>> {
  const config = await loadSiteConfig(contentDir);
  if (!config.ok) return config;
  const { locales, defaultLocale } = config.value;
  if (lang !== undefined && !locales.includes(lang)) {
    const choices = locales.map((locale) => `--lang ${locale}`).join(' or ');
    return fail(exitCodes.usage, `--lang ${lang}: not one of the locales in ${join(contentDir, 'site.yaml')} (${locales.join(', ')}); use ${choices}, or add ${lang} to locales`);
  }
  return ok({ contentDir, config: config.value, locale: lang ?? defaultLocale });
}
