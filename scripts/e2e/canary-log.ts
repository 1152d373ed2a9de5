/**
 * A mail log salted with canaries, for the tests that prove nothing private leaks and nothing
 * hostile runs: two days of ordinary traffic from known senders (the scenario generator's, with
 * the catalog's real host-name shapes and addresses), a wave of STARTTLS failures from Outlook.com
 * and an outage on our side, and among them lines that carry what must never reach the site —
 * envelope senders and recipients, SASL logins, message-ids, our users' addresses, HELO names and
 * host names full of HTML, JavaScript, JSON, XML and Markdown, and look-alike host names.
 *
 * Written as real syslog: mx1 in BSD format (`Mar 10 13:02:35 mx1 …`), mx2 in RFC 3339
 * (`2026-03-10T13:02:35.123456+01:00 mx2 …`), rotated at midnight into a `.gz`.
 *
 * @example
 * const log = await writeCanaryLog('/tmp/x/logs');
 * log.inputs // ['/tmp/x/logs/mx1/mail.log', '/tmp/x/logs/mx2/mail.log.1.gz', '/tmp/x/logs/mx2/mail.log']
 * findCanaries(await readFile('dist/index.html', 'utf8'), log.canaries) // [] — or the canaries found
 */
import { copyFile, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { domainToASCII } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildScratchSite, type ScratchSite } from '../browser/build-demo-site.ts';
import { decodeEntities } from '../browser/scan-html.ts';
import { Random } from '../mxstatus/demo/random.ts';
import { parseSyslogLine, type EnvelopeContext } from '../mxstatus/parse/parse-syslog-line.ts';
import { ZoneClock } from '../mxstatus/parse/zone-clock.ts';
import { generateScenarioLog, wallToUtc, type WallTime } from './scenario-log.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

const CANARY_ZONE = 'Europe/Berlin';
const FROM: WallTime = '2026-03-10 00:00';
const TO: WallTime = '2026-03-12 00:00';
/** mx2 rotates here: the day before is `mail.log.1.gz`. */
const ROTATE: WallTime = '2026-03-11 00:00';
/** Outlook.com aborts STARTTLS, then fails the handshake: one incident of Microsoft's. */
const MICROSOFT_WAVE = { from: '2026-03-10 13:00', to: '2026-03-10 15:30' } as const;
/** Microsoft throttles our mail to its users: one outbound incident of Microsoft's. */
const OUTBOUND_WAVE = { from: '2026-03-11 13:00', to: '2026-03-11 14:30' } as const;
/** Every sender fails at once: one incident of ours. */
const OUR_OUTAGE = { from: '2026-03-11 10:00', to: '2026-03-11 10:40' } as const;

/** Something that must never appear in the records or the site. */
export interface Canary {
  /** What it stands for, for messages: `HELO <script>`, `SASL login`, `end-user IP`. */
  readonly what: string;
  /**
   * Texts that must not occur, raw or decoded, compared case-insensitively. An address is
   * matched whole: 198.51.100.7 is not found inside 198.51.100.77.
   */
  readonly needles: readonly string[];
  readonly ip?: boolean;
}

export interface CanaryLog {
  /** The log files, oldest first per host. */
  readonly inputs: readonly string[];
  readonly canaries: readonly Canary[];
  /** Our own users' addresses (submission and authenticated clients): never published. */
  readonly endUserIps: readonly string[];
  /**
   * Clients outside the catalog with a real host name that fail during the incidents: the
   * summarizer must count them (as "other") and never name them.
   */
  readonly unknownFailing: readonly { readonly name: string; readonly ip: string; readonly failures: number }[];
}

interface Entry {
  readonly at: number;
  readonly seq: number;
  readonly mx: string;
  readonly program: string;
  readonly pid: number;
  readonly message: string;
}

const MINUTE = 60_000;
const HEX = '0123456789ABCDEF';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const TLS13 = 'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256';

/** Real senders the canary traffic rides on; all of them may be named on the site. */
const OUTLOOK = 'mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]';
const GMAIL = 'mail-wr1-f54.google.com[209.85.221.54]';
const GMX = 'mout.gmx.net[212.227.15.18]';

/** The log, the canaries and what the tests check them against; see the module comment. */
export async function writeCanaryLog(dir: string, seed = 20260310): Promise<CanaryLog> {
  const clock = new ZoneClock(CANARY_ZONE);
  const utc = (wall: WallTime) => wallToUtc(clock, wall);
  const scenario = generateScenarioLog({
    seed,
    timeZone: CANARY_ZONE,
    from: FROM,
    to: TO,
    senders: [
      {
        id: 'microsoft',
        perHour: 80,
        dayNight: true,
        failures: [
          { from: MICROSOFT_WAVE.from, to: '2026-03-10 14:15', share: 0.7, kind: 'starttls' },
          { from: '2026-03-10 14:15', to: MICROSOFT_WAVE.to, share: 0.6, kind: 'ssl' },
        ],
      },
      { id: 'google', perHour: 90, dayNight: true },
      { id: 'united-internet', perHour: 50, dayNight: true },
      { id: 't-online', perHour: 30, dayNight: true },
      { id: 'yahoo', perHour: 10, dayNight: true },
      { id: 'apple', perHour: 12, dayNight: true },
      { id: 'amazon-ses', perHour: 25, dayNight: true },
      { id: 'sendgrid', perHour: 10, dayNight: true },
      { id: 'mailbox-org', perHour: 6 },
      { id: 'posteo', perHour: 5 },
      { id: 'freenet', perHour: 5 },
    ],
    outages: [{ ...OUR_OUTAGE, share: 0.9, kind: 'ssl' }],
    noise: { failureShare: 0.01, botsPerHour: 6 },
  });

  // The scenario's lines, read back into entries so that the canaries can be mixed in by time.
  const entries: Entry[] = [];
  const context: EnvelopeContext = { clock, referenceMs: scenario.mtimeMs };
  for (const line of scenario.text.split('\n')) {
    if (!line) continue;
    const envelope = parseSyslogLine(line, context);
    if (!envelope) throw new Error(`scenario line without an envelope: ${line}`);
    entries.push({ at: envelope.time, seq: entries.length, mx: envelope.host, program: envelope.program, pid: envelope.pid, message: envelope.message });
  }

  const book = new CanaryBook(entries, new Random(seed ^ 0xca1a));
  const canaries: Canary[] = [];
  const token = (what: string, value: string): string => {
    canaries.push({ what, needles: [value] });
    return value;
  };
  const ip = (what: string, value: string): string => {
    canaries.push({ what, needles: [value], ip: true });
    return value;
  };
  const lookAlike = (what: string, value: string, ...extra: string[]): string => {
    const ascii = domainToASCII(value);
    canaries.push({ what, needles: [...extra, ...(ascii && ascii !== value && ascii.includes('xn--') ? [ascii] : [])] });
    return value;
  };

  // 1. Our own users: submission with SASL, message-ids, envelope senders and recipients, from
  //    their home connections. The wave and the outage hit them too.
  const endUsers = [
    { name: token('end-user host name', 'CANARY-ENDUSER-1.dip0.t-ipconnect.de'), ip: ip('end-user IP', '198.51.100.77') },
    { name: token('end-user host name', 'ip-CANARY-ENDUSER-2.um24.pools.vodafone-ip.de'), ip: ip('end-user IP', '198.51.100.78') },
    { name: 'unknown', ip: ip('end-user IPv6', '2001:db8:cafe::77') },
    { name: 'unknown', ip: ip('end-user IP', '192.0.2.150') },
    // A user whose address lies in a range the catalog gives to Microsoft: still never a sender.
    { name: 'unknown', ip: ip('end-user IP inside a sender range', '40.107.99.77') },
  ];
  const endUserIps = endUsers.map((u) => u.ip);
  const submissionTimes = [
    ...spread(utc('2026-03-10 08:00'), utc('2026-03-10 20:00'), 24),
    ...spread(utc(MICROSOFT_WAVE.from), utc(MICROSOFT_WAVE.to), 10),
    ...spread(utc(OUR_OUTAGE.from), utc(OUR_OUTAGE.to), 6),
    ...spread(utc('2026-03-11 07:00'), utc('2026-03-11 22:00'), 20),
  ];
  submissionTimes.forEach((at, i) => {
    const user = endUsers[i % endUsers.length]!;
    const client = `${user.name}[${user.ip}]`;
    const n = i + 1;
    const login = token('SASL login', `CANARY-LOGIN-${n}-b7e1@example.net`);
    if (i % 7 === 3) {
      // Our user's client gives up on STARTTLS, and bots guess passwords at AUTH.
      book.tlsFailure(at, 'postfix/submission/smtpd', client, i % 2 === 0);
      book.authFailure(at + 90_000, 'postfix/submission/smtpd', client, login);
      return;
    }
    book.accepted(at, 'postfix/submission/smtpd', client, {
      login,
      messageId: token('message-id', `CANARY-MSGID-SUB-${n}-41c9@example.net`),
      from: token('envelope sender', `CANARY-ENVFROM-${n}-7f3a@example.net`),
      to: token('recipient', `CANARY-RCPT-EXT-${n}-93d2@gmail.com`),
      outbound: true,
    });
  });
  // On port 25, logged in: one of ours all the same.
  book.accepted(utc('2026-03-10 13:40'), 'postfix/smtpd', 'unknown[40.107.99.77]', {
    login: token('SASL login', 'CANARY-LOGIN-PORT25-5d0e'),
    messageId: token('message-id', 'CANARY-MSGID-PORT25-5d0e@example.net'),
    from: token('envelope sender', 'CANARY-ENVFROM-PORT25-5d0e@example.net'),
    to: token('recipient', 'CANARY-RCPT-PORT25-5d0e@gmx.de'),
    outbound: true,
  });

  // On port 25, logged in, and the session lost before a message was through (no sasl_method=
  // line, only auth=1 in the disconnect counts): again and again during the Microsoft wave, from
  // an address in Microsoft's range. Counted as a sender, it would be the top "Microsoft server".
  for (const at of spread(utc(MICROSOFT_WAVE.from), utc(MICROSOFT_WAVE.to), 40)) book.authenticatedThenLost(at, 'postfix/smtpd', 'unknown[40.107.99.77]');

  // 2. Mail from known senders carrying private envelope data: it is counted, never quoted.
  const inbound = [OUTLOOK, GMAIL, GMX];
  spread(utc('2026-03-10 06:00'), utc('2026-03-11 23:00'), 36).forEach((at, i) => {
    book.accepted(at, 'postfix/smtpd', inbound[i % inbound.length]!, {
      messageId: token('message-id', `CANARY-MSGID-IN-${i}-0a4e@mail.example.org`),
      from: token('envelope sender', `CANARY-ENVFROM-IN-${i}-c3b0@example.org`),
      to: token('recipient', `CANARY-RCPT-${i}-e8f5@example.net`),
      origTo: token('original recipient', `CANARY-ORIGTO-${i}-e8f5@example.net`),
    });
  });

  // 3. Hostile HELO names and client texts, in every line Postfix writes them into.
  const helos = [
    token('HELO <script>', '<script>alert("CANARY-HELO-1")</script>'),
    token('HELO attribute break-out', `"><img src=x onerror=alert('CANARY-HELO-2')>`),
    token('HELO CDATA end', ']]></x><x>CANARY-HELO-3'),
    token('HELO JSON', '{"a":"CANARY-HELO-4","__proto__":{"x":1}}'),
    token('HELO Markdown link', '[CANARY-HELO-5](javascript:alert(1))'),
    token('HELO closing the title', 'CANARY-HELO-6</title><svg/onload=alert(1)>'),
    token('HELO entities', 'CANARY-HELO-7&lt;b&gt;&#x3C;i&#62;'),
    token('HELO javascript: URL', 'javascript:/*CANARY-HELO-8*/alert(1)'),
    token('HELO percent-encoded', '%3Cscript%3ECANARY-HELO-9%3C/script%3E'),
    token('HELO with a right-to-left override', '\u202eCANARY-HELO-10\u202c'),
    token('HELO XML entity', '<!DOCTYPE x [<!ENTITY e "CANARY-HELO-11">]>&e;'),
    lookAlike('HELO full-width look-alike', 'ｍａｉｌ.outlook.com', 'ｍａｉｌ'),
    lookAlike('HELO Cyrillic look-alike', 'mail.\u043eutlook.com', '\u043eutlook'),
  ];
  const botIps = Array.from({ length: 13 }, (_, i) => ip('bot IP', `203.0.113.${101 + i}`));
  spread(utc('2026-03-10 09:00'), utc('2026-03-11 18:00'), helos.length * 2).forEach((at, i) => {
    const helo = helos[i % helos.length]!;
    const bot = `unknown[${botIps[i % botIps.length]!}]`;
    const from = token('envelope sender of a reject', `CANARY-ENVFROM-REJ-${i}-19aa@example.biz`);
    const to = token('recipient of a reject', `CANARY-RCPT-REJ-${i}-19aa@example.net`);
    // Alternately from a bot and from one of Outlook.com's servers, which may be named.
    book.rejected(at, i % 2 === 0 ? bot : OUTLOOK, helo, from, to);
  });
  spread(utc('2026-03-10 10:00'), utc('2026-03-11 16:00'), 8).forEach((at, i) => {
    const bot = botIps[i % botIps.length]!;
    const mx = i % 2 === 0 ? 'mx1' : 'mx2';
    book.add(at, 'postfix/postscreen', 300, `CONNECT from [${bot}]:${40000 + i} to [192.0.2.25]:25`, mx);
    book.add(at + 70, 'postfix/postscreen', 300, `PREGREET 41 after 0.07 from [${bot}]:${40000 + i}: EHLO ${helos[i]!}\\r\\n`, mx);
    book.add(at + 900, 'postfix/postscreen', 300, `NON-SMTP COMMAND from [${bot}]:${40000 + i} after CONNECT: GET /${token('HTTP request path', `CANARY-HTTP-${i}-77ab`)} HTTP/1.1`, mx);
    book.add(at + 901, 'postfix/postscreen', 300, `DISCONNECT [${bot}]:${40000 + i}`, mx);
    book.pipelining(at + 3000, `unknown[${bot}]`, `${token('pipelined text', `CANARY-PIPE-${i}-5e21`)}\\r\\nQUIT\\r\\n`);
    book.headerReject(at + 9000, OUTLOOK, `Subject: ${token('subject', `<b>CANARY-SUBJ-${i}-aa02</b> from x[1.2.3.4]; from=<evil>`)}`, `CANARY-ENVFROM-HDR-${i}@example.org`, `CANARY-RCPT-HDR-${i}@example.net`, helos[i]!);
    canaries.push({ what: 'envelope sender of a header reject', needles: [`CANARY-ENVFROM-HDR-${i}@example.org`] }, { what: 'recipient of a header reject', needles: [`CANARY-RCPT-HDR-${i}@example.net`] });
  });

  // 4. Host names of clients: senders outside the catalog (real names, counted as "other"),
  //    names full of markup, look-alikes of Outlook.com — inside and outside Microsoft's ranges —
  //    and a known name with an "address" that is markup. They fail during the wave and the
  //    outage, more often than any real server, so that they would top every sample if named.
  const unknownFailing = [
    { name: token('unknown sender host', 'CANARY-HOST-1.example.org'), ip: ip('unknown sender IP', '203.0.113.21') },
    { name: token('unknown sender host', 'mail.canary-host-2-ab12.de'), ip: ip('unknown sender IP', '203.0.113.22') },
    { name: token('unknown sender host', 'smtp.canary-host-3-cd34.co.uk'), ip: ip('unknown sender IP', '2001:db8:5:1::25') },
    { name: token('unknown sender look-alike', 'outbound.protection.outlook.com.canary-host-4-ef56.ru'), ip: ip('unknown sender IP', '203.0.113.24') },
  ];
  const forged: { name: string; ip: string }[] = [
    { name: token('host name <script>', '<script>alert("CANARY-HOST-5")</script>'), ip: ip('IP of a host with a hostile name', '203.0.113.25') },
    { name: token('host name attribute break-out', `"><img/src=x/onerror=alert('CANARY-HOST-6')>.example.com`), ip: ip('IP of a host with a hostile name', '203.0.113.26') },
    { name: token('host name JSON', '{"CANARY-HOST-7":1}.example.net'), ip: ip('IP of a host with a hostile name', '203.0.113.27') },
    { name: lookAlike('full-width look-alike host', 'ｍａｉｌ.outlook.com', 'ｍａｉｌ'), ip: ip('look-alike host IP', '203.0.113.28') },
    { name: lookAlike('Cyrillic look-alike host', 'mail-db8eur05on2099.outbound.protection.\u043eutlook.com', '\u043eutlook'), ip: ip('look-alike host IP', '203.0.113.29') },
    // Inside Microsoft's published ranges: the address says Microsoft, the name is no name of
    // theirs. Postfix itself logs such a client as unknown[…] (the name does not resolve back),
    // so only a forged or relayed log carries these; they are published as unknown[address] (the
    // address is Microsoft's own, so it is no canary).
      { name: lookAlike('full-width look-alike host in a Microsoft range', 'ｓｍｔｐ.outlook.com', 'ｓｍｔｐ'), ip: '40.107.99.12' },
      { name: lookAlike('Cyrillic look-alike host in a Microsoft range', 'mail-he1eur04on2088.outbound.protection.outl\u043e\u043ek.com', 'outl\u043e\u043ek'), ip: '40.107.99.13' },
      { name: token('host name <b> under a Microsoft suffix', '<b>CANARY-HOST-8</b>.outbound.protection.outlook.com'), ip: '40.107.99.14' },
      // A name Yahoo's rule trusts without addresses, with markup where the address belongs.
      { name: 'mta7.mail.ir2.yahoo.com', ip: token('markup as the address of a Yahoo name', `<img src=x onerror=alert('CANARY-IP-1')>`) },
      { name: 'mta8.mail.ir2.yahoo.com', ip: token('markup as the address of a Yahoo name', 'CANARY-IP-2"><svg/onload=alert(1)>') },
  ];
  const failingTimes = [
    ...spread(utc(MICROSOFT_WAVE.from) + 2 * MINUTE, utc(MICROSOFT_WAVE.to) - 2 * MINUTE, 16),
    ...spread(utc(OUR_OUTAGE.from) + MINUTE, utc(OUR_OUTAGE.to) - MINUTE, 12),
  ];
  for (const [h, host] of [...unknownFailing, ...forged].entries()) {
    const client = `${host.name}[${host.ip}]`;
    failingTimes.forEach((at, i) => {
      // Bucket starts as well, so that a named host would be the first failure of its bucket.
      const when = i % 4 === 0 ? Math.ceil(at / (5 * MINUTE)) * 5 * MINUTE : at + h * 7_000;
      book.tlsFailure(when, 'postfix/smtpd', client, (i + h) % 2 === 0);
    });
    // And they get through at other times, with TLS.
    book.accepted(utc('2026-03-11 16:00') + h * 60_000, 'postfix/smtpd', client, {
      messageId: token('message-id', `CANARY-MSGID-HOST-${h}-66f0@example.org`),
      from: token('envelope sender', `CANARY-ENVFROM-HOST-${h}-66f0@example.org`),
      to: token('recipient', `CANARY-RCPT-HOST-${h}-66f0@example.net`),
    });
  }
  // Right after the wave, the look-alikes in Microsoft's range succeed first: a recovery sample.
  for (const [k, host] of forged.slice(5, 8).entries()) {
    book.accepted(utc(MICROSOFT_WAVE.to) + 10 * MINUTE + k * 1000, 'postfix/smtpd', `${host.name}[${host.ip}]`, {
      messageId: token('message-id', `CANARY-MSGID-REC-${k}-1f2e@example.org`),
      from: token('envelope sender', `CANARY-ENVFROM-REC-${k}-1f2e@example.org`),
      to: token('recipient', `CANARY-RCPT-REC-${k}-1f2e@example.net`),
    });
  }
  // Lines Postfix writes with client text that are no event at all.
  spread(utc('2026-03-10 11:00'), utc('2026-03-11 11:00'), 4).forEach((at, i) => {
    const bot = `unknown[${botIps[i]!}]`;
    const mx = i % 2 === 0 ? 'mx1' : 'mx2';
    book.add(at, 'postfix/smtpd', 800 + i, `warning: Illegal address syntax from ${bot} in MAIL command: <${token('illegal address', `CANARY-ILLEGAL-${i}-08cd`)}>`, mx);
    book.add(at + 5, 'postfix/smtpd', 800 + i, `warning: non-SMTP command from ${bot}: GET /${helos[i]!} HTTP/1.1`, mx);
    book.add(at + 9, 'postfix/smtpd', 800 + i, `warning: hostname ${token('unverified host name', `CANARY-RDNS-${i}-3c3c.example.com`)} does not resolve to address ${botIps[i]!}: Name or service not known`, mx);
  });

  // 5. Our mail to others: Microsoft throttles our relay (mx1 sends too), quoting in its replies
  //    what must never be published — the recipient, our relay's address, the sender's domain —
  //    beside the recipient problems that open nothing.
  const relayIp = ip('our relay IP', '192.0.2.201');
  const senderDomain = token('sender domain', 'canary-shop-7c1d.example');
  spread(utc(OUTBOUND_WAVE.from) - 60 * MINUTE, utc(OUTBOUND_WAVE.to) + 60 * MINUTE, 200).forEach((at, i) => {
    const inWave = at >= utc(OUTBOUND_WAVE.from) && at <= utc(OUTBOUND_WAVE.to) && i % 5 !== 0;
    const to = token('recipient', `CANARY-RCPT-OUT-${i}-4b1e@hotmail.com`);
    const reply = inWave
      ? `451 4.7.650 The mail server [${relayIp}] has been temporarily rate limited due to IP reputation; mail from ${senderDomain} to <${to}> deferred (S775) (in reply to MAIL FROM command)`
      : i % 17 === 0
        ? `550 5.1.1 <${to}>: Recipient address rejected: Access denied (in reply to RCPT TO command)`
        : null;
    book.relayed(at, {
      from: token('envelope sender', `CANARY-ENVFROM-OUT-${i}-4b1e@${senderDomain}`),
      to,
      origTo: token('original recipient', `CANARY-ORIGTO-OUT-${i}-4b1e@example.net`),
      relay: `hotmail-com.olc.protection.outlook.com[52.101.${40 + (i % 30)}.${10 + (i % 200)}]:25`,
      reply,
      bounce: reply !== null && reply.startsWith('550'),
    });
  });

  const inputs = await book.write(dir, clock, utc(ROTATE));
  return { inputs, canaries: dedupe(canaries), endUserIps, unknownFailing: unknownFailing.map((host) => ({ ...host, failures: failingTimes.length })) };
}

/** Entries of the scenario and of the canaries, with what the canaries' sessions log. */
class CanaryBook {
  readonly #entries: Entry[];
  readonly #random: Random;
  #pid = 70_000;
  #queue = 0;

  constructor(entries: Entry[], random: Random) {
    this.#entries = entries;
    this.#random = random;
  }

  add(at: number, program: string, pid: number, message: string, mx = this.#random.pick(['mx1', 'mx2'])): void {
    this.#entries.push({ at, seq: this.#entries.length, mx, program, pid, message });
  }

  #session(): { mx: string; pid: number } {
    return { mx: this.#random.pick(['mx1', 'mx2']), pid: this.#pid++ };
  }

  /** A queue id of our own (11 upper-case hex digits starting with CA: no scenario id is like it). */
  #queueId(): string {
    return `CA${(this.#queue++).toString(16).toUpperCase().padStart(9, '0')}`;
  }

  tlsFailure(at: number, program: string, client: string, sslError: boolean): void {
    const { mx, pid } = this.#session();
    const end = at + this.#random.int(300, 2500);
    this.add(at, program, pid, `connect from ${client}`, mx);
    if (sslError) {
      this.add(end - 3, program, pid, `SSL_accept error from ${client}: -1`, mx);
      this.add(end - 2, program, pid, 'warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:317:', mx);
    }
    this.add(end, program, pid, `lost connection after STARTTLS from ${client}`, mx);
    this.add(end + 1, program, pid, `disconnect from ${client} ehlo=1 ${sslError ? 'starttls=0/1 commands=1/2' : 'starttls=1 commands=2'}`, mx);
  }

  authFailure(at: number, program: string, client: string, login: string): void {
    const { mx, pid } = this.#session();
    this.add(at, program, pid, `connect from ${client}`, mx);
    this.add(at + 200, program, pid, `Anonymous TLS connection established from ${client}: ${TLS13}`, mx);
    this.add(at + 2400, program, pid, `warning: ${client}: SASL PLAIN authentication failed: authentication failure, sasl_username=${login}`, mx);
    this.add(at + 2600, program, pid, `lost connection after AUTH from ${client}`, mx);
    this.add(at + 2601, program, pid, `disconnect from ${client} ehlo=2 starttls=1 auth=0/1 commands=3/4`, mx);
  }

  authenticatedThenLost(at: number, program: string, client: string): void {
    const { mx, pid } = this.#session();
    this.add(at, program, pid, `connect from ${client}`, mx);
    this.add(at + 200, program, pid, `Anonymous TLS connection established from ${client}: ${TLS13}`, mx);
    this.add(at + 2600, program, pid, `lost connection after MAIL from ${client}`, mx);
    this.add(at + 2601, program, pid, `disconnect from ${client} ehlo=2 starttls=1 auth=1 mail=0/1 commands=4/5`, mx);
  }

  accepted(
    at: number,
    program: string,
    client: string,
    mail: { login?: string; messageId: string; from: string; to: string; origTo?: string; outbound?: boolean },
  ): void {
    const { mx, pid } = this.#session();
    const r = this.#random;
    const queueId = this.#queueId();
    const tlsAt = at + r.int(40, 300);
    const rcptAt = tlsAt + r.int(60, 400);
    const end = rcptAt + r.int(300, 900);
    this.add(at, program, pid, `connect from ${client}`, mx);
    this.add(tlsAt, program, pid, `Anonymous TLS connection established from ${client}: ${TLS13}`, mx);
    const sasl = mail.login ? `, sasl_method=PLAIN, sasl_username=${mail.login}` : '';
    this.add(rcptAt, program, pid, `${queueId}: client=${client}${sasl}`, mx);
    this.add(rcptAt + 12, 'postfix/cleanup', 1929, `${queueId}: message-id=<${mail.messageId}>`, mx);
    this.add(end - 9, 'postfix/qmgr', 1137, `${queueId}: from=<${mail.from}>, size=${r.int(2000, 90000)}, nrcpt=1 (queue active)`, mx);
    this.add(end, program, pid, `disconnect from ${client} ehlo=2 starttls=1${mail.login ? ' auth=1' : ''} mail=1 rcpt=1 data=1 quit=1 commands=${mail.login ? 8 : 7}`, mx);
    const done = end + r.int(50, 1500);
    const delay = ((done - rcptAt) / 1000).toFixed(2);
    if (mail.outbound) {
      this.add(done, 'postfix/smtp', 2201, `${queueId}: to=<${mail.to}>, relay=gmail-smtp-in.l.google.com[142.250.102.27]:25, delay=${delay}, delays=0.1/0.01/0.3/0.2, dsn=2.0.0, status=sent (250 2.0.0 OK <${mail.to}> 1741612345 ${r.chars(LOWER, 10)}.5 - gsmtp)`, mx);
    } else {
      const orig = mail.origTo ? `, orig_to=<${mail.origTo}>` : '';
      this.add(done, 'postfix/lmtp', 1966, `${queueId}: to=<${mail.to}>${orig}, relay=mailstore1.example.net[10.0.3.7]:24, delay=${delay}, delays=0.1/0.01/0.02/0.08, dsn=2.0.0, status=sent (250 2.0.0 <${mail.to}> ${r.chars(LOWER + HEX, 22)} Saved)`, mx);
    }
    this.add(done + 3, 'postfix/qmgr', 1137, `${queueId}: removed`, mx);
  }

  /** A message of ours to another provider through mx1's SMTP client: queued, then sent, deferred (with `reply`) or bounced. */
  relayed(at: number, mail: { from: string; to: string; origTo: string; relay: string; reply: string | null; bounce: boolean }): void {
    const queueId = this.#queueId();
    const r = this.#random;
    this.add(at, 'postfix/qmgr', 1137, `${queueId}: from=<${mail.from}>, size=${r.int(2000, 90000)}, nrcpt=1 (queue active)`, 'mx1');
    this.add(at + 300, 'postfix/smtp', 2301, `Trusted TLS connection established to ${mail.relay}: ${TLS13}`, 'mx1');
    const host = mail.relay.slice(0, mail.relay.lastIndexOf(':'));
    const status = mail.reply === null ? `sent (250 2.6.0 <${mail.to}> Queued mail for delivery)` : `${mail.bounce ? 'bounced' : 'deferred'} (host ${host} said: ${mail.reply})`;
    const dsn = mail.reply === null ? '2.6.0' : mail.bounce ? '5.1.1' : '4.7.650';
    this.add(at + 900, 'postfix/smtp', 2301, `${queueId}: to=<${mail.to}>, orig_to=<${mail.origTo}>, relay=${mail.relay}, delay=0.9, delays=0.1/0/0.3/0.5, dsn=${dsn}, status=${status}`, 'mx1');
    if (mail.reply === null || mail.bounce) this.add(at + 950, 'postfix/qmgr', 1137, `${queueId}: removed`, 'mx1');
  }

  rejected(at: number, client: string, helo: string, from: string, to: string): void {
    const { mx, pid } = this.#session();
    this.add(at, 'postfix/smtpd', pid, `connect from ${client}`, mx);
    this.add(at + 700, 'postfix/smtpd', pid, `NOQUEUE: reject: RCPT from ${client}: 550 5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table; from=<${from}> to=<${to}> proto=ESMTP helo=<${helo}>`, mx);
    this.add(at + 900, 'postfix/smtpd', pid, `NOQUEUE: reject: EHLO from ${client}: 504 5.5.2 <${helo}>: Helo command rejected: need fully-qualified hostname; proto=ESMTP helo=<${helo}>`, mx);
    this.add(at + 1500, 'postfix/smtpd', pid, `disconnect from ${client} ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`, mx);
  }

  pipelining(at: number, client: string, text: string): void {
    const { mx, pid } = this.#session();
    this.add(at, 'postfix/smtpd', pid, `connect from ${client}`, mx);
    this.add(at + 100, 'postfix/smtpd', pid, `improper command pipelining after EHLO from ${client}: ${text}`, mx);
    this.add(at + 200, 'postfix/smtpd', pid, `lost connection after EHLO from ${client}`, mx);
    this.add(at + 201, 'postfix/smtpd', pid, `disconnect from ${client} ehlo=1 commands=1`, mx);
  }

  headerReject(at: number, client: string, header: string, from: string, to: string, helo: string): void {
    const { mx, pid } = this.#session();
    const queueId = this.#queueId();
    this.add(at, 'postfix/smtpd', pid, `connect from ${client}`, mx);
    this.add(at + 300, 'postfix/smtpd', pid, `${queueId}: client=${client}`, mx);
    this.add(at + 900, 'postfix/cleanup', 1929, `${queueId}: reject: header ${header} from ${client}; from=<${from}> to=<${to}> proto=ESMTP helo=<${helo}>: 5.7.1 message content rejected`, mx);
    this.add(at + 1000, 'postfix/smtpd', pid, `disconnect from ${client} ehlo=1 mail=1 rcpt=1 data=0/1 quit=1 commands=4/5`, mx);
  }

  /** mx1 as BSD syslog; mx2 as RFC 3339, rotated at `rotateAt` into a `.gz`. Returns the files. */
  async write(dir: string, clock: ZoneClock, rotateAt: number): Promise<string[]> {
    const sorted = this.#entries.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const mx1: string[] = [];
    const mx2Old: string[] = [];
    const mx2: string[] = [];
    let lastMx1 = 0;
    let lastMx2 = 0;
    for (const [n, e] of sorted.entries()) {
      const rest = `${e.mx} ${e.program}[${e.pid}]: ${e.message}\n`;
      if (e.mx === 'mx1') {
        mx1.push(`${bsdStamp(clock, e.at)} ${rest}`);
        lastMx1 = e.at;
      } else {
        (e.at < rotateAt ? mx2Old : mx2).push(`${rfc3339Stamp(clock, e.at, n)} ${rest}`);
        lastMx2 = e.at;
      }
    }
    await mkdir(join(dir, 'mx1'), { recursive: true });
    await mkdir(join(dir, 'mx2'), { recursive: true });
    const files = { mx1: join(dir, 'mx1', 'mail.log'), mx2Old: join(dir, 'mx2', 'mail.log.1.gz'), mx2: join(dir, 'mx2', 'mail.log') };
    await writeFile(files.mx1, mx1.join(''));
    await writeFile(files.mx2Old, gzipSync(mx2Old.join('')));
    await writeFile(files.mx2, mx2.join(''));
    // BSD timestamps take their year from the file's modification time.
    const seconds = (ms: number) => Math.floor(ms / 1000);
    await utimes(files.mx1, seconds(lastMx1), seconds(lastMx1));
    await utimes(files.mx2Old, seconds(rotateAt), seconds(rotateAt));
    await utimes(files.mx2, seconds(lastMx2), seconds(lastMx2));
    return [files.mx1, files.mx2Old, files.mx2];
  }
}

/** `n` instants spread evenly over [from, to), each nudged by a few seconds. */
function spread(from: number, to: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => from + Math.floor(((i + 0.5) * (to - from)) / n) + ((i * 7919) % 13) * 1000);
}

function dedupe(canaries: readonly Canary[]): Canary[] {
  const seen = new Set<string>();
  return canaries.filter((c) => {
    const key = `${c.ip ? 'ip' : 'text'} ${c.needles.join('\n')}`;
    if (c.needles.length === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function bsdStamp(clock: ZoneClock, at: number): string {
  const wall = new Date(at + clock.offsetAt(at));
  return `${MONTHS[wall.getUTCMonth()]} ${String(wall.getUTCDate()).padStart(2, ' ')} ${wall.toISOString().slice(11, 19)}`;
}

/** rsyslog's high-precision stamp; the microseconds are made up (stable per line). */
function rfc3339Stamp(clock: ZoneClock, at: number, n: number): string {
  const offset = clock.offsetAt(at);
  const minutes = Math.abs(offset) / MINUTE;
  const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${new Date(at + offset).toISOString().slice(0, 23)}${String((n * 389) % 1000).padStart(3, '0')}${zone}`;
}

/**
 * Where in `text` canaries occur: in the text as written, and after undoing the encodings a
 * page, a feed or a JSON file may have applied — HTML and XML character references, JSON's
 * `\uXXXX` and `\/` escapes, percent-encoding — repeatedly, so that double encodings come undone.
 *
 * @example
 * findCanaries('<code>&lt;script&gt;alert(&quot;CANARY-HELO-1&quot;)</code>', canaries)[0]?.what // 'HELO <script>'
 */
export function findCanaries(text: string, canaries: readonly Canary[]): Canary[] {
  const variants = [text.toLowerCase()];
  let current = text;
  for (let round = 0; round < 3; round++) {
    const decoded = percentDecode(jsonUnescape(decodeEntities(current)));
    if (decoded === current) break;
    variants.push(decoded.toLowerCase());
    current = decoded;
  }
  return canaries.filter((canary) =>
    canary.needles.some((needle) => {
      const lower = needle.toLowerCase();
      return variants.some((variant) => (canary.ip ? containsAddress(variant, lower) : variant.includes(lower)));
    }),
  );
}

/** An address as a whole: not part of a longer address or number (198.51.100.7 is not in 198.51.100.77). */
function containsAddress(text: string, address: string): boolean {
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const whole = address.includes(':')
    ? new RegExp(`(?<![0-9a-f:])${escaped}(?![0-9a-f:])`)
    : new RegExp(`(?<![0-9])(?<![0-9]\\.)${escaped}(?![0-9])(?!\\.[0-9])`);
  return whole.test(text);
}

function jsonUnescape(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})|\\([/"\\])/g, (_, hex: string | undefined, char: string | undefined) => (hex ? String.fromCharCode(Number.parseInt(hex, 16)) : char!));
}

function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** The canary log summarized and built in a scratch folder, with the log's canaries. */
export interface CanarySite extends ScratchSite {
  readonly log: CanaryLog;
}

/** The canary log → summarize → astro build, in a scratch folder; the repository's content/ and dist/ are never touched. */
export async function buildCanarySite(): Promise<CanarySite> {
  let log: CanaryLog | undefined;
  const site = await buildScratchSite('mxstatus-canary-', async (dir) => {
    log = await writeCanaryLog(dir);
    return log.inputs;
  });
  return { ...site, log: log! };
}
