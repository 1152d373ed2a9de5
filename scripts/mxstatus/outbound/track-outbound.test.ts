import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createReceiverClassifier } from '../../../src/core/senders/classify-receiver.ts';
import { ownHostMatcher } from '../../../src/core/senders/classify-sender.ts';
import { builtInSenderRules } from '../../../src/core/senders/sender-catalog.ts';
import { parsePostfixEvent } from '../parse/parse-postfix-event.ts';
import { createSyslogReader } from '../parse/parse-syslog-line.ts';
import { ZoneClock } from '../parse/zone-clock.ts';
import { ReceiverSeries } from './receiver-series.ts';
import { summarizeOutboundIncident } from './summarize-outbound-incident.ts';
import { OutboundTracker, type OutboundAttempt, type OutboundState } from './track-outbound.ts';

const receiverOf = createReceiverClassifier(builtInSenderRules);
const MS = 'hotmail-com.olc.protection.outlook.com[52.101.68.12]:25';
const S775 = '451 4.7.650 The mail server [203.0.113.5] has been temporarily rate limited due to IP reputation. (S775) (in reply to MAIL FROM command)';

/** Our outbound relay `out1`'s lines (BSD, March 2026, Europe/Berlin) through parser and tracker, optionally in two runs. */
function track(lines: readonly string[], options: { cut?: number; messages?: number } = {}): { attempts: OutboundAttempt[]; state: OutboundState } {
  const attempts: OutboundAttempt[] = [];
  const reader = createSyslogReader({ clock: new ZoneClock('Europe/Berlin'), referenceMs: Date.parse('2026-03-24T00:00:00Z') });
  const make = () => new OutboundTracker({ attempt: (a) => attempts.push(a) }, receiverOf, ownHostMatcher(['example.net']), { messages: options.messages });
  let tracker = make();
  lines.forEach((line, i) => {
    if (i === options.cut) {
      const saved = JSON.parse(JSON.stringify(tracker.save())) as OutboundState;
      tracker = make();
      tracker.restore(saved);
    }
    const envelope = reader.read(line)!;
    assert.ok(envelope, line);
    tracker.push(envelope, parsePostfixEvent(envelope.program, envelope.message));
  });
  return { attempts, state: tracker.save() };
}

const line = (time: string, program: string, pid: number, message: string) => `Mar 23 ${time} out1 ${program}[${pid}]: ${message}`;
const delivery = (time: string, pid: number, qid: string, to: string, relay: string, delay: number, dsn: string, status: string) =>
  line(time, 'postfix/smtp', pid, `${qid}: to=<${to}>, relay=${relay}, delay=${delay}, delays=0.1/${delay - 1}/0.5/0.4, dsn=${dsn}, status=${status}`);

const THROTTLED = [
  delivery('16:00:00', 100, '3F2A11C0123', 'bob@hotmail.com', MS, 2, '4.7.650', `deferred (host ${MS.slice(0, -3)} said: ${S775})`),
  delivery('16:10:00', 101, '3F2A11C0123', 'bob@hotmail.com', MS, 602, '4.7.650', `deferred (host ${MS.slice(0, -3)} said: ${S775})`),
  line('16:30:00', 'postfix/smtp', 102, `Anonymous TLS connection established to ${MS}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`),
  delivery('16:30:01', 102, '3F2A11C0123', 'bob@hotmail.com', MS, 1803, '2.0.0', 'sent (250 2.0.0 OK <x@example.net> [Hostname=AM0PR01MB1234.eurprd01.prod.exchangelabs.com])'),
  line('16:30:01', 'postfix/qmgr', 300, '3F2A11C0123: removed'),
];

describe('OutboundTracker', () => {
  test('a message throttled twice by Microsoft, then sent with TLS: three attempts, the last with the whole delay', () => {
    const { attempts, state } = track(THROTTLED);
    assert.deepEqual(
      attempts.map((a) => [a.receiver?.id, a.status, a.problemClass, a.delaySeconds, a.tls]),
      [
        ['microsoft', 'deferred', 'rate-limit', 2, false],
        ['microsoft', 'deferred', 'rate-limit', 602, false],
        ['microsoft', 'sent', null, 1803, true],
      ],
    );
    assert.equal(attempts[0]!.problem?.kind === 'reply' && attempts[0]!.problem.reply.text.includes('[IP]'), true);
    assert.deepEqual(state.receivers, []);
  });

  test('TLS counts only for the next delivery of the same client process to the same relay', () => {
    const { attempts } = track([
      line('16:00:00', 'postfix/smtp', 100, 'Trusted TLS connection established to gmail-smtp-in.l.google.com[142.250.102.27]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)'),
      delivery('16:00:01', 101, 'A1B2C3D4E5', 'ann@gmail.com', 'gmail-smtp-in.l.google.com[142.250.102.27]:25', 1, '2.0.0', 'sent (250 2.0.0 OK)'),
      delivery('16:00:02', 100, 'A1B2C3D4E6', 'ann@gmail.com', 'alt1.gmail-smtp-in.l.google.com[142.250.153.27]:25', 1, '2.0.0', 'sent (250 2.0.0 OK)'),
    ]);
    assert.deepEqual(attempts.map((a) => [a.receiver?.id, a.tls]), [['google', false], ['google', false]]);
  });

  test('a bounce, an unknown receiver, and what is not outbound at all', () => {
    const { attempts } = track([
      delivery('16:00:00', 100, 'A1B2C3D4E5', 'gone@gmail.com', 'gmail-smtp-in.l.google.com[142.250.102.27]:25', 1, '5.1.1', 'bounced (host gmail-smtp-in.l.google.com[142.250.102.27] said: 550-5.1.1 The email account that you tried to reach does not exist. (in reply to RCPT TO command))'),
      delivery('16:00:01', 100, 'A1B2C3D4E6', 'ann@example.org', 'mx.example.org[203.0.113.9]:25', 1, '2.0.0', 'sent (250 OK)'),
      // A content filter, a relay on a private address, and one of our own hosts.
      delivery('16:00:02', 101, 'A1B2C3D4E7', 'ann@gmail.com', '127.0.0.1[127.0.0.1]:10024', 1, '2.0.0', 'sent (250 2.0.0 Ok: queued as 9B1C2D3E4F)'),
      delivery('16:00:03', 101, 'A1B2C3D4E8', 'ann@gmail.com', 'smarthost.internal[10.0.3.9]:25', 1, '2.0.0', 'sent (250 Ok)'),
      delivery('16:00:04', 101, 'A1B2C3D4E9', 'ann@example.net', 'mx2.example.net[198.51.100.2]:25', 1, '2.0.0', 'sent (250 Ok)'),
      // An inbound message's final hop, by LMTP: not outbound.
      line('16:00:05', 'postfix/lmtp', 102, 'A1B2C3D4EA: to=<ann@example.net>, relay=mailstore1.example.net[10.0.3.7]:24, delay=0.4, delays=0.3/0/0/0.1, dsn=2.0.0, status=sent (250 2.0.0 Saved)'),
    ]);
    assert.deepEqual(attempts.map((a) => [a.receiver?.id ?? null, a.status, a.problemClass]), [['google', 'bounced', 'recipient'], [null, 'sent', null]]);
  });

  test('a message that expires after deferrals counts for its last receiver, also when the deferral was in an earlier run', () => {
    const lines = [
      delivery('16:00:00', 100, 'B1C2D3E4F5', 'ann@yahoo.com', 'mta7.am0.yahoodns.net[67.195.204.72]:25', 2, '4.7.0', 'deferred (host mta7.am0.yahoodns.net[67.195.204.72] said: 421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints (in reply to MAIL FROM command))'),
      line('16:00:00', 'postfix/qmgr', 300, 'C1D2E3F4A5: from=<x@example.net>, status=expired, returned to sender'),
      line('17:00:00', 'postfix/qmgr', 300, 'B1C2D3E4F5: from=<x@example.net>, status=expired, returned to sender'),
      line('17:00:00', 'postfix/qmgr', 300, 'B1C2D3E4F5: removed'),
    ];
    const expected = [['yahoo', 'deferred', 'rate-limit'], ['yahoo', 'expired', 'rate-limit']];
    assert.deepEqual(track(lines).attempts.map((a) => [a.receiver?.id, a.status, a.problemClass]), expected);
    assert.deepEqual(track(lines, { cut: 1 }).attempts.map((a) => [a.receiver?.id, a.status, a.problemClass]), expected);
  });

  test("the sender's domain never stays in a receiver's words, also when the message was queued in an earlier run", () => {
    const lines = [
      line('16:00:00', 'postfix/qmgr', 300, 'D1D2D3D4D5: from=<alice@Shop-Example.DE>, size=4120, nrcpt=1 (queue active)'),
      delivery('16:00:01', 100, 'D1D2D3D4D5', 'ann@gmail.com', 'gmail-smtp-in.l.google.com[142.250.102.27]:25', 1, '4.7.28', 'deferred (host gmail-smtp-in.l.google.com[142.250.102.27] said: 421-4.7.28 Gmail has detected an unusual rate of unsolicited mail from shop-example.de. To protect our users, mail from shop-example-de has been temporarily rate limited. (in reply to end of DATA command))'),
      line('16:00:02', 'postfix/qmgr', 300, 'D1D2D3D4D5: removed'),
    ];
    for (const cut of [undefined, 1]) {
      const { attempts, state } = track(lines, { cut });
      const text = attempts[0]!.problem?.kind === 'reply' ? attempts[0]!.problem.reply.text : '';
      assert.match(text, /unsolicited mail from DOMAIN\. .* mail from DOMAIN has been/);
      assert.doesNotMatch(text, /shop/i);
      assert.deepEqual(state.senders, []);
    }
  });

  test('relay=none: the server it could not reach decides, so a content filter or our own host down is no receiver\'s', () => {
    const suspended = (time: string, qid: string, to: string, server: string) =>
      line(time, 'postfix/error', 200, `${qid}: to=<${to}>, relay=none, delay=600, delays=600/0/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to ${server}:25: Connection timed out)`);
    const { attempts } = track([
      suspended('16:00:00', 'E1E2E3E4E5', 'ann@gmail.com', '127.0.0.1[127.0.0.1]'),
      suspended('16:00:01', 'E1E2E3E4E6', 'ann@hotmail.com', 'smarthost.internal[10.0.3.9]'),
      suspended('16:00:02', 'E1E2E3E4E7', 'ann@gmail.com', 'mx2.example.net[198.51.100.2]'),
      suspended('16:00:03', 'E1E2E3E4E8', 'ann@example.org', 'contoso-org.mail.protection.outlook.com[52.101.68.12]'),
    ]);
    assert.deepEqual(attempts.map((a) => [a.receiver?.id, a.problemClass]), [['microsoft', 'unreachable']]);
  });

  test('a relay host in between: the mail counts for its receiver, what the relay host answered does not', () => {
    const { attempts } = track([
      delivery('16:00:00', 100, 'F1F2F3F4F5', 'ann@gmail.com', 'smtp.isp.example[198.51.100.80]:25', 1, '4.7.1', 'deferred (host smtp.isp.example[198.51.100.80] said: 421 4.7.1 Too many messages, slow down (in reply to RCPT TO command))'),
      delivery('16:05:00', 101, 'F1F2F3F4F5', 'ann@gmail.com', 'smtp.isp.example[198.51.100.80]:25', 301, '2.0.0', 'sent (250 2.0.0 Ok)'),
    ]);
    assert.deepEqual(attempts.map((a) => [a.receiver?.id, a.status, a.problemClass]), [['google', 'deferred', 'other'], ['google', 'sent', null]]);
  });

  test("one receiver's server on port 25 for a recipient at another's public domain is a relay host in between", () => {
    const { attempts } = track([
      delivery('16:00:00', 100, 'K1K2K3K4K5', 'ann@hotmail.com', 'mout.kundenserver.de[212.227.17.10]:25', 1, '4.3.0', 'deferred (host mout.kundenserver.de[212.227.17.10] said: 421 4.3.0 Temporary local problem (in reply to RCPT TO command))'),
      delivery('16:00:01', 100, 'K1K2K3K4K6', 'ann@web.de', 'mx-ha03.web.de[212.227.17.8]:25', 1, '4.3.0', 'deferred (host mx-ha03.web.de[212.227.17.8] said: 421 4.3.0 Temporary local problem (in reply to RCPT TO command))'),
    ]);
    assert.deepEqual(attempts.map((a) => [a.receiver?.id, a.problemClass]), [['microsoft', 'other'], ['united-internet', 'temporary']]);
  });

  test('a message to several receivers expires once for each still deferred there', () => {
    const yahoo = 'mta7.am0.yahoodns.net[67.195.204.72]:25';
    const gmail = 'gmail-smtp-in.l.google.com[142.250.102.27]:25';
    const tss04 = 'deferred (host mta7.am0.yahoodns.net[67.195.204.72] said: 421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints (in reply to MAIL FROM command))';
    const busy = 'deferred (host gmail-smtp-in.l.google.com[142.250.102.27] said: 421-4.3.0 Temporary System Problem. (in reply to RCPT TO command))';
    const { attempts } = track([
      delivery('16:00:00', 100, 'G1G2G3G4G5', 'ann@yahoo.com', yahoo, 2, '4.7.0', tss04),
      delivery('16:00:00', 101, 'G1G2G3G4G5', 'bob@gmail.com', gmail, 2, '4.3.0', busy),
      delivery('16:00:00', 102, 'G1G2G3G4G5', 'carl@hotmail.com', MS, 2, '4.7.650', `deferred (host ${MS.slice(0, -3)} said: ${S775})`),
      delivery('16:10:00', 101, 'G1G2G3G4G5', 'bob@gmail.com', gmail, 602, '2.0.0', 'sent (250 2.0.0 OK)'),
      line('17:00:00', 'postfix/qmgr', 300, 'G1G2G3G4G5: from=<x@example.net>, status=expired, returned to sender'),
    ]);
    assert.deepEqual(attempts.filter((a) => a.status === 'expired').map((a) => a.receiver?.id), ['microsoft', 'yahoo']);
  });

  test('two recipients at one receiver: one deferred, one sent in the same attempt — the message still expires there', () => {
    const gmail = 'gmail-smtp-in.l.google.com[142.250.102.27]:25';
    const busy = 'deferred (host gmail-smtp-in.l.google.com[142.250.102.27] said: 421-4.3.0 Temporary System Problem. (in reply to RCPT TO command))';
    const { attempts } = track([
      delivery('16:00:00', 101, 'J1J2J3J4J5', 'ann@gmail.com', gmail, 2, '4.3.0', busy),
      delivery('16:00:00', 101, 'J1J2J3J4J5', 'bob@gmail.com', gmail, 2, '2.0.0', 'sent (250 2.0.0 OK)'),
      line('17:00:00', 'postfix/qmgr', 300, 'J1J2J3J4J5: from=<x@example.net>, status=expired, returned to sender'),
    ]);
    assert.deepEqual(attempts.filter((a) => a.status === 'expired').map((a) => [a.receiver?.id, a.problemClass]), [['google', 'temporary']]);
  });

  test('a receiver\'s own submission host as our relay host (port 587) is a relay host in between, not its MX', () => {
    const { attempts } = track([
      delivery('16:00:00', 100, 'K1K2K3K4K5', 'ann@gmail.com', 'smtp.ionos.de[212.227.15.183]:587', 1, '4.7.0', 'deferred (host smtp.ionos.de[212.227.15.183] said: 421 4.7.0 Too many connections, slow down (in reply to MAIL FROM command))'),
    ]);
    assert.deepEqual(attempts.map((a) => [a.receiver?.id, a.problemClass]), [['google', 'other']]);
  });

  test('TLS holds for every delivery of the client process to the same server, and for a connection reused', () => {
    const gmail = 'gmail-smtp-in.l.google.com[142.250.102.27]';
    const { attempts } = track([
      line('16:00:00', 'postfix/smtp', 100, `Trusted TLS connection established to ${gmail}:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`),
      delivery('16:00:01', 100, 'H1H2H3H4H5', 'ann@gmail.com', `${gmail}:25`, 1, '2.0.0', 'sent (250 2.0.0 OK)'),
      delivery('16:00:01', 100, 'H1H2H3H4H5', 'bob@gmail.com', `${gmail}:25`, 1, '2.0.0', 'sent (250 2.0.0 OK)'),
      delivery('16:00:02', 100, 'H1H2H3H4H6', 'carl@example.org', 'mx.example.org[203.0.113.9]:25', 1, '2.0.0', 'sent (250 OK)'),
      line('16:00:03', 'postfix/smtp', 101, `Trusted TLS connection reused to ${gmail}:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`),
      delivery('16:00:03', 101, 'H1H2H3H4H7', 'dora@gmail.com', `${gmail}:25`, 1, '2.0.0', 'sent (250 2.0.0 OK)'),
    ]);
    assert.deepEqual(attempts.map((a) => a.tls), [true, true, false, true]);
  });

  test('after a failed TLS handshake the process\'s next delivery to the same server is not counted as encrypted', () => {
    const gmail = 'gmail-smtp-in.l.google.com[142.250.102.27]';
    const { attempts } = track([
      line('16:00:00', 'postfix/smtp', 100, `Trusted TLS connection established to ${gmail}:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`),
      delivery('16:00:01', 100, 'L1L2L3L4L5', 'ann@gmail.com', `${gmail}:25`, 1, '2.0.0', 'sent (250 2.0.0 OK)'),
      line('16:10:00', 'postfix/smtp', 100, `SSL_connect error to ${gmail}:25: -1`),
      delivery('16:10:02', 100, 'L1L2L3L4L6', 'bob@gmail.com', `${gmail}:25`, 1, '2.0.0', 'sent (250 2.0.0 OK)'),
    ]);
    assert.deepEqual(attempts.map((a) => a.tls), [true, false]);
  });

  test('deferred messages remembered are bounded: beyond the limit the oldest are forgotten', () => {
    const lines = Array.from({ length: 20 }, (_, i) => delivery(`16:00:${String(i).padStart(2, '0')}`, 100, `D${(0x10000 + i).toString(16).toUpperCase()}`, 'ann@gmail.com', 'gmail-smtp-in.l.google.com[142.250.102.27]:25', 1, '4.3.0', 'deferred (host gmail-smtp-in.l.google.com[142.250.102.27] said: 421 4.3.0 Temporary System Problem (in reply to RCPT TO command))'));
    const { state } = track(lines, { messages: 5 });
    assert.deepEqual(state.receivers.map(([key]) => key), ['out1 D1000F', 'out1 D10010', 'out1 D10011', 'out1 D10012', 'out1 D10013']);
  });
});

describe('ReceiverSeries', () => {
  const T = Date.parse('2026-03-23T15:00:00Z');
  test('counts a bucket\'s attempts by outcome and class, and the delays of mail sent', () => {
    const series = new ReceiverSeries(null);
    for (const a of track(THROTTLED).attempts) series.add(a);
    assert.deepEqual(series.bucketStarts(), [T, T + 600_000, T + 1_800_000]);
    const first = series.bucket(T)!;
    assert.deepEqual([first.attempts, first.deferred, first.receiverProblems, first.byClass['rate-limit'], first.sent], [1, 1, 1, 1, 0]);
    const last = series.bucket(T + 1_800_000)!;
    assert.deepEqual([last.attempts, last.sent, last.sentTls, last.receiverProblems], [1, 1, 1, 0]);
    const bins = series.delays(Math.floor(T / 3_600_000), Math.floor(T / 3_600_000));
    assert.equal([...bins.values()].reduce((n, c) => n + c, 0), 1);
  });

  test('the merge law, and save and restore through JSON', () => {
    const attempts = track(THROTTLED).attempts;
    const whole = new ReceiverSeries(null);
    attempts.forEach((a) => whole.add(a));
    const [a, b] = [new ReceiverSeries(null), new ReceiverSeries(null)];
    attempts.forEach((x, i) => (i % 2 === 0 ? a : b).add(x));
    a.merge(b);
    assert.deepEqual(a.save(), whole.save());
    assert.deepEqual(ReceiverSeries.restore(JSON.parse(JSON.stringify(whole.save()))).save(), whole.save());
    assert.throws(() => ReceiverSeries.restore({ receiver: null, buckets: [[1, 2, 3]], times: [], samples: [], delays: [], heldDelays: [], heldLongest: [] }), /a bucket has 2 counters, expected 18/);
  });

  test('a long history (a thousand buckets, its store grown many times) is counted, merged, saved and restored whole', () => {
    const attempts = track(THROTTLED).attempts;
    const spread = (k: number) => attempts.map((a) => ({ ...a, at: a.at + k * 3_600_000 }));
    const whole = new ReceiverSeries(null);
    const [a, b] = [new ReceiverSeries(null), new ReceiverSeries(null)];
    for (let k = 0; k < 400; k++) {
      for (const x of spread(k)) whole.add(x);
      for (const x of spread(k)) (k % 3 === 0 ? a : b).add(x);
    }
    assert.equal(whole.bucketStarts().length, 1_200);
    a.merge(b);
    assert.deepEqual(a.save(), whole.save());
    const restored = ReceiverSeries.restore(JSON.parse(JSON.stringify(whole.save())));
    assert.deepEqual(restored.save(), whole.save());
    assert.deepEqual(restored.bucket(T + 399 * 3_600_000 + 1_800_000), whole.bucket(T + 399 * 3_600_000 + 1_800_000));
    assert.equal(restored.bucket(T + 399 * 3_600_000 + 1_800_000)!.sent, 1);
  });
});

describe('summarizeOutboundIncident', () => {
  const microsoft = receiverOf.byId('microsoft')!;
  const T = Date.parse('2026-03-23T10:00:00Z');
  const attempt = (at: number, status: OutboundAttempt['status'], problemClass: OutboundAttempt['problemClass'] = null): OutboundAttempt => ({
    host: 'out1', at, receiver: microsoft, status, problemClass, problem: null, delaySeconds: status === 'sent' ? 60 : null, tls: status === 'sent', heldUp: status === 'sent',
  });
  const incident = (startedAt: number, endedAt: number) => ({ receiver: microsoft, attribution: 'receiver' as const, problemClass: 'rate-limit' as const, ongoing: false, startedAt, endedAt, receivers: [] });

  test('mail lost never exceeds what the receiver refused or deferred, and is not counted twice by two incidents', () => {
    const series = new ReceiverSeries(microsoft);
    series.add(attempt(T, 'sent'));
    for (let i = 0; i < 12; i++) series.add(attempt(T + 60_000 + i * 1000, 'deferred', 'rate-limit'));
    // 40 expiries over the next days, of mail a full mailbox kept: none is the receiver's.
    for (let i = 0; i < 40; i++) series.add(attempt(T + 86_400_000 + i * 3_600_000, 'expired', 'recipient'));
    assert.equal(summarizeOutboundIncident(series, incident(T + 60_000, T + 71_000)).lost, 0);
    // 40 of mail the receiver kept deferring: lost, but never more than it deferred.
    for (let i = 0; i < 40; i++) series.add(attempt(T + 86_400_000 + i * 3_600_000 + 1000, 'expired', 'rate-limit'));
    const first = summarizeOutboundIncident(series, incident(T + 60_000, T + 71_000), T + 86_400_000 * 2);
    assert.equal(first.lost, 12);
    assert.ok(first.lost <= first.deferred + first.bounced);
    const second = summarizeOutboundIncident(series, incident(T + 86_400_000 * 2, T + 86_400_000 * 2 + 60_000));
    assert.equal(second.lost, 0);
  });

  test('the delay is that of the mail the receiver held up, not of the mail that went at once', () => {
    const lines = [
      delivery('10:00:00', 100, 'H1H2H3H4H5', 'ann@hotmail.com', MS, 1, '4.7.650', `deferred (host hotmail-com.olc.protection.outlook.com[52.101.68.12] said: ${S775})`),
      delivery('10:00:05', 101, 'H1H2H3H4H6', 'bob@hotmail.com', MS, 2, '2.0.0', 'sent (250 2.6.0 Queued mail for delivery)'),
      delivery('11:30:00', 102, 'H1H2H3H4H5', 'ann@hotmail.com', MS, 5401, '2.0.0', 'sent (250 2.6.0 Queued mail for delivery)'),
    ];
    for (const cut of [undefined, 1, 2]) {
      const series = new ReceiverSeries(microsoft);
      for (const a of track(lines, { cut }).attempts) series.add(a);
      const summary = summarizeOutboundIncident(series, incident(Date.parse('2026-03-23T09:00:00Z'), Date.parse('2026-03-23T09:00:00Z')));
      assert.equal(summary.delay?.messages, 1, `cut ${cut}`);
      assert.ok(summary.delay!.p50Seconds > 3600, JSON.stringify(summary.delay));
    }
  });

  test('mail still waiting at the end of the logs: deferred, neither delivered nor given up since, also across a cut', () => {
    const lines = [
      delivery('10:00:00', 100, 'W1W2W3W4W5', 'ann@hotmail.com', MS, 1, '4.7.650', `deferred (host hotmail-com.olc.protection.outlook.com[52.101.68.12] said: ${S775})`),
      delivery('10:00:01', 100, 'W1W2W3W4W6', 'bob@hotmail.com', MS, 1, '4.7.650', `deferred (host hotmail-com.olc.protection.outlook.com[52.101.68.12] said: ${S775})`),
      delivery('10:30:00', 101, 'W1W2W3W4W6', 'bob@hotmail.com', MS, 1801, '2.0.0', 'sent (250 2.6.0 Queued mail for delivery)'),
      delivery('10:40:00', 102, 'W1W2W3W4W7', 'cem@gmail.com', 'gmail-smtp-in.l.google.com[142.250.102.27]:25', 1, '4.3.0', 'deferred (host gmail-smtp-in.l.google.com[142.250.102.27] said: 421 4.3.0 Temporary System Problem. Try again later. (in reply to MAIL FROM command))'),
    ];
    for (const cut of [undefined, 2]) {
      const attempts: OutboundAttempt[] = [];
      const reader = createSyslogReader({ clock: new ZoneClock('Europe/Berlin'), referenceMs: Date.parse('2026-03-24T00:00:00Z') });
      let tracker = new OutboundTracker({ attempt: (a) => attempts.push(a) }, receiverOf, ownHostMatcher(['example.net']));
      lines.forEach((text, i) => {
        if (i === cut) {
          const saved = JSON.parse(JSON.stringify(tracker.save())) as OutboundState;
          tracker = new OutboundTracker({ attempt: (a) => attempts.push(a) }, receiverOf, ownHostMatcher(['example.net']));
          tracker.restore(saved);
        }
        const envelope = reader.read(text)!;
        tracker.push(envelope, parsePostfixEvent(envelope.program, envelope.message));
      });
      assert.deepEqual([tracker.waiting('microsoft', 0), tracker.waiting('google', 0), tracker.waiting(null, 0), tracker.waiting(null, T + 3_600_000)], [1, 1, 2, 0], `cut ${cut}`);
    }
  });

  test('the recovery is never before the end', () => {
    const series = new ReceiverSeries(microsoft);
    series.add(attempt(T + 30_000, 'sent'));
    series.add(attempt(T + 60_000, 'deferred', 'rate-limit'));
    series.add(attempt(T + 6 * 60_000, 'sent'));
    const summary = summarizeOutboundIncident(series, incident(T + 60_000, T + 60_000));
    assert.ok(summary.recovery && summary.recovery.at > T + 60_000, JSON.stringify(summary.recovery));
  });
});

