/**
 * Regression tests from the adversarial review of issue 19: what a published reply still held,
 * whose words an incident of ours quoted, staleness while one relay stops, a state edited by hand.
 *
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createReceiverClassifier } from '../../../src/core/senders/classify-receiver.ts';
import { ownHostMatcher } from '../../../src/core/senders/classify-sender.ts';
import { builtInSenderRules } from '../../../src/core/senders/sender-catalog.ts';
import { parsePostfixEvent } from '../parse/parse-postfix-event.ts';
import { sanitizeReplyText } from '../parse/parse-relay.ts';
import { createSyslogReader } from '../parse/parse-syslog-line.ts';
import { ZoneClock } from '../parse/zone-clock.ts';
import { OutboundRouter } from './route-outbound.ts';
import { checkStateBulk } from '../state/state-schema.ts';
import { ReceiverSeries } from './receiver-series.ts';
import { summarizeOutboundIncident } from './summarize-outbound-incident.ts';
import { OutboundTracker, type OutboundAttempt } from './track-outbound.ts';

const receiverOf = createReceiverClassifier(builtInSenderRules);

function track(lines: readonly string[]): OutboundAttempt[] {
  const attempts: OutboundAttempt[] = [];
  const reader = createSyslogReader({ clock: new ZoneClock('Europe/Berlin'), referenceMs: Date.parse('2026-03-24T00:00:00Z') });
  const tracker = new OutboundTracker({ attempt: (a) => attempts.push(a) }, receiverOf, ownHostMatcher(['example.net']));
  for (const line of lines) {
    const envelope = reader.read(line)!;
    tracker.push(envelope, parsePostfixEvent(envelope.program, envelope.message));
  }
  return attempts;
}

const replyText = (a: OutboundAttempt | undefined) => (a?.problem?.kind === 'reply' || a?.problem?.kind === 'refused' ? a.problem.reply.text : '');

describe('outbound review: what a published reply still holds', () => {
  test('a character whose lower case is longer (İ) before the recipient domain does not shift the replacement', () => {
    const out = sanitizeReplyText(`${'İ'.repeat(22)} contoso.com`, ['contoso.com']);
    assert.equal(out.includes('contoso'), false, out);
  });

  test('an unquoted display name before an address goes, as the doc comment says ("Bob <…>")', () => {
    const out = sanitizeReplyText('Rate limited for Bob Smith <bob@example.org>');
    assert.equal(out.includes('Smith'), false, out);
  });

  test('an IPv6 address spelled with dashes in a host name goes', () => {
    const out = sanitizeReplyText('banned: host 2001-db8-5--25.static.example.net');
    assert.equal(out.includes('2001-db8'), false, out);
  });

  test("Gmail's 5.7.26 for mail an MX forwards with SRS does not publish the original sender's domain", () => {
    const gmail = 'gmail-smtp-in.l.google.com[142.250.102.26]:25';
    const attempts = track([
      'Mar 23 14:00:00 mx1 postfix/qmgr[1]: 3F2A11C0123: from=<SRS0=abcd=XY=bank-secret.de=carol@example.net>, size=1234, nrcpt=1 (queue active)',
      `Mar 23 14:00:01 mx1 postfix/smtp[2]: 3F2A11C0123: to=<dave@gmail.com>, orig_to=<dave@example.net>, relay=${gmail}, delay=2, delays=0.1/0/1/0.9, dsn=5.7.26, status=bounced (host ${gmail.slice(0, -3)} said: 550-5.7.26 Unauthenticated email from bank-secret.de is not accepted due to 550-5.7.26 domain's DMARC policy. (in reply to end of DATA command))`,
    ]);
    assert.equal(attempts[0]?.problemClass, 'authentication');
    assert.equal(replyText(attempts[0]).includes('bank-secret'), false, replyText(attempts[0]));
  });

  test("an incident of ours publishes no reply of 'everyone else' (their servers name themselves)", () => {
    const other = 'mx01.praxis-verbund.de[198.51.100.7]:25';
    const attempts = track(
      Array.from({ length: 12 }, (_, i) =>
        `Mar 23 08:0${Math.floor(i / 2)}:${i % 2 ? '30' : '00'} out1 postfix/smtp[2]: 3F2A11C01${String(i).padStart(2, '0')}: to=<dora@dr-mueller.de>, relay=${other}, delay=2, delays=0.1/0/1/0.9, dsn=5.7.1, status=bounced (host ${other.slice(0, -3)} said: 554 5.7.1 mx01.praxis-verbund.de: Client host [203.0.113.5] blocked using zen.spamhaus.org (in reply to MAIL FROM command))`,
      ),
    );
    const series = new ReceiverSeries(null);
    for (const a of attempts) series.add(a);
    const summary = summarizeOutboundIncident([series], { startedAt: attempts[0]!.at, endedAt: attempts.at(-1)!.at, ongoing: false });
    assert.deepEqual(summary.replies.filter((r) => r.text.includes('praxis-verbund')), []);
  });
});

describe('outbound review: staleness of our mail to others', () => {
  test("one relay's log stopping makes the outbound side stale even while another host (an MX that forwards) goes on", () => {
    const router = new OutboundRouter(builtInSenderRules, ['example.net']);
    const web = 'mx-ha03.web.de[212.227.17.9]:25';
    const reader = createSyslogReader({ clock: new ZoneClock('Europe/Berlin'), referenceMs: Date.parse('2026-03-24T00:00:00Z') });
    for (const line of [
      `Mar 23 10:00:00 out1 postfix/smtp[2]: 3F2A11C0001: to=<a@web.de>, relay=${web}, delay=2, delays=0.1/0/1/0.9, dsn=2.0.0, status=sent (250 OK)`,
      `Mar 23 10:00:00 mx1 postfix/smtp[2]: 3F2A11C0002: to=<b@web.de>, relay=${web}, delay=2, delays=0.1/0/1/0.9, dsn=2.0.0, status=sent (250 OK)`,
    ]) {
      const envelope = reader.read(line)!;
      router.tracker.push(envelope, parsePostfixEvent(envelope.program, envelope.message));
    }
    const out1Last = Date.parse('2026-03-23T13:00:00Z');
    router.noteLineTimes(new Map([['out1', { last: out1Last }], ['mx1', { last: Date.parse('2026-03-24T11:00:00Z') }]]));
    assert.ok(router.asOf !== null && router.asOf <= out1Last, `asOf ${new Date(router.asOf ?? 0).toISOString()}`);
  });
});

describe('outbound review: a state edited by hand', () => {
  test('a series is named as the catalog names it now: one claiming to be "ours" counts with everyone else', () => {
    const forged = { id: 'ours', name: 'Ours', statusPage: null, known: true };
    const router = new OutboundRouter(builtInSenderRules, ['example.net'], {
      tracker: { receivers: [], tls: [] },
      series: [{ receiver: forged, buckets: [[5_917_000, ...new Array(18).fill(0)]], times: [], samples: [], delays: [], heldDelays: [], heldLongest: [] }],
      relays: [],
      lastLines: [],
    });
    assert.deepEqual(router.series().map((s) => s.receiver), [null]);
  });

  test('a counter beyond 32 bits is damage, not a number that wraps', () => {
    const series = { receiver: null, buckets: [[5_917_000, 2 ** 31, ...new Array(17).fill(0)]], times: [], samples: [], delays: [], heldDelays: [], heldLongest: [] };
    assert.deepEqual(checkStateBulk({ series: [], outbound: { series: [series], relays: [] } })?.path, ['outbound', 'series', 0, 'buckets', 0]);
  });
});
