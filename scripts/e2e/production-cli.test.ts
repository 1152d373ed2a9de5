/**
 * The command line as cron runs it: the lock, --json and --quiet, `mxstatus build` putting a new
 * site in place only when it is complete, and the progress line.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, readlink, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exitCodes } from '../../src/core/problem.ts';
import { scratchCacheDir } from '../browser/build-demo-site.ts';
import { mxstatus, scratchWithLog, STARTTLS_ABORT_LINES } from './cli-fixture.ts';
import { formatProgress, TerminalProgress } from '../mxstatus/progress.ts';
import type { LogSource } from '../mxstatus/read/read-log-lines.ts';
import { lockContent } from '../mxstatus/state/content-lock.ts';
import { skippedBuildPage, skippingAstroBuild } from './skip-astro-build.ts';

let dir: string;
let content: string;
let log: string;


before(async () => {
  ({ dir, content, log } = await scratchWithLog('mxstatus-production-', STARTTLS_ABORT_LINES));
});
/**
 * The environment of a run whose `astro build` is skipped (skip-astro-build.ts): for the tests of
 * what mxstatus does around the build (the old site kept, another mount); the site itself is built
 * for real by the notes test below, and its pages are checked on the demo (site-dist.test.ts).
 */
const skippingBuild = skippingAstroBuild();

function mxstatusWithoutAstro(args: readonly string[]): { code: number | null; stderr: string } {
  const run = spawnSync(process.execPath, ['scripts/mxstatus.js', ...args], { encoding: 'utf8', env: skippingBuild });
  return { code: run.status, stderr: run.stderr };
}

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

  test('an empty lock file (a run that could not write it) is respected for a moment, taken over once it is old', async () => {
    const empty = join(dir, 'empty-lock');
    await mkdir(empty);
    await copyFile('content/site.yaml', join(empty, 'site.yaml'));
    const lockFile = join(empty, '.mxstatus.lock');
    await writeFile(lockFile, '');
    assert.equal(mxstatus(['summarize', '--content', empty, '--quiet', log]).code, exitCodes.locked);
    const old = new Date(Date.now() - 6 * 60_000);
    await utimes(lockFile, old, old);
    const { code, stderr } = mxstatus(['summarize', '--content', empty, '--quiet', log]);
    assert.equal(code, 0, stderr);
    assert.ok(!(await readdir(empty)).includes('.mxstatus.lock'));
  });

  test('a full disk: one line that says so, exit 6, and neither a lock nor a temporary file left behind', { skip: process.getuid?.() !== 0 && 'needs root for a small tmpfs in a mount namespace (CI runs as root)' }, async () => {
    const disk = join(dir, 'disk');
    await mkdir(disk);
    // A 256 KB file system holding the content directory, filled up but for `free` bytes: the
    // lock, a record, the notes or the state is the first write that fails.
    const script = [
      'mount -t tmpfs -o size=256k tmpfs "$1"',
      'mkdir "$1/content" && cp content/site.yaml "$1/content/"',
      'head -c $((262144 - 4096 - $4)) /dev/zero > "$1/filler" 2>/dev/null',
      '"$2" scripts/mxstatus.js summarize --quiet --content "$1/content" --state "$1/state" "$3"; echo "exit $?"',
      'find "$1" -mindepth 1 -printf "%P\\n"',
    ].join('\n');
    const codes: number[] = [];
    for (const free of [0, 4096, 8192, 12288, 16384]) {
      const run = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', disk, process.execPath, log, String(free)], { encoding: 'utf8' });
      const code = Number(/^exit (\d+)$/m.exec(run.stdout)?.[1]);
      codes.push(code);
      const left = run.stdout.split('\n').filter((f) => /\.mxstatus\.lock|\.tmp$/.test(f));
      assert.deepEqual(left, [], `${free} bytes free: left behind`);
      if (code === 0) continue;
      assert.equal(code, exitCodes.output, `${free} bytes free: ${run.stderr}`);
      assert.match(run.stderr, /^mxstatus: .*the disk is full \(ENOSPC\); free space on it\n$/, `${free} bytes free`);
    }
    assert.ok(codes.filter((c) => c === exitCodes.output).length >= 2, `most runs fail: ${codes.join(', ')}`);
  });

  test('while one run works, a second one on the same content stops with exit 7, and the first finishes', async () => {
    const busy = join(dir, 'busy');
    await mkdir(busy);
    await copyFile('content/site.yaml', join(busy, 'site.yaml'));
    // The first run reads standard input, so it holds the lock until the test ends its input.
    const first = spawn(process.execPath, ['scripts/mxstatus.js', 'summarize', '--content', busy, '--quiet', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
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
    const first = mxstatusWithoutAstro(['build', '--content', content, '--out', out, '--quiet', log]);
    assert.equal(first.code, 0, first.stderr);
    const home = await readFile(join(out, 'index.html'), 'utf8');
    assert.equal(home, skippedBuildPage(content));
    // A record the schema refuses: the build fails, naming it, and the old site stays whole.
    await mkdir(join(content, 'records', 'incidents'), { recursive: true });
    const bad = join(content, 'records', 'incidents', '2026-03-23-broken-tls-failure.json');
    await writeFile(bad, '{"id": "2026-03-23-broken-tls-failure"}');
    const second = mxstatus(['build', '--content', content, '--out', out, '--quiet']);
    assert.equal(second.code, exitCodes.config);
    assert.match(second.stderr, /^mxstatus: .*2026-03-23-broken-tls-failure\.json: /);
    assert.doesNotMatch(second.stderr, /\n\s+at |\[ERROR\]/, 'no stack trace: Astro never started');
    assert.equal(await readFile(join(out, 'index.html'), 'utf8'), home);
    // Beside --out only the site it links to: no half-built folder is left behind.
    assert.deepEqual((await readdir(dir)).filter((f) => f.startsWith('.public.')), [await readlink(out)]);
    await rm(bad);
  });

  test('builds when --out is on another mount than the checkout, as under the systemd unit (ProtectSystem, ReadWritePaths)', { skip: process.getuid?.() !== 0 && 'needs root for a mount namespace (CI runs as root)' }, async () => {
    // systemd makes each ReadWritePaths= entry a bind mount of its own: a rename from the
    // checkout's folders into /srv fails with EXDEV, though both lie on one file system.
    const srv = join(dir, 'srv');
    await mkdir(srv, { recursive: true });
    const out = join(srv, 'dist');
    const script = `mount --bind "$1" "$1" && exec "$2" scripts/mxstatus.js build --quiet --content "$3" --out "$4"`;
    const run = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', srv, process.execPath, content, out], { encoding: 'utf8', env: skippingBuild });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(await readFile(join(out, 'index.html'), 'utf8'), skippedBuildPage(content));
  });

  test('reads notes as mxstatus check does: names that are no id and links out of content/ are not shown, a YAML bomb stops the build', { timeout: 120_000 }, async () => {
    const notes = join(content, 'notes', 'de');
    await mkdir(notes, { recursive: true });
    const maintenance = (title: string) => `---\ntype: maintenance\ntitle: "${title}"\nstart: 2026-04-01T22:00:00+02:00\nend: 2026-04-02T02:00:00+02:00\n---\n\nText.\n`;
    await writeFile(join(notes, 'Wartung Neu.md'), maintenance('SPACED-NOTE'));
    await writeFile(join(dir, 'outside.md'), maintenance('OUTSIDE-NOTE'));
    await symlink(join(dir, 'outside.md'), join(notes, 'linked.md'));
    await writeFile(join(notes, 'wartung.md'), maintenance('PLAIN-NOTE'));
    const out = join(dir, 'notes-site');
    const built = mxstatus(['build', '--content', content, '--out', out]);
    assert.equal(built.code, 0, built.stderr);
    // Astro says warnings only, no line per route: here the two notes it leaves out.
    assert.equal(built.stdout, '');
    const said = built.stderr.trimEnd().split('\n');
    assert.ok(said.every((line) => line.includes(' [WARN] ')), built.stderr);
    assert.equal(said.filter((line) => /\[WARN\] \[mxstatus-notes\] .*(Wartung Neu|linked)\.md: /.test(line)).length, 2, built.stderr);
    const home = await readFile(join(out, 'index.html'), 'utf8');
    assert.match(home, /PLAIN-NOTE/);
    assert.doesNotMatch(home, /SPACED-NOTE|OUTSIDE-NOTE/);
    const checked = mxstatus(['check', '--content', content]);
    assert.match(checked.stdout, /Wartung Neu\.md: file name: not an id/);
    assert.match(checked.stdout, /linked\.md: a link to a file outside/);

    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(',')}]`);
    await writeFile(join(notes, 'wartung.md'), `---\ntitle: Bomb\n${levels.join('\n')}\n---\n`);
    const bombed = mxstatus(['build', '--content', content, '--out', out, '--quiet']);
    assert.notEqual(bombed.code, 0);
    assert.match(bombed.stderr, /wartung\.md: not valid YAML: .*alias/);
    assert.equal(await readFile(join(out, 'index.html'), 'utf8'), home, 'the published site is as it was');
    await rm(join(content, 'notes'), { recursive: true, force: true });
  });

  test('checks the content as mxstatus check does before Astro starts: the same one-line problems, exit 3, nothing built', async () => {
    const broken = join(dir, 'broken-content');
    await mkdir(join(broken, 'notes', 'de'), { recursive: true });
    await writeFile(join(broken, 'site.yaml'), (await readFile('content/site.yaml', 'utf8')).replace(/^timeZone: .*$/m, 'timeZone: Berlin'));
    await writeFile(join(broken, 'notes', 'de', 'wartung.md'), '---\ntitle: [\n---\n');
    const out = join(dir, 'broken-site');
    const built = mxstatus(['build', '--content', broken, '--out', out]);
    assert.equal(built.code, exitCodes.config);
    const checked = mxstatus(['check', '--content', broken]);
    const problems = checked.stdout.slice(0, checked.stdout.indexOf('\n\n')).split('\n');
    assert.equal(problems.length, 2, checked.stdout);
    assert.equal(
      built.stderr,
      [...problems, `${broken}: the site was not built (2 problems above) and the published site is as it was; fix them, then run again (mxstatus check --content ${broken} lists every problem)`].map((line) => `mxstatus: ${line}\n`).join(''),
    );
    assert.equal(built.stdout, '');
    await assert.rejects(readdir(out), { code: 'ENOENT' });
  });

  test('when Astro itself fails: one line with its error and where its whole output is kept, exit 3', async () => {
    const out = join(dir, 'astro-failed');
    const failing = `--import=${join(import.meta.dirname, 'fail-astro-build.ts')}`;
    const run = spawnSync(process.execPath, ['scripts/mxstatus.js', 'build', '--content', content, '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${failing}` },
    });
    assert.equal(run.status, exitCodes.config);
    const match = /^mxstatus: the site was not built \(astro build exit 1\): \[build\] Failed to render \/senders\/microsoft\/: stand-in failure of fail-astro-build\.ts; the published site is as it was; the whole output is in (\S+\.log)\n$/.exec(run.stderr);
    assert.ok(match, run.stderr);
    const log = await readFile(match[1]!, 'utf8');
    assert.match(log, /\[ERROR\] \[build\] Failed to render/);
    assert.match(log, /at renderPage/, 'the stack trace is in the log, not on the terminal');
    await rm(match[1]!);
    await assert.rejects(readdir(out), { code: 'ENOENT' });
  });

  test('never replaces what it did not build: the content directory, a folder holding it, a folder of other files (exit 9)', async () => {
    const www = join(dir, 'www');
    await mkdir(www, { recursive: true });
    await writeFile(join(www, 'index.html'), 'hand-made');
    for (const out of [content, dir, www]) {
      const run = mxstatus(['build', '--content', content, '--out', out, '--quiet']);
      assert.equal(run.code, exitCodes.outRefused, `${out}: ${run.stderr}`);
      assert.match(run.stderr, /^mxstatus: .*: not replaced, it (is|holds) .*; give --out a folder of its own for the site/);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1);
    }
    assert.ok((await readFile(join(content, 'site.yaml'), 'utf8')).length > 0, 'site.yaml is still there');
    assert.equal(await readFile(join(www, 'index.html'), 'utf8'), 'hand-made');
  });
});

describe('mxstatus preview', () => {
  test('without a built site: one line naming mxstatus build, exit 4', () => {
    const run = mxstatus(['preview', '--out', join(dir, 'never-built')]);
    assert.equal(run.code, exitCodes.input);
    assert.equal(run.stderr, `mxstatus: ${join(dir, 'never-built')}: no built site here (no index.html); build it first with mxstatus build --out ${join(dir, 'never-built')}, or give --out the folder you built into\n`);
  });

  test('on a port in use: one line naming --port, exit 2', async () => {
    const site = join(dir, 'preview-site');
    await mkdir(site, { recursive: true });
    await writeFile(join(site, 'index.html'), '<!doctype html>');
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const { port } = server.address() as { port: number };
    try {
      const run = mxstatus(['preview', '--out', site, '--host', '127.0.0.1', '--port', String(port)]);
      assert.equal(run.code, exitCodes.usage);
      assert.equal(run.stderr, `mxstatus: --port ${port}: already in use on 127.0.0.1 (another preview, or another server); stop it, or choose another port with --port, e.g. --port ${port + 1}\n`);
    } finally {
      server.close();
    }
  });

  test('with a site.yaml Astro cannot read: the one line naming the field, exit 3, no stack trace', async () => {
    const bad = join(dir, 'bad-site-yaml');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'site.yaml'), (await readFile('content/site.yaml', 'utf8')).replace(/^timeZone: .*$/m, 'timeZone: Berlin'));
    const run = mxstatus(['preview', '--content', bad, '--out', join(dir, 'public')]);
    assert.equal(run.code, exitCodes.config);
    assert.match(run.stderr, /^mxstatus: .*site\.yaml: timeZone: not an IANA time zone \(got "Berlin"\); use Europe\/Berlin\n$/);
  });

  test('--host is in its help', () => {
    assert.match(mxstatus(['preview', '--help']).stdout, /--host <address> +address to listen on, e\.g\. 0\.0\.0\.0/);
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
