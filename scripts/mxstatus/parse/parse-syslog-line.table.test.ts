import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSyslogLine, type EnvelopeContext, type SyslogEnvelope } from './parse-syslog-line.ts';
import { ZoneClock } from './zone-clock.ts';

/**
 * Syslog envelopes as real writers produce them, read in the site zone (Europe/Berlin) with the
 * file's modification time on 24 March 2026, 12:00 UTC: BSD lines take the year that puts them
 * before that instant (with a day's slack), RFC 3339 lines carry their own. Each row is read as
 * the first line of its file (parseSyslogLine): a reader of a whole file would remember the previous line.
 */
const clock = new ZoneClock('Europe/Berlin');
const referenceMs = Date.parse('2026-03-24T12:00:00Z');
const freshContext = (): EnvelopeContext => ({ clock, referenceMs });

type Row = readonly [line: string, expected: SyslogEnvelope | null];

const envelope = (utc: string, host: string, program: string, pid: number, message: string): SyslogEnvelope => ({
  time: Date.parse(utc),
  host,
  program,
  pid,
  message,
});

const connect = 'connect from mail.example.org[192.0.2.1]';

const table: Record<string, readonly Row[]> = {
  'BSD syslog (no year, no zone)': [
    ['Mar 23 17:02:35 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['Mar  3 07:00:01 mx2 postfix/smtpd[811]: disconnect from unknown[198.51.100.23]', envelope('2026-03-03T06:00:01Z', 'mx2', 'postfix/smtpd', 811, 'disconnect from unknown[198.51.100.23]')],
    ['Mar 03 07:00:01 mx2 postfix/smtpd[811]: disconnect from unknown[198.51.100.23]', envelope('2026-03-03T06:00:01Z', 'mx2', 'postfix/smtpd', 811, 'disconnect from unknown[198.51.100.23]')],
    ['Jan  1 00:00:00 mx1 postfix/qmgr[1234]: 3F2A11C0123: removed', envelope('2025-12-31T23:00:00Z', 'mx1', 'postfix/qmgr', 1234, '3F2A11C0123: removed')],
    // Later in the year than the file's time: last year's line.
    ['Dec 31 23:59:59 mx1 postfix/qmgr[1234]: 3F2A11C0123: removed', envelope('2025-12-31T22:59:59Z', 'mx1', 'postfix/qmgr', 1234, '3F2A11C0123: removed')],
    ['Jul  4 12:00:00 mail.example.net postfix/postscreen[123]: PASS OLD [192.0.2.15]:50123', envelope('2025-07-04T10:00:00Z', 'mail.example.net', 'postfix/postscreen', 123, 'PASS OLD [192.0.2.15]:50123')],
    // The day after the file's time is still this year (clocks and zones differ); two days after is not.
    ['Mar 25 23:59:59 mx2 postfix/smtpd[1]: ' + connect, envelope('2026-03-25T22:59:59Z', 'mx2', 'postfix/smtpd', 1, connect)],
    ['Mar 26 00:00:00 mx2 postfix/smtpd[1]: ' + connect, envelope('2025-03-25T23:00:00Z', 'mx2', 'postfix/smtpd', 1, connect)],
    // 2025-10-26 02:30 happened twice in Berlin: the first one (summer time) is taken.
    ['Oct 26 02:30:00 mx2 postfix/smtpd[1]: ' + connect, envelope('2025-10-26T00:30:00Z', 'mx2', 'postfix/smtpd', 1, connect)],
    // 2025-03-30 02:30 never happened in Berlin: mapped forward to 03:30 summer time.
    ['Mar 30 02:30:00 mx2 postfix/smtpd[1]: ' + connect, envelope('2025-03-30T01:30:00Z', 'mx2', 'postfix/smtpd', 1, connect)],
  ],

  // Issue 18: shapes real installations write, read as nothing before.
  'as Solaris, unpadded days, odd blanks and containers write them': [
    // Solaris syslog: a message id before every message.
    ['Mar 23 17:02:35 mx2 postfix/smtpd[123]: [ID 197553 mail.info] ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 123, connect)],
    ['Mar 23 17:02:35 mx2 postfix/qmgr[99]: [ID 197553 mail.info] 3F2A11C0123: removed', envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/qmgr', 99, '3F2A11C0123: removed')],
    // A day without padding.
    ['Mar 7 02:09:33 mx2 postfix/smtpd[811]: ' + connect, envelope('2026-03-07T01:09:33Z', 'mx2', 'postfix/smtpd', 811, connect)],
    // No blank after the tag, or two.
    ['Mar 23 17:02:35 mx2 postfix/cleanup[13164]:0A84FD94C4: message-id=<x@example.org>', envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/cleanup', 13164, '0A84FD94C4: message-id=<x@example.org>')],
    ['Mar 23 17:02:35 mx2 postfix/smtpd[1]:  ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 1, connect)],
    // docker-postfix: a level column and no host.
    ['2023-11-30T15:34:29.638599+01:00 INFO    postfix/smtpd[422]: ' + connect, envelope('2023-11-30T14:34:29.638Z', 'localhost', 'postfix/smtpd', 422, connect)],
    ['2023-11-30T15:34:29.638599+01:00 WARN    postfix/smtpd[422]: warning: hostname x does not resolve', envelope('2023-11-30T14:34:29.638Z', 'localhost', 'postfix/smtpd', 422, 'warning: hostname x does not resolve')],
    // A host named like a level is still a host when one blank follows.
    ['Mar 23 17:02:35 INFO postfix/smtpd[1]: ' + connect, envelope('2026-03-23T16:02:35Z', 'INFO', 'postfix/smtpd', 1, connect)],
    // Not a Solaris id: the message as it is.
    ['Mar 23 17:02:35 mx2 postfix/smtpd[1]: [ID abc] x', envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 1, '[ID abc] x')],
  ],

  'RFC 3339 and zone-less ISO': [
    ['2026-03-23T17:02:35.123456+01:00 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35.123Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['2026-03-23T17:02:35+01:00 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['2026-03-23T16:02:35.123Z mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35.123Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['2026-03-23T16:02:35Z mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['2026-03-23T16:02:35.000000+00:00 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    // Fractions are cut to milliseconds, not rounded.
    ['2026-03-23T11:02:35.000999-05:00 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35.000Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    // Older journalctl -o short-iso writes the offset without a colon.
    ['2026-03-23T17:02:35+0100 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['2026-03-23T21:32:35.5+05:30 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35.500Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['2026-07-01T12:00:00.654321+02:00 mail.example.net postfix/qmgr[1]: 3F2A11C0123: removed', envelope('2026-07-01T10:00:00.654Z', 'mail.example.net', 'postfix/qmgr', 1, '3F2A11C0123: removed')],
    ['2025-12-31T23:59:59.999+01:00 mx1 postfix/qmgr[1]: 3F2A11C0123: removed', envelope('2025-12-31T22:59:59.999Z', 'mx1', 'postfix/qmgr', 1, '3F2A11C0123: removed')],
    // A timestamp with its own year is taken as written, even after the file's time.
    ['2026-06-01T00:00:00Z mx1 postfix/qmgr[1]: 3F2A11C0123: removed', envelope('2026-06-01T00:00:00Z', 'mx1', 'postfix/qmgr', 1, '3F2A11C0123: removed')],
    // No zone: the server's local time.
    ['2026-03-23T17:02:35 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['2026-03-23 17:02:35 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['2026-03-23 17:02:35.250 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35.250Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['2026-07-01 12:00:00 mx2 postfix/smtpd[1]: ' + connect, envelope('2026-07-01T10:00:00Z', 'mx2', 'postfix/smtpd', 1, connect)],
    ['2026-10-25 02:30:00 mx2 postfix/smtpd[1]: ' + connect, envelope('2026-10-25T00:30:00Z', 'mx2', 'postfix/smtpd', 1, connect)],
  ],

  'hosts and programs': [
    ['Mar 23 17:02:35 mx-2.mail.example.net postfix-in/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35Z', 'mx-2.mail.example.net', 'postfix-in/smtpd', 25931, connect)],
    ['Mar 23 17:02:35 mx2 postfix/submission/smtpd[4242]: ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/submission/smtpd', 4242, connect)],
    ['2026-03-23T17:02:35.123456+01:00 mx2 postfix/smtps/smtpd[4243]: ' + connect, envelope('2026-03-23T16:02:35.123Z', 'mx2', 'postfix/smtps/smtpd', 4243, connect)],
    ['Mar 23 17:02:35 192.0.2.25 postfix/smtpd[1]: ' + connect, envelope('2026-03-23T16:02:35Z', '192.0.2.25', 'postfix/smtpd', 1, connect)],
    // No pid.
    [
      'Mar 23 17:02:35 mx2 dovecot: imap-login: Login: user=<a@example.net>, method=PLAIN, rip=192.0.2.50',
      envelope('2026-03-23T16:02:35Z', 'mx2', 'dovecot', 0, 'imap-login: Login: user=<a@example.net>, method=PLAIN, rip=192.0.2.50'),
    ],
    ['Mar 23 17:02:35 mx2 kernel: [12345.678901] eth0: link up', envelope('2026-03-23T16:02:35Z', 'mx2', 'kernel', 0, '[12345.678901] eth0: link up')],
    // The message has "]: " of its own.
    [
      'Mar 23 17:02:35 mx2 postfix/smtpd[25931]: warning: unknown[192.0.2.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
      envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, 'warning: unknown[192.0.2.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6'),
    ],
    // Container and supervisor prefixes: CRI (Kubernetes) and docker compose.
    ['2026-03-23T16:02:35.123456789Z stdout F Mar 23 17:02:35 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['postfix-1  | Mar 23 17:02:35 mx2 postfix/smtpd[25931]: ' + connect, envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, connect)],
    ['Mar 23 17:02:35 mx2 postfix/smtpd[25931]: ', envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, '')],
  ],

  'lines cut short': [
    // The envelope is whole: the message's reader decides what a cut message means.
    ['Mar 23 17:02:35 mx2 postfix/smtpd[25931]: lost connection after ST', envelope('2026-03-23T16:02:35Z', 'mx2', 'postfix/smtpd', 25931, 'lost connection after ST')],
    ['Mar 23 17:02:35 mx2 postfix/smtpd[259', null],
    ['Mar 23 17:02:35 mx2 postfix/smt', null],
    ['Mar 23 17:02:35 mx2', null],
    ['Mar 23 17:02', null],
    ['2026-03-23T17:02:35.12', null],
    ['2026-03-23T17:02:35+01:', null],
    ['2026-03-23T17:02:35+01:00 mx2', null],
    ['2026-03-23T17:02:35+01:00 mx2 postfix/smtpd[123', null],
  ],

  'odd garbage': [
    ['', null],
    ['-- MARK --', null],
    ['Mar 23 17:02:35 mx2 -- MARK --', null],
    ['Mar 23 17:02:35 mx2 last message repeated 3 times', null],
    ['mar 23 17:02:35 mx2 postfix/smtpd[1]: ' + connect, null],
    ['Mar 23 25:02:35 mx2 postfix/smtpd[1]: ' + connect, null],
    ['Mar 32 17:02:35 mx2 postfix/smtpd[1]: ' + connect, null],
    ['Mar 00 17:02:35 mx2 postfix/smtpd[1]: ' + connect, null],
    ['Mar 23 17:02:35 mx2 postfix/smtpd[25931] ' + connect, null],
    ['Mar 23 17:02:35 mx2 postfix/smtpd[-1]: ' + connect, null],
    ['Mar 23 17:02:35 mx2 postfix/smtpd[0x1F]: ' + connect, null],
    ['2026-03-23T24:00:00Z mx2 postfix/smtpd[1]: ' + connect, null],
    ['2026-02-30T12:00:00Z mx2 postfix/smtpd[1]: ' + connect, null],
    ['2O26-03-23T17:02:35Z mx2 postfix/smtpd[1]: ' + connect, null],
    ['2026-0x-23 17:02:35 mx2 postfix/smtpd[1]: ' + connect, null],
    ['20260323T170235Z mx2 postfix/smtpd[1]: ' + connect, null],
    ['1774281755 mx2 postfix/smtpd[1]: ' + connect, null],
    ['\u0000\u0000\u0000\u0000', null],
  ],
};

describe('parseSyslogLine, table of envelopes (Europe/Berlin, file written 2026-03-24T12:00Z)', () => {
  for (const [section, rows] of Object.entries(table)) {
    describe(section, () => {
      for (const [line, expected] of rows) {
        test(JSON.stringify(line.slice(0, 100)), () => {
          assert.deepEqual(parseSyslogLine(line, freshContext()), expected);
        });
      }
    });
  }

  test('has at least 30 rows', () => {
    const count = Object.values(table).reduce((sum, rows) => sum + rows.length, 0);
    assert.ok(count >= 30, `${count} rows`);
  });
});
