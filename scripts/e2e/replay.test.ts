/**
 * True while it unfolds: the demo replayed the way production runs it — logs that grow (and
 * rotate) between runs of `summarize --state`, a build after each run with the clock at that
 * moment — must publish, at every step, the very site that one run over the same lines would
 * publish at the same moment: the same records and notes at every step, and at the last every
 * page, feed and API file, byte for byte. And at every step an incident speaks in the tense of its
 * state: nothing "so far" about one that is over.
 *
 * Before notes stopped carrying machine facts, the first step's draft froze "bisher 57 von 71
 * Verbindungen" into the note, and the last step's site differed from the one-shot site there.
 */
import assert from 'node:assert/strict';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { astroCacheDir } from '../../src/core/content-dir.ts';
import { incidentRecordSchema, type IncidentRecord } from '../../src/core/schemas/incident-record.ts';
import { demoLogsUntil, planDemoLogs, type DemoLogFile } from '../mxstatus/demo/generate-demo-logs.ts';
import { writeDemoFiles } from '../mxstatus/demo/write-demo-logs.ts';
import { runSummarize } from '../mxstatus/run-summarize.ts';
import { runAstro } from '../mxstatus/site/run-astro.ts';
import { readTree } from './cli-fixture.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The moments of the replay (Europe/Berlin): early in the Outlook.com incident; past mx2's
 * logrotate, a quarter of an hour after the incident's last failure (17:43), before the quiet
 * period has passed; the end of the demo, the incident over.
 */
const STEPS = ['2026-03-19T12:00:00+01:00', '2026-03-23T18:00:00+01:00', '2026-03-24T12:00:00+01:00'].map((s) => Date.parse(s));

/** Words that say an incident is still going on: never on one that is over. */
const ONGOING_WORDS = /\bbisher\b|[Dd]auert an|Andauernd|\bso far\b|\bOngoing\b|the latest on|zuletzt am/;
/** Words of an incident that is over: never on one still going on. */
const OVER_WORDS = /\bBehoben\b|\bResolved\b|\bbrachen\b|\bbroke off\b|\bkamen verspätet\b|\barrived late\b|haben Sie bemerkt|did you notice/;

let work: string;
const caches: string[] = [];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'mxstatus-replay-'));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
  for (const cache of caches) await rm(join(projectRoot, cache), { recursive: true, force: true });
});

async function newContent(name: string): Promise<string> {
  const content = join(work, name, 'content');
  await mkdir(content, { recursive: true });
  await copyFile('content/site.yaml', join(content, 'site.yaml'));
  caches.push(astroCacheDir(content));
  return content;
}

async function build(content: string, dist: string, at: number): Promise<Map<string, string>> {
  process.env.MXSTATUS_NOW = new Date(at).toISOString();
  try {
    const built = await runAstro(['build', '--outDir', dist], content, { quiet: true });
    assert.ok(built.ok, built.ok ? '' : built.problem.message);
  } finally {
    delete process.env.MXSTATUS_NOW;
  }
  return readTree(dist);
}

/**
 * The live logs of the two MX hosts brought to `at` as their syslog daemons would have written
 * them: new lines appended; mx2's logrotate (`create`, `delaycompress`) renames mail.log to
 * mail.log.1 at midnight on 22 March and compresses it one rotation later.
 */
class LiveLogs {
  readonly dir: string;
  #written = new Map<string, number>();
  #rotated = false;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** `demo`: the demo's logs until `at` (demoLogsUntil). */
  async growTo(demo: readonly DemoLogFile[]): Promise<void> {
    const files = new Map(demo.map((f) => [f.path, f.text]));
    await mkdir(join(this.dir, 'mx1'), { recursive: true });
    await mkdir(join(this.dir, 'mx2'), { recursive: true });
    await mkdir(join(this.dir, 'out1'), { recursive: true });
    await this.#append('mx1/mail.log', files.get('mx1/mail.log')!);
    await this.#append('out1/mail.log', files.get('out1/mail.log')!);
    const old = files.get('mx2/mail.log.1.gz');
    if (this.#rotated) {
      // delaycompress: the rotated file is compressed at the next rotation (here: the next step).
      const rotated = join(this.dir, 'mx2', 'mail.log.1');
      await writeFile(`${rotated}.gz`, gzipSync(await readFile(rotated)));
      await rm(rotated);
    }
    if (old !== undefined && !this.#rotated) {
      await this.#append('mx2/mail.log', old);
      await rename(join(this.dir, 'mx2', 'mail.log'), join(this.dir, 'mx2', 'mail.log.1'));
      this.#written.set('mx2/mail.log', 0);
      this.#rotated = true;
    }
    await this.#append('mx2/mail.log', files.get('mx2/mail.log')!);
  }

  async #append(path: string, text: string): Promise<void> {
    const done = this.#written.get(path) ?? 0;
    await appendFile(join(this.dir, path), text.slice(done));
    this.#written.set(path, text.length);
  }
}

async function incidents(content: string): Promise<IncidentRecord[]> {
  const tree = await readTree(join(content, 'records', 'incidents'));
  return [...tree.values()].map((text) => incidentRecordSchema.parse(JSON.parse(text)));
}

/** Every published text about one incident: its pages in both languages, its feed entries and its API object in both languages. */
function publishedAbout(dist: Map<string, string>, id: string): string[] {
  const texts: string[] = [];
  for (const [path, text] of dist) {
    if (path === `incidents/${id}/index.html` || path === `en/incidents/${id}/index.html`) texts.push(text.replace(/<[^>]+>/g, ' '));
    else if (path.endsWith('feed.json')) {
      for (const item of JSON.parse(text).items as { id: string; summary: string; content_html: string }[]) {
        // Every entry of the incident: its beginning (the page's URL) and each later change (with an anchor).
        if (item.id.replace(/#update-[\w-]+$/, '').endsWith(`/incidents/${id}/`)) texts.push(`${item.summary} ${item.content_html.replace(/<[^>]+>/g, ' ')}`);
      }
    } else if (path === 'api/v2/incidents.json' || path === 'en/api/v2/incidents.json') {
      const incident = (JSON.parse(text).incidents as { id: string }[]).find((i) => i.id === id);
      if (incident) texts.push(JSON.stringify(incident));
    }
  }
  return texts;
}

describe('the demo replayed run by run, as a timer runs it', () => {
  test('at every step the site equals the one-shot site over the same lines, and speaks in the tense of each incident', async () => {
    const live = new LiveLogs(join(work, 'live'));
    const content = await newContent('incremental');
    const state = join(work, 'incremental', 'mxstatus.state');
    const seen: string[] = [];
    // Planned once (the costly part), cut at each step: the live logs grow to it, and the one-shot run reads it whole.
    const plan = planDemoLogs();
    for (const [k, at] of STEPS.entries()) {
      const demo = demoLogsUntil(plan, at);
      await live.growTo(demo);
      const ran = await runSummarize({ contentDir: content, inputs: [join(live.dir, '*', 'mail.log*')], nowMs: at, statePath: state });
      assert.ok(ran.ok, ran.ok ? '' : ran.problem.message);
      // The site at the first step (going on) and at the last (over); the step between differs
      // from the first in its records and notes only, which are compared below.
      const replayed = k === 1 ? null : await build(content, join(work, `dist-incremental-${k}`), at);

      const once = await newContent(`once-${k}`);
      const logs = join(work, `once-${k}`, 'logs');
      assert.ok((await writeDemoFiles(logs, demo)).ok);
      const oneShot = await runSummarize({ contentDir: once, inputs: [join(logs, '*', 'mail.log*')], nowMs: at });
      assert.ok(oneShot.ok, oneShot.ok ? '' : oneShot.problem.message);
      const step = new Date(at).toISOString();
      // What the site is built from — records and notes — is the same, byte for byte, at every
      // step; and at the last step so is the site (built the same way from the same content, the
      // sites of the earlier steps would be too: two builds fewer).
      const [contentNow, contentOnce] = [await readTree(content), await readTree(once)];
      for (const tree of [contentNow, contentOnce]) for (const path of [...tree.keys()]) if (!/^(records|notes)\//.test(path)) tree.delete(path);
      assert.deepEqual([...contentNow.keys()], [...contentOnce.keys()], `${step}: the same records and notes`);
      for (const [path, text] of contentOnce) assert.ok(contentNow.get(path) === text, `${step}: ${path} differs from the one-shot run`);
      if (replayed && k === STEPS.length - 1) {
        const expected = await build(once, join(work, `dist-once-${k}`), at);
        assert.deepEqual([...replayed.keys()], [...expected.keys()], `${step}: the same files`);
        for (const [path, text] of expected) assert.ok(replayed.get(path) === text, `${step}: ${path} differs from the one-shot site`);
      }

      const records = await incidents(content);
      assert.ok(records.length > 0, `${step}: an incident`);
      for (const record of records) {
        for (const text of replayed ? publishedAbout(replayed, record.id) : []) {
          if (record.status === 'resolved') assert.doesNotMatch(text, ONGOING_WORDS, `${step}: ${record.id} is over`);
          else assert.doesNotMatch(text, OVER_WORDS, `${step}: ${record.id} is going on`);
        }
        seen.push(`${step} ${record.id} ${record.status}`);
      }
    }
    // The replay went through the incident: going on at the first two steps, over at the last.
    assert.deepEqual(
      seen.filter((s) => s.includes('microsoft-tls-failure')).map((s) => s.split(' ')[2]),
      ['ongoing', 'ongoing', 'resolved'],
    );
  });
});
