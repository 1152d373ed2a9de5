import type { APIRoute } from 'astro';
import type { Locale } from '../../core/schemas/site-config.ts';
import { feedResponse } from '../../lib/feed-endpoint.ts';
import { localeParams } from '../../core/routes.ts';
import { siteConfig } from '../../lib/site-config.ts';

export const getStaticPaths = () => localeParams(siteConfig);

export const GET: APIRoute<{ locale: Locale }> = ({ props }) => feedResponse('rss', props.locale);
