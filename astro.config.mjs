// @ts-check
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { contentDir } from './src/lib/content-dir.ts';
import { readSiteConfig } from './src/lib/site-config.ts';

const config = await readSiteConfig();
// One content-layer cache per content directory, so that a build from test fixtures never
// serves stale entries to a build of content/ (and the other way round).
const cacheKey = createHash('sha256').update(resolve(contentDir)).digest('hex').slice(0, 12);

export default defineConfig({
  site: config.site,
  output: 'static',
  outDir: './dist',
  cacheDir: `./node_modules/.astro/${cacheKey}`,
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // External stylesheets only: the Content-Security-Policy allows no inline styles.
    inlineStylesheets: 'never',
  },
  i18n: {
    locales: config.locales,
    defaultLocale: config.defaultLocale,
    routing: { prefixDefaultLocale: false },
  },
  // @astrojs/sitemap lists every page with its language alternates; short links stay out.
  integrations: [
    sitemap({
      filter: (page) => !page.includes('/i/'),
      i18n: { defaultLocale: config.defaultLocale, locales: Object.fromEntries(config.locales.map((l) => [l, l === 'de' ? 'de-DE' : 'en-GB'])) },
    }),
  ],
  devToolbar: { enabled: false },
  // Scripts and styles always as files of their own: the Content-Security-Policy forbids inline ones.
  vite: { build: { assetsInlineLimit: 0 } },
});
