import type { APIRoute } from 'astro';
import type { Locale } from '../../../../core/schemas/site-config.ts';
import { deliveryFeedPaths, feedResponse } from '../../../../lib/feed-endpoint.ts';

export const getStaticPaths = deliveryFeedPaths;

export const GET: APIRoute<{ locale: Locale; receiverId: string }> = ({ props }) => feedResponse('atom', props.locale, props.receiverId, 'outbound');
