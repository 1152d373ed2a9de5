import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePostfixEvent } from '../parse/parse-postfix-event.ts';
import type { PostfixEvent } from '../parse/postfix-event.ts';
import { problemClass, RECEIVER_CLASSES, type ProblemClass } from './problem-class.ts';

/** The class of what the SMTP client logged (a delivery or a line of its own). */
function classOf(message: string): ProblemClass | null {
  const event: PostfixEvent = parsePostfixEvent('postfix/smtp', message);
  if (event.kind === 'delivery') return event.problem && problemClass(event.problem, event.dsn);
  if (event.kind === 'relay-problem') return problemClass(event.problem);
  return null;
}

const MS = 'hotmail-com.olc.protection.outlook.com[52.101.68.12]';
const deferred = (relay: string, dsn: string, said: string) => `3F2A11C0123: to=<bob@example.org>, relay=${relay}:25, delay=30, delays=0.1/0/0.3/29, dsn=${dsn}, status=deferred (host ${relay} said: ${said})`;
const bounced = (relay: string, dsn: string, said: string) => `3F2A11C0123: to=<bob@example.org>, relay=${relay}:25, delay=1, delays=0.1/0/0.3/0.6, dsn=${dsn}, status=bounced (host ${relay} said: ${said})`;

describe('problemClass, on the replies the big receivers really give', () => {
  const rows: readonly [string, string, ProblemClass][] = [
    ['Microsoft throttling (4.7.650, S775)', deferred(MS, '4.7.650', '451 4.7.650 The mail server [203.0.113.5] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775) (in reply to MAIL FROM command)'), 'rate-limit'],
    ['Microsoft busy (4.7.500)', deferred(MS, '4.7.500', '451 4.7.500 Server busy. Please try again later from [203.0.113.5]. (S77714) (in reply to MAIL FROM command)'), 'temporary'],
    ['Microsoft banned address (5.7.606)', bounced(MS, '5.7.606', '550 5.7.606 Access denied, banned sending IP [203.0.113.5]. To request removal from this list please visit https://sender.office.com/ (in reply to MAIL FROM command)'), 'reputation'],
    ['Microsoft no such recipient (5.1.10)', bounced(MS, '5.1.10', '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient bob@hotmail.com not found by SMTP address lookup (in reply to RCPT TO command)'), 'recipient'],
    ['Yahoo TSS04', deferred('mta7.am0.yahoodns.net[67.195.204.72]', '4.7.0', '421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)'), 'rate-limit'],
    ['Gmail unusual rate (4.7.28)', deferred('gmail-smtp-in.l.google.com[142.250.102.27]', '4.7.28', '421-4.7.28 [203.0.113.5 15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. (in reply to end of DATA command)'), 'rate-limit'],
    ['Gmail temporary system problem (4.3.0)', deferred('gmail-smtp-in.l.google.com[142.250.102.27]', '4.3.0', '421-4.3.0 Temporary System Problem.  Try again later (10). (in reply to RCPT TO command)'), 'temporary'],
    ['Gmail unauthenticated (5.7.26)', bounced('gmail-smtp-in.l.google.com[142.250.102.27]', '5.7.26', '550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. (in reply to end of DATA command)'), 'authentication'],
    ['Gmail no such user (5.1.1)', bounced('gmail-smtp-in.l.google.com[142.250.102.27]', '5.1.1', '550-5.1.1 The email account that you tried to reach does not exist. (in reply to RCPT TO command)'), 'recipient'],
    ['Gmail mailbox full (4.2.2)', deferred('gmail-smtp-in.l.google.com[142.250.102.27]', '4.2.2', '452-4.2.2 The recipient\'s inbox is out of storage space. (in reply to RCPT TO command)'), 'recipient'],
    ['a small domain greylisting (4.2.0)', deferred('mx.example.org[203.0.113.9]', '4.2.0', '450 4.2.0 <bob@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html (in reply to RCPT TO command)'), 'greylisted'],
    ['a blocklist (5.7.1, Spamhaus)', bounced('mx.example.org[203.0.113.9]', '5.7.1', '554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org (in reply to RCPT TO command)'), 'reputation'],
    ['spam refused (5.7.1)', bounced('mx.example.org[203.0.113.9]', '5.7.1', '554 5.7.1 Spam message rejected (in reply to end of DATA command)'), 'content'],
    ['too big (5.3.4)', bounced('mx.example.org[203.0.113.9]', '5.3.4', '552 5.3.4 Message size exceeds fixed limit (in reply to end of DATA command)'), 'content'],
    ['T-Online refusing our address (BL)', '3F2A11C0123: host mx00.t-online.de[194.25.134.8] refused to talk to me: 554 IP=203.0.113.5 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)', 'reputation'],
    ['a permanent refusal of the conversation', '3F2A11C0123: host mx.example.org[203.0.113.9] refused to talk to me: 554 5.7.1 Service unavailable', 'reputation'],
    ['a temporary refusal of the conversation', '3F2A11C0123: host mx.example.org[203.0.113.9] refused to talk to me: 421 4.3.2 System not accepting network messages', 'temporary'],
    ['a connection timed out', 'connect to mx.example.org[203.0.113.9]:25: Connection timed out', 'unreachable'],
    ['no greeting', '3F2A11C0123: lost connection with mx.example.org[203.0.113.9] while receiving the initial server greeting', 'unreachable'],
    ['hung up on us after the greeting', '3F2A11C0123: lost connection with mx.example.org[203.0.113.9] while sending RCPT TO', 'temporary'],
    ['a domain that does not exist, bounced', '3D770111AF50: to=<a@example.invalid>, relay=none, delay=1.2, delays=1.1/0/0.03/0, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=example.invalid type=AAAA: Host not found)', 'recipient'],
    ['a name that cannot be looked up now (our resolver, or theirs)', '3D770111AF51: to=<a@gmail.com>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=gmail.com type=MX: Host not found, try again)', 'unreachable'],
    // A helper's review, from real replies (sisimai's collections, issue threads): one recipient's or one domain's policy…
    ['Microsoft DBEB, a tenant without the recipient (5.4.1)', bounced(MS, '5.4.1', '550 5.4.1 Recipient address rejected: Access denied. AS(201806281) (in reply to RCPT TO command)'), 'recipient'],
    ['a relay refused for the recipient\'s domain', bounced('mx.example.org[203.0.113.9]', '5.7.1', '554 5.7.1 <bob@example.org>: Relay access denied (in reply to RCPT TO command)'), 'recipient'],
    ['Microsoft TenantAttribution (5.7.64)', bounced(MS, '5.7.64', '550 5.7.64 TenantAttribution; Relay Access Denied (in reply to RCPT TO command)'), 'recipient'],
    ['Microsoft, a tenant without IPv6 (5.7.510)', bounced(MS, '5.7.510', '550 5.7.510 Access denied, [contoso.com] does not accept email over IPv6 (in reply to RCPT TO command)'), 'recipient'],
    ['Microsoft, one tenant\'s own block list', bounced(MS, '5.7.1', '550 5.7.1 Service unavailable, Client host [203.0.113.5] blocked by contoso.com using Customer Block list (AS16012607) (in reply to RCPT TO command)'), 'recipient'],
    ['Microsoft, a group for authenticated senders only (5.7.133)', bounced(MS, '5.7.133', '550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required (in reply to RCPT TO command)'), 'recipient'],
    ['Microsoft, a tenant without mail (4.4.4)', deferred(MS, '4.4.4', '451 4.4.4 Mail received as unauthenticated, incoming to a recipient domain configured in a hosted tenant which has no mail-enabled subscriptions. (in reply to RCPT TO command)'), 'recipient'],
    ['Apple, one recipient\'s volume', deferred('mx01.mail.icloud.com[17.42.251.62]', '4.7.1', '421 4.7.1 Messages to bob@icloud.com deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137 (in reply to RCPT TO command)'), 'recipient'],
    ['Gmail, a domain that wants TLS', deferred('gmail-smtp-in.l.google.com[142.250.102.27]', '4.7.0', '421-4.7.0 TLS required for RCPT domain, closing connection. (in reply to RCPT TO command)'), 'recipient'],
    ['Mimecast, a user\'s own block entry', bounced('eu-smtp-inbound-1.mimecast.com[195.130.217.211]', '5.0.0', '550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550 (in reply to RCPT TO command)'), 'recipient'],
    ['Domino, no such user (5.1.1) though "not listed in"', bounced('mx.example.org[203.0.113.9]', '5.1.1', "550 5.1.1 <bob@example.org>... No such user (bob@example.org) - not listed in public Name & Address Book (in reply to RCPT TO command)"), 'recipient'],
    ['one recipient\'s rate (4.2.1)', deferred('mx.example.org[203.0.113.9]', '4.2.1', '452 4.2.1 Too many messages for this recipient (in reply to RCPT TO command)'), 'recipient'],
    ['a recipient who blocked the sender', bounced('mx.example.org[203.0.113.9]', '5.7.1', '550 5.7.1 Message rejected: the recipient has blocked the sender (in reply to RCPT TO command)'), 'recipient'],
    // …one message's…
    ['Yahoo PH01, the message\'s content', bounced('mta7.am0.yahoodns.net[67.195.204.72]', '5.0.0', '554 Message not allowed - [PH01] Email not accepted for policy reasons. Please visit https://postmaster.yahooinc.com/error-codes (in reply to end of DATA command)'), 'content'],
    ['a URL of the message on a block list', bounced('mx.example.org[203.0.113.9]', '5.7.1', '554 5.7.1 Message rejected: it contains a URL listed in the Spamhaus DBL blocklist (in reply to end of DATA command)'), 'content'],
    ['Gmail, the message\'s content', bounced('gmail-smtp-in.l.google.com[142.250.102.27]', '5.7.0', '552-5.7.0 This message was blocked because its content presents a potential security issue. (in reply to end of DATA command)'), 'content'],
    ['Gmail, not RFC 5322', bounced('gmail-smtp-in.l.google.com[142.250.102.27]', '5.7.1', '550-5.7.1 Messages missing a valid address in From: header, or having no From: header, are not accepted. This message is not RFC 5322 compliant and has been blocked. (in reply to end of DATA command)'), 'content'],
    ['Microsoft, RFC 5322 (5.7.512)', bounced(MS, '5.7.512', '550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant (in reply to end of DATA command)'), 'content'],
    ['Gmail, too many recipients', deferred('gmail-smtp-in.l.google.com[142.250.102.27]', '4.5.3', '452-4.5.3 Your message has too many recipients. (in reply to RCPT TO command)'), 'content'],
    // …and the receiver's, in the right class.
    ['Gmail rate limited for SPF (4.7.27)', deferred('gmail-smtp-in.l.google.com[142.250.102.27]', '4.7.27', '421-4.7.27 Your email has been rate limited because SPF authentication didn\'t pass for this message. (in reply to end of DATA command)'), 'authentication'],
    ['Yahoo unauthenticated (5.7.9)', bounced('mta7.am0.yahoodns.net[67.195.204.72]', '5.7.9', '550 5.7.9 This mail has been blocked because the sender is unauthenticated. (in reply to end of DATA command)'), 'authentication'],
    ['Yahoo, an unresolvable sender domain', deferred('mta7.am0.yahoodns.net[67.195.204.72]', '4.0.0', '451 Message temporarily deferred due to unresolvable RFC.5321 from domain (in reply to MAIL FROM command)'), 'authentication'],
    ['Yahoo TSS09, permanently deferred', bounced('mta7.am0.yahoodns.net[67.195.204.72]', '5.7.2', '553 5.7.2 [TSS09] All messages from 203.0.113.5 will be permanently deferred; Retrying will NOT succeed. (in reply to MAIL FROM command)'), 'reputation'],
    ['Microsoft, too many concurrent connections (4.3.2)', deferred(MS, '4.3.2', '421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel (in reply to MAIL FROM command)'), 'rate-limit'],
    ['no reverse DNS for our host', deferred('mx.example.org[203.0.113.9]', '4.7.1', '450 4.7.1 Client host rejected: cannot find your reverse hostname, [203.0.113.5] (in reply to RCPT TO command)'), 'authentication'],
    ['GMX, a multi-line refusal for policy', '3F2A11C0123: host mx00.emig.gmx.net[212.227.15.9] refused to talk to me: 554-gmx.net (mxgmx017) Nemesis ESMTP Service not available 554-No SMTP service 554-Reject due to policy restrictions. 554 For explanation visit https://postmaster.gmx.net/en/case?c=hi', 'reputation'],
    ['a destination suspended after timeouts', '2298F5F61C: to=<a@example.org>, relay=none, delay=600, delays=600/0/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to mail.example.org[192.0.2.1]:25: Connection timed out)', 'unreachable'],
  ];
  for (const [what, message, expected] of rows) test(`${what}: ${expected}`, () => assert.equal(classOf(message), expected));

  test('only the receiver\'s (or our) classes can open an outbound incident', () => {
    assert.deepEqual([...RECEIVER_CLASSES].sort(), ['authentication', 'rate-limit', 'reputation', 'temporary', 'unreachable']);
  });
});
