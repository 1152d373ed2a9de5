/**
 * The site as the quality gates see it: the bundled demo summarized into a scratch content
 * directory and built into a scratch dist/, the way `npm start` does it for content/.
 */
import { access, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteConfig } from '../../src/core/schemas/site-config.ts';
import { astroCacheDir } from '../../src/core/content-dir.ts';
import { loadSiteConfig } from '../../src/core/config/load-site-config.ts';
import { writeDemoLogs } from '../mxstatus/demo/write-demo-logs.ts';
import { runSummarize, type SummarizeResult } from '../mxstatus/run-summarize.ts';
import { runAstro } from '../mxstatus/site/run-astro.ts';
import { HISTORY_DAYS, OURS } from '../../src/core/contract.ts';
import { worstImpact, type IncidentRecord } from '../../src/core/schemas/incident-record.ts';
import type { ReceiverRecord } from '../../src/core/schemas/receiver-record.ts';
import { statusRecordSchema } from '../../src/core/schemas/status-record.ts';
import { HOSTILE, oursOutbound, refused, throttled } from '../../src/core/testing/records.ts';
import { receiverRecordSchema } from '../../src/core/schemas/receiver-record.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface DemoSite {
  /** The built site. */
  readonly dist: string;
  readonly config: SiteConfig;
  /** Removes the scratch directories and the Astro cache of this build. */
  readonly remove: () => Promise<void>;
}

/** A site built from logs in a scratch folder: the folder, its content directory and the run's summary too. */
export interface ScratchSite extends DemoSite, ScratchContent {}

/**
 * Astro's cache of a build from `content`: astro.config.mjs keys it by the content directory, and a
 * scratch build must not leave one behind.
 */
export function scratchCacheDir(content: string): string {
  return join(projectRoot, astroCacheDir(content));
}

/** Logs summarized in a scratch folder: the folder, its content directory, and the run's summary. */
export interface ScratchContent {
  readonly work: string;
  readonly content: string;
  /** What summarize was given. */
  readonly inputs: readonly string[];
  readonly config: SiteConfig;
  readonly summary: SummarizeResult;
  /** Removes the scratch folder, and the Astro cache of a build from it. */
  readonly remove: () => Promise<void>;
}

/**
 * Logs `writeLogs` puts into `<scratch>/logs` → summarize into `<scratch>/content`, under a new
 * temporary directory (the repository's content/ is never touched). Throws with the pipeline's
 * own one-line message when a step fails.
 */
export async function summarizeScratch(prefix: string, writeLogs: (dir: string) => Promise<readonly string[]>): Promise<ScratchContent> {
  const work = await mkdtemp(join(tmpdir(), prefix));
  const content = join(work, 'content');
  const cacheDir = scratchCacheDir(content);
  const remove = async () => {
    await rm(work, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  };
  try {
    const inputs = await writeLogs(join(work, 'logs'));
    await mkdir(content);
    await copyFile(join(projectRoot, 'content', 'site.yaml'), join(content, 'site.yaml'));
    const config = await loadSiteConfig(content);
    if (!config.ok) throw new Error(config.problem.message);
    const summary = await runSummarize({ contentDir: content, inputs, nowMs: Date.now() });
    if (!summary.ok) throw new Error(summary.problem.message);
    return { work, content, inputs, config: config.value, summary: summary.value, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** `astro build` of `content` into `dist`; throws with the build's message when it fails. */
export async function buildScratchDist(content: string, dist: string): Promise<void> {
  const built = await runAstro(['build', '--outDir', dist], content, { quiet: true });
  if (!built.ok) throw new Error(built.problem.message);
}

/**
 * Logs `writeLogs` puts into `<scratch>/logs` → summarize → astro build, all under one temporary
 * directory (the repository's content/ and dist/ are never touched). Throws with the pipeline's
 * own one-line message when a step fails.
 *
 * @example
 * const site = await buildScratchSite('mxstatus-canary-', async (dir) => (await writeCanaryLog(dir)).inputs);
 */
export async function buildScratchSite(
  prefix: string,
  writeLogs: (dir: string) => Promise<readonly string[]>,
  afterSummarize: (content: string) => Promise<void> = async () => {},
): Promise<ScratchSite> {
  const scratch = await summarizeScratch(prefix, writeLogs);
  const dist = join(scratch.work, 'dist');
  try {
    await afterSummarize(scratch.content);
    await buildScratchDist(scratch.content, dist);
    return { ...scratch, dist };
  } catch (error) {
    await scratch.remove();
    throw error;
  }
}

/** An incident no log shows, as staff would write it: the quality gates see its page too. */
export const REPORTED_DEMO_INCIDENT = '2026-03-21-webmail-login';

/** Writes the bundled demo's logs into `dir`: the inputs to summarize. */
export async function writeDemoInputs(dir: string): Promise<string[]> {
  const logs = await writeDemoLogs(dir);
  if (!logs.ok) throw new Error(logs.problem.message);
  return [join(dir, '*', 'mail.log*')];
}

/** Adds the note of REPORTED_DEMO_INCIDENT to `content`, in every language of its site.yaml. */
export async function writeReportedDemoIncident(content: string): Promise<void> {
  const config = await loadSiteConfig(content);
  if (!config.ok) throw new Error(config.problem.message);
  for (const locale of config.value.locales) {
    await mkdir(join(content, 'notes', locale), { recursive: true });
    const text = locale === 'de'
      ? 'title: "Anmeldung im Webmail schlug fehl"\nstart: 2026-03-21T09:10:00+01:00\nend: 2026-03-21T10:05:00+01:00\n---\nNach einem Update konnten sich viele nicht im Webmail anmelden. Mail ging nicht verloren.\n'
      : 'title: "Webmail login failed"\nstart: 2026-03-21T09:10:00+01:00\nend: 2026-03-21T10:05:00+01:00\n---\nAfter an update, many users could not log in to webmail. No mail was lost.\n';
    await writeFile(join(content, 'notes', locale, `${REPORTED_DEMO_INCIDENT}.md`), `---\n${text}`);
  }
}

/**
 * Our mail to others for a demo whose logs have none yet: the test records' Outlook.com throttling
 * (resolved, nothing lost), Gmail refusing us (ongoing, mail lost; one reply of hostile text) and
 * our relay reaching no one, with 90 days of each receiver's history and status.json's receivers.
 * Left alone where the summarizer wrote receiver records itself.
 */
export const OUTBOUND_DEMO_INCIDENTS: readonly IncidentRecord[] = [
  throttled,
  { ...refused, outbound: { ...refused.outbound!, replies: [...refused.outbound!.replies, { at: '2026-03-24T10:00:00.000Z', class: 'reputation' as const, code: 550, enhanced: '5.7.26', text: HOSTILE }] } },
  oursOutbound,
].map(everyHour);

/** A test record's hours from the hour of its start to that of its end, as the summarizer writes them: its attempts and problems spread evenly, adding up to its counts. */
function everyHour(record: IncidentRecord): IncidentRecord {
  const hour = (iso: string) => Math.floor(Date.parse(iso) / 3_600_000) * 3_600_000;
  const first = hour(record.startedAt);
  const hours = (hour(record.endedAt) - first) / 3_600_000 + 1;
  const share = (total: number, i: number) => Math.floor((total * (i + 1)) / hours) - Math.floor((total * i) / hours);
  const hourly = Array.from({ length: hours }, (_, i) => ({ hour: new Date(first + i * 3_600_000).toISOString(), connections: share(record.connections, i), failures: share(record.failures, i) }));
  return { ...record, hourly };
}

/**
 * Writes OUTBOUND_DEMO_INCIDENTS and their receivers into `content`; where the summarizer wrote
 * receiver records itself (the demo's relay), only those the demo's logs do not have — Gmail
 * refusing us (mail lost, a hostile reply) and our relay reaching no one — merged into its
 * receivers' days and status.json. The incidents it added.
 */
export async function writeOutboundDemoRecords(content: string): Promise<IncidentRecord[]> {
  const records = join(content, 'records');
  if (await access(join(records, 'receivers')).then(() => true, () => false)) return addOutboundDemoRecords(records);
  const status = statusRecordSchema.parse(JSON.parse(await readFile(join(records, 'status.json'), 'utf8')));
  const lastDay = status.asOf.slice(0, 10);
  const receivers: ReceiverRecord[] = [
    { id: OURS, name: 'Example Mail', statusPage: null, days: [] },
    { id: 'google', name: 'Gmail', statusPage: null, days: [] },
    { id: 'microsoft', name: 'Outlook.com', statusPage: null, days: [] },
  ];
  const last = Date.parse(`${lastDay}T00:00:00Z`);
  for (const receiver of receivers) {
    for (let i = HISTORY_DAYS - 1; i >= 0; i--) {
      const date = new Date(last - i * 86_400_000).toISOString().slice(0, 10);
      const own = OUTBOUND_DEMO_INCIDENTS.filter((r) => (r.attribution === 'ours' ? OURS : r.sender.id) === receiver.id && r.startedAt.slice(0, 10) <= date && date <= r.endedAt.slice(0, 10));
      const attempts = (receiver.id === OURS ? 3000 : 1200) + ((i * 37) % 200);
      const problems = own.reduce((sum, r) => sum + r.failures, (i * 7) % 5);
      receiver.days.push({ date, attempts: Math.max(attempts, problems), problems, worst: worstImpact(own.map((r) => r.impact)) });
    }
  }
  await mkdir(join(records, 'receivers'), { recursive: true });
  for (const receiver of receivers) await writeFile(join(records, 'receivers', `${receiver.id}.json`), `${JSON.stringify(receiver, null, 2)}
`);
  for (const record of OUTBOUND_DEMO_INCIDENTS) await writeFile(join(records, 'incidents', `${record.id}.json`), `${JSON.stringify(record, null, 2)}
`);
  const ongoing = (id: string) => OUTBOUND_DEMO_INCIDENTS.filter((r) => r.status === 'ongoing' && r.attribution !== 'ours' && r.sender.id === id);
  const updated = {
    ...status,
    overall: worstImpact([status.overall, ...OUTBOUND_DEMO_INCIDENTS.filter((r) => r.status === 'ongoing').map((r) => r.impact)]),
    outboundAsOf: new Date(Date.parse(status.asOf) - 120_000).toISOString(),
    receivers: receivers
      .filter((r) => r.id !== OURS)
      .map((r) => ({ id: r.id, name: r.name, state: worstImpact(ongoing(r.id).map((i) => i.impact)), ongoing: ongoing(r.id).map((i) => i.id) })),
  };
  await writeFile(join(records, 'status.json'), `${JSON.stringify(updated, null, 2)}
`);
  return [...OUTBOUND_DEMO_INCIDENTS];
}

/** The test incidents beside the summarizer's outbound records (see writeOutboundDemoRecords). */
async function addOutboundDemoRecords(records: string): Promise<IncidentRecord[]> {
  const added = OUTBOUND_DEMO_INCIDENTS.filter((r) => r.id !== throttled.id);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  for (const record of added) await writeFile(join(records, 'incidents', `${record.id}.json`), json(record));
  for (const record of added) {
    const id = record.attribution === 'ours' ? OURS : record.sender.id;
    const path = join(records, 'receivers', `${id}.json`);
    const receiver = receiverRecordSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    const days = receiver.days.map((day) => (record.startedAt.slice(0, 10) <= day.date && day.date <= record.endedAt.slice(0, 10) ? { ...day, problems: day.problems + record.failures, attempts: Math.max(day.attempts, day.problems + record.failures), worst: worstImpact([day.worst, record.impact]) } : day));
    await writeFile(path, json({ ...receiver, days }));
  }
  const status = statusRecordSchema.parse(JSON.parse(await readFile(join(records, 'status.json'), 'utf8')));
  const ongoing = added.filter((r) => r.status === 'ongoing');
  const updated = {
    ...status,
    overall: worstImpact([status.overall, ...ongoing.map((r) => r.impact)]),
    receivers: status.receivers.map((r) => {
      const mine = ongoing.filter((i) => i.attribution === 'receiver' && i.sender.id === r.id);
      return mine.length === 0 ? r : { ...r, state: worstImpact([r.state, ...mine.map((i) => i.impact)]), ongoing: [...r.ongoing, ...mine.map((i) => i.id)] };
    }),
  };
  await writeFile(join(records, 'status.json'), json(updated));
  return added;
}

/**
 * The bundled demo, summarized and built in a scratch folder, the way `npm start` does it for
 * content/ — with one note of an incident no log shows added, in every language, and our mail to
 * others where the demo's logs have none (writeOutboundDemoRecords).
 *
 * @example
 * const site = await buildDemoSite();
 * await readFile(join(site.dist, 'index.html'), 'utf8');
 * await site.remove();
 */
export async function buildDemoSite(): Promise<DemoSite> {
  return buildScratchSite('mxstatus-site-', writeDemoInputs, async (content) => {
    await writeReportedDemoIncident(content);
    await writeOutboundDemoRecords(content);
  });
}
