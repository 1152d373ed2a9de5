import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePostfixEvent } from '../parse/parse-postfix-event.ts';
import { createSyslogReader } from '../parse/parse-syslog-line.ts';
import { ZoneClock } from '../parse/zone-clock.ts';
import type { AcceptedMessage, SmtpSession } from './smtp-session.ts';
import { SessionTracker } from './track-sessions.ts';

/** Runs log lines (BSD, March 2026, Europe/Berlin) through the tracker. */
function track(lines: string[]): { sessions: SmtpSession[]; messages: AcceptedMessage[] } {
  const sessions: SmtpSession[] = [];
  const messages: AcceptedMessage[] = [];
  const tracker = new SessionTracker({ session: (s) => sessions.push(s), message: (m) => messages.push(m) });
  const reader = createSyslogReader({ clock: new ZoneClock('Europe/Berlin'), referenceMs: Date.parse('2026-03-24T00:00:00Z') });
  for (const line of lines) {
    const envelope = reader.read(line);
    assert.ok(envelope, line);
    tracker.push(envelope, parsePostfixEvent(envelope.program, envelope.message));
  }
  tracker.flush();
  return { sessions, messages };
}

/** The same, cut in two runs after `cut` lines: the first run's state saved (through JSON) and restored by the second. */
function trackInTwoRuns(lines: string[], cut: number): { sessions: SmtpSession[]; messages: AcceptedMessage[] } {
  const reader = createSyslogReader({ clock: new ZoneClock('Europe/Berlin'), referenceMs: Date.parse('2026-03-24T00:00:00Z') });
  const sessions: SmtpSession[] = [];
  const messages: AcceptedMessage[] = [];
  const sink = { session: (s: SmtpSession) => sessions.push(s), message: (m: AcceptedMessage) => messages.push(m) };
  const push = (tracker: SessionTracker, line: string) => {
    const envelope = reader.read(line)!;
    tracker.push(envelope, parsePostfixEvent(envelope.program, envelope.message));
  };
  const first = new SessionTracker(sink);
  lines.slice(0, cut).forEach((line) => push(first, line));
  const second = new SessionTracker(sink);
  second.restore(JSON.parse(JSON.stringify(first.save())));
  lines.slice(cut).forEach((line) => push(second, line));
  second.flush();
  return { sessions, messages };
}

const OUTLOOK = 'mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]';
const GMAIL = 'mail-ed1-f41.google.com[209.85.208.41]';

describe('SessionTracker', () => {
  test('a delivered message: one accepted session, one message with our delay', () => {
    const { sessions, messages } = track([
      `Mar 23 17:00:00 mx1 postfix/smtpd[100]: connect from ${GMAIL}`,
      `Mar 23 17:00:00 mx1 postfix/smtpd[100]: Anonymous TLS connection established from ${GMAIL}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`,
      `Mar 23 17:00:01 mx1 postfix/smtpd[100]: 3F2A11C0123: client=${GMAIL}`,
      'Mar 23 17:00:01 mx1 postfix/cleanup[200]: 3F2A11C0123: message-id=<CA+x@mail.gmail.com>',
      'Mar 23 17:00:01 mx1 postfix/qmgr[300]: 3F2A11C0123: from=<a@gmail.com>, size=2000, nrcpt=1 (queue active)',
      `Mar 23 17:00:01 mx1 postfix/smtpd[100]: disconnect from ${GMAIL} ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7`,
      'Mar 23 17:00:02 mx1 postfix/lmtp[400]: 3F2A11C0123: to=<b@example.net>, relay=mailstore1.example.net[10.0.3.7]:24, delay=0.42, delays=0.31/0.01/0.02/0.08, dsn=2.0.0, status=sent (250 2.0.0 Saved)',
      'Mar 23 17:00:02 mx1 postfix/qmgr[300]: 3F2A11C0123: removed',
    ]);
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0]!.outcome, 'accepted');
    assert.deepEqual(sessions[0]!.tls, { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256 });
    assert.equal(sessions[0]!.closed, true);
    assert.equal(sessions[0]!.connectedAt, Date.parse('2026-03-23T16:00:00Z'));
    assert.deepEqual(messages.map((m) => [m.delay, m.outcome, m.client.name]), [[0.42, 'delivered', 'mail-ed1-f41.google.com']]);
  });

  test('lost after STARTTLS is a failed TLS handshake, timed by its connect', () => {
    const { sessions } = track([
      `Mar 23 17:02:30 mx2 postfix/smtpd[25931]: connect from ${OUTLOOK}`,
      `Mar 23 17:02:35 mx2 postfix/smtpd[25931]: lost connection after STARTTLS from ${OUTLOOK}`,
      `Mar 23 17:02:35 mx2 postfix/smtpd[25931]: disconnect from ${OUTLOOK} ehlo=1 starttls=1 commands=2`,
    ]);
    assert.deepEqual(sessions.map((s) => [s.outcome, s.stage, s.connectedAt]), [['tls-failed', 'STARTTLS', Date.parse('2026-03-23T16:02:30Z')]]);
  });

  test('starttls=0/1 without any other sign is a failed handshake too', () => {
    const { sessions } = track([
      `Mar 23 17:02:30 mx2 postfix/smtpd[1]: connect from ${OUTLOOK}`,
      `Mar 23 17:02:31 mx2 postfix/smtpd[1]: SSL_accept error from ${OUTLOOK}: -1`,
      `Mar 23 17:02:31 mx2 postfix/smtpd[1]: disconnect from ${OUTLOOK} ehlo=1 starttls=0/1 commands=1/2`,
      `Mar 23 17:03:30 mx2 postfix/smtpd[2]: connect from ${OUTLOOK}`,
      `Mar 23 17:03:31 mx2 postfix/smtpd[2]: disconnect from ${OUTLOOK} ehlo=1 starttls=0/1 commands=1/2`,
    ]);
    assert.deepEqual(sessions.map((s) => s.outcome), ['tls-failed', 'tls-failed']);
  });

  describe("postscreen's TLS proxy (issue 18)", () => {
    // postscreen hands a client that says STARTTLS during its tests to tlsproxy, which names it by
    // [IP]:PORT only, and logs a failed handshake's OpenSSL warning right before its DISCONNECT.
    const PROBLEM = 'warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:../ssl/statem/statem_srvr.c:1657:';

    test('a handshake that failed (its warning right before its DISCONNECT) is a failed TLS session of the address; a good one is no session', () => {
      const { sessions } = track([
        'Mar 23 17:02:30 mx2 postfix/postscreen[50]: CONNECT from [40.107.22.71]:51234 to [192.0.2.25]:25',
        'Mar 23 17:02:31 mx2 postfix/tlsproxy[60]: CONNECT from [40.107.22.71]:51234',
        'Mar 23 17:02:31 mx2 postfix/tlsproxy[60]: CONNECT from [40.107.22.72]:40000',
        'Mar 23 17:02:31 mx2 postfix/tlsproxy[60]: Anonymous TLS connection established from [40.107.22.72]:40000: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)',
        `Mar 23 17:02:32 mx2 postfix/tlsproxy[60]: ${PROBLEM}`,
        'Mar 23 17:02:32 mx2 postfix/tlsproxy[60]: DISCONNECT [40.107.22.71]:51234',
        'Mar 23 17:02:32 mx2 postfix/postscreen[50]: DISCONNECT [40.107.22.71]:51234',
        'Mar 23 17:02:40 mx2 postfix/tlsproxy[60]: DISCONNECT [40.107.22.72]:40000',
      ]);
      assert.deepEqual(
        sessions.map((s) => [s.client, s.outcome, s.service, s.connectedAt, s.closed, s.tls, s.messages]),
        [[{ name: 'unknown', ip: '40.107.22.71' }, 'tls-failed', 'smtp', Date.parse('2026-03-23T16:02:31Z'), true, null, 0]],
      );
    });

    test('at tlsproxy_tls_loglevel = 0 a good handshake logs only CONNECT and DISCONNECT: nothing is counted', () => {
      const { sessions } = track([
        'Mar 23 17:00:00 mx1 postfix/tlsproxy[60]: CONNECT from [40.107.22.71]:51234',
        'Mar 23 17:00:02 mx1 postfix/tlsproxy[60]: DISCONNECT [40.107.22.71]:51234',
        'Mar 23 17:00:03 mx1 postfix/tlsproxy[60]: CONNECT from [40.107.22.72]:51235',
      ]);
      assert.deepEqual(sessions, []);
    });

    test('a warning belongs to the next line of its process only: another host, another process or a line between does not take it', () => {
      const { sessions } = track([
        'Mar 23 17:00:00 mx1 postfix/tlsproxy[60]: CONNECT from [40.107.22.71]:51234',
        'Mar 23 17:00:00 mx1 postfix/tlsproxy[60]: CONNECT from [40.107.22.72]:51234',
        'Mar 23 17:00:00 mx2 postfix/tlsproxy[60]: CONNECT from [40.107.22.73]:51234',
        'Mar 23 17:00:00 mx1 postfix/tlsproxy[61]: CONNECT from [40.107.22.74]:51234',
        `Mar 23 17:00:01 mx1 postfix/tlsproxy[60]: ${PROBLEM}`,
        'Mar 23 17:00:01 mx1 postfix/tlsproxy[60]: CONNECT from [40.107.22.75]:51234',
        'Mar 23 17:00:01 mx1 postfix/tlsproxy[60]: DISCONNECT [40.107.22.71]:51234',
        `Mar 23 17:00:02 mx1 postfix/tlsproxy[60]: ${PROBLEM}`,
        'Mar 23 17:00:02 mx2 postfix/tlsproxy[60]: DISCONNECT [40.107.22.73]:51234',
        'Mar 23 17:00:02 mx1 postfix/tlsproxy[61]: DISCONNECT [40.107.22.74]:51234',
        'Mar 23 17:00:02 mx1 postfix/tlsproxy[60]: DISCONNECT [40.107.22.72]:51234',
        `Mar 23 17:00:03 mx1 postfix/smtpd[60]: connect from ${OUTLOOK}`,
        `Mar 23 17:00:03 mx1 postfix/tlsproxy[60]: ${PROBLEM}`,
        `Mar 23 17:00:04 mx1 postfix/smtpd[60]: disconnect from ${OUTLOOK} ehlo=1 quit=1 commands=2`,
        'Mar 23 17:00:04 mx1 postfix/tlsproxy[60]: DISCONNECT [40.107.22.75]:51234',
      ]);
      assert.deepEqual(
        sessions.map((s) => [s.host, s.client.ip, s.outcome]),
        [
          ['mx1', '40.107.22.72', 'tls-failed'],
          ['mx1', '40.107.22.71', 'no-mail'], // smtpd's session, by its own pid
          ['mx1', '40.107.22.75', 'tls-failed'],
        ],
      );
    });

    test('a reason a good handshake may end in too counts only where the proxy logs its good handshakes, and never after one', () => {
      const EOF = 'warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:317:';
      const lines = (host: string, port: number, established: boolean, warnings: string[]) => [
        `Mar 23 17:00:00 ${host} postfix/tlsproxy[60]: CONNECT from [40.107.22.${port}]:4000`,
        ...(established ? [`Mar 23 17:00:00 ${host} postfix/tlsproxy[60]: Anonymous TLS connection established from [40.107.22.${port}]:4000: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`] : []),
        ...warnings.map((w) => `Mar 23 17:00:01 ${host} postfix/tlsproxy[60]: ${w}`),
        `Mar 23 17:00:01 ${host} postfix/tlsproxy[60]: DISCONNECT [40.107.22.${port}]:4000`,
      ];
      const { sessions } = track([
        ...lines('mx1', 1, false, [EOF]), // level 0 so far: after a good handshake or in one, nobody can tell
        ...lines('mx1', 2, false, [EOF, PROBLEM]), // several errors of one failure: a handshake reason among them
        ...lines('mx1', 3, true, [EOF]), // the proxy logs good handshakes now: this one had one
        ...lines('mx1', 4, false, [EOF]), // …and this one had none: failed
        ...lines('mx2', 5, false, [EOF]), // mx2's proxy has logged no good handshake
      ]);
      assert.deepEqual(sessions.map((s) => [s.host, s.client.ip, s.outcome]), [['mx1', '40.107.22.2', 'tls-failed'], ['mx1', '40.107.22.4', 'tls-failed']]);
    });

    test('a warning more than two seconds before a DISCONNECT is not its', () => {
      const { sessions } = track([
        'Mar 23 17:00:00 mx1 postfix/tlsproxy[60]: CONNECT from [40.107.22.71]:51234',
        `Mar 23 17:00:01 mx1 postfix/tlsproxy[60]: ${PROBLEM}`,
        'Mar 23 17:09:30 mx1 postfix/tlsproxy[60]: DISCONNECT [40.107.22.71]:51234',
      ]);
      assert.deepEqual(sessions, []);
    });

    test('a failure whose warning and DISCONNECT fall into two runs ends as in one run, and so does an open connection', () => {
      const lines = [
        'Mar 23 17:00:00 mx1 postfix/tlsproxy[60]: CONNECT from [40.107.22.71]:51234',
        `Mar 23 17:00:01 mx1 postfix/tlsproxy[60]: ${PROBLEM}`,
        'Mar 23 17:00:01 mx1 postfix/tlsproxy[60]: DISCONNECT [40.107.22.71]:51234',
      ];
      const whole = track(lines).sessions;
      assert.deepEqual(whole.map((s) => s.outcome), ['tls-failed']);
      for (const cut of [1, 2]) assert.deepEqual(trackInTwoRuns(lines, cut).sessions, whole, `cut after ${cut}`);
    });

    test('proxied connections never disconnected are bounded like sessions, and counted as given up', () => {
      const sessions: SmtpSession[] = [];
      const tracker = new SessionTracker({ session: (s) => sessions.push(s), message: () => {} }, { sessions: 5 });
      const reader = createSyslogReader({ clock: new ZoneClock('Europe/Berlin'), referenceMs: Date.parse('2026-03-24T00:00:00Z') });
      for (let i = 0; i < 12; i++) {
        const envelope = reader.read(`Mar 23 17:00:${String(i).padStart(2, '0')} mx1 postfix/tlsproxy[60]: CONNECT from [40.107.22.71]:${40000 + i}`)!;
        tracker.push(envelope, parsePostfixEvent(envelope.program, envelope.message));
      }
      assert.deepEqual([tracker.save().sessions.length, tracker.givenUp.sessions, sessions.length], [5, 7, 0]);
    });
  });

  test('a timeout after DATA and a lost connection after RCPT keep their stage', () => {
    const { sessions } = track([
      `Mar 23 17:00:00 mx1 postfix/smtpd[1]: connect from ${GMAIL}`,
      `Mar 23 17:05:00 mx1 postfix/smtpd[1]: timeout after DATA (1234 bytes) from ${GMAIL}`,
      `Mar 23 17:05:00 mx1 postfix/smtpd[1]: disconnect from ${GMAIL} ehlo=2 starttls=1 mail=1 rcpt=1 data=0/1 commands=5/6`,
      `Mar 23 17:06:00 mx1 postfix/smtpd[1]: connect from ${GMAIL}`,
      `Mar 23 17:06:01 mx1 postfix/smtpd[1]: lost connection after RCPT from ${GMAIL}`,
      `Mar 23 17:06:01 mx1 postfix/smtpd[1]: disconnect from ${GMAIL} ehlo=2 starttls=1 mail=1 rcpt=1 commands=5`,
    ]);
    assert.deepEqual(sessions.map((s) => [s.outcome, s.stage]), [['timeout', 'DATA'], ['lost', 'RCPT']]);
  });

  test('a NOQUEUE reject or too many errors is a rejected session', () => {
    const { sessions } = track([
      'Mar 23 17:00:00 mx1 postfix/smtpd[1]: connect from unknown[198.51.100.23]',
      'Mar 23 17:00:01 mx1 postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[198.51.100.23]: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [198.51.100.23]; from=<x@example.org> to=<y@example.net> proto=ESMTP helo=<x>',
      'Mar 23 17:00:01 mx1 postfix/smtpd[1]: disconnect from unknown[198.51.100.23] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4',
      'Mar 23 17:01:00 mx1 postfix/smtpd[1]: connect from unknown[198.51.100.24]',
      'Mar 23 17:01:01 mx1 postfix/smtpd[1]: too many errors after RCPT from unknown[198.51.100.24]',
      'Mar 23 17:01:01 mx1 postfix/smtpd[1]: disconnect from unknown[198.51.100.24] ehlo=1 mail=1 rcpt=0/20 commands=2/22',
    ]);
    assert.deepEqual(sessions.map((s) => s.outcome), ['rejected', 'rejected']);
  });

  test('a bot failing SASL is marked, and our users on submission are authenticated', () => {
    const { sessions } = track([
      'Mar 23 17:00:00 mx1 postfix/smtpd[1]: connect from unknown[203.0.113.9]',
      'Mar 23 17:00:02 mx1 postfix/smtpd[1]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
      'Mar 23 17:00:02 mx1 postfix/smtpd[1]: lost connection after AUTH from unknown[203.0.113.9]',
      'Mar 23 17:00:02 mx1 postfix/smtpd[1]: disconnect from unknown[203.0.113.9] ehlo=1 auth=0/1 commands=1/2',
      'Mar 23 17:01:00 mx1 postfix/submission/smtpd[2]: connect from p5b0c1234.dip0.t-ipconnect.de[203.0.113.10]',
      'Mar 23 17:01:01 mx1 postfix/submission/smtpd[2]: 4Xk2Jd0Fh3z9rx7: client=p5b0c1234.dip0.t-ipconnect.de[203.0.113.10], sasl_method=PLAIN, sasl_username=someone@example.net',
      'Mar 23 17:01:02 mx1 postfix/submission/smtpd[2]: disconnect from p5b0c1234.dip0.t-ipconnect.de[203.0.113.10] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8',
    ]);
    assert.deepEqual(sessions.map((s) => [s.service, s.outcome, s.authFailed, s.authenticated]), [
      ['smtp', 'lost', true, false],
      ['submission', 'accepted', false, true],
    ]);
  });

  test('a user who logged in on port 25 and lost the session before a message is authenticated: never counted as a sender', () => {
    // The address lies in a Microsoft range: counted, it would be published as a Microsoft server.
    const { sessions } = track([
      'Mar 23 17:00:00 mx1 postfix/smtpd[3]: connect from unknown[40.107.99.77]',
      'Mar 23 17:00:02 mx1 postfix/smtpd[3]: lost connection after MAIL from unknown[40.107.99.77]',
      'Mar 23 17:00:02 mx1 postfix/smtpd[3]: disconnect from unknown[40.107.99.77] ehlo=1 starttls=1 auth=1 mail=0/1 commands=3/4',
    ]);
    assert.deepEqual(sessions.map((s) => [s.service, s.outcome, s.authenticated]), [['smtp', 'lost', true]]);
  });

  describe('edge cases', () => {
    test('a pid reused without a disconnect closes the earlier session as not closed', () => {
      const { sessions } = track([
        `Mar 23 17:00:00 mx1 postfix/smtpd[7]: connect from ${GMAIL}`,
        'Mar 23 17:09:00 mx1 postfix/smtpd[7]: connect from unknown[198.51.100.1]',
        'Mar 23 17:09:01 mx1 postfix/smtpd[7]: disconnect from unknown[198.51.100.1] commands=0',
      ]);
      assert.deepEqual(sessions.map((s) => [s.client.name, s.closed]), [['mail-ed1-f41.google.com', false], ['unknown', true]]);
    });

    test('the same pid on two MX hosts is two sessions', () => {
      const { sessions } = track([
        `Mar 23 17:00:00 mx1 postfix/smtpd[7]: connect from ${GMAIL}`,
        `Mar 23 17:00:00 mx2 postfix/smtpd[7]: connect from ${OUTLOOK}`,
        `Mar 23 17:00:01 mx2 postfix/smtpd[7]: disconnect from ${OUTLOOK} ehlo=1 quit=1 commands=2`,
        `Mar 23 17:00:01 mx1 postfix/smtpd[7]: disconnect from ${GMAIL} ehlo=1 quit=1 commands=2`,
      ]);
      assert.deepEqual(sessions.map((s) => [s.host, s.closed, s.outcome]), [['mx2', true, 'no-mail'], ['mx1', true, 'no-mail']]);
    });

    test('a session that never disconnects is closed after an hour, not kept forever', () => {
      const { sessions } = track([
        `Mar 23 17:00:00 mx1 postfix/smtpd[7]: connect from ${GMAIL}`,
        'Mar 23 19:00:00 mx1 postfix/smtpd[8]: connect from unknown[198.51.100.1]',
        'Mar 23 19:00:01 mx1 postfix/smtpd[8]: disconnect from unknown[198.51.100.1] commands=0',
      ]);
      assert.deepEqual(sessions.map((s) => [s.pid, s.closed]), [[7, false], [8, true]]);
    });

    test('a queue id used again after removed is a new message', () => {
      const { messages } = track([
        `Mar 23 17:00:00 mx1 postfix/smtpd[1]: 3F2A11C0123: client=${GMAIL}`,
        'Mar 23 17:00:01 mx1 postfix/lmtp[2]: 3F2A11C0123: to=<b@example.net>, relay=mailstore1.example.net[10.0.3.7]:24, delay=1, delays=0.5/0/0/0.5, dsn=2.0.0, status=sent (250 Saved)',
        'Mar 23 17:00:01 mx1 postfix/qmgr[3]: 3F2A11C0123: removed',
        `Mar 23 18:00:00 mx1 postfix/smtpd[1]: 3F2A11C0123: client=${OUTLOOK}`,
        'Mar 23 18:00:03 mx1 postfix/lmtp[2]: 3F2A11C0123: to=<c@example.net>, relay=mailstore1.example.net[10.0.3.7]:24, delay=3, delays=0.5/0/0/2.5, dsn=2.0.0, status=sent (250 Saved)',
        'Mar 23 18:00:03 mx1 postfix/qmgr[3]: 3F2A11C0123: removed',
      ]);
      assert.deepEqual(messages.map((m) => [m.client.ip, m.delay]), [['209.85.208.41', 1], ['40.107.22.71', 3]]);
    });

    test('a message re-injected by a content filter counts once, from its first acceptance', () => {
      const { messages } = track([
        `Mar 23 17:00:00 mx1 postfix/smtpd[1]: 9B1C2D3E4F: client=${OUTLOOK}`,
        'Mar 23 17:00:02 mx1 postfix/smtp[5]: 9B1C2D3E4F: to=<b@example.net>, relay=127.0.0.1[127.0.0.1]:10024, delay=2, delays=0.1/0/0/1.9, dsn=2.0.0, status=sent (250 2.0.0 Ok, id=123, queued as 3F2A11C0123)',
        'Mar 23 17:00:02 mx1 postfix/smtpd[6]: 3F2A11C0123: client=localhost[127.0.0.1], orig_queue_id=9B1C2D3E4F, orig_client=mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]',
        'Mar 23 17:00:02 mx1 postfix/qmgr[3]: 9B1C2D3E4F: removed',
        'Mar 23 17:00:03 mx1 postfix/lmtp[2]: 3F2A11C0123: to=<b@example.net>, relay=mailstore1.example.net[10.0.3.7]:24, delay=0.5, delays=0.1/0/0/0.4, dsn=2.0.0, status=sent (250 Saved)',
        'Mar 23 17:00:03 mx1 postfix/qmgr[3]: 3F2A11C0123: removed',
      ]);
      assert.equal(messages.length, 1);
      assert.deepEqual([messages[0]!.client.name, messages[0]!.service, messages[0]!.delay, messages[0]!.acceptedAt], [
        'mail-am6eur05on2071.outbound.protection.outlook.com',
        'smtp',
        2.5,
        Date.parse('2026-03-23T16:00:00Z'),
      ]);
    });

    test('a re-injection logged after the original was removed takes its acceptance within ten minutes, not later', () => {
      const reinjected = (minutes: number) =>
        track([
          `Mar 23 17:00:00 mx1 postfix/smtpd[1]: 9B1C2D3E4F: client=${OUTLOOK}`,
          'Mar 23 17:00:02 mx1 postfix/qmgr[3]: 9B1C2D3E4F: removed',
          `Mar 23 17:${String(minutes).padStart(2, '0')}:02 mx1 postfix/smtpd[6]: 3F2A11C0123: client=localhost[127.0.0.1], orig_queue_id=9B1C2D3E4F, orig_client=${GMAIL}`,
          `Mar 23 17:${String(minutes).padStart(2, '0')}:03 mx1 postfix/qmgr[3]: 3F2A11C0123: removed`,
        ]).messages.map((m) => [m.client.ip, m.acceptedAt]);
      const first = Date.parse('2026-03-23T16:00:00Z');
      // The original is reported at its removal; the re-injection goes on from it, or, later, from its own line.
      assert.deepEqual(reinjected(9), [['40.107.22.71', first], ['40.107.22.71', first]]);
      assert.deepEqual(reinjected(11), [['40.107.22.71', first], ['209.85.208.41', first + 11 * 60_000 + 2_000]]);
    });

    test('an expired message is reported as expired', () => {
      const { messages } = track([
        `Mar 18 17:00:00 mx1 postfix/smtpd[1]: 3F2A11C0123: client=${GMAIL}`,
        'Mar 23 17:00:00 mx1 postfix/qmgr[3]: 3F2A11C0123: from=<a@gmail.com>, status=expired, returned to sender',
        'Mar 23 17:00:00 mx1 postfix/qmgr[3]: 3F2A11C0123: removed',
      ]);
      assert.deepEqual(messages.map((m) => [m.outcome, m.delay]), [['expired', null]]);
    });
  });
});

describe('SessionTracker limits', () => {
  const at = (i: number) => `Mar 23 17:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
  function run(lines: string[]) {
    const sessions: SmtpSession[] = [];
    const messages: AcceptedMessage[] = [];
    const tracker = new SessionTracker({ session: (s) => sessions.push(s), message: (m) => messages.push(m) }, { sessions: 5, messages: 10 });
    const reader = createSyslogReader({ clock: new ZoneClock('Europe/Berlin'), referenceMs: Date.parse('2026-03-24T00:00:00Z') });
    for (const line of lines) {
      const envelope = reader.read(line)!;
      tracker.push(envelope, parsePostfixEvent(envelope.program, envelope.message));
    }
    const open = tracker.save();
    return { tracker, sessions, messages, open };
  }

  test('messages never removed: the oldest are given up beyond the limit, reported without a delay, and counted', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `${at(i)} mx1 postfix/smtpd[${100 + i}]: ${(0x1000 + i).toString(16).toUpperCase()}A: client=${GMAIL}`);
    const { tracker, messages, open } = run(lines);
    // Ten at most; a tenth of the limit is given up at once.
    assert.equal(open.messages.length, 10);
    assert.deepEqual(tracker.givenUp, { sessions: 0, messages: 40 });
    assert.equal(messages.length, 40);
    assert.deepEqual([messages[0]?.acceptedAt, messages[0]?.delay], [Date.parse('2026-03-23T16:00:00Z'), null]);
    // The ten kept are the ten latest.
    assert.equal(open.messages[0]?.[0], 'mx1 1028A');
  });

  test('sessions never closed: the oldest are cut off beyond the limit, and counted', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `${at(i)} mx1 postfix/smtpd[${100 + i}]: connect from ${GMAIL}`);
    const { tracker, sessions, open } = run(lines);
    assert.deepEqual([open.sessions.length, tracker.givenUp.sessions, sessions.length], [5, 7, 7]);
    assert.ok(sessions.every((s) => !s.closed && s.pid < 107));
    assert.deepEqual(open.sessions.map(([key]) => key), ['mx1 107', 'mx1 108', 'mx1 109', 'mx1 110', 'mx1 111']);
  });
});

describe('SessionTracker.save and restore', () => {
  test('a session and a message open across two runs end as in one run', () => {
    const lines = [
      `Mar 23 17:00:00 mx1 postfix/smtpd[100]: connect from ${GMAIL}`,
      `Mar 23 17:00:01 mx1 postfix/smtpd[100]: 3F2A11C0123: client=${GMAIL}`,
      `Mar 23 17:00:01 mx2 postfix/smtpd[7]: connect from ${OUTLOOK}`,
      // — the first run ends here —
      `Mar 23 17:00:02 mx2 postfix/smtpd[7]: disconnect from ${OUTLOOK} ehlo=1 starttls=0/1 commands=1/2`,
      `Mar 23 17:00:02 mx1 postfix/smtpd[100]: disconnect from ${GMAIL} ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7`,
      'Mar 23 17:00:03 mx1 postfix/lmtp[400]: 3F2A11C0123: to=<b@example.net>, relay=mailstore1.example.net[10.0.3.7]:24, delay=2.1, delays=0.31/0.01/0.02/0.08, dsn=2.0.0, status=sent (250 2.0.0 Saved)',
      'Mar 23 17:00:03 mx1 postfix/qmgr[300]: 3F2A11C0123: removed',
    ];
    const whole = track(lines);
    const { sessions, messages } = trackInTwoRuns(lines, 3);
    assert.deepEqual(sessions, whole.sessions);
    assert.deepEqual(messages, whole.messages);
    assert.deepEqual(sessions.map((s) => s.outcome).sort(), ['accepted', 'tls-failed']);
  });
});
