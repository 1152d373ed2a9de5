/**
 * Incremental runs (`summarize --state`) against the demo logs growing in chunks, rotated by
 * logrotate both ways (create with delayed compression on mx1, copytruncate on mx2), with chunks
 * that end in the middle of a line: the records must equal, byte for byte, those of one run over
 * the whole logs (the shared demo's, demo-fixture.ts).
 */
import assert from 'node:assert/strict';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rename, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { exitCodes } from '../../src/core/problem.ts';
import { runSummarize } from '../mxstatus/run-summarize.ts';
import { stateText } from '../mxstatus/state/summarize-state.ts';
import { readTree } from './cli-fixture.ts';
import { demoRecords } from './demo-fixture.ts';

let work: string;
let full: Map<string, string>;
let mx1: Buffer;
let mx2: Buffer;
/** The demo's outbound relay: it grows beside the MX hosts, cut at its own points. */
let out1: Buffer;

async function newContent(name: string, siteYaml?: string): Promise<string> {
  const content = join(work, name);
  await mkdir(content, { recursive: true });
  if (siteYaml) await writeFile(join(content, 'site.yaml'), siteYaml);
  else await copyFile('content/site.yaml', join(content, 'site.yaml'));
  return content;
}

/** The byte after the newline nearest to `at`: a rotation never splits a line. */
function lineBoundary(bytes: Buffer, at: number): number {
  const newline = bytes.indexOf(10, at);
  return newline < 0 ? bytes.length : newline + 1;
}

async function summarize(content: string, live: string, state: string, retainDays?: number) {
  return runSummarize({ contentDir: content, inputs: [join(live, '*', 'mail.log*')], nowMs: Date.now(), statePath: state, ...(retainDays ? { retainDays } : {}) });
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'mxstatus-incremental-'));
  // The demo logs, and the records of one run over all of them.
  const demo = await demoRecords();
  mx1 = await readFile(join(demo.logs, 'mx1', 'mail.log'));
  mx2 = Buffer.concat([gunzipSync(await readFile(join(demo.logs, 'mx2', 'mail.log.1.gz'))), await readFile(join(demo.logs, 'mx2', 'mail.log'))]);
  out1 = await readFile(join(demo.logs, 'out1', 'mail.log'));
  full = await readTree(join(demo.summarized, 'records'));
  assert.ok(full.size > 5);
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('summarize --state', () => {
  test('six runs over logs that grow, rotate both ways and end mid-line equal one run over everything', async () => {
    const live = join(work, 'live-a');
    const content = await newContent('content-a');
    const state = join(work, 'state-a', 'mxstatus.state');
    await mkdir(join(live, 'mx1'), { recursive: true });
    await mkdir(join(live, 'mx2'), { recursive: true });
    const log1 = join(live, 'mx1', 'mail.log');
    const log2 = join(live, 'mx2', 'mail.log');
    await mkdir(join(live, 'out1'), { recursive: true });
    const log3 = join(live, 'out1', 'mail.log');
    // Cut points, as shares of each log; most fall in the middle of a line.
    const cuts = [0.13, 0.31, 0.52, 0.68, 0.87, 1];
    let done1 = 0;
    let done2 = 0;
    let done3 = 0;
    const lines = [];
    for (const [k, share] of cuts.entries()) {
      const to1 = Math.round(mx1.length * share);
      const to2 = Math.round(mx2.length * share);
      if (k === 2) {
        // mx1, logrotate `create`: some lines, then the rename, then more lines in a new file.
        const at = lineBoundary(mx1, done1 + Math.round((to1 - done1) / 2));
        await appendFile(log1, mx1.subarray(done1, at));
        await rename(log1, `${log1}.1`);
        await writeFile(log1, '');
        done1 = at;
      }
      if (k === 4) {
        // mx1 again, with compression: .1 → .2.gz, the log → .1.
        const at = lineBoundary(mx1, done1 + Math.round((to1 - done1) / 3));
        await appendFile(log1, mx1.subarray(done1, at));
        await writeFile(`${log1}.2.gz`, gzipSync(await readFile(`${log1}.1`)));
        await rm(`${log1}.1`);
        await rename(log1, `${log1}.1`);
        await writeFile(log1, '');
        done1 = at;
      }
      if (k === 3) {
        // mx2, logrotate `copytruncate`: copy, truncate in place, go on writing.
        const at = lineBoundary(mx2, done2 + Math.round((to2 - done2) / 2));
        await appendFile(log2, mx2.subarray(done2, at));
        await copyFile(log2, `${log2}.1`);
        await truncate(log2, 0);
        done2 = at;
      }
      await appendFile(log1, mx1.subarray(done1, to1));
      await appendFile(log2, mx2.subarray(done2, to2));
      const to3 = Math.round(out1.length * (share === 1 ? 1 : share + 0.04));
      await appendFile(log3, out1.subarray(done3, to3));
      done1 = to1;
      done2 = to2;
      done3 = to3;
      const result = await summarize(content, live, state);
      assert.ok(result.ok, result.ok ? '' : result.problem.message);
      lines.push(result.value.stats.lines);
    }
    const total = [mx1, mx2, out1].reduce((n, log) => n + (log.toString('utf8').match(/\n/g)?.length ?? 0), 0);
    assert.equal(lines.reduce((a, b) => a + b, 0), total, `every line read exactly once (per run: ${lines.join(', ')})`);
    const chunked = await readTree(join(content, 'records'));
    assert.deepEqual([...chunked.keys()], [...full.keys()]);
    for (const [path, text] of full) assert.equal(chunked.get(path), text, `${path} differs from the full run's`);

    // Nothing new: nothing read, the same records.
    const again = await summarize(content, live, state);
    assert.ok(again.ok);
    assert.equal(again.value.stats.lines, 0);
    assert.equal(again.value.written?.created, 0);
    assert.equal(again.value.written?.updated, 0);

    // The rotated .gz was read to its end: later runs pass over it without decompressing it. Its
    // middle damaged in place (its start, which names it, whole), a run that inflated it would fail.
    const rotated = await readFile(`${log1}.2.gz`);
    assert.ok(rotated.length > 200_000, `${rotated.length} bytes: too short to damage past its first 64 KB`);
    rotated.fill(0x55, 100_000, rotated.length - 8);
    await writeFile(`${log1}.2.gz`, rotated);
    const passedOver = await summarize(content, live, state);
    assert.ok(passedOver.ok);
    assert.deepEqual(passedOver.value.problems, []);
    assert.equal(passedOver.value.stats.lines, 0);
  });

  test('a state that keeps only a few days drops older counts, never an incident, and the records stay those of one full run', async () => {
    const live = join(work, 'live-r');
    const content = await newContent('content-r');
    const state = join(work, 'state-r');
    await mkdir(join(live, 'mx1'), { recursive: true });
    await mkdir(join(live, 'mx2'), { recursive: true });
    await mkdir(join(live, 'out1'), { recursive: true });
    let done1 = 0;
    let done2 = 0;
    let done3 = 0;
    for (const share of [0.3, 0.55, 0.8, 1]) {
      const to1 = lineBoundary(mx1, Math.round(mx1.length * share));
      const to2 = lineBoundary(mx2, Math.round(mx2.length * share));
      const to3 = lineBoundary(out1, Math.round(out1.length * share));
      await appendFile(join(live, 'mx1', 'mail.log'), mx1.subarray(done1, to1));
      await appendFile(join(live, 'mx2', 'mail.log'), mx2.subarray(done2, to2));
      await appendFile(join(live, 'out1', 'mail.log'), out1.subarray(done3, to3));
      [done1, done2, done3] = [to1, to2, to3];
      const result = await summarize(content, live, state, 3);
      assert.ok(result.ok, result.ok ? '' : result.problem.message);
    }
    const saved = JSON.parse(stateText(await readFile(state))) as { firstTime: number; series: { days: [number, unknown][] }[] };
    const firstDay = Math.min(...saved.series.flatMap((s) => s.days.map(([d]) => d)));
    // The demo's incident runs from 19 to 23 March: the cut stays a day before it (18 March, Berlin).
    assert.equal(new Date(saved.firstTime).toISOString(), '2026-03-17T23:00:00.000Z');
    assert.ok(firstDay * 86_400_000 >= Date.parse('2026-03-17T00:00:00Z'), `a day of ${new Date(firstDay * 86_400_000).toISOString()} is still kept`);
    const records = await readTree(join(content, 'records'));
    assert.deepEqual([...records.keys()], [...full.keys()]);
    for (const [path, text] of full) assert.equal(records.get(path), text, `${path} differs from the full run's`);
  });

  test('a crash after the records and before the state: the next run reads the same lines again and writes the same records', async () => {
    const live = join(work, 'live-b');
    const content = await newContent('content-b');
    const state = join(work, 'state-b');
    await mkdir(join(live, 'mx1'), { recursive: true });
    await mkdir(join(live, 'mx2'), { recursive: true });
    const half1 = lineBoundary(mx1, mx1.length / 2);
    const half2 = lineBoundary(mx2, mx2.length / 2);
    const half3 = lineBoundary(out1, out1.length / 2);
    await mkdir(join(live, 'out1'), { recursive: true });
    await writeFile(join(live, 'mx1', 'mail.log'), mx1.subarray(0, half1));
    await writeFile(join(live, 'mx2', 'mail.log'), mx2.subarray(0, half2));
    await writeFile(join(live, 'out1', 'mail.log'), out1.subarray(0, half3));
    assert.ok((await summarize(content, live, state)).ok);
    const before = await readFile(state);
    await appendFile(join(live, 'mx1', 'mail.log'), mx1.subarray(half1));
    await appendFile(join(live, 'mx2', 'mail.log'), mx2.subarray(half2));
    await appendFile(join(live, 'out1', 'mail.log'), out1.subarray(half3));
    assert.ok((await summarize(content, live, state)).ok);
    // The crash: the records of the second run are there, its state is not.
    await writeFile(state, before);
    const rerun = await summarize(content, live, state);
    assert.ok(rerun.ok);
    assert.ok(rerun.value.stats.lines > 0);
    const records = await readTree(join(content, 'records'));
    for (const [path, text] of full) assert.equal(records.get(path), text, `${path} differs from the full run's`);
  });

  test('a log replaced by another one is read from its start; one truncated below what was read, too', async () => {
    const live = join(work, 'live-c');
    const content = await newContent('content-c');
    const state = join(work, 'state-c');
    await mkdir(join(live, 'mx1'), { recursive: true });
    const log = join(live, 'mx1', 'mail.log');
    const third = lineBoundary(mx1, mx1.length / 3);
    await writeFile(log, mx1.subarray(0, third));
    const first = await summarize(content, live, state);
    assert.ok(first.ok);
    // Replaced: another file, other first line.
    await writeFile(log, mx1.subarray(third, lineBoundary(mx1, third + 10_000)));
    const second = await summarize(content, live, state);
    assert.ok(second.ok);
    assert.deepEqual(second.value.files.map((f) => f.skipped), [0]);
    assert.ok(second.value.stats.lines > 0);
    // Truncated and rewritten with the same first line but less than was read: from the start.
    const firstLine = lineBoundary(mx1, third);
    await writeFile(log, mx1.subarray(third, firstLine));
    const third2 = await summarize(content, live, state);
    assert.ok(third2.ok);
    assert.deepEqual(third2.value.files.map((f) => f.skipped), [0]);
    assert.equal(third2.value.stats.lines, 1);
  });

  test('nothing changed since the last run: its result stands without reading; any change makes a full run', async () => {
    const live = join(work, 'live-s');
    const content = await newContent('content-s');
    const state = join(work, 'state-s');
    await mkdir(join(live, 'mx1'), { recursive: true });
    await mkdir(join(live, 'mx2'), { recursive: true });
    const log = join(live, 'mx1', 'mail.log');
    const half = lineBoundary(mx1, mx1.length / 2);
    await writeFile(log, mx1.subarray(0, half));
    await writeFile(join(live, 'mx2', 'mail.log'), mx2);
    await mkdir(join(live, 'out1'), { recursive: true });
    await writeFile(join(live, 'out1', 'mail.log'), out1);
    const first = await summarize(content, live, state);
    assert.ok(first.ok);
    const records = await readTree(join(content, 'records'));
    const stateBytes = await readFile(state);

    // Nothing new: the same result, nothing read, the state and the records untouched.
    const same = await summarize(content, live, state);
    assert.ok(same.ok);
    assert.equal(same.value.stats.lines, 0);
    assert.deepEqual(same.value.covered, first.value.covered);
    assert.equal(same.value.incidents, first.value.incidents);
    const w = first.value.written!;
    assert.deepEqual(same.value.written, { created: 0, updated: 0, unchanged: w.created + w.updated + w.unchanged, removed: 0, notesCreated: 0 });
    assert.deepEqual(await readFile(state), stateBytes);

    // The stamp is as private as the state; one of another shape is no stamp, and the run a full one.
    assert.equal((await stat(`${state}.stamp`)).mode & 0o777, 0o600);
    const stamp = JSON.parse(await readFile(`${state}.stamp`, 'utf8')) as Record<string, unknown>;
    for (const broken of [{ ...stamp, files: [null] }, { ...stamp, result: undefined }, { ...stamp, result: { ...(stamp.result as object), covered: null } }, 'not json']) {
      await writeFile(`${state}.stamp`, typeof broken === 'string' ? broken : JSON.stringify(broken));
      const full = await summarize(content, live, state);
      assert.ok(full.ok, full.ok ? '' : full.problem.message);
      assert.deepEqual(full.value.covered, first.value.covered);
    }

    // A record removed by hand: the full run writes it again.
    const [someRecord] = [...records.keys()].filter((path) => path.startsWith('senders/'));
    await rm(join(content, 'records', someRecord!));
    const rewritten = await summarize(content, live, state);
    assert.ok(rewritten.ok);
    assert.equal(rewritten.value.written?.created, 1);
    assert.equal(await readFile(join(content, 'records', someRecord!), 'utf8'), records.get(someRecord!));

    // site.yaml edited (a setting the state does not hash): a full run, records from the new settings.
    const yaml = await readFile(join(content, 'site.yaml'), 'utf8');
    await writeFile(join(content, 'site.yaml'), `${yaml}\n# edited\n`);
    const edited = await summarize(content, live, state);
    assert.ok(edited.ok);
    assert.notDeepEqual(await readFile(state), stateBytes, 'a full run writes the state again');

    // New lines: read, and the records then equal those of one run over the same lines.
    await appendFile(log, mx1.subarray(half));
    const grown = await summarize(content, live, state);
    assert.ok(grown.ok);
    assert.ok(grown.value.stats.lines > 0);
    const after = await readTree(join(content, 'records'));
    for (const [path, text] of full) assert.equal(after.get(path), text, `${path} differs from the full run's`);
    const idle = await summarize(content, live, state);
    assert.ok(idle.ok);
    assert.equal(idle.value.stats.lines, 0);
    assert.equal(idle.value.written?.updated, 0);

    // A log whose time cannot be believed (1990) is dated against the clock: such a run leaves no
    // stamp, and the next one reads the state again (and writes it anew).
    await utimes(log, new Date('1990-01-01'), new Date('1990-01-01'));
    assert.ok((await summarize(content, live, state)).ok);
    const written = await readFile(state);
    assert.ok((await summarize(content, live, state)).ok);
    assert.notDeepEqual(await readFile(state), written, 'a full run again');
  });

  test('a state made under other settings, or damaged, is refused with exit code 8 and the fix', async () => {
    const live = join(work, 'live-d');
    const state = join(work, 'state-d');
    await mkdir(join(live, 'mx1'), { recursive: true });
    await writeFile(join(live, 'mx1', 'mail.log'), mx1.subarray(0, lineBoundary(mx1, 100_000)));
    const content = await newContent('content-d');
    assert.ok((await summarize(content, live, state)).ok);
    const yaml = await readFile(join(content, 'site.yaml'), 'utf8');
    await writeFile(join(content, 'site.yaml'), yaml.replace('ownHosts: [example.net]', 'ownHosts: [example.com]'));
    const changed = await summarize(content, live, state);
    assert.ok(!changed.ok);
    assert.equal(changed.problem.exitCode, exitCodes.state);
    assert.match(changed.problem.message, /made with other sender rules \(of site.yaml or of this version of mxstatus\), ownHosts, time zone or --year than now.*delete it and run once over all logs you keep/);
    await writeFile(state, 'not gzip');
    const damaged = await summarize(await newContent('content-d2'), live, state);
    assert.ok(!damaged.ok);
    assert.equal(damaged.problem.exitCode, exitCodes.state);
    assert.match(damaged.problem.message, /not an mxstatus state file, or damaged; delete it/);
  });
});

describe('a damaged state', () => {
  /** What one run over the start of the demo left, as JSON, and where. */
  let good: Record<string, unknown>;
  let live: string;
  before(async () => {
    live = join(work, 'live-e');
    await mkdir(join(live, 'mx1'), { recursive: true });
    await writeFile(join(live, 'mx1', 'mail.log'), mx1.subarray(0, lineBoundary(mx1, 2_000_000)));
    const state = join(work, 'state-e');
    assert.ok((await summarize(await newContent('content-e'), live, state)).ok);
    good = JSON.parse(stateText(await readFile(state))) as Record<string, unknown>;
    assert.ok((good.series as unknown[]).length > 0 && (good.files as unknown[]).length > 0);
  });

  type State = { [key: string]: any };
  const damages: [string, (s: State) => void][] = [
    ['the tracker\'s sessions are no list', (s) => (s.tracker.sessions = {})],
    ['a day\'s bytes are cut short', (s) => (s.series[0].days[0][1] = deflateRawSync(Buffer.alloc(100)).toString('base64'))],
    ['a day is not deflated', (s) => (s.series[0].days[0][1] = 'AAAA')],
    ['a day is not base64', (s) => (s.series[0].days[0][1] = '<script>')],
    ['a day of a 0.3 state has a column cut short', (s) => (s.series[0].days[0][1] = { counts: 'AAAA' })],
    ['the series\' string table is lost', (s) => (s.series[0].strings = [])],
    ['a file offset is negative', (s) => (s.files[0].offset = -5)],
    ['a time is text', (s) => (s.lastTime = 'yesterday')],
    ['a time far beyond any log (1e300)', (s) => (s.lastTime = 1e300)],
    ['a day index far out (1e12)', (s) => (s.series[0].days[0][0] = 1e12)],
    ['the series are null', (s) => (s.series = null)],
    ['a sender has no id', (s) => delete s.series[0].sender.id],
    ['a host\'s failures per hour are negative', (s) => (s.series.find((x: State) => x.hosts.length > 0).hosts[0][1].failuresByHour = [[494_000, -1]])],
    ['a count by MX host is no triple', (s) => (s.mx[0].buckets[0] = [s.mx[0].buckets[0][0], 1])],
    ['a delay bin is text', (s) => (s.series.find((x: State) => x.delays.length > 0).delays[0][1] = '3')],
    ['a delay of a 0.3 state is text', (s) => (s.series.find((x: State) => x.delays.length > 0).delays[0] = [s.series.find((x: State) => x.delays.length > 0).delays[0][0], [['3', 1]]])],
    ['a string of the series is no string', (s) => (s.series[0].strings[0] = 7)],
  ];
  test('a state of 0.3 — counts by host as triples, delays and host failures as pairs — is read as today\'s, and saved in today\'s forms', async () => {
    const chunks = (flat: number[], width: number) => Array.from({ length: flat.length / width }, (_, i) => flat.slice(i * width, i * width + width));
    const old = structuredClone(good) as State;
    for (const m of old.mx) m.buckets = chunks(m.buckets, 3);
    for (const one of old.series) {
      one.delays = one.delays.map(([hour, ...bins]: number[]) => [hour, chunks(bins, 2)]);
      for (const [, host] of one.hosts) host.failuresByHour = chunks(host.failuresByHour, 2);
    }
    assert.ok(old.mx[0].buckets.length > 0 && Array.isArray(old.mx[0].buckets[0]));
    const [stateOld, stateNew] = [join(work, 'state-0.3'), join(work, 'state-today')];
    await writeFile(stateOld, gzipSync(JSON.stringify(old)));
    await writeFile(stateNew, gzipSync(JSON.stringify(good)));
    const [contentOld, contentNew] = [await newContent('content-0.3'), await newContent('content-today')];
    assert.ok((await summarize(contentOld, live, stateOld)).ok);
    assert.ok((await summarize(contentNew, live, stateNew)).ok);
    assert.deepEqual(await readTree(join(contentOld, 'records')), await readTree(join(contentNew, 'records')));
    const written = JSON.parse(stateText(await readFile(stateOld))) as State;
    assert.equal(typeof written.mx[0].buckets[0], 'number');
  });

  for (const [what, damage] of damages) {
    test(`${what}: exit 8, naming the file and the fix; nothing written`, async () => {
      const state = join(work, `state-e-${damages.findIndex(([w]) => w === what)}`);
      const broken = structuredClone(good) as State;
      damage(broken);
      await writeFile(state, gzipSync(JSON.stringify(broken)));
      const content = await newContent(`content-e-${what.replaceAll(/\W/g, '')}`);
      const result = await summarize(content, live, state);
      assert.ok(!result.ok, 'a damaged state was taken');
      assert.equal(result.problem.exitCode, exitCodes.state);
      assert.match(result.problem.message, /damaged.*delete it and run once over all logs you keep/);
      await assert.rejects(readFile(join(content, 'records', 'status.json')));
    });
  }
});

describe('a hostile line in the state', () => {
  test('a session left open by a client with a 5,000-character name, and a 4,100-character syslog host: the next run reads the state', async () => {
    const live = join(work, 'live-hostile');
    await mkdir(live, { recursive: true });
    const long = `${'a'.repeat(5000)}.example`;
    const host = `h${'x'.repeat(4100)}`;
    const log = join(live, 'mail.log');
    await writeFile(log, [
      `Mar 16 10:00:00 mx1 postfix/smtpd[100]: connect from ${long}[192.0.2.1]`,
      `Mar 16 10:00:01 ${host} postfix/smtpd[101]: connect from mail-ed1-f41.google.com[209.85.208.41]`,
      'Mar 16 10:00:02 mx1 postfix/smtpd[102]: connect from mail-ed1-f41.google.com[209.85.208.41]',
      'Mar 16 10:00:03 mx1 postfix/smtpd[102]: disconnect from mail-ed1-f41.google.com[209.85.208.41] ehlo=1 quit=1 commands=2',
      '',
    ].join('\n'));
    const content = await newContent('content-hostile');
    const state = join(work, 'state-hostile');
    for (const run of [1, 2]) {
      const result = await runSummarize({ contentDir: content, inputs: [log], nowMs: Date.parse('2026-03-16T12:00:00Z'), statePath: state });
      assert.ok(result.ok, `run ${run}: ${result.ok ? '' : result.problem.message}`);
    }
  });
});
