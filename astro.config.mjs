// @ts-check
import { defineConfig } from 'astro/config';
import { readSiteConfig } from './src/lib/site-config.ts';

const config = await readSiteConfig();

export default defineConfig({
  site: config.site,
  output: 'static',
  outDir: './dist',
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
  devToolbar: { enabled: false },
});
