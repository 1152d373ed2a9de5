import type { APIRoute } from 'astro';
import { siteConfig } from '../lib/site-config.ts';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\nDisallow: /i/\n\nSitemap: ${new URL('/sitemap-index.xml', siteConfig.site).href}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
