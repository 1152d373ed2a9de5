/**
 * Hostile and malformed lines through the whole summarizer (a hundred thousand in `npm test`,
 * a million in `npm run bench`): real Postfix lines cut at every position, random bytes (invalid
 * UTF-8 included), NUL and CR, 100 KB lines, bare timestamps, journald JSON with wrong types,
 * impossible dates, hostile HELO names, unbalanced brackets, huge pids, negative numbers and real
 * events with their fields swapped — as a plain file and as its `.gz`. Nothing may throw, and every line must be accounted for in the stats.
 * In `npm run bench` (scripts/bench/timing-checks.ts), no line may take a millisecond to parse.
 *
 * How lines are counted (read-log-lines.ts, parse-stats.ts): a file is cut at newline bytes, so
 * N lines each ending in "\n" and holding no other "\n" are N lines — empty ones included, a CR
 * before the newline dropped. Each lands in exactly one counter: `linesWithoutEnvelope` or one
 * kind of `eventsByKind` (`unrecognised` included), and `lines` is their sum.
 *
 * Envelope times stay within a day of the file's: a line dated years away is a finding of its
 * own (see the last test), not something random lines should trip over at random.
 */
import assert from 'node:assert/strict';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, open, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { incidentRecordSchema } from '../../../src/core/schemas/incident-record.ts';
import { senderRecordSchema } from '../../../src/core/schemas/sender-record.ts';
import { statusRecordSchema } from '../../../src/core/schemas/status-record.ts';
import { Random } from '../demo/random.ts';
import { runSummarize, type SummarizeResult } from '../run-summarize.ts';
import { parsePostfixEvent } from './parse-postfix-event.ts';
import { createSyslogReader } from './parse-syslog-line.ts';
import { ZoneClock } from './zone-clock.ts';
import { timingChecks } from '../../../src/core/testing/timing-checks.ts';

/** A hundred thousand, or MXSTATUS_FUZZ_LINES: a million in `npm run bench` (scripts/bench/timing-checks.ts). */
const LINE_COUNT = Number(process.env.MXSTATUS_FUZZ_LINES ?? 100_000);
/** Every this many lines one goes into the timing sample, with every long line and the worst cases. */
const SAMPLE_EVERY = 10;
/** Lines built around one long field, of each of two lengths. */
const LONG_LINES = 200;
const LONG = 100_000;
/** rsyslog's default maximum message size: no line of a default setup is longer. */
const SYSLOG_MAX = 8_192;
const BUDGET_MS = 1;
const ZONE = 'Europe/Berlin';
/** The first line's time (02:00 in Berlin); lines follow 40 ms apart, about 11 hours in all. */
const BASE = Date.UTC(2026, 2, 23, 1, 0, 0);
const STEP_MS = 40;
const MTIME = BASE + LINE_COUNT * STEP_MS + 60_000;

const siteYaml = fileURLToPath(new URL('../../../content/site.yaml', import.meta.url));
const clock = new ZoneClock(ZONE);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Clients of known senders and of nobody in particular. */
const CLIENTS = [
  'mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]',
  'mail-db8eur05on2104.outbound.protection.outlook.com[40.107.70.104]',
  'mail-eur01on2063.outbound.protection.outlook.com[2a01:111:f403:2607::63]',
  'mail-wr1-f54.google.com[209.85.221.54]',
  'mail-ej1-x62f.google.com[2a00:1450:4864:20::62f]',
  'mout.gmx.net[212.227.15.18]',
  'mailout04.t-online.de[194.25.134.83]',
  'a8-45.smtp-out.eu-west-1.amazonses.com[54.240.8.45]',
  'mail.uni-beispiel.de[192.0.2.44]',
  'unknown[198.51.100.23]',
  'unknown[2001:db8:bad::1]',
];

const TLS = 'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256';

/** [program, message] of real lines; `C` is replaced by a client, `Q` by a queue id. */
const REAL: readonly (readonly [string, string])[] = [
  ['postfix/smtpd', 'connect from C'],
  ['postfix/smtpd', 'connect from C'],
  ['postfix/smtpd', `Anonymous TLS connection established from C: ${TLS}`],
  ['postfix/smtpd', 'TLS connection established from C: TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)'],
  ['postfix/smtpd', 'SSL_accept error from C: -1'],
  ['postfix/smtpd', 'SSL_accept error from C: Connection reset by peer'],
  ['postfix/smtpd', 'warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:317:'],
  ['postfix/smtpd', 'lost connection after STARTTLS from C'],
  ['postfix/smtpd', 'lost connection after CONNECT from C'],
  ['postfix/smtpd', 'timeout after DATA (1234 bytes) from C'],
  ['postfix/smtpd', 'too many errors after RCPT from C'],
  ['postfix/smtpd', 'improper command pipelining after EHLO from C: QUIT\\r\\n'],
  ['postfix/smtpd', 'disconnect from C ehlo=1 starttls=0/1 commands=1/2'],
  ['postfix/smtpd', 'disconnect from C ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7'],
  ['postfix/smtpd', 'disconnect from C'],
  ['postfix/smtpd', 'Q: client=C'],
  ['postfix/submission/smtpd', 'Q: client=C, sasl_method=PLAIN, sasl_username=someone@example.net'],
  ['postfix/smtpd', 'Q: client=localhost[127.0.0.1], orig_queue_id=9B1C2D3E4F, orig_client=C'],
  ['postfix/smtpd', 'NOQUEUE: reject: RCPT from C: 550 5.1.1 <a@example.net>: Recipient address rejected: User unknown in virtual mailbox table; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>'],
  ['postfix/smtpd', 'warning: C: SASL LOGIN authentication failed: UGFzc3dvcmQ6'],
  ['postfix/postscreen', 'CONNECT from [198.51.100.66]:3328 to [192.0.2.25]:25'],
  ['postfix/postscreen', 'PREGREET 11 after 0.07 from [198.51.100.66]:3328: EHLO example\\r\\n'],
  ['postfix/postscreen', 'DNSBL rank 3 for [198.51.100.66]:3328'],
  ['postfix/cleanup', 'Q: message-id=<20260323170235.4Xk2Jd0Fh3z9rx7@mail.example.net>'],
  ['postfix/cleanup', 'Q: reject: header Subject: Greetings from Paris from C; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<x>: 5.7.1 message content rejected'],
  ['postfix/qmgr', 'Q: from=<b@example.org>, size=12345, nrcpt=1 (queue active)'],
  ['postfix/qmgr', 'Q: from=<>, status=expired, returned to sender'],
  ['postfix/qmgr', 'Q: removed'],
  ['postfix/lmtp', 'Q: to=<a@example.net>, relay=mailstore1.example.net[10.0.3.7]:24, delay=0.42, delays=0.31/0.01/0.02/0.08, dsn=2.0.0, status=sent (250 2.0.0 <a@example.net> Saved)'],
  ['postfix/smtp', 'Q: to=<a@example.org>, relay=none, delay=3600, delays=3599/0.1/0/0.2, dsn=4.4.1, status=deferred (connect to mail.example.org[192.0.2.1]:25: Connection timed out)'],
  ['postfix/bounce', 'Q: sender non-delivery notification: 5B6C7D8E9F'],
  ['dovecot', 'imap-login: Login: user=<a@example.net>, method=PLAIN, rip=192.0.2.50, lip=192.0.2.25, TLS'],
];

const HOSTILE_HELOS = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', ']]></x>', '{"a":"b"}', '[x](javascript:alert(1))',
  'ｍａｉｌ.outlook.com', 'mail.\u043eutlook.com', '\u202egnp.exe', '\u0000', '%00%0a', '${jndi:ldap://x/a}', "' OR 1=1 --", '<', '>', '',
];

/** Envelope tags that are no tag, or a tag with an impossible pid. */
const BAD_TAGS = [
  'postfix/smtpd[99999999999]', 'postfix/smtpd[4294967296]', 'postfix/smtpd[18446744073709551616]', 'postfix/smtpd[-1]', 'postfix/smtpd[1e3]',
  'postfix/smtpd[0x1F]', 'postfix/smtpd[ 1]', 'postfix/smtpd[]', 'postfix/smtpd[[1]]', 'postfix/smtpd[12', 'postfix/smtpd]1[', '[1]', 'postfix/smtpd[1]x',
  'post fix/smtpd[1]', 'postfix/smtpd[000000000001]', 'postfix/smtpd[9007199254740993]',
];

const NEGATIVE_MESSAGES = [
  'Q: to=<a@example.net>, relay=local, delay=-1, delays=-1/-2/-3/-4, dsn=2.0.0, status=sent (delivered)',
  'Q: to=<a@example.net>, relay=local, delay=1e309, delays=1e309/0/0/0, dsn=2.0.0, status=sent (x)',
  'Q: to=<a@example.net>, relay=local, delay=NaN, delays=NaN/NaN/NaN/NaN, status=sent (x)',
  'Q: to=<a@example.net>, relay=local, delay=-Infinity, status=bounced (x)',
  'Q: to=<a@example.net>, relay=local, delay=0x10, delays=.5/./../-.1, status=sent (x)',
  'Q: from=<a@example.org>, size=-5, nrcpt=-1 (queue active)',
  'Q: from=<a@example.org>, size=99999999999999999999, nrcpt=1 (queue active)',
  'timeout after DATA (-1234 bytes) from C',
  'disconnect from C ehlo=-1 starttls=-1/-1 commands=-2/-3',
  'disconnect from C ehlo=1/-1 starttls=99999999999999999/1 commands=/',
  'Anonymous TLS connection established from C: TLSv1.3 with cipher X (-256/256 bits)',
  'PREGREET -11 after -0.07 from [198.51.100.66]:-1: EHLO x',
  'DNSBL rank -3 for [198.51.100.66]:3328',
];

const TIMESTAMP_ONLY = ['Mar 23 17:02:35', 'Mar 23 17:02:35 ', 'Mar 23 17:02:35 mx1', 'Mar 23 17:02:35 mx1 ', '2026-03-23T17:02:35.123456+01:00', '2026-03-23T17:02:35Z mx1', '2026-03-23 17:02:35', 'Mar  3', '2026-03-23', '{}', '{"__REALTIME_TIMESTAMP":"1774281755123456"}'];

/** Impossible or odd BSD dates (few distinct days, so that they add few buckets). */
const BAD_BSD_DATES = ['Feb 30 10:00:00', 'Feb 29 10:00:00', 'Apr 31 10:00:00', 'Mar 00 10:00:00', 'Mar 32 10:00:00', 'Mar  0 10:00:00', 'Foo 12 10:00:00', 'Mar 23 24:00:00', 'Mar 23 23:60:00', 'Mar 23 23:59:60', 'Mar 23 23:59:61', 'mar 23 10:00:00', 'MAR 23 10:00:00', 'Mar 2310:00:00 ', 'Mar 23 10:00:00.123', 'Ｍar 23 10:00:00', 'Mar ２3 10:00:00', 'Mar 23 1٠:00:00', 'Mar 23 10:00', 'Mar 23 -1:00:00'];

/** Lines of about 100 KB, each built around one long field. */
const LONG_SHAPES: readonly ((fill: (unit: string) => string) => string)[] = [
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[1]: connect from ${f('a')}[192.0.2.1]`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[1]: connect from ${f('[')}`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[1]: connect from x${f(']')}`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[1]: disconnect from mail.example.org[192.0.2.1] ${f('ehlo=1 ')}commands=1`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 550 5.1.1 <a@example.net>: Recipient address rejected: User unknown; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<${f('<script>')}>`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[1]: lost connection after ${f('S')} from x[192.0.2.1]`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[1]: Anonymous TLS connection established from x[192.0.2.1]: TLSv1.3 with cipher ${f('C')} (256/256 bits)`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[1]: warning: TLS library problem: error:${f(':')}`,
  (f) => `Mar 23 10:00:00 mx1 postfix/cleanup[2]: 3F2A11C0123: reject: header Subject: ${f(' from ')}; from=<> to=<a@example.net>: 5.7.1 message content rejected`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtp[3]: 3F2A11C0123: to=<a@example.org>${f(', relay=')}`,
  (f) => `Mar 23 10:00:00 mx1 postfix/postscreen[4]: CONNECT from ${f('[')}`,
  (f) => `Mar 23 10:00:00 ${f('h')} postfix/smtpd[1]: connect from x[192.0.2.1]`,
  (f) => `Mar 23 10:00:00 mx1 ${f('p')}: x`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[${f('1')}]: x`,
  (f) => `2026-03-23T10:00:00.${f('1')}Z mx1 postfix/smtpd[1]: x`,
  (f) => `${f('\u0000')}`,
  (f) => `Mar 23 10:00:00 mx1 ${f('[: ')}`,
  (f) => `{"MESSAGE":"${f('j')}"}`,
  (f) => `{"__REALTIME_TIMESTAMP":"1774281755123456","_HOSTNAME":"mx1","SYSLOG_IDENTIFIER":"postfix/smtpd","_PID":"1","MESSAGE":[${f('65,')}65]}`,
  (f) => `{"a":${f('[')}`,
  (f) => `mx1  | ${f(' ')}Mar 23 10:00:00 mx1 postfix/smtpd[1]: connect from x[192.0.2.1]`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[1]: connect from ${f('\uFFFD')}[192.0.2.1]`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[1]: 4Xk2Jd0Fh3z9rx7: client=x[192.0.2.1], orig_queue_id=${f('I')}, orig_client=y[192.0.2.2]`,
  (f) => `Mar 23 10:00:00 mx1 postfix/smtpd[1]: ${f('x')}`,
];

interface Generated {
  /** The file's bytes, in pieces. */
  readonly pieces: Buffer[];
  /** Lines to time one by one, as bytes. */
  readonly sample: Buffer[];
  /** Lines written with an envelope the generator meant to be valid (a lower bound of what parses). */
  readonly validEnvelopes: number;
}

/** LINE_COUNT lines, deterministic for a seed; every line ends in "\n" and holds no other. */
function generateLines(seed: number): Generated {
  const r = new Random(seed);
  const pieces: Buffer[] = [];
  const sample: Buffer[] = [];
  let text: string[] = [];
  let textBytes = 0;
  let validEnvelopes = 0;
  const flush = () => {
    if (text.length === 0) return;
    pieces.push(Buffer.from(text.join(''), 'utf8'));
    text = [];
    textBytes = 0;
  };
  const emit = (line: string | Buffer, sampled: boolean) => {
    if (typeof line === 'string') {
      // A lone surrogate becomes U+FFFD in UTF-8: the file and the sample see the same bytes.
      text.push(line, '\n');
      textBytes += line.length;
      if (textBytes > 1 << 20) flush();
      if (sampled) sample.push(Buffer.from(line, 'utf8'));
    } else {
      flush();
      pieces.push(line, Buffer.from('\n'));
      if (sampled) sample.push(line);
    }
  };
  // Real lines cut at every position, from either end: a cursor walks through them all.
  const cuts = REAL.flatMap(([program, message]) => [bsd(BASE, 'mx1', `${program}[2140]`, fill(message, 0, 0)), iso(BASE, 'mx2', `${program}[18021]`, fill(message, 1, 1))]);
  let cutLine = 0;
  let cutAt = 0;
  const longEvery = Math.floor(LINE_COUNT / LONG_LINES);

  for (let i = 0; i < LINE_COUNT; i++) {
    const at = BASE + i * STEP_MS;
    const sampled = i % SAMPLE_EVERY === 0;
    if (i % longEvery === longEvery - 1 || i % longEvery === (longEvery >> 1)) {
      const shape = LONG_SHAPES[Math.floor(i / longEvery) % LONG_SHAPES.length]!;
      emit(i % longEvery === longEvery - 1 ? longLine(shape, LONG) : longLine(shape, SYSLOG_MAX), true);
      continue;
    }
    const mx = r.chance(0.5) ? 'mx1' : 'mx2';
    const pid = 1000 + r.int(0, 400);
    const roll = r.next();
    if (roll < 0.34) {
      // A real line: sessions open and close on a few hundred pids, so many of them pair up.
      const [program, message] = r.pick(REAL);
      const format = r.int(0, 4);
      const line = fill(message, r.int(0, CLIENTS.length - 1), r.int(0, 30));
      emit(format === 0 ? bsd(at, mx, `${program}[${pid}]`, line) : format === 1 ? iso(at, mx, `${program}[${pid}]`, line) : format === 2 ? isoZ(at, mx, `${program}[${pid}]`, line) : format === 3 ? journal(at, mx, program, pid, line) : `${mx}  | ${bsd(at, mx, `${program}[${pid}]`, line)}`, sampled);
      validEnvelopes++;
    } else if (roll < 0.5) {
      const whole = cuts[cutLine]!;
      emit(cutAt % 2 === 0 ? whole.slice(0, cutAt >> 1) : whole.slice(cutAt >> 1), sampled);
      if (++cutAt > whole.length * 2 + 1) {
        cutAt = 0;
        cutLine = (cutLine + 1) % cuts.length;
      }
    } else if (roll < 0.57) {
      const bytes = Buffer.alloc(r.int(0, 300));
      for (let b = 0; b < bytes.length; b++) {
        const byte = r.int(0, 255);
        bytes[b] = byte === 10 ? 0xc3 : byte;
      }
      emit(bytes, sampled);
    } else if (roll < 0.62) {
      const [program, message] = r.pick(REAL);
      const line = bsd(at, mx, `${program}[${pid}]`, fill(message, r.int(0, CLIENTS.length - 1), 0));
      const where = r.int(0, line.length);
      const variants = [
        line.slice(0, where) + '\u0000' + line.slice(where),
        line.slice(0, where) + '\r' + line.slice(where),
        `${line}\r`,
        '\r',
        '',
        ' \t ',
        '\u0000'.repeat(r.int(1, 50)),
        line.replaceAll(' ', '\t'),
      ];
      emit(r.pick(variants), sampled);
    } else if (roll < 0.65) {
      emit(r.pick(TIMESTAMP_ONLY), sampled);
    } else if (roll < 0.7) {
      emit(badJournal(r, at), sampled);
    } else if (roll < 0.75) {
      const [program, message] = r.pick(REAL);
      emit(`${r.pick(BAD_BSD_DATES)} ${mx} ${program}[${pid}]: ${fill(message, r.int(0, CLIENTS.length - 1), 0)}`, sampled);
    } else if (roll < 0.8) {
      const helo = r.pick(HOSTILE_HELOS);
      const client = r.pick([CLIENTS[r.int(0, CLIENTS.length - 1)]!, `${helo}[192.0.2.9]`, `unknown[${helo}]`]);
      const message = r.pick([
        `NOQUEUE: reject: RCPT from ${client}: 550 5.1.1 <a@example.net>: Recipient address rejected: User unknown; from=<${helo}> to=<a@example.net> proto=ESMTP helo=<${helo}>`,
        `NOQUEUE: reject: EHLO from ${client}: 504 5.5.2 <${helo}>: Helo command rejected: need fully-qualified hostname; proto=ESMTP helo=<${helo}>`,
        `connect from ${client}`,
        `lost connection after STARTTLS from ${client}`,
        `improper command pipelining after EHLO from ${client}: ${helo}`,
      ]);
      emit(bsd(at, mx, `postfix/smtpd[${pid}]`, message), sampled);
      validEnvelopes++;
    } else if (roll < 0.85) {
      const message = r.pick([
        'connect from a[b[c[192.0.2.1]', 'connect from mail.example.org[192.0.2.1', 'connect from [', 'connect from ]', 'connect from x]y[192.0.2.1]',
        'disconnect from x]y[z] ehlo=1', 'lost connection after STARTTLS from [[[[', 'lost connection after STARTTLS from', 'SSL_accept error from x[',
        'SSL_accept error from x[192.0.2.1', '4Xk2Jd0Fh3z9rx7: client=a[b, sasl_username=c]', '4Xk2Jd0Fh3z9rx7: client=[192.0.2.1]',
        'Anonymous TLS connection established from h[192.0.2.1: TLSv1.3 with cipher X', 'Anonymous TLS connection established from h[192.0.2.1]',
        'warning: x[192.0.2.1: SASL LOGIN authentication failed', 'NOQUEUE: reject: RCPT from [192.0.2.1: 550 5.1.1 x', 'NOQUEUE: reject: RCPT from x[]: 550',
        'CONNECT from [192.0.2.1:25 to [', 'PASS NEW [', 'DNSBL rank 3 for [', 'PREGREET 11 after 0.07 from [',
      ]);
      emit(bsd(at, mx, `postfix/${message.startsWith('CONNECT') || message.startsWith('PASS') || message.startsWith('DNSBL') || message.startsWith('PREGREET') ? 'postscreen' : 'smtpd'}[${pid}]`, message), sampled);
      validEnvelopes++;
    } else if (roll < 0.88) {
      emit(`${bsdStamp(at)} ${mx} ${r.pick(BAD_TAGS)}: connect from ${r.pick(CLIENTS)}`, sampled);
    } else if (roll < 0.91) {
      const message = fill(r.pick(NEGATIVE_MESSAGES), r.int(0, CLIENTS.length - 1), r.int(0, 30));
      const program = message.includes('to=<') ? 'postfix/lmtp' : message.includes('from=<') ? 'postfix/qmgr' : message.startsWith('P') || message.startsWith('D') ? 'postfix/postscreen' : 'postfix/smtpd';
      emit(iso(at, mx, `${program}[${pid}]`, message), sampled);
      validEnvelopes++;
    } else if (roll < 0.96) {
      emit(swapped(r, at, mx, pid), sampled);
    } else {
      const [program, message] = r.pick(REAL);
      const line = bsd(at, mx, `${program}[${pid}]`, fill(message, r.int(0, CLIENTS.length - 1), 0));
      const where = r.int(0, line.length);
      const insert = r.pick(['\u202e', '😀', '\uD800', '\uDFFF', '\u200d', '\uFEFF', 'ß', '\u0301', 'İ', '\uFFFF', '\u2028']);
      emit(line.slice(0, where) + insert + line.slice(where), sampled);
    }
  }
  flush();
  // The worst cases once more in the sample, whatever the sampling picked.
  for (const shape of LONG_SHAPES) sample.push(Buffer.from(longLine(shape, LONG), 'utf8'), Buffer.from(longLine(shape, SYSLOG_MAX), 'utf8'));
  return { pieces, sample, validEnvelopes };
}

/** A line of a long shape, at most `length` characters and nearly that many. */
function longLine(shape: (fill: (unit: string) => string) => string, length: number): string {
  const frame = shape(() => '').length;
  return shape((unit) => unit.repeat(Math.max(1, Math.floor((length - frame) / unit.length))));
}

/** A real line's fields filled in: a client and a queue id. */
function fill(message: string, client: number, queue: number): string {
  return message.replaceAll('C', (_match, offset: number) => (isPlaceholder(message, offset) ? CLIENTS[client]! : 'C')).replace(/^Q:/, `${(0x3f2a11c0123 + queue).toString(16).toUpperCase()}:`);
}

/** `C` stands for the client only where it stands alone (not in "CONNECT" or "TLS_AES…"). */
function isPlaceholder(message: string, offset: number): boolean {
  const before = message[offset - 1] ?? ' ';
  const after = message[offset + 1] ?? ' ';
  return (before === ' ' || before === '=') && (after === ' ' || after === ':' || after === ';' || after === ',' || after === '\u0000' || offset + 1 === message.length);
}

/** A real event with its parts in the wrong order. */
function swapped(r: Random, at: number, mx: string, pid: number): string {
  const [program, message] = r.pick(REAL);
  const line = fill(message, r.int(0, CLIENTS.length - 1), r.int(0, 30));
  switch (r.int(0, 4)) {
    case 0: {
      const fields = line.split(', ');
      for (let k = fields.length - 1; k > 0; k--) {
        const j = r.int(0, k);
        [fields[k], fields[j]] = [fields[j]!, fields[k]!];
      }
      return bsd(at, mx, `${program}[${pid}]`, fields.join(', '));
    }
    case 1:
      return `${bsdStamp(at)} ${program}[${pid}] ${mx}: ${line}`;
    case 2:
      return `${mx} ${bsdStamp(at)} ${program}[${pid}]: ${line}`;
    case 3:
      return bsd(at, mx, `${program}[${pid}]`, line.split(' ').reverse().join(' '));
    default: {
      const words = line.split(' ');
      const a = r.int(0, words.length - 1);
      const b = r.int(0, words.length - 1);
      [words[a], words[b]] = [words[b]!, words[a]!];
      return iso(at, mx, `${program}[${pid}]`, words.join(' '));
    }
  }
}

/** journald entries with fields of the wrong type, or none; some dated far in the past, for no sender. */
function badJournal(r: Random, at: number): string {
  const micros = String(at * 1000);
  const entries: unknown[] = [
    { __REALTIME_TIMESTAMP: at * 1000, _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/smtpd', _PID: '1', MESSAGE: 'connect from x[192.0.2.1]' },
    { __REALTIME_TIMESTAMP: micros, _HOSTNAME: 7, SYSLOG_IDENTIFIER: 'postfix/smtpd', MESSAGE: 'x' },
    { __REALTIME_TIMESTAMP: micros, _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: ['postfix/smtpd'], MESSAGE: 'x' },
    { __REALTIME_TIMESTAMP: micros, _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/smtpd', _PID: 25931, MESSAGE: `connect from ${CLIENTS[0]}` },
    { __REALTIME_TIMESTAMP: micros, _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/smtpd', _PID: '99999999999999999999', MESSAGE: `connect from ${CLIENTS[3]}` },
    { __REALTIME_TIMESTAMP: micros, _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/smtpd', MESSAGE: { text: 'x' } },
    { __REALTIME_TIMESTAMP: micros, _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/smtpd', MESSAGE: [256, -1, 1.5, '65', null] },
    { __REALTIME_TIMESTAMP: micros, _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/smtpd', MESSAGE: [0xc3, 0x28, 0xff, 0x63, 0x6f] },
    { __REALTIME_TIMESTAMP: micros, _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/smtpd', MESSAGE: null },
    { __REALTIME_TIMESTAMP: 'NaN', _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/smtpd', MESSAGE: 'x' },
    { __REALTIME_TIMESTAMP: '1e400', _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/smtpd', MESSAGE: 'x' },
    { __REALTIME_TIMESTAMP: '99999999999999999999999', _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/smtpd', MESSAGE: 'x' },
    // Valid envelopes from long ago, of no sender: they move the first time, never a sender's series.
    { __REALTIME_TIMESTAMP: '-1', _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'kernel', MESSAGE: 'x' },
    { __REALTIME_TIMESTAMP: '0', _HOSTNAME: 'mx1', SYSLOG_IDENTIFIER: 'postfix/qmgr', MESSAGE: 'garbage' },
    null,
    [],
    'string',
    42,
    { __proto__: { MESSAGE: 'x' }, constructor: 'x' },
  ];
  const entry = r.pick(entries);
  const json = JSON.stringify(entry);
  return r.chance(0.2) ? `{"__proto__":{"__REALTIME_TIMESTAMP":"${micros}"},"MESSAGE":"x"}` : r.chance(0.1) ? json.slice(0, r.int(0, json.length)) : json;
}

function bsdStamp(at: number): string {
  const wall = new Date(at + clock.offsetAt(at));
  return `${MONTHS[wall.getUTCMonth()]} ${String(wall.getUTCDate()).padStart(2, ' ')} ${wall.toISOString().slice(11, 19)}`;
}

function bsd(at: number, mx: string, tag: string, message: string): string {
  return `${bsdStamp(at)} ${mx} ${tag}: ${message}`;
}

function iso(at: number, mx: string, tag: string, message: string): string {
  const wall = new Date(at + clock.offsetAt(at)).toISOString().slice(0, 23);
  return `${wall}${String(at % 997).padStart(3, '0')}+01:00 ${mx} ${tag}: ${message}`;
}

function isoZ(at: number, mx: string, tag: string, message: string): string {
  return `${new Date(at).toISOString()} ${mx} ${tag}: ${message}`;
}

function journal(at: number, mx: string, program: string, pid: number, message: string): string {
  return JSON.stringify({ __REALTIME_TIMESTAMP: String(at * 1000), _HOSTNAME: mx, SYSLOG_IDENTIFIER: program, _PID: String(pid), MESSAGE: message });
}

/** A scratch content directory with the site's settings. */
async function newContent(work: string, name: string): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir);
  await copyFile(siteYaml, join(dir, 'site.yaml'));
  return dir;
}

let work: string;
let generated: Generated;
let plainPath: string;
let gzPath: string;
let plain: SummarizeResult;
let gz: SummarizeResult;
let plainContent: string;
/** Seconds each step of the setup took, for the report. */
const took: Record<string, number> = {};

async function timed<T>(step: string, run: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  const value = await run();
  took[step] = (performance.now() - start) / 1000;
  return value;
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'mxstatus-fuzz-'));
  generated = await timed('generate', () => generateLines(20260323));
  plainPath = join(work, 'mail.log');
  gzPath = join(work, 'mail.log.1.gz');
  await timed('write', async () => {
    const file = await open(plainPath, 'w');
    try {
      // In blocks of about 16 MB: a write per piece would be hundreds of thousands of writes.
      let block: Buffer[] = [];
      let size = 0;
      for (const piece of [...generated.pieces, null]) {
        if (piece) {
          block.push(piece);
          size += piece.length;
        }
        if (size > 1 << 24 || (piece === null && size > 0)) {
          await file.write(Buffer.concat(block, size));
          block = [];
          size = 0;
        }
      }
    } finally {
      await file.close();
    }
  });
  await timed('gzip', () => pipeline(createReadStream(plainPath), createGzip({ level: 1 }), createWriteStream(gzPath)));
  for (const path of [plainPath, gzPath]) await utimes(path, MTIME / 1000, MTIME / 1000);
  plainContent = await newContent(work, 'content-plain');
  const first = await timed('summarize plain', () => runSummarize({ contentDir: plainContent, inputs: [plainPath], nowMs: Date.now() }));
  assert.ok(first.ok, first.ok ? '' : first.problem.message);
  plain = first.value;
  const gzContent = await newContent(work, 'content-gz');
  const second = await timed('summarize .gz', () => runSummarize({ contentDir: gzContent, inputs: [gzPath], nowMs: Date.now() }));
  assert.ok(second.ok, second.ok ? '' : second.problem.message);
  gz = second.value;
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const COUNT = LINE_COUNT === 1_000_000 ? 'a million' : LINE_COUNT.toLocaleString('en');

describe(`${COUNT} hostile lines through the summarizer`, () => {
  test(`the file holds exactly ${COUNT} lines, a fair share of them with an envelope`, (t) => {
    const newlines = generated.pieces.reduce((n, piece) => {
      for (let at = piece.indexOf(10); at >= 0; at = piece.indexOf(10, at + 1)) n++;
      return n;
    }, 0);
    assert.equal(newlines, LINE_COUNT);
    assert.ok(generated.validEnvelopes > LINE_COUNT / 3, `${generated.validEnvelopes} lines with an envelope`);
    const bytes = generated.pieces.reduce((n, piece) => n + piece.length, 0);
    t.diagnostic(`${(bytes / 1e6).toFixed(0)} MB; ${Object.entries(took).map(([step, s]) => `${step} ${s.toFixed(1)} s`).join(', ')}`);
  });

  test('every line is counted, in exactly one counter', (t) => {
    const { stats } = plain;
    assert.equal(stats.lines, LINE_COUNT);
    assert.equal(stats.files.get(plainPath)?.lines, LINE_COUNT);
    let events = 0;
    for (const n of stats.eventsByKind.values()) events += n;
    assert.equal(events + stats.linesWithoutEnvelope + stats.linesOutOfTime + stats.linesOutlying + stats.held, stats.lines);
    t.diagnostic(`${events} lines with an envelope (${stats.eventsByKind.get('unrecognised') ?? 0} of them unrecognised), ${stats.linesWithoutEnvelope} without, ${stats.linesOutOfTime} dated far from their file`);
    let unrecognised = 0;
    for (const n of stats.unrecognisedByProgram.values()) unrecognised += n;
    assert.equal(unrecognised, stats.eventsByKind.get('unrecognised') ?? 0);
    // Most valid lines parse as what they are: sessions, TLS, messages.
    assert.ok(events >= generated.validEnvelopes, `${events} lines with an envelope, ${generated.validEnvelopes} written`);
    for (const kind of ['connect', 'disconnect', 'session-aborted', 'tls-established', 'tls-handshake-failed', 'queue-client', 'delivery', 'reject', 'postscreen'] as const) {
      assert.ok((stats.eventsByKind.get(kind) ?? 0) > 1000, `only ${stats.eventsByKind.get(kind) ?? 0} ${kind} events`);
    }
    assert.deepEqual(plain.problems, []);
  });

  test('the .gz gives the same counts as the plain file', () => {
    assert.equal(gz.stats.lines, LINE_COUNT);
    assert.equal(gz.stats.linesWithoutEnvelope, plain.stats.linesWithoutEnvelope);
    assert.deepEqual([...gz.stats.eventsByKind].sort(), [...plain.stats.eventsByKind].sort());
    assert.deepEqual(gz.covered, plain.covered);
    assert.deepEqual(gz.problems, []);
  });

  test('the records written are records the site accepts', async () => {
    const records = join(plainContent, 'records');
    statusRecordSchema.parse(JSON.parse(await readFile(join(records, 'status.json'), 'utf8')));
    for (const file of await readdir(join(records, 'senders'))) senderRecordSchema.parse(JSON.parse(await readFile(join(records, 'senders', file), 'utf8')));
    for (const file of await readdir(join(records, 'incidents')).catch(() => [])) incidentRecordSchema.parse(JSON.parse(await readFile(join(records, 'incidents', file), 'utf8')));
  });

  // Timing checks: `npm run bench` only (scripts/bench/timing-checks.ts).
  if (timingChecks) {
    test(`no line of up to ${SYSLOG_MAX} characters takes ${BUDGET_MS} ms to parse`, (t) => {
      const { slow, summary } = timeSample((line) => line.length <= SYSLOG_MAX);
      t.diagnostic(summary);
      assert.deepEqual(slow, []);
    });

    // Lines are cut at newlines only: a 100 KB line reaches the parsers whole, and a few shapes
    // of it (nested JSON, a journald byte array, thousands of command counts or colons, a long
    // fraction of a second) take 1–4 ms.
    test(`no line takes ${BUDGET_MS} ms to parse, ${LONG_LINES} lines of 100 KB among them`, (t) => {
      const { slow, summary } = timeSample(() => true);
      t.diagnostic(summary);
      assert.deepEqual(slow, []);
    });
  }
});

/**
 * Times parseSyslogLine + parsePostfixEvent on each sampled line that `which` picks, after a
 * warm-up, and times again (best of five) any line over the budget: a slow line may be a pause
 * of the machine (a collection, another process).
 */
function timeSample(which: (line: string) => boolean): { slow: string[]; summary: string } {
  // The lines as the reader hands them on: decoded from bytes (invalid UTF-8 as U+FFFD), CR dropped.
  const lines = generated.sample
    .map((bytes) => {
      const line = bytes.toString('utf8');
      return line.endsWith('\r') ? line.slice(0, -1) : line;
    })
    .filter(which);
  assert.ok(lines.length >= LINE_COUNT / SAMPLE_EVERY / 2, `${lines.length} sampled lines`);
  assert.ok(lines.filter((l) => l.length >= SYSLOG_MAX * 0.9).length >= LONG_LINES / 2, 'the long lines are not in the sample');
  const reader = createSyslogReader({ clock, referenceMs: MTIME });
  const parse = (line: string): void => {
    const envelope = reader.read(line);
    if (envelope?.program.startsWith('postfix')) parsePostfixEvent(envelope.program, envelope.message);
  };
  for (const line of lines) parse(line); // warm-up
  const times = new Float64Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const start = process.hrtime.bigint();
    parse(lines[i]!);
    times[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const slow: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    if (times[i]! < BUDGET_MS || seen.has(lines[i]!)) continue;
    seen.add(lines[i]!);
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 5; k++) {
      const start = process.hrtime.bigint();
      parse(lines[i]!);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    const text = `${best.toFixed(2)} ms: ${JSON.stringify(lines[i]!.slice(0, 100))}… (${lines[i]!.length} characters)`;
    if (best >= BUDGET_MS) slow.push(text);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  return { slow, summary: `${lines.length} lines: median ${us(sorted[sorted.length >> 1]!)}, 99.9 % ${us(sorted[Math.floor(sorted.length * 0.999)]!)}, slowest ${sorted.at(-1)!.toFixed(3)} ms` };
}

describe('lines dated far from their file', () => {
  /** Postfix lines of one Outlook.com session in the file's time, and one more, `yearsLater` on. */
  async function summarizeWithStrayLine(yearsLater: number): Promise<{ result: SummarizeResult; ms: number }> {
    const dir = await mkdtemp(join(work, 'stray-'));
    const client = CLIENTS[0]!;
    const stray = new Date(BASE + yearsLater * 365.25 * 86_400_000).toISOString();
    const lines = [
      isoZ(BASE, 'mx1', 'postfix/smtpd[1]', `connect from ${client}`),
      isoZ(BASE + 1000, 'mx1', 'postfix/smtpd[1]', `lost connection after STARTTLS from ${client}`),
      isoZ(BASE + 1001, 'mx1', 'postfix/smtpd[1]', `disconnect from ${client} ehlo=1 starttls=0/1 commands=1/2`),
      `${stray} mx1 postfix/smtpd[2]: connect from ${client}`,
    ];
    return summarizeLines(dir, lines);
  }

  // A line from the year 9999 took 67 s and 18 GB of memory: detection lays every series on a
  // dense 5-minute timeline from the first bucket to the last line. Here 10 years, which is cheap.
  test('a line dated years after its file was last written is not believed', async (t) => {
    const { result, ms } = await summarizeWithStrayLine(10);
    t.diagnostic(`10 years on: ${ms.toFixed(0)} ms`);
    assert.ok(result.covered.last <= MTIME + 86_400_000, `the logs are taken to end on ${new Date(result.covered.last).toISOString()}`);
  });
});

/** Writes `lines` as a log last written at MTIME into `dir` and summarizes it: the result and how long it took. */
async function summarizeLines(dir: string, lines: readonly string[]): Promise<{ result: SummarizeResult; ms: number }> {
  const path = join(dir, 'mail.log');
  await writeFile(path, `${lines.join('\n')}\n`);
  await utimes(path, MTIME / 1000, MTIME / 1000);
  const start = performance.now();
  const result = await runSummarize({ contentDir: await newContent(dir, 'content'), inputs: [path], nowMs: Date.now() });
  assert.ok(result.ok, result.ok ? '' : result.problem.message);
  return { result: result.value, ms: performance.now() - start };
}

// A timing check: `npm run bench` only (scripts/bench/timing-checks.ts).
if (timingChecks) describe('lines that jump back and forth in time', () => {
  /**
   * `open` sessions left open, then `n` pairs of recognised lines on the same host, one of each
   * pair dated `jump` ms before the rest: the time it takes to summarize them.
   */
  async function summarizeJumping(open: number, n: number, jump: number): Promise<number> {
    const dir = await mkdtemp(join(work, 'jump-'));
    const lines: string[] = [];
    for (let i = 0; i < open; i++) lines.push(isoZ(BASE + i, 'mx1', `postfix/smtpd[${100_000 + i}]`, `connect from ${CLIENTS[3]}`));
    for (let i = 0; i < n; i++) {
      lines.push(isoZ(BASE + open + i - jump, 'mx1', 'postfix/qmgr[1]', 'ABCDE12345: removed'));
      lines.push(isoZ(BASE + open + i, 'mx1', 'postfix/qmgr[1]', 'ABCDE12345: removed'));
    }
    return (await summarizeLines(dir, lines)).ms;
  }

  // SessionTracker sweeps a host's open sessions whenever a line's time is more than 10 minutes
  // away from the last sweep, backwards too: each jump costs a scan of every open session, and
  // lines that alternate make a run quadratic (40 000 open sessions and 80 000 such lines: 82 s).
  test('cost as much as lines in order', async (t) => {
    const inOrder = await summarizeJumping(5_000, 5_000, 0);
    const jumping = await summarizeJumping(5_000, 5_000, 86_400_000);
    t.diagnostic(`in order ${inOrder.toFixed(0)} ms, jumping a day back and forth ${jumping.toFixed(0)} ms`);
    // Before the fix this took minutes; the margin leaves room for a busy machine.
    assert.ok(jumping < inOrder * 10 + 2_000, `${jumping.toFixed(0)} ms against ${inOrder.toFixed(0)} ms`);
  });
});

describe('a long log set', () => {
  // detectIncidents spreads every bucket start of every series into Math.min(...) and
  // Math.max(...), which throw RangeError beyond some 120 000 arguments: 90 days of eight steady
  // senders (about 207 000 busy 5-minute buckets) are enough.
  test('ninety days of eight steady senders are summarized', async () => {
    const dir = await mkdtemp(join(work, 'long-'));
    const senders = [...CLIENTS.slice(0, 2), ...CLIENTS.slice(3, 8), 'mout01.posteo.de[185.67.36.65]'];
    const start = Date.UTC(2025, 11, 24);
    const days = 90;
    const path = join(dir, 'mail.log');
    const file = await open(path, 'w');
    try {
      for (let day = 0; day < days; day++) {
        const lines: string[] = [];
        for (let at = start + day * 86_400_000; at < start + (day + 1) * 86_400_000; at += 300_000) {
          senders.forEach((client, k) => {
            const pid = 3000 + k;
            lines.push(isoZ(at + k * 1000, 'mx1', `postfix/smtpd[${pid}]`, `connect from ${client}`), isoZ(at + k * 1000 + 500, 'mx1', `postfix/smtpd[${pid}]`, `disconnect from ${client} ehlo=1 quit=1 commands=2`));
          });
        }
        await file.write(`${lines.join('\n')}\n`);
      }
    } finally {
      await file.close();
    }
    const end = (start + days * 86_400_000) / 1000;
    await utimes(path, end, end);
    const result = await runSummarize({ contentDir: await newContent(dir, 'content'), inputs: [path], nowMs: Date.now() });
    assert.ok(result.ok, result.ok ? '' : result.problem.message);
    assert.equal(result.value.stats.lines, days * 288 * senders.length * 2);
  });
});
