/**
 * The command line as cron runs it: the lock, --json and --quiet, `mxstatus build` putting a new
 * site in place only when it is complete, and the progress line.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exitCodes } from '../../src/core/problem.ts';
import { scratchCacheDir } from '../browser/build-demo-site.ts';
import { mxstatus, scratchWithLog, STARTTLS_ABORT_LINES } from './cli-fixture.ts';
import { formatProgress, TerminalProgress } from '../mxstatus/progress.ts';
import type { LogSource } from '../mxstatus/read/read-log-lines.ts';
import { lockContent } from '../mxstatus/state/content-lock.ts';

let dir: string;
let content: string;
let log: string;


before(async () => {
  ({ dir, content, log } = await scratchWithLog('mxstatus-production-', STARTTLS_ABORT_LINES));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
  // `mxstatus build` below leaves Astro's cache of its content directory.
  if (content) await rm(scratchCacheDir(content), { recursive: true, force: true });
});


describe('the lock on a content directory', () => {
  test('a second run while one holds the lock stops at once with exit 7, naming the holder, and writes nothing', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked);
    await copyFile('content/site.yaml', join(locked, 'site.yaml'));
    const lock = await lockContent(locked);
    assert.ok(lock.ok);
    try {
      const { code, stderr } = mxstatus(['summarize', '--content', locked, '--state', join(dir, 'locked.state'), log]);
      assert.equal(code, exitCodes.locked);
      assert.match(stderr, new RegExp(`^mxstatus: .*\\.mxstatus\\.lock: another mxstatus run is working on .*locked \\(pid ${process.pid} on ${hostname()}, since .*\\); this run stops — if no such run exists any more, delete the lock file\\n$`));
      assert.deepEqual((await readdir(locked)).sort(), ['.mxstatus.lock', 'site.yaml']);
      const json = mxstatus(['summarize', '--content', locked, '--json', log]);
      assert.equal(json.code, exitCodes.locked);
      assert.deepEqual(JSON.parse(json.stdout), { ok: false, problems: [{ exitCode: exitCodes.locked, message: json.stderr.replace(/^mxstatus: /, '').trim() }] });
      assert.equal(mxstatus(['build', '--content', locked, '--out', join(dir, 'locked-dist')]).code, exitCodes.locked);
    } finally {
      lock.value.release();
    }
    assert.equal(mxstatus(['summarize', '--content', locked, '--quiet', log]).code, 0);
    assert.ok(!(await readdir(locked)).includes('.mxstatus.lock'), 'the lock is gone after the run');
  });

  test('a lock left by a process that no longer exists is taken over', async () => {
    const stale = join(dir, 'stale');
    await mkdir(stale);
    await copyFile('content/site.yaml', join(stale, 'site.yaml'));
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(join(stale, '.mxstatus.lock'), JSON.stringify({ pid: Number(child.stdout), host: hostname(), startedAt: '2026-11-27T00:00:00.000Z' }));
    const { code, stderr } = mxstatus(['summarize', '--content', stale, '--quiet', log]);
    assert.equal(code, 0, stderr);
  });

  test('a lock from before a reboot is taken over, even when its pid is in use again', async () => {
    const rebooted = join(dir, 'rebooted');
    await mkdir(rebooted);
    await copyFile('content/site.yaml', join(rebooted, 'site.yaml'));
    // This test's own pid is alive; the boot id says it is another process by now.
    await writeFile(join(rebooted, '.mxstatus.lock'), JSON.stringify({ pid: process.pid, host: hostname(), boot: 'a-boot-long-ago', startedAt: '2026-11-27T00:00:00.000Z' }));
    const { code, stderr } = mxstatus(['summarize', '--content', rebooted, '--quiet', log]);
    assert.equal(code, 0, stderr);
  });

  test('while one run works, a second one on the same content stops with exit 7, and the first finishes', async () => {
    const busy = join(dir, 'busy');
    await mkdir(busy);
    await copyFile('content/site.yaml', join(busy, 'site.yaml'));
    // The first run reads standard input, so it holds the lock until the test ends its input.
    const first = spawn(process.execPath, ['scripts/mxstatus.ts', 'summarize', '--content', busy, '--quiet', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    const firstExit = new Promise<number | null>((resolve) => first.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 200 && !(await readdir(busy)).includes('.mxstatus.lock'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const second = mxstatus(['summarize', '--content', busy, '--quiet', log]);
    first.stdin.end(`${STARTTLS_ABORT_LINES.join('\n')}\n`);
    assert.equal(second.code, exitCodes.locked, second.stderr);
    assert.equal(await firstExit, 0);
  });
});

describe('--json and --quiet', () => {
  test('--json prints the run as JSON: files with bytes read, lines, what the records cover, what was written', () => {
    const state = join(dir, 'json.state');
    const { code, stdout, stderr } = mxstatus(['summarize', '--content', content, '--state', state, '--json', log]);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    const run = JSON.parse(stdout) as { ok: boolean; lines: number; files: { path: string; readBytes: number; skippedBytes: number; lines: number }[]; covered: { first: string; last: string }; records: { created: number } };
    assert.equal(run.ok, true);
    assert.equal(run.lines, 4);
    assert.deepEqual(run.files.map((f) => [f.path, f.skippedBytes, f.lines]), [[log, 0, 4]]);
    assert.equal(run.covered.first, '2026-03-23T16:02:30.000Z');
    assert.ok(run.records.created > 0);
    const again = JSON.parse(mxstatus(['summarize', '--content', content, '--state', state, '--json', log]).stdout) as typeof run;
    assert.equal(again.lines, 0, 'the second run reads nothing new');
    assert.ok(again.files[0]!.skippedBytes > 0);
  });

  test('--quiet prints nothing at all on success; errors still go to standard error', () => {
    const quiet = mxstatus(['summarize', '--content', content, '--quiet', log]);
    assert.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [0, '', '']);
    const missing = mxstatus(['summarize', '--content', content, '--quiet', join(dir, 'nope.log'), log]);
    assert.equal(missing.code, exitCodes.input);
    assert.match(missing.stderr, /nope\.log: no such file/);
  });
});

describe('mxstatus build', () => {
  test('summarizes, builds the site into --out, and a failing build leaves the published site as it was', { timeout: 120_000 }, async () => {
    const out = join(dir, 'public');
    const first = mxstatus(['build', '--content', content, '--out', out, '--quiet', log]);
    assert.equal(first.code, 0, first.stderr);
    const home = await readFile(join(out, 'index.html'), 'utf8');
    assert.match(home, /<html lang="de"/);
    // A record the schema refuses: the build fails, naming it, and the old site stays whole.
    await mkdir(join(content, 'records', 'incidents'), { recursive: true });
    const bad = join(content, 'records', 'incidents', '2026-03-23-broken-tls-failure.json');
    await writeFile(bad, '{"id": "2026-03-23-broken-tls-failure"}');
    const second = mxstatus(['build', '--content', content, '--out', out, '--quiet']);
    assert.notEqual(second.code, 0);
    assert.equal(await readFile(join(out, 'index.html'), 'utf8'), home);
    assert.deepEqual((await readdir(dir)).filter((f) => f.startsWith('.public.')), [], 'no half-built folder is left behind');
    await rm(bad);
  });
});

describe('the progress line', () => {
  test('names the file, the bytes read of its size, lines per second and the time left', () => {
    assert.equal(formatProgress('mx1/mail.log', 45.2e6, 120e6, 2_100_000, 10), 'mx1/mail.log  45.2 of 120.0 MB (38 %), 210,000 lines/s, 0:17 left');
    assert.equal(formatProgress('mail.log.1.gz', 5e6, 5e6, 10, 1), 'mail.log.1.gz  5.0 of 5.0 MB (100 %), 10 lines/s, 0:00 left');
  });

  test('redraws one line at most four times a second and ends it when the file is done', () => {
    const written: string[] = [];
    let now = 0;
    const stream = { write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    const progress = new TerminalProgress(stream, () => now);
    const source: LogSource = { path: 'mail.log', mtimeMs: 0, compressed: false, dev: 0, ino: 0, size: 1000, fingerprint: null };
    progress.bytes(source, 100);
    now = 100;
    progress.bytes(source, 200);
    now = 300;
    progress.lines(source, 600);
    progress.bytes(source, 500);
    progress.fileDone(source);
    assert.equal(written.length, 4);
    assert.match(written[1]!, /^\r\x1b\[Kmail\.log {2}0\.0 of 0\.0 MB \(50 %\), 2,000 lines\/s, 0:00 left$/);
    assert.equal(written.at(-1), '\n');
  });
});
