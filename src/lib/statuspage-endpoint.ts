/** Wiring of the `/api/v2/` endpoints: load the records and notes, build with `./statuspage-api.ts`. */
import { statuspageDocuments } from './statuspage-api.ts';
import type { StatuspageDocumentPath, StatuspageDocuments } from '../core/schemas/statuspage-schema.ts';
import type { Locale } from '../core/schemas/site-config.ts';
import { localeParams } from '../core/routes.ts';
import { siteConfig } from './site-config.ts';
import { loadDeliveryComponents, loadIncidents, loadMaintenance, loadNotes, loadSenders, loadStatus } from './site-data.ts';
import { stringifyJson } from './stringify-json.ts';
import { buildTime } from './build-time.ts';

const documents = new Map<Locale, Promise<StatuspageDocuments>>();

/** Every document of `/api/v2/` in one language, built once per build: each endpoint serves one of them. */
function loadDocuments(locale: Locale): Promise<StatuspageDocuments> {
  let built = documents.get(locale);
  if (!built) documents.set(locale, (built = buildDocuments(locale)));
  return built;
}

async function buildDocuments(locale: Locale): Promise<StatuspageDocuments> {
  const [incidents, notes, status, senders, receivers, maintenance, fallback] = await Promise.all([
    loadIncidents(),
    loadNotes(locale),
    loadStatus(),
    loadSenders(),
    loadDeliveryComponents(),
    loadMaintenance(locale),
    loadMaintenance(siteConfig.defaultLocale),
  ]);
  // A maintenance written only in the default language is announced in that language rather than not at all.
  const ids = new Set(maintenance.map((m) => m.id));
  return statuspageDocuments({
    config: siteConfig,
    locale,
    now: buildTime(),
    status,
    incidents,
    senders,
    receivers,
    notes,
    maintenance: [...maintenance, ...fallback.filter((m) => !ids.has(m.id))],
  });
}

/** `getStaticPaths` of every document: `/api/v2/` in the default language, `/<locale>/api/v2/` in the others. */
export const statuspagePaths = () => localeParams(siteConfig);

/** The response of `/api/v2/<path>` in `locale`. */
export async function statuspageResponse(path: StatuspageDocumentPath, locale: Locale): Promise<Response> {
  return new Response(stringifyJson((await loadDocuments(locale))[path]), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
