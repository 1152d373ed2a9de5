import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyseHeaders, type HeadersAnalysed } from '../../../src/lib/headers/analyse-headers.ts';
import { incidentRecordSchema, type IncidentRecord } from '../../../src/schemas/incident-record.ts';
import { statusRecordSchema } from '../../../src/schemas/status-record.ts';
import { loadSiteConfig } from '../config/load-site-config.ts';
import { exitCodes, fail, ok, type Result } from '../problem.ts';
import { createSenderClassifier, mergeSenderRules } from '../senders/classify-sender.ts';
import { builtInSenderRules } from '../senders/sender-catalog.ts';
import { matchHandOff, type HandOff } from './match-hand-off.ts';

export interface HeadersReport {
  readonly analysis: HeadersAnalysed;
  readonly handOff: HandOff | null;
  readonly support: { readonly email?: string | undefined; readonly url?: string | undefined };
  readonly site: string;
}

/** `mxstatus headers`: analyse pasted mail headers and match them to the incidents under `content/`. */
export async function runHeaders(contentDir: string, text: string): Promise<Result<HeadersReport>> {
  const config = await loadSiteConfig(contentDir);
  if (!config.ok) return config;
  const analysis = analyseHeaders(text);
  if (analysis.kind === 'not-headers') {
    return fail(exitCodes.input, `standard input: these are not mail headers (${analysis.reason}); paste the headers of the late mail, from the first Received: line down`);
  }
  const incidents = await readIncidents(join(contentDir, 'records', 'incidents'));
  const asOf = await readAsOf(join(contentDir, 'records', 'status.json'));
  const classify = createSenderClassifier(mergeSenderRules(builtInSenderRules, config.value.senders));
  return ok({ analysis, handOff: matchHandOff(analysis, classify, incidents, asOf), support: config.value.support, site: config.value.site });
}

async function readIncidents(dir: string): Promise<IncidentRecord[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const records: IncidentRecord[] = [];
  for (const file of files) {
    const parsed = incidentRecordSchema.safeParse(JSON.parse(await readFile(join(dir, file), 'utf8')));
    if (parsed.success) records.push(parsed.data);
  }
  return records;
}

async function readAsOf(path: string): Promise<number> {
  try {
    return Date.parse(statusRecordSchema.parse(JSON.parse(await readFile(path, 'utf8'))).asOf);
  } catch {
    return Date.now();
  }
}

/** The report as text for a terminal: hops oldest first with their delays, then one verdict. */
export function formatHeadersReport(report: HeadersReport): string {
  const { analysis, handOff } = report;
  const lines = ['Hops, oldest first:'];
  for (const hop of analysis.hops) {
    const r = hop.received;
    const delay = hop.delaySeconds === null ? '?' : `${hop.delaySeconds >= 0 ? '+' : ''}${duration(hop.delaySeconds)}`;
    const tls = r.tls.state === 'encrypted' ? `TLS${r.tls.version ? ` ${r.tls.version}` : ''}` : r.tls.state === 'plain' ? 'no TLS' : 'TLS not stated';
    const skew = hop.clockSkew ? ' (clock skew: a negative delay means one of these clocks is wrong)' : '';
    lines.push(`  ${hop.number}. ${r.from?.name ?? '?'} → ${r.by?.name ?? '?'}: ${delay}, ${tls}${skew}`);
  }
  if (analysis.totalSeconds !== null) lines.push(`Total: ${duration(analysis.totalSeconds)}`);
  if (!handOff) {
    lines.push('No hop from a known sending organisation: no incident can be matched.');
  } else if (handOff.incident) {
    const waited = handOff.waitedSeconds === null ? 'for an unknown time' : `${duration(handOff.waitedSeconds)}`;
    lines.push(`This mail waited ${waited} at ${handOff.sender.name} before reaching us — see ${new URL(`/incidents/${handOff.incident.id}/`, report.site).href}`);
  } else {
    const contact = report.support.email ?? report.support.url ?? 'your provider';
    lines.push(`No known incident explains a delay of this mail at ${handOff.sender.name}. If it matters, write to ${contact} with these headers.`);
  }
  return `${lines.join('\n')}\n`;
}

function duration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? '-' : '';
  if (s < 60) return `${sign}${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${sign}${h} h ${m} min` : `${sign}${m} min ${s % 60} s`;
}
