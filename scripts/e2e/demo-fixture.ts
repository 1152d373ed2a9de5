/**
 * The bundled demo, made once for every end-to-end file that only reads it: demo logs →
 * summarize (the records) → a note of an incident no log shows → astro build (the site), in a
 * scratch folder, as buildDemoSite() builds it for the browser tests.
 *
 * In `npm test`, global-setup.ts starts making the demo in a child process (startDemo()) and the
 * test files start at once: those that need the demo wait for its records (demoRecords()) or for
 * its site (builtDemo()) while the others run. A test file run on its own makes what it asks for
 * itself, once.
 *
 * The demo is read only. A test that changes content works on a copy (copyDemoContent()).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../../src/core/problem.ts';
import type { SiteConfig } from '../../src/core/schemas/site-config.ts';
import { buildScratchDist, scratchCacheDir, summarizeScratch, writeDemoInputs, writeOutboundDemoRecords, writeReportedDemoIncident } from '../browser/build-demo-site.ts';

/** The folder of the demo made for this `npm test` run. */
const ENV = 'MXSTATUS_TEST_DEMO';
/** In that folder: what is there so far, and why the rest is not. */
const RECORDS = 'records.json';
const SITE = 'site.json';
const FAILED = 'failed.txt';

/** The demo logs and what one summarize run over all of them wrote. */
export interface DemoRecords {
  /** The demo logs: `mx1/` and `mx2/`. */
  readonly logs: string;
  /** What summarize was given: the pattern of every demo log. */
  readonly inputs: readonly string[];
  /** The content directory as the summarizer left it: site.yaml, records and drafted notes. */
  readonly summarized: string;
  readonly config: SiteConfig;
  /** What summarize reported besides its records. */
  readonly problems: readonly Problem[];
  /** The scratch folder that holds it all. */
  readonly work: string;
}

/** The demo records, and the site built from them. */
export interface BuiltDemo extends DemoRecords {
  /** The content directory the site was built from: the summarizer's, the note of an incident no log shows, and our mail to others where the demo has none (build-demo-site.ts). */
  readonly content: string;
  readonly dist: string;
}

/** Demo logs → summarize, in a new scratch folder. */
async function makeRecords(): Promise<DemoRecords> {
  const scratch = await summarizeScratch('mxstatus-demo-', writeDemoInputs);
  const summarized = join(scratch.work, 'summarized');
  try {
    await cp(scratch.content, summarized, { recursive: true });
  } catch (error) {
    await scratch.remove();
    throw error;
  }
  return { logs: join(scratch.work, 'logs'), inputs: scratch.inputs, summarized, config: scratch.config, problems: scratch.summary.problems, work: scratch.work };
}

/** The records → the demo's note → astro build, beside them. */
async function makeSite(records: DemoRecords): Promise<BuiltDemo> {
  const content = join(records.work, 'content');
  const dist = join(records.work, 'dist');
  await writeReportedDemoIncident(content);
  await writeOutboundDemoRecords(content);
  await buildScratchDist(content, dist);
  return { ...records, content, dist };
}

/** Removes the demo's scratch folder and the Astro cache of its build. */
function removeDemo(records: DemoRecords): void {
  rmSync(records.work, { recursive: true, force: true });
  rmSync(scratchCacheDir(join(records.work, 'content')), { recursive: true, force: true });
}

/**
 * Starts making the demo in a child process, into `dir`, and hands `dir` to every process started
 * from now on (MXSTATUS_TEST_DEMO). `finish` waits until the child is done and removes the demo.
 */
export function startDemo(dir: string): { readonly finish: () => Promise<void> } {
  process.env[ENV] = dir;
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  const made = new Promise<void>((resolve) => {
    // A child that died without a word: the tests waiting for it must not wait for ever.
    const ended = (why: string) => void writeFile(join(dir, FAILED), why, { flag: 'wx' }).catch(() => undefined).then(resolve);
    child.on('error', (error) => ended(`could not start node (${error.message})`));
    child.on('exit', (code, signal) => (code === 0 ? resolve() : ended(`it exited with ${code ?? signal}`)));
  });
  return {
    finish: async () => {
      await made;
      const records = await readFile(join(dir, RECORDS), 'utf8').catch(() => null);
      if (records) removeDemo(JSON.parse(records) as DemoRecords);
    },
  };
}

let ownRecords: Promise<DemoRecords> | undefined;
let ownSite: Promise<BuiltDemo> | undefined;

/**
 * The demo's logs and records: those of this `npm test` run, once they are there, or else made
 * for this process (and removed when it ends). Read only.
 *
 * @example
 * before(async () => { demo = await demoRecords(); });
 */
export function demoRecords(): Promise<DemoRecords> {
  const dir = process.env[ENV];
  if (dir) return waitFor<DemoRecords>(dir, RECORDS);
  ownRecords ??= makeRecords().then((records) => {
    process.once('exit', () => removeDemo(records));
    return records;
  });
  return ownRecords;
}

/** The demo's records and its site, as demoRecords() gives the records. Read only. */
export function builtDemo(): Promise<BuiltDemo> {
  const dir = process.env[ENV];
  if (dir) return waitFor<BuiltDemo>(dir, SITE);
  ownSite ??= demoRecords().then(makeSite);
  return ownSite;
}

async function waitFor<T>(dir: string, manifest: string): Promise<T> {
  for (;;) {
    const text = await readFile(join(dir, manifest), 'utf8').catch(() => null);
    if (text) return JSON.parse(text) as T;
    const failed = await readFile(join(dir, FAILED), 'utf8').catch(() => null);
    if (failed !== null) throw new Error(`the demo the tests share could not be made: ${failed}`);
    await sleep(100);
  }
}

/** A copy of the demo's content as the summarizer left it, at `to`, to change things in. */
export async function copyDemoContent(demo: DemoRecords, to: string): Promise<string> {
  await mkdir(join(to, '..'), { recursive: true });
  await cp(demo.summarized, to, { recursive: true });
  return to;
}

/** Writes `value` as `dir/name` at once: a reader sees all of it or nothing. */
async function publish(dir: string, name: string, value: unknown): Promise<void> {
  await writeFile(join(dir, `${name}.tmp`), JSON.stringify(value));
  await rename(join(dir, `${name}.tmp`), join(dir, name));
}

// The child of startDemo(): makes the records, then the site, saying where each is once it is there.
if (import.meta.main) {
  const dir = process.argv[2]!;
  try {
    const records = await makeRecords();
    await publish(dir, RECORDS, records);
    await publish(dir, SITE, await makeSite(records));
  } catch (error) {
    await writeFile(join(dir, FAILED), error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
