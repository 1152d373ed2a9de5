// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { astroCacheDir, contentDir } from './src/core/content-dir.ts';
import { siteConfig as config } from './src/lib/site-config.ts';

export default defineConfig({
  site: config.site,
  output: 'static',
  outDir: './dist',
  cacheDir: `./${astroCacheDir(contentDir)}`,
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
  // mxstatus build asks for warnings and errors only (MXSTATUS_ASTRO_LOG_LEVEL=warn): not a line
  // per route, which on a site of a few hundred pages buries what matters.
  logger: { entrypoint: 'astro/logger/node', config: { level: process.env.MXSTATUS_ASTRO_LOG_LEVEL ?? 'info' } },
  // Scripts and styles always as files of their own: the Content-Security-Policy forbids inline ones.
  vite: { build: { assetsInlineLimit: 0 } },
});
