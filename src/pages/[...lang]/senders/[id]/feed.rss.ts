import type { APIRoute } from 'astro';
import type { Locale } from '../../../../core/schemas/site-config.ts';
import { feedResponse, senderFeedPaths } from '../../../../lib/feed-endpoint.ts';

export const getStaticPaths = senderFeedPaths;

export const GET: APIRoute<{ locale: Locale; senderId: string }> = ({ props }) => feedResponse('rss', props.locale, props.senderId);
