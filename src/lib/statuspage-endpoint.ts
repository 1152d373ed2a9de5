/** Wiring of the `/api/v2/` endpoints: load the records and notes, build with `./statuspage-api.ts`. */
import { apiLocale, statuspageDocuments } from './statuspage-api.ts';
import type { StatuspageDocumentPath, StatuspageDocuments } from '../core/schemas/statuspage-schema.ts';
import { siteConfig } from './site-config.ts';
import { loadIncidents, loadMaintenance, loadNotes, loadSenders, loadStatus } from './site-data.ts';
import { stringifyJson } from './stringify-json.ts';
import { buildTime } from './build-time.ts';

let documents: Promise<StatuspageDocuments> | undefined;

/** Every document of `/api/v2/`, built once per build: each endpoint serves one of them. */
function loadDocuments(): Promise<StatuspageDocuments> {
  documents ??= buildDocuments();
  return documents;
}

async function buildDocuments(): Promise<StatuspageDocuments> {
  const locale = apiLocale(siteConfig);
  const [incidents, notes, status, senders, maintenance, fallback] = await Promise.all([
    loadIncidents(),
    loadNotes(locale),
    loadStatus(),
    loadSenders(),
    loadMaintenance(locale),
    loadMaintenance(siteConfig.defaultLocale),
  ]);
  // A maintenance written only in the default language is announced in that language rather than not at all.
  const ids = new Set(maintenance.map((m) => m.id));
  return statuspageDocuments({
    config: siteConfig,
    now: buildTime(),
    status,
    incidents,
    senders,
    notes,
    maintenance: [...maintenance, ...fallback.filter((m) => !ids.has(m.id))],
  });
}

/** The response of `/api/v2/<path>`. */
export async function statuspageResponse(path: StatuspageDocumentPath): Promise<Response> {
  return new Response(stringifyJson((await loadDocuments())[path]), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
