import type { APIRoute } from 'astro';
import type { Locale } from '../../../../core/schemas/site-config.ts';
import { statuspagePaths, statuspageResponse } from '../../../../lib/statuspage-endpoint.ts';

export const getStaticPaths = statuspagePaths;

export const GET: APIRoute<{ locale: Locale }> = ({ props }) => statuspageResponse('incidents.json', props.locale);
