/**
 * What the detection scenario tests share: the background traffic of eleven senders, running a
 * scenario's log through `runSummarize` into a scratch content directory, and reading and
 * comparing the incident records it wrote.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { incidentRecordSchema, type IncidentRecord } from '../../src/core/schemas/incident-record.ts';
import { runSummarize } from '../mxstatus/run-summarize.ts';
import { generateScenarioLog, wallToUtc, type Scenario, type ScenarioLog, type ScenarioSender, type WallTime } from './scenario-log.ts';

export const ZONE = 'Europe/Berlin';
export const MINUTE = 60_000;
export const TOLERANCE = 5 * MINUTE;

/** The contract adds silence incidents to the record kinds. */
export type Incident = Omit<IncidentRecord, 'kind'> & { kind: IncidentRecord['kind'] | 'silence' };

/** Normal traffic of eleven senders, busy by day and quiet by night (the demo's rates). */
export const BACKGROUND: readonly ScenarioSender[] = [
  { id: 'microsoft', perHour: 70, dayNight: true },
  { id: 'google', perHour: 95, dayNight: true },
  { id: 'united-internet', perHour: 55, dayNight: true },
  { id: 't-online', perHour: 30, dayNight: true },
  { id: 'yahoo', perHour: 10, dayNight: true },
  { id: 'apple', perHour: 15, dayNight: true },
  { id: 'amazon-ses', perHour: 28, dayNight: true },
  { id: 'sendgrid', perHour: 12, dayNight: true },
  { id: 'mailbox-org', perHour: 6, dayNight: true },
  { id: 'posteo', perHour: 5, dayNight: true },
  { id: 'freenet', perHour: 6, dayNight: true },
];
export const NOISE = { failureShare: 0.003, botsPerHour: 40 } as const;

/** The background with some senders replaced by the scenario's. */
export function senders(...special: ScenarioSender[]): ScenarioSender[] {
  return BACKGROUND.map((s) => special.find((x) => x.id === s.id) ?? s);
}

/** Shared by b and f: two days, and every TLS handshake fails on 13 May from 14:00 to 14:25 (CEST). */
export const outageScenario: Scenario = {
  seed: 202,
  timeZone: ZONE,
  from: '2026-05-12 12:00',
  to: '2026-05-14 00:00',
  senders: senders(),
  outages: [{ from: '2026-05-13 14:00', to: '2026-05-13 14:25', share: 1, kind: 'starttls' }],
  noise: NOISE,
};

/** Writes the scenario's log (with its mtime) into `root/<name>/`, summarizes it into `<name>/content` and reads the incidents. */
export async function summarizeScenario(root: string, name: string, scenario: Scenario, log = generateScenarioLog(scenario)) {
  const dir = join(root, name);
  const content = join(dir, 'content');
  await mkdir(content, { recursive: true });
  await copyFile('content/site.yaml', join(content, 'site.yaml'));
  const file = join(dir, 'mail.log');
  await writeFile(file, log.text);
  await utimes(file, log.mtimeMs / 1000, log.mtimeMs / 1000);
  // The run happens when the log was last written (some scenarios lie after today).
  const result = await runSummarize({ contentDir: content, inputs: [file], nowMs: log.mtimeMs });
  assert.ok(result.ok, result.ok ? '' : result.problem.message);
  assert.deepEqual(result.value.problems, []);
  await assertSameRunByRun(dir, log, content);
  return { log, content, incidents: await readIncidents(content) };
}

/**
 * Incremental ≡ full on every scenario: the same log summarized with --state in two runs, cut in
 * the middle of a line two thirds in, must leave byte for byte the files one run left in
 * `content` (records and notes).
 */
async function assertSameRunByRun(dir: string, log: ScenarioLog, content: string): Promise<void> {
  const steps = join(dir, 'steps');
  const stepContent = join(steps, 'content');
  await mkdir(stepContent, { recursive: true });
  await copyFile('content/site.yaml', join(stepContent, 'site.yaml'));
  const file = join(steps, 'mail.log');
  const bytes = Buffer.from(log.text);
  await writeFile(file, bytes.subarray(0, Math.floor((bytes.length * 2) / 3)));
  // Both parts dated as the whole log: BSD years come out the same, and nothing is dated after it.
  await utimes(file, log.mtimeMs / 1000, log.mtimeMs / 1000);
  const state = join(steps, 'state');
  const one = await runSummarize({ contentDir: stepContent, inputs: [file], nowMs: log.mtimeMs, statePath: state });
  assert.ok(one.ok, one.ok ? '' : one.problem.message);
  await writeFile(file, bytes);
  await utimes(file, log.mtimeMs / 1000, log.mtimeMs / 1000);
  const two = await runSummarize({ contentDir: stepContent, inputs: [file], nowMs: log.mtimeMs, statePath: state });
  assert.ok(two.ok, two.ok ? '' : two.problem.message);
  const [a, b] = [await filesOf(content), await filesOf(stepContent)];
  assert.deepEqual([...b.keys()], [...a.keys()], 'run by run with --state: other files than one run');
  for (const [path, bytesOfOne] of a) assert.ok(bytesOfOne.equals(b.get(path)!), `run by run with --state: ${path} differs from one run`);
}

export async function readIncidents(content: string): Promise<Incident[]> {
  const dir = join(content, 'records', 'incidents');
  const files = await readdir(dir).catch(() => []);
  return Promise.all(files.sort().map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as Incident));
}

/** What an incident is, in one comparable value; the times are checked with a tolerance. */
export function identity(i: Incident) {
  return { id: i.id, sender: i.sender.id, kind: i.kind, attribution: i.attribution, status: i.status };
}

/** For messages: every incident with its times in the site's zone. */
export function described(incidents: readonly Incident[]): string {
  if (incidents.length === 0) return 'no incidents';
  return incidents.map((i) => `${i.id} (${i.attribution}, ${i.status}) ${local(Date.parse(i.startedAt))} – ${local(Date.parse(i.endedAt))}`).join('; ');
}

export function local(ms: number): string {
  return new Date(ms).toLocaleString('sv-SE', { timeZone: ZONE });
}

export function assertNear(actual: string, truth: number, what: string, tolerance = TOLERANCE): void {
  const off = Date.parse(actual) - truth;
  assert.ok(Math.abs(off) <= tolerance, `${what}: ${local(Date.parse(actual))}, truth ${local(truth)} (${(off / MINUTE).toFixed(1)} min off)`);
}

export function assertValidRecords(incidents: readonly Incident[]): void {
  for (const incident of incidents) {
    const parsed = incidentRecordSchema.safeParse(incident);
    assert.ok(parsed.success, `${incident.id}: ${parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
}

export const at = (wall: WallTime) => wallToUtc(ZONE, wall);

/** Connect times of a sender's sessions, failed ones only or all, inside [from, to). */
export function connects(log: ScenarioLog, sender: string, from: number, to: number, failedOnly: boolean): number[] {
  return log.sessions.filter((s) => s.sender === sender && s.at >= from && s.at < to && (!failedOnly || s.failure)).map((s) => s.at);
}

/** Every file under `dir` by its relative path, sorted. */
export async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  return new Map(await Promise.all(files.map(async (f) => [f.slice(dir.length), await readFile(f)] as const)));
}
