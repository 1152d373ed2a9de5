import type { APIRoute } from 'astro';
import { siteConfig } from '../lib/site-config.ts';
import { localePath } from '../core/routes.ts';

// Short links only forward to pages the sitemap lists: crawlers skip them, in every language.
const shortLinks = siteConfig.locales.map((l) => `Disallow: ${localePath(l, '/i/', siteConfig)}\n`).join('');

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n${shortLinks}\nSitemap: ${new URL('/sitemap-index.xml', siteConfig.site).href}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
