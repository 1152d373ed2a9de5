/**
 * A full run over several MX hosts reads each host's rotated set in a worker thread of its own
 * (readInParallel): what it writes must be, byte for byte, what one thread reading the sets in
 * order writes. And where that cannot be promised — one host's lines in two sets — it reads in
 * one thread.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { builtInSenderRules } from '../../src/core/senders/sender-catalog.ts';
import { readInParallel } from '../mxstatus/read/read-in-parallel.ts';
import { runSummarize } from '../mxstatus/run-summarize.ts';
import { readTree } from './cli-fixture.ts';
import { demoRecords, type DemoRecords } from './demo-fixture.ts';

let work: string;
let demo: DemoRecords;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'mxstatus-parallel-'));
  demo = await demoRecords();
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

const options = { timeZone: 'Europe/Berlin', year: undefined, nowMs: Date.now(), rules: builtInSenderRules, ownHosts: ['example.net'] };

describe('a full run over several MX hosts, a worker thread each', () => {
  test('writes the records and notes one thread writes, byte for byte', async () => {
    // npm test runs everything else in one thread (MXSTATUS_THREADS=1): here two are asked for.
    const trees = [];
    for (const threads of [1, 2]) {
      const content = join(work, `content-${threads}`);
      await mkdir(content, { recursive: true });
      await copyFile('content/site.yaml', join(content, 'site.yaml'));
      const run = await runSummarize({ contentDir: content, inputs: demo.inputs, nowMs: Date.now(), threads });
      assert.ok(run.ok, run.ok ? '' : run.problem.message);
      // The demo's hosts (two MX hosts and the relay) read side by side, where there are cores for it.
      assert.equal(run.value.threads, Math.min(threads, availableParallelism()), 'threads that read');
      trees.push(await readTree(content));
    }
    const [one, parallel] = trees as [Map<string, string>, Map<string, string>];
    assert.deepEqual([...parallel.keys()], [...one.keys()]);
    for (const [path, text] of one) assert.ok(parallel.get(path) === text, `${path} differs from one thread's`);
    assert.ok([...one.keys()].some((path) => path.startsWith('records/incidents/')));
  });

  test('one host in two sets: read in one thread', async () => {
    const lines = (await readFile(join(demo.logs, 'mx1', 'mail.log'), 'utf8')).split('\n');
    for (const [dir, part] of [['a', lines.slice(0, 2000)], ['b', lines.slice(2000, 4000)]] as const) {
      await mkdir(join(work, dir), { recursive: true });
      await writeFile(join(work, dir, 'mail.log'), `${part.join('\n')}\n`);
    }
    assert.equal(await readInParallel([join(work, 'a', 'mail.log'), join(work, 'b', 'mail.log')], { ...options, threads: 2 }), null);
  });
});
