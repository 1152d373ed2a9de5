import type { APIRoute } from 'astro';
import { statuspageResponse } from '../../../../lib/statuspage-endpoint.ts';

export const GET: APIRoute = () => statuspageResponse('scheduled-maintenances/upcoming.json');
