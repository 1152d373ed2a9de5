/**
 * The command line as a postmaster meets it: the parse report, standard input, and one-line
 * errors with distinct exit codes for every kind of bad input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { exitCodes } from '../../src/core/problem.ts';
import { mxstatus, scratchWithLog, STARTTLS_ABORT_LINES } from './cli-fixture.ts';

let dir: string;
let content: string;
let log: string;

const LINES = [
  ...STARTTLS_ABORT_LINES,
  'Mar 23 17:03:01 mx2 dovecot: imap-login: Login: user=<someone@example.net>',
  'this line has no syslog envelope',
];

before(async () => {
  ({ dir, content, log } = await scratchWithLog('mxstatus-cli-', LINES));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});


describe('mxstatus summarize --stats', () => {
  test('reports every line: events by kind, unrecognised by program, lines without an envelope', () => {
    const { code, stderr } = mxstatus(['summarize', '--content', content, '--stats', log]);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /^lines read: 6$/m);
    assert.match(stderr, /^lines without a syslog envelope: 1$/m);
    assert.match(stderr, /^ {2}connect: 1$/m);
    assert.match(stderr, /^ {2}session-aborted: 1$/m);
    assert.match(stderr, /^unrecognised 2 lines, by program:$/m);
    assert.match(stderr, /^ {2}postfix\/anvil: 1$/m);
    assert.match(stderr, /^ {2}dovecot: 1$/m);
    assert.match(stderr, /mail\.log: 6 lines, 2026-03-23T16:02:30\.000Z – 2026-03-23T16:02:35\.000Z/);
    assert.match(stderr, /^ {2}mx2: 2026-03-23T16:02:30\.000Z – 2026-03-23T16:02:35\.000Z$/m);
  });

  test('reads standard input with -, taking the year from --year', () => {
    const { code, stderr } = mxstatus(['summarize', '--content', content, '--stats', '--year', '2025', '-'], `${LINES.join('\n')}\n`);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /-: 6 lines, 2025-03-23T16:02:30\.000Z/);
  });

  test('names from the log reach the terminal only as plain names: no escape sequence, no address', async () => {
    const hostile = join(dir, 'hostile.log');
    await writeFile(
      hostile,
      [
        ...STARTTLS_ABORT_LINES,
        'Mar 23 17:04:00 mx\x1b]0;owned\x07 postfix/smtpd[1]: connect from unknown[198.51.100.9]',
        'Mar 23 17:04:01 mx2 \x1b[2Jkernel: clear screen',
        // No syslog line at all, but shaped like one: an address where the program name goes.
        'Mar 23 17:04:02 mx2 anna.schmidt@example.net: delivered',
      ].join('\n') + '\n',
    );
    const { code, stderr } = mxstatus(['summarize', '--content', content, '--stats', hostile]);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /[\x00-\x08\x0b-\x1f\x7f]/, 'no control character');
    assert.doesNotMatch(stderr, /anna\.schmidt|@/);
    assert.match(stderr, /^ {2}\(not a program name\): 2$/m);
    assert.match(stderr, /^ {2}\(not a host name\): /m);
  });

  test('reads a zone-less log in --tz', () => {
    const { stderr } = mxstatus(['summarize', '--content', content, '--stats', '--tz', 'UTC', log]);
    assert.match(stderr, /mail\.log: 6 lines, 2026-03-23T17:02:30\.000Z/);
  });
});

describe('invalid input', () => {
  test('a missing file: one line naming it, exit 4, and the other files still summarized', async () => {
    await rm(join(content, 'records'), { recursive: true, force: true });
    const { code, stderr } = mxstatus(['summarize', '--content', content, join(dir, 'nope.log'), log]);
    assert.equal(code, exitCodes.input);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, /^mxstatus: .*nope\.log: no such file; check the path or the glob\n$/);
    assert.ok((await readdir(join(content, 'records'))).includes('status.json'));
  });

  test('a log of long ago copied today: one line saying how many lines were left out, why, and how to read them, exit 4', async () => {
    const old = join(dir, 'copied-2022.log');
    await writeFile(old, ['2022-03-23T17:02:30+01:00 mx1 postfix/smtpd[1]: connect from mail.example.org[192.0.2.1]', '2022-03-23T17:02:31+01:00 mx1 postfix/smtpd[1]: disconnect from mail.example.org[192.0.2.1] ehlo=1 quit=1 commands=2', ''].join('\n'));
    const { code, stderr } = mxstatus(['summarize', '--content', content, old]);
    assert.equal(code, exitCodes.input);
    assert.match(stderr, /^mxstatus: .*copied-2022\.log: no line read: 2 are dated more than 400 days before their file was last written, or after it; give their year with --year YYYY, or copy logs with cp -p so that they keep their modification time\n$/);
  });

  test("an Exim main log, a few lines of it looking like syslog: one line saying what it is, exit 4, not '0 incidents'", async () => {
    const exim = join(dir, 'mainlog');
    const lines: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = `1rKx${String(i).padStart(2, '0')}-000GhT-2x`;
      lines.push(`2026-03-23 17:02:${String(10 + i).padStart(2, '0')} ${id} <= anna@example.org H=mail.example.org [192.0.2.1] P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 S=2345`);
      lines.push(`2026-03-23 17:02:${String(10 + i).padStart(2, '0')} ${id} => bob <bob@example.net> R=localuser T=local_delivery`);
      lines.push(`2026-03-23 17:02:${String(10 + i).padStart(2, '0')} ${id} Completed`);
    }
    lines.push('Mar 23 17:02:35 mx1 postfix/smtpd[1]: connect from mail.example.org[192.0.2.1]', '');
    await writeFile(exim, lines.join('\n'));
    const { code, stderr } = mxstatus(['summarize', '--content', content, exim]);
    assert.equal(code, exitCodes.input);
    assert.match(stderr, /^mxstatus: .*mainlog: this looks like an Exim main log \(36 of 37 lines are Exim's\); mxstatus reads Postfix mail logs: pass those \(often \/var\/log\/mail\.log\)\n$/);
  });

  test('globs that match nothing and no other file: exit 4', () => {
    const { code, stderr } = mxstatus(['summarize', '--content', content, join(dir, 'none-*.log'), join(dir, 'old-*.gz')]);
    assert.equal(code, exitCodes.input);
    assert.match(stderr, /none-\*\.log, .*old-\*\.gz: no file matches these patterns; check the path\n$/);
  });

  test('a glob that matches nothing (yet) beside a log: said once, the log summarized, exit 0', async () => {
    await rm(join(content, 'records'), { recursive: true, force: true });
    const { code, stdout, stderr } = mxstatus(['summarize', '--content', content, `${log}.*.gz`, log]);
    assert.equal(code, exitCodes.ok, stderr);
    assert.match(stdout, /^\d+ incidents?; records: /);
    assert.match(stderr, /^mxstatus: warning: .*mail\.log\.\*\.gz: no file matches this pattern \(yet\); the other files were read\n$/);
  });

  test('the same file twice (a link, overlapping globs) is read once', async () => {
    const link = join(dir, 'link-to-mail.log');
    await symlink(log, link).catch(() => undefined);
    const twice = mxstatus(['summarize', '--json', '--content', content, log, link, join(dir, 'mail.lo?')]);
    const once = mxstatus(['summarize', '--json', '--content', content, log]);
    assert.equal(twice.code, exitCodes.ok, twice.stderr);
    const [a, b] = [JSON.parse(twice.stdout), JSON.parse(once.stdout)];
    assert.equal(a.lines, b.lines);
    assert.deepEqual(a.warnings, [`${link}: the same file as ${log}; read once`]);
  });

  test('- with --state is refused: exit 2, and nothing read', () => {
    const { code, stderr } = mxstatus(['summarize', '--content', content, '--state', join(dir, 'state'), '-'], LINES.join('\n'));
    assert.equal(code, exitCodes.usage);
    assert.match(stderr, /^mxstatus: -: standard input cannot be read with --state .*pass the log files instead\n$/);
  });

  test('--json prints one JSON object on a wrong option and on an internal error too', () => {
    const wrong = mxstatus(['summarize', '--json', '--content', content, '--bogus', log]);
    assert.equal(wrong.code, exitCodes.usage);
    assert.deepEqual(JSON.parse(wrong.stdout), { ok: false, problems: [{ exitCode: exitCodes.usage, message: "unknown option '--bogus'" }] });
    // A bug, made to happen: the glob of node:fs/promises throws.
    const hook = `data:text/javascript,${encodeURIComponent("import fsp from 'node:fs/promises'; import { syncBuiltinESMExports } from 'node:module'; fsp.glob = () => { throw new Error('boom'); }; syncBuiltinESMExports();")}`;
    const result = spawnSync(process.execPath, ['--import', hook, 'scripts/mxstatus.js', 'summarize', '--json', '--content', content, join(dir, '*.log')], { encoding: 'utf8' });
    assert.equal(result.status, exitCodes.internal);
    assert.deepEqual(JSON.parse(result.stdout), { ok: false, problems: [{ exitCode: exitCodes.internal, message: 'internal error: boom (a bug; please report it)' }] });
    assert.match(result.stderr, /^mxstatus: internal error: Error: boom\n {4}at /);
  });

  test('a truncated .gz: one line naming it, exit 5', async () => {
    const gz = gzipSync(Array.from({ length: 20_000 }, () => LINES[0]).join('\n'));
    const path = join(dir, 'mail.log.1.gz');
    await writeFile(path, gz.subarray(0, gz.length - 100));
    const { code, stderr } = mxstatus(['summarize', '--content', content, path]);
    assert.equal(code, exitCodes.corruptInput);
    assert.match(stderr, /mail\.log\.1\.gz: corrupt or truncated gzip/);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
  });

  test('a wrong option: exit 2 with a one-line error', () => {
    const { code, stderr } = mxstatus(['summarize', '--yeer', '2025', log]);
    assert.equal(code, exitCodes.usage);
    assert.match(stderr, /unknown option '--yeer'/);
  });

  test('a bad --year or --tz value: exit 2, naming the fix', () => {
    assert.equal(mxstatus(['summarize', '--year', 'last', log]).code, exitCodes.usage);
    const tz = mxstatus(['summarize', '--tz', 'Mars/Olympus', log]);
    assert.equal(tz.code, exitCodes.usage);
    assert.match(tz.stderr, /not an IANA time zone; use a name such as Europe\/Berlin/);
  });

  test('no file at all: exit 2', () => {
    assert.equal(mxstatus(['summarize', '--content', content]).code, exitCodes.usage);
  });

  test('an invalid site.yaml: exit 3, naming the file, the field and the fix, and nothing written', async () => {
    const bad = join(dir, 'bad');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'site.yaml'), 'name: X\nsite: https://status.example.net\ndetection:\n  minFailures: ten\n');
    const { code, stderr } = mxstatus(['summarize', '--content', bad, log]);
    assert.equal(code, exitCodes.config);
    assert.match(stderr, /site\.yaml: detection\.minFailures: not a number \(got "ten"\); write a number, e.g\. minFailures: 10/);
    assert.deepEqual(await readdir(bad), ['site.yaml']);
  });
});
