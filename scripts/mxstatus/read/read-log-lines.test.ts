import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { exitCodes } from '../../../src/core/problem.ts';
import { MAX_LINE_BYTES, readLogLines, type ReadItem, type ReadOptions } from './read-log-lines.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mxstatus-read-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(paths: string[], options: Partial<ReadOptions> = {}): Promise<{ lines: string[]; problems: ReadItem[]; done: Extract<ReadItem, { kind: 'done' }>[] }> {
  const lines: string[] = [];
  const problems: ReadItem[] = [];
  const done: Extract<ReadItem, { kind: 'done' }>[] = [];
  for await (const item of readLogLines(paths, { nowMs: 0, ...options })) {
    if (item.kind === 'lines') lines.push(...item.lines);
    else if (item.kind === 'done') done.push(item);
    else problems.push(item);
  }
  return { lines, problems, done };
}

/** The uid and gid of `nobody`: root reads every file, nobody only what its mode lets everyone read. */
function nobody(): { uid: number; gid: number } {
  const entry = readFileSync('/etc/passwd', 'utf8').split('\n').find((line) => line.startsWith('nobody:'))?.split(':');
  return entry ? { uid: Number(entry[2]), gid: Number(entry[3]) } : { uid: 65534, gid: 65534 };
}

/**
 * What readLogLines makes of `paths` in a child process that runs as nobody when this one is
 * root (otherwise as this user): its lines, and the messages of its problems.
 */
function collectUnprivileged(paths: string[]): { lines: string[]; problems: string[] } {
  const source = `
    const { readLogLines } = await import(process.argv[1]);
    const lines = [], problems = [];
    for await (const item of readLogLines(process.argv.slice(2), { nowMs: 0 })) {
      if (item.kind === 'lines') lines.push(...item.lines);
      else if (item.kind === 'problem') problems.push(item.problem.message);
    }
    process.stdout.write(JSON.stringify({ uid: process.getuid(), lines, problems }));`;
  const asNobody = process.getuid?.() === 0 ? nobody() : {};
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', source, new URL('./read-log-lines.ts', import.meta.url).href, ...paths], { encoding: 'utf8', ...asNobody });
  assert.equal(child.status, 0, child.stderr);
  const result = JSON.parse(child.stdout) as { uid: number; lines: string[]; problems: string[] };
  assert.notEqual(result.uid, 0, 'the read ran as root, which reads every file');
  return result;
}

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('readLogLines', () => {
  test('reads plain lines, and a last line without a newline', async () => {
    const path = await file('plain.log', 'one\ntwo\nthree');
    assert.deepEqual((await collect([path])).lines, ['one', 'two', 'three']);
  });

  test('drops the CR of CRLF line ends', async () => {
    const path = await file('crlf.log', 'one\r\ntwo\r\n');
    assert.deepEqual((await collect([path])).lines, ['one', 'two']);
  });

  test('gunzips .gz files by their magic bytes, whatever their name', async () => {
    const gz = await file('rotated.1.gz', gzipSync('a\nb\n'));
    const named = await file('misnamed.log', gzipSync('c\n'));
    assert.deepEqual((await collect([gz, named])).lines, ['a', 'b', 'c']);
  });

  test('keeps NUL bytes and invalid UTF-8 as characters, never fails on them', async () => {
    const bytes = Buffer.concat([Buffer.from('nul\0here\n'), Buffer.from([0xff, 0xfe, 0x41, 0x0a]), Buffer.from('ok\n')]);
    const { lines, problems } = await collect([await file('binary.log', bytes)]);
    assert.deepEqual(problems, []);
    assert.deepEqual(lines, ['nul\0here', '\ufffd\ufffdA', 'ok']);
  });

  test('keeps multi-byte characters whole across read chunks', async () => {
    // The second line starts 40 KB in and ends 80 KB in: across the 64 KB chunk boundary.
    const line = 'é'.repeat(20_000);
    const { lines } = await collect([await file('wide.log', `${'a'.repeat(40_000)}\n${line}\nnext\n`)]);
    assert.equal(lines[1], line);
    assert.equal(lines[2], 'next');
  });

  test('a 1 MB line is one line, cut to its first 64 KB; the lines around it are whole', async () => {
    const long = `Mar 23 17:02:35 mx1 postfix/smtpd[1]: ${'x'.repeat(1 << 20)}`;
    const { lines, done } = await collect([await file('long.log', `short\n${long}\nafter\n`)]);
    assert.deepEqual(lines.map((l) => l.length), [5, MAX_LINE_BYTES, 5]);
    assert.equal(lines[1], long.slice(0, MAX_LINE_BYTES));
    assert.equal(done[0]?.offset, 6 + long.length + 1 + 6, 'every byte is consumed');
  });

  test('a file without any newline is one line, however large, and costs no more memory than one line', async () => {
    const { lines, done } = await collect([await file('flat.log', 'y'.repeat(5 << 20))]);
    assert.deepEqual(lines.map((l) => l.length), [MAX_LINE_BYTES]);
    assert.equal(done[0]?.offset, 5 << 20);
  });

  test('a gzip bomb of zeros (50 MB inflated from 50 KB) is one line of zeros, read to its end', async () => {
    const path = join(dir, 'bomb.log.gz');
    await writeFile(path, gzipSync(Buffer.alloc(50 << 20), { level: 9 }));
    const { lines, done } = await collect([path]);
    assert.deepEqual(lines.map((l) => l.length), [MAX_LINE_BYTES]);
    assert.equal(done[0]?.offset, 50 << 20);
  });

  describe('resuming where an earlier run stopped', () => {
    test('skips what was read, holds back a half-written last line, and says how far it got', async () => {
      const path = await file('grow.log', 'first line\nsecond\nthird, half');
      const first = await collect([path], { resumeAt: () => 0, holdPartialLine: true });
      assert.deepEqual(first.lines, ['first line', 'second']);
      assert.equal(first.done[0]?.offset, 18);
      assert.match(first.done[0]?.source.fingerprint ?? '', /^[0-9a-f]{32}$/);
      await writeFile(path, 'first line\nsecond\nthird, half written\nfourth\n');
      const second = await collect([path], { resumeAt: () => 18, holdPartialLine: true });
      assert.deepEqual(second.lines, ['third, half written', 'fourth']);
      assert.deepEqual([second.done[0]?.skipped, second.done[0]?.offset], [18, 45]);
      assert.equal(second.done[0]?.source.fingerprint, first.done[0]?.source.fingerprint, 'the first line names the file');
    });

    test('a .gz file keeps the fingerprint of the file it was compressed from, and is entered at the same offset', async () => {
      const plain = await file('rot.log', 'alpha\nbeta\ngamma\n');
      const gz = await file('rot.log.1.gz', gzipSync('alpha\nbeta\ngamma\n'));
      const a = await collect([plain], { resumeAt: () => 0, holdPartialLine: true });
      const b = await collect([gz], { resumeAt: () => 6, holdPartialLine: true });
      assert.equal(b.done[0]?.source.fingerprint, a.done[0]?.source.fingerprint);
      assert.deepEqual(b.lines, ['beta', 'gamma']);
      assert.equal(b.done[0]?.offset, 17);
    });

    test('a .gz file whose start does not inflate is still read, so that its damage is reported', async () => {
      const path = await file('broken.log.1.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(64, 0xff)]));
      const { problems } = await collect([path], { resumeAt: () => 0, holdPartialLine: true });
      assert.equal(problems.length, 1);
      assert.equal((problems[0] as Extract<ReadItem, { kind: 'problem' }>).problem.exitCode, exitCodes.corruptInput);
    });

    test('a file without a whole first line yet is left for the next run', async () => {
      const path = await file('new.log', 'no newline yet');
      const { lines, done } = await collect([path], { resumeAt: () => 0, holdPartialLine: true });
      assert.deepEqual(lines, []);
      assert.equal(done[0]?.source.fingerprint, null);
    });
  });

  describe('invalid input', () => {
    test('a missing file is a problem naming it, and the next file is still read', async () => {
      const ok = await file('ok.log', 'line\n');
      const { lines, problems } = await collect([join(dir, 'missing.log'), ok]);
      assert.deepEqual(lines, ['line']);
      assert.equal(problems.length, 1);
      const problem = (problems[0] as Extract<ReadItem, { kind: 'problem' }>).problem;
      assert.equal(problem.exitCode, exitCodes.input);
      assert.match(problem.message, /missing\.log: no such file; /);
    });

    test('an unreadable file is a problem naming it', async () => {
      // A folder everyone may enter (this file's scratch folder is its owner's alone): only the
      // file's own mode keeps the reader out, and the file beside it shows that the reader can read.
      const open = await mkdtemp(join(tmpdir(), 'mxstatus-read-unreadable-'));
      try {
        await chmod(open, 0o755);
        const secret = join(open, 'secret.log');
        await writeFile(secret, 'x\n');
        await chmod(secret, 0o000);
        const readable = join(open, 'ok.log');
        await writeFile(readable, 'line\n');
        await chmod(readable, 0o644);
        const { lines, problems } = collectUnprivileged([secret, readable]);
        assert.deepEqual(lines, ['line']);
        assert.equal(problems.length, 1, problems.join('\n'));
        assert.match(problems[0]!, /secret\.log: permission denied/);
      } finally {
        await rm(open, { recursive: true, force: true });
      }
    });

    test('a directory is a problem naming it', async () => {
      const { problems } = await collect([dir]);
      assert.match((problems[0] as Extract<ReadItem, { kind: 'problem' }>).problem.message, /not a regular file/);
    });

    test('a FIFO is refused at once, not waited on for ever', async () => {
      const fifo = join(dir, 'fifo');
      execFileSync('mkfifo', [fifo]);
      // Were the FIFO opened for reading in the usual way, this would never return.
      const { problems, lines } = await collect([fifo, await file('after-fifo.log', 'x\n')]);
      assert.match((problems[0] as Extract<ReadItem, { kind: 'problem' }>).problem.message, /fifo: not a regular file/);
      assert.deepEqual(lines, ['x'], 'the next file is still read');
    });

    test('a truncated .gz yields its lines before the damage, then a problem with its own exit code', async () => {
      const whole = gzipSync(Array.from({ length: 50_000 }, (_, i) => `line ${i}`).join('\n'));
      const path = await file('truncated.gz', whole.subarray(0, Math.floor(whole.length / 2)));
      const { lines, problems } = await collect([path]);
      assert.ok(lines.length > 1000, `${lines.length} lines before the damage`);
      assert.equal(lines[0], 'line 0');
      const problem = (problems[0] as Extract<ReadItem, { kind: 'problem' }>).problem;
      assert.equal(problem.exitCode, exitCodes.corruptInput);
      assert.match(problem.message, /truncated\.gz: corrupt or truncated gzip/);
    });

    test('a corrupt .gz is a problem with its own exit code', async () => {
      const whole = gzipSync('a\nb\n');
      whole[whole.length - 6] = whole[whole.length - 6]! ^ 0xff; // damage the CRC
      const { problems } = await collect([await file('corrupt.gz', whole)]);
      assert.equal((problems[0] as Extract<ReadItem, { kind: 'problem' }>).problem.exitCode, exitCodes.corruptInput);
    });
  });
});
