import { detachString } from '../../../src/core/detach-string.ts';
import { parseBracketedIp, parseClient } from './parse-client.ts';
import { parseRelayProblem, recipientDomainOf, relayAt } from './parse-relay.ts';
import type {
  AbortReason,
  Client,
  DeliveryDelays,
  DeliveryStatus,
  PostfixEvent,
  PostscreenAction,
  RejectClass,
  TlsTrust,
} from './postfix-event.ts';

const UNRECOGNISED: PostfixEvent = { kind: 'unrecognised' };
const KNOWN: PostfixEvent = { kind: 'known' };

/**
 * Where the text after a client's `]` continues: past `:port` when smtpd_client_port_logging
 * is on (`mail.example.org[192.0.2.44]:52344: …`).
 */
function afterClient(message: string, close: number): number {
  let at = close + 1;
  if (message.charCodeAt(at) === 58) {
    let digits = at + 1;
    while (digits < message.length && message.charCodeAt(digits) >= 48 && message.charCodeAt(digits) <= 57) digits++;
    if (digits > at + 1) at = digits;
  }
  return at;
}

/**
 * Reads what a Postfix daemon said. `program` is the syslog tag (`postfix/submission/smtpd`,
 * `postfix-in/smtpd`); the daemon is its last element. Anything not understood is `unrecognised`,
 * never an exception. Parsing goes by keyword, not position: releases add fields.
 *
 * @example
 * parsePostfixEvent('postfix/smtpd', 'lost connection after STARTTLS from mail-am1on0123.outbound.protection.outlook.com[157.56.112.123]')
 * // { kind: 'session-aborted', reason: 'lost', stage: 'STARTTLS', client: { name: 'mail-am1on0123…', ip: '157.56.112.123' } }
 */
export function parsePostfixEvent(program: string, message: string): PostfixEvent {
  const daemon = daemonOf(program);
  switch (daemon) {
    case 'smtpd':
      // A short queue id can start with any of the letters that open smtpd's other messages.
      return parseSmtpd(message) ?? parseQueueLine(message, daemon) ?? knownOrNot(message, SMTPD_KNOWN);
    case 'postscreen':
      return parsePostscreen(message) ?? knownOrNot(message, POSTSCREEN_KNOWN);
    case 'tlsproxy':
      return parseTlsProxy(message) ?? KNOWN;
    case 'smtp':
      // The outbound client: its deliveries, what receiving servers answered, and its TLS.
      return parseSmtpClient(message) ?? parseQueueLine(message, daemon) ?? KNOWN;
    case 'cleanup':
    case 'qmgr':
    case 'bounce':
    case 'postsuper':
    case 'lmtp':
    case 'local':
    case 'virtual':
    case 'pipe':
    case 'error':
    case 'retry':
    case 'discard':
      return parseQueueLine(message, daemon) ?? knownOrNot(message, QUEUE_KNOWN);
    default:
      return UNRECOGNISED;
  }
}

/** smtpd's lines mxstatus knows and does not use: NOQUEUE actions other than reject, proxy rejects, and a lost connection without a session. */
const SMTPD_KNOWN = /^(?:NOQUEUE: (?:(?:reject_warning|discard|filter|hold|redirect|warn): |lost connection after \w+ from )|(?:NOQUEUE|[0-9A-Za-z]{5,20}): proxy-reject: )/;
/** postscreen's: its own refusals without an SMTP code, and warnings about its helpers. */
const POSTSCREEN_KNOWN = /^(?:NOQUEUE: reject: CONNECT from \[[0-9A-Fa-f:.]+\]:\d+: (?:too many connections|all server ports busy|all screening ports busy)|warning: (?:dnsblog reply timeout|getpeername: ))/;
/** The queue manager's and delivery agents' other lines: `warning: QID: message rejected: missing end record`, `status=failed`. */
const QUEUE_KNOWN = /^(?:warning: [0-9A-Za-z]{5,20}: message rejected: |[0-9A-Za-z]{5,20}: to=<[^>]*>,.* status=failed )/;

function knownOrNot(message: string, known: RegExp): PostfixEvent {
  return known.test(message) ? KNOWN : UNRECOGNISED;
}

/** Daemons by syslog tag: a log repeats a few tags (as the same strings, see SyslogReader) millions of times. */
const daemons = new Map<string, string>();

/** The daemon of a syslog tag, its last element: `postfix/submission/smtpd` → "smtpd". */
function daemonOf(program: string): string {
  let daemon = daemons.get(program);
  if (daemon === undefined) {
    daemon = detachString(program.slice(program.lastIndexOf('/') + 1));
    if (daemons.size >= 1_000) daemons.clear();
    daemons.set(detachString(program), daemon);
  }
  return daemon;
}

function parseSmtpd(message: string): PostfixEvent | null {
  switch (message.charCodeAt(0)) {
    case 99: // c
      if (message.startsWith('connect from ')) {
        const client = parseClient(message, 13);
        return client && { kind: 'connect', client };
      }
      return null;
    case 100: // d
      return message.startsWith('disconnect from ') ? parseDisconnect(message) : null;
    case 108: // l
      return message.startsWith('lost connection after ') ? parseAborted(message, 'lost', 22) : null;
    case 116: // t
      if (message.startsWith('timeout after ')) return parseAborted(message, 'timeout', 14);
      if (message.startsWith('too many errors after ')) return parseAborted(message, 'too-many-errors', 22);
      return null;
    case 105: // i
      // improper command pipelining after EHLO from HOST[IP]: QUIT\r\n
      if (message.startsWith('improper command pipelining after ')) {
        const from = message.indexOf(' from ', 34);
        const client = from < 0 ? null : parseClient(message, from + 6);
        return client && { kind: 'pipelining', stage: message.slice(34, from), client };
      }
      return null;
    case 65: // A
    case 85: // U
    case 84: // T
    case 86: // V
      return parseTlsEstablished(message);
    case 83: // S
      // SSL_accept error from HOST[IP]: lost connection — but not the debug "SSL_accept:…" lines.
      if (message.startsWith('SSL_accept error from ')) {
        const close = message.indexOf(']', 22);
        const client = close < 0 ? null : parseClient(message, 22, close + 1);
        if (!client) return null;
        const after = afterClient(message, close);
        return { kind: 'tls-handshake-failed', client, reason: message.startsWith(': ', after) ? message.slice(after + 2) : '' };
      }
      return null;
    case 119: // w
      return parseWarning(message);
    case 78: // N
      return message.startsWith('NOQUEUE: ') ? parseReject(message, null, 9) : null;
    default:
      return null;
  }
}

// disconnect from HOST[IP] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7
function parseDisconnect(message: string): PostfixEvent | null {
  const close = message.indexOf(']', 16);
  const client = close < 0 ? null : parseClient(message, 16, close + 1);
  if (!client) return null;
  if (close + 2 >= message.length) return { kind: 'disconnect', client, commands: null };
  const commands: Record<string, { ok: number; tried: number }> = {};
  let at = close + 2;
  while (at < message.length) {
    let end = message.indexOf(' ', at);
    if (end < 0) end = message.length;
    let eq = at;
    while (eq < end && message.charCodeAt(eq) !== 61) eq++;
    if (eq > at && eq < end) {
      let slash = eq + 1;
      while (slash < end && message.charCodeAt(slash) !== 47) slash++;
      const ok = toInt(message, eq + 1, slash);
      const tried = slash < end ? toInt(message, slash + 1, end) : ok;
      if (ok >= 0 && tried >= 0) commands[commandName(message, at, eq)] = { ok, tried };
    }
    at = end + 1;
  }
  return { kind: 'disconnect', client, commands };
}

/** The SMTP commands smtpd counts in its `disconnect` line (Postfix 3.0 and later), and its total. */
const COMMAND_NAMES = ['ehlo', 'helo', 'starttls', 'auth', 'mail', 'rcpt', 'data', 'bdat', 'rset', 'noop', 'vrfy', 'etrn', 'quit', 'unknown', 'commands', 'xclient', 'xforward'];

/**
 * The name at message[from, to): one of COMMAND_NAMES as that very string (no copy, and a property
 * name the engine knows already), else a copy. A disconnect line is every few lines of a log.
 */
function commandName(message: string, from: number, to: number): string {
  const length = to - from;
  for (const name of COMMAND_NAMES) if (name.length === length && message.startsWith(name, from)) return name;
  return message.slice(from, to);
}

// lost connection after STARTTLS from HOST[IP]  ·  timeout after DATA (1234 bytes) from HOST[IP]
function parseAborted(message: string, reason: AbortReason, stageStart: number): PostfixEvent | null {
  const from = message.indexOf(' from ', stageStart);
  if (from < 0) return null;
  const space = message.indexOf(' ', stageStart);
  const stage = message.slice(stageStart, space < from ? space : from);
  const client = parseClient(message, from + 6);
  return client && stage.length > 0 ? { kind: 'session-aborted', reason, stage, client } : null;
}

/** A map, not an object: a line's `constructor TLS connection established …` must not find Object's. */
const TRUSTS = new Map<string, TlsTrust>([['Anonymous', 'Anonymous'], ['Untrusted', 'Untrusted'], ['Trusted', 'Trusted'], ['Verified', 'Verified']]);

// Anonymous TLS connection established from HOST[IP]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256
// TLS connection established from HOST[IP]: TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)      (Postfix 2.x)
function parseTlsEstablished(message: string): PostfixEvent | null {
  let trust: TlsTrust | null = null;
  let at = 0;
  if (!message.startsWith('TLS connection established from ')) {
    const space = message.indexOf(' ');
    trust = TRUSTS.get(message.slice(0, space)) ?? null;
    if (!trust || !message.startsWith(' TLS connection established from ', space)) return null;
    at = space + 1;
  }
  const hostStart = at + 32;
  const close = message.indexOf(']', hostStart);
  const client = close < 0 ? null : parseClient(message, hostStart, close + 1);
  const after = close < 0 ? -1 : afterSni(message, afterClient(message, close));
  if (!client || !message.startsWith(': ', after)) return null;
  const agreed = tlsAgreed(message, after + 2);
  if (!agreed) return null;
  const { protocol, cipher, bits, cipherEnd } = agreed;
  return {
    kind: 'tls-established',
    client,
    trust,
    protocol,
    cipher,
    bits,
    keyExchange: wordAfter(message, ' key-exchange ', cipherEnd),
    serverSignature: wordAfter(message, ' server-signature ', cipherEnd),
    serverDigest: wordAfter(message, ' server-digest ', cipherEnd),
  };
}

/**
 * Past ` to NAME` after a client, where there is one: the server name the client asked for (SNI),
 * which Postfix 3.4 and later log when `tls_server_sni_maps` is set
 * (`… established from HOST[IP] to mx.example.net: TLSv1.3 …`).
 */
function afterSni(message: string, at: number): number {
  if (!message.startsWith(' to ', at)) return at;
  let end = at + 4;
  while (end < message.length && message.charCodeAt(end) !== 58 && message.charCodeAt(end) !== 32) end++;
  return end > at + 4 ? end : at;
}

/** `TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)` at `at`: what a handshake agreed, and where the cipher ends. */
function tlsAgreed(message: string, at: number): { protocol: string; cipher: string; bits: number; cipherEnd: number } | null {
  const withCipher = message.indexOf(' with cipher ', at);
  if (withCipher < 0) return null;
  const protocol = message.slice(at, withCipher);
  const cipherStart = withCipher + 13;
  let cipherEnd = message.indexOf(' ', cipherStart);
  if (cipherEnd < 0) cipherEnd = message.length;
  const cipher = message.slice(cipherStart, cipherEnd);
  const bits = message.charCodeAt(cipherEnd + 1) === 40 ? toInt(message, cipherEnd + 2, message.indexOf('/', cipherEnd)) : -1;
  return { protocol, cipher, bits: bits < 0 ? 0 : bits, cipherEnd };
}

/**
 * postscreen's TLS proxy, which names a client by `[IP]:PORT` only: `CONNECT from [IP]:PORT`,
 * `Anonymous TLS connection established from [IP]:PORT: TLSv1.3 with cipher …`, `DISCONNECT [IP]:PORT`,
 * and its `warning: TLS library problem: …`, which names no client (the connection it belongs to
 * disconnects right after it). Its other lines (`CONNECT to` when it serves the outbound client,
 * other warnings) are known and not used.
 */
function parseTlsProxy(message: string): PostfixEvent | null {
  if (message.startsWith('warning: TLS library problem: ')) return { kind: 'tls-proxy-problem', reason: openSslReason(message, 30) };
  if (message.startsWith('CONNECT from ')) return proxyEvent(message, 13, 'connect');
  if (message.startsWith('DISCONNECT ')) return proxyEvent(message, 11, 'disconnect');
  const established = message.indexOf('TLS connection established from [');
  if (established < 0 || (established > 0 && !(message.charCodeAt(established - 1) === 32 && TRUSTS.has(message.slice(0, established - 1))))) return null;
  const endpoint = proxyEndpoint(message, established + 32);
  const after = endpoint ? afterSni(message, endpoint.end) : -1;
  if (!endpoint || !message.startsWith(': ', after)) return null;
  const agreed = tlsAgreed(message, after + 2);
  if (!agreed) return null;
  return { kind: 'tls-proxy', action: 'established', ip: endpoint.ip, port: endpoint.port, tls: { protocol: agreed.protocol, cipher: agreed.cipher, bits: agreed.bits } };
}

/** A `CONNECT from [IP]:PORT` or `DISCONNECT [IP]:PORT` line, nothing after the port. */
function proxyEvent(message: string, at: number, action: 'connect' | 'disconnect'): PostfixEvent | null {
  const endpoint = proxyEndpoint(message, at);
  return endpoint && endpoint.end === message.length ? { kind: 'tls-proxy', action, ip: endpoint.ip, port: endpoint.port, tls: null } : null;
}

/** `[IP]:PORT` at `at`, and where it ends. */
function proxyEndpoint(message: string, at: number): { ip: string; port: number; end: number } | null {
  const ip = parseBracketedIp(message, at);
  if (ip === null || ip.length === 0) return null;
  const colon = at + ip.length + 2;
  if (message.charCodeAt(colon) !== 58) return null;
  let end = colon + 1;
  while (end < message.length && end - colon <= 5 && message.charCodeAt(end) >= 48 && message.charCodeAt(end) <= 57) end++;
  const port = toInt(message, colon + 1, end);
  return port >= 0 && port <= 65_535 ? { ip, port, end } : null;
}

function parseWarning(message: string): PostfixEvent | null {
  // warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:317:
  if (message.startsWith('warning: TLS library problem: ')) return { kind: 'tls-library-problem', reason: openSslReason(message, 30) };
  // warning: unknown[192.0.2.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6
  if (message.includes(': SASL ', 9) && message.includes(' authentication failed', 9)) {
    const close = message.indexOf(']', 9);
    const client = close < 0 ? null : parseClient(message, 9, close + 1);
    return client && message.startsWith(': SASL ', afterClient(message, close)) ? { kind: 'auth-failed', client } : null;
  }
  return null;
}

/**
 * The reason of an OpenSSL error, in the shapes of OpenSSL 3 (`error:0A000126:SSL routines::REASON:FILE:LINE:`),
 * 1.1 and 1.0 (`error:14094412:SSL routines:FUNCTION:REASON:FILE:LINE:…`), with or without a leading pid.
 */
function openSslReason(message: string, start: number): string {
  const error = message.indexOf('error:', start);
  if (error < 0) return message.slice(start);
  const parts = message.slice(error).split(':');
  return parts[4] || parts[3] || message.slice(start);
}

/**
 * NOQUEUE: reject: RCPT from HOST[IP]: 550 5.1.1 <a@example.net>: Recipient address rejected: User unknown …; from=<…> to=<…> proto=ESMTP helo=<…>
 * QID: reject: header Subject: … from HOST[IP]; from=<…> to=<…> proto=ESMTP helo=<…>: 5.7.1 message content rejected
 */
function parseReject(message: string, queueId: string | null, at: number): PostfixEvent | null {
  let milter = false;
  if (message.startsWith('milter-reject: ', at)) {
    milter = true;
    at += 15;
  } else if (message.startsWith('reject: ', at)) at += 8;
  else return null;
  const space = message.indexOf(' ', at);
  if (space < 0) return null;
  const stage = message.slice(at, space);
  if (stage === 'header' || stage === 'body') return parseContentReject(message, queueId, stage, space, milter);
  if (!message.startsWith(' from ', space)) return null;
  const clientStart = space + 6;
  let client: Client | null;
  let codeStart: number;
  if (message.charCodeAt(clientStart) === 91) {
    // postscreen: [IP]:PORT
    const ip = parseBracketedIp(message, clientStart);
    client = ip === null ? null : { name: 'unknown', ip };
    codeStart = message.indexOf(': ', clientStart) + 2;
  } else {
    const close = message.indexOf(']', clientStart);
    client = close < 0 ? null : parseClient(message, clientStart, close + 1);
    const after = close < 0 ? -1 : afterClient(message, close);
    codeStart = after >= 0 && message.startsWith(': ', after) ? after + 2 : -1;
  }
  if (!client || codeStart < 2) return null;
  let code = toInt(message, codeStart, codeStart + 3);
  let enhanced: string | null;
  if (code >= 200 && code <= 599 && message.charCodeAt(codeStart + 3) === 32) {
    enhanced = enhancedStatusAt(message, codeStart + 4);
  } else {
    // cleanup logs a milter's reply with the enhanced status only: "…: 5.7.1 Spam message rejected"
    enhanced = enhancedStatusAt(message, codeStart);
    if (!enhanced) return null;
    code = Number(enhanced[0]) * 100 + 50;
  }
  return { kind: 'reject', queueId, stage, client, code, enhancedStatus: enhanced, reasonClass: rejectClass(message, codeStart), milter };
}

// The header text is the sender's, and may hold " from " and ": " itself: the client is the
// last " from " before "; from=<", the status follows the "helo=<…>" at the end.
function parseContentReject(message: string, queueId: string | null, stage: string, from: number, milter: boolean): PostfixEvent {
  const envelope = message.lastIndexOf('; from=<');
  const helo = message.lastIndexOf(' helo=<');
  const tailFrom = helo >= 0 ? helo : envelope;
  const tail = tailFrom < 0 ? -1 : message.indexOf('>: ', tailFrom);
  const enhanced = tail < 0 ? null : enhancedStatusAt(message, tail + 3);
  const fromAt = envelope < 0 ? -1 : message.lastIndexOf(' from ', envelope);
  const close = fromAt < from ? -1 : message.indexOf(']', fromAt);
  const client = close < 0 || close > envelope ? null : parseClient(message, fromAt + 6, close + 1);
  const code = enhanced ? Number(enhanced[0]) * 100 + 50 : 550;
  return { kind: 'reject', queueId, stage, client, code, enhancedStatus: enhanced, reasonClass: 'content', milter };
}

/** `5.1.1` at `at`, or null. */
function enhancedStatusAt(message: string, at: number): string | null {
  const c = message.charCodeAt(at);
  if (!(c === 50 || c === 52 || c === 53) || message.charCodeAt(at + 1) !== 46) return null;
  let end = at + 2;
  while (end < message.length && message.charCodeAt(end) !== 32 && message.charCodeAt(end) !== 59) end++;
  const status = message.slice(at, end);
  return /^[245]\.\d{1,3}\.\d{1,3}$/.test(status) ? status : null;
}

const REJECT_CLASSES: readonly [string, RejectClass][] = [
  ['User unknown', 'unknown-recipient'],
  ['Relay access denied', 'relay-denied'],
  [' blocked using ', 'dnsbl'],
  ['reylist', 'greylisted'],
  ['Client host rejected', 'client-host'],
  ['Helo command rejected', 'helo'],
  ['Sender address rejected', 'sender'],
  ['Recipient address rejected', 'recipient'],
  ['content rejected', 'content'],
  ['Spam', 'content'],
  ['spam', 'content'],
  ['Data command rejected', 'policy'],
  ['End-of-data rejected', 'policy'],
  ['Service unavailable', 'policy'],
  ['Service currently unavailable', 'policy'],
  ['Access denied', 'policy'],
];

function rejectClass(message: string, from: number): RejectClass {
  const end = message.indexOf('; from=<', from);
  const reason = end < 0 ? message.slice(from) : message.slice(from, end);
  for (const [needle, reasonClass] of REJECT_CLASSES) if (reason.includes(needle)) return reasonClass;
  return 'other';
}

const POSTSCREEN_PREFIXES: readonly [string, PostscreenAction][] = [
  ['CONNECT from ', 'connect'],
  ['PASS NEW ', 'pass-new'],
  ['PASS OLD ', 'pass-old'],
  ['WHITELISTED ', 'allowlisted'],
  ['ALLOWLISTED ', 'allowlisted'],
  ['BLACKLISTED ', 'denylisted'],
  ['DENYLISTED ', 'denylisted'],
  ['DISCONNECT ', 'disconnect'],
  ['HANGUP after ', 'hangup'],
  ['PREGREET ', 'pregreet'],
  ['DNSBL rank ', 'dnsbl'],
  ['COMMAND PIPELINING from ', 'pipelining'],
  ['COMMAND TIME LIMIT from ', 'violation'],
  ['COMMAND COUNT LIMIT from ', 'violation'],
  ['COMMAND LENGTH LIMIT from ', 'violation'],
  ['NON-SMTP COMMAND from ', 'violation'],
  ['BARE NEWLINE from ', 'violation'],
];

// CONNECT from [IP]:PORT to [IP]:25 · PASS NEW [IP]:PORT · DNSBL rank 3 for [IP]:PORT · PREGREET 11 after 0.07 from [IP]:PORT: EHLO …
function parsePostscreen(message: string): PostfixEvent | null {
  if (message.startsWith('NOQUEUE: ')) return parseReject(message, null, 9);
  for (const [prefix, action] of POSTSCREEN_PREFIXES) {
    if (!message.startsWith(prefix)) continue;
    let count: number | null = null;
    let ipAt = prefix.length;
    if (action === 'dnsbl' || action === 'pregreet') {
      const space = message.indexOf(' ', prefix.length);
      count = toInt(message, prefix.length, space);
      if (count < 0) return null;
    }
    if (action === 'dnsbl' || action === 'pregreet' || action === 'hangup') ipAt = message.indexOf(action === 'dnsbl' ? ' for [' : ' from [', prefix.length) + (action === 'dnsbl' ? 5 : 6);
    const ip = ipAt < prefix.length ? null : parseBracketedIp(message, ipAt);
    return ip === null ? null : { kind: 'postscreen', action, ip, count };
  }
  return null;
}

/** Lines that start with a queue id: `4Xk2Jd0Fh3z9rx7: client=…`, `3F2A11C0123: removed`. */
function parseQueueLine(message: string, daemon: string): PostfixEvent | null {
  const colon = message.indexOf(': ');
  if (colon < 5 || colon > 20 || !isQueueId(message, colon)) return null;
  const queueId = message.slice(0, colon);
  const rest = colon + 2;
  switch (message.charCodeAt(rest)) {
    case 116: // t
      return message.startsWith('to=<', rest) ? parseDelivery(message, queueId, rest, daemon) : null;
    case 99: // c
      return message.startsWith('client=', rest) ? parseQueueClient(message, queueId, rest + 7) : null;
    case 114: // r
      if (message.startsWith('removed', rest)) return { kind: 'removed', queueId };
      if (message.startsWith('reject: ', rest)) return parseReject(message, queueId, rest);
      return null;
    case 109: // m
      if (message.startsWith('message-id=', rest)) return { kind: 'cleanup', queueId };
      if (message.startsWith('milter-reject: ', rest)) return parseReject(message, queueId, rest);
      return null;
    case 102: // f
      // qmgr: from=<…>, size=12345, nrcpt=1 (queue active)  ·  from=<…>, status=expired, returned to sender
      if (!message.startsWith('from=<', rest)) return null;
      // Only at the end: a sender's address may hold ", status=expired" itself.
      if (message.endsWith('>, status=expired, returned to sender')) return { kind: 'expired', queueId };
      {
        // The sender ends where its field does: at the last ">, size=" (an address may hold one itself).
        const end = message.lastIndexOf('>, size=');
        if (end < rest + 5) return null;
        const size = fieldInt(message, ', size=', end);
        const nrcpt = fieldInt(message, ', nrcpt=', end);
        if (size < 0 || nrcpt < 0) return null;
        return { kind: 'queued', queueId, size, nrcpt, senderDomain: recipientDomainOf(message.slice(rest + 6, end)) };
      }
    case 115: // s
      return parseNotification(message, queueId, rest, 'sender ');
    case 112: // p
      return parseNotification(message, queueId, rest, 'postmaster ');
    default:
      return null;
  }
}

// QID: client=HOST[IP], sasl_method=PLAIN, sasl_username=…   ·   QID: client=localhost[127.0.0.1], orig_queue_id=9B1C2D3E4F, orig_client=HOST[IP]
function parseQueueClient(message: string, queueId: string, at: number): PostfixEvent | null {
  const close = message.indexOf(']', at);
  const client = close < 0 ? null : parseClient(message, at, close + 1);
  if (!client) return null;
  const origAt = message.indexOf(', orig_queue_id=', close);
  let origQueueId: string | null = null;
  let origClient: Client | null = null;
  if (origAt >= 0) {
    const idStart = origAt + 16;
    let idEnd = message.indexOf(',', idStart);
    if (idEnd < 0) idEnd = message.length;
    origQueueId = message.slice(idStart, idEnd);
    const oc = message.indexOf(', orig_client=', idEnd);
    if (oc >= 0) origClient = parseClient(message, oc + 14);
  }
  return { kind: 'queue-client', queueId, client, authenticated: message.includes(', sasl_method=', close), origQueueId, origClient };
}

// QID: to=<a@example.net>, relay=mailstore1.example.net[10.0.3.7]:24, delay=0.42, delays=0.31/0.01/0.02/0.08, dsn=2.0.0, status=sent (…)
function parseDelivery(message: string, queueId: string, start: number, agent: string): PostfixEvent | null {
  // The fields follow the address (and `orig_to=<…>`). An address may hold anything — quoted in
  // Postfix 3.5's external form, as it came before that or with info_log_address_format=internal —
  // ", relay=…, status=deferred (…)" too: the fields start at the one `>, relay=` of the line, and a
  // line with two is not read (which of them is the address's cannot be told).
  const fieldsAt = message.indexOf('>, relay=', start);
  if (fieldsAt < 0 || message.indexOf('>, relay=', fieldsAt + 9) >= 0) return null;
  const origAt = message.lastIndexOf('>, orig_to=<', fieldsAt);
  const addressEnd = origAt >= start ? origAt : fieldsAt;
  const fields = fieldsAt + 1;
  const relay = fieldText(message, ', relay=', fields);
  const delayText = fieldText(message, ', delay=', fields);
  const statusAt = message.indexOf(', status=', fields);
  const status = deliveryStatus(fieldText(message, ', status=', fields));
  if (relay === null || delayText === null || status === null) return null;
  const delay = Number(delayText);
  if (!Number.isFinite(delay)) return null;
  // status=deferred (host mx.example.org[203.0.113.5] said: 451 … (in reply to RCPT TO command))
  // The SMTP and LMTP clients, and error(8) and retry(8), which defer mail for a destination that
  // has failed lately with the reason it failed (`delivery temporarily suspended: connect to …`).
  const network = agent === 'smtp' || agent === 'lmtp' || agent === 'error' || agent === 'retry';
  const why = network && status !== 'sent' ? message.indexOf(' (', statusAt) : -1;
  const recipientDomain = network && agent !== 'lmtp' ? recipientDomainOf(message.slice(start + 4, addressEnd)) : null;
  // The recipient's domain (and orig_to's) goes from the receiver's words: a business hosted at a
  // big receiver is named in its replies, and a small receiver's domain is never published.
  const origDomain = origAt >= start ? recipientDomainOf(message.slice(origAt + 12, fieldsAt)) : null;
  const domains = [recipientDomain, origDomain].filter((d): d is string => d !== null);
  const problem = why >= 0 && message.endsWith(')') ? parseRelayProblem(message.slice(0, -1), why + 2, domains) : null;
  return {
    kind: 'delivery',
    queueId,
    agent,
    relay,
    delay,
    delays: parseDelays(fieldText(message, ', delays=', fields)),
    dsn: fieldText(message, ', dsn=', fields),
    status,
    tls: fieldText(message, ', tls=', fields),
    problem,
    recipientDomain,
  };
}

/**
 * The SMTP client's lines other than deliveries: `connect to HOST[IP]:25: …` (no queue id),
 * `QID: host HOST[IP] said: …` / `refused to talk to me: …`, `QID: lost connection with HOST[IP]
 * while …`, `QID: conversation with HOST[IP] timed out while …`, and `… TLS connection established
 * to HOST[IP]:25: TLSv1.3 with cipher …`.
 */
function parseSmtpClient(message: string): PostfixEvent | null {
  // Lines of a message first (most of the client's lines are its deliveries, which parseQueueLine
  // reads): nothing else of a line is searched for them.
  const colon = message.indexOf(': ');
  if (colon >= 5 && colon <= 20 && isQueueId(message, colon)) {
    const rest = colon + 2;
    if (message.startsWith('Cannot start TLS: ', rest)) return { kind: 'relay-tls-failed', relay: null };
    if (!(message.startsWith('host ', rest) || message.startsWith('lost connection with ', rest) || message.startsWith('conversation with ', rest))) return null;
    const problem = parseRelayProblem(message, rest);
    return problem.kind === 'other' ? null : { kind: 'relay-problem', queueId: message.slice(0, colon), problem };
  }
  if (message.startsWith('SSL_connect error to ')) {
    const relay = relayAt(message, 21);
    return { kind: 'relay-tls-failed', relay: relay && message.startsWith(': ', relay.end) ? relay.relay : null };
  }
  if (message.startsWith('connect to ')) {
    const problem = parseRelayProblem(message, 0);
    return problem.kind === 'connect' ? { kind: 'relay-problem', queueId: null, problem } : null;
  }
  // Postfix 3.4 and later reuse a TLS connection for the next delivery: `… TLS connection reused to …`.
  let established = message.indexOf('TLS connection established to ');
  if (established < 0) established = message.indexOf('TLS connection reused to ');
  if (established === 0 || (established > 0 && message.charCodeAt(established - 1) === 32 && TRUSTS.has(message.slice(0, established - 1)))) {
    const relay = relayAt(message, established + (message.startsWith('TLS connection reused to ', established) ? 25 : 30));
    const after = relay ? afterSni(message, relay.end) : -1;
    const agreed = relay && message.startsWith(': ', after) ? tlsAgreed(message, after + 2) : null;
    if (!relay || !agreed) return null;
    const trust = established === 0 ? null : TRUSTS.get(message.slice(0, established - 1))!;
    return { kind: 'relay-tls', relay: relay.relay, trust, protocol: agreed.protocol, cipher: agreed.cipher, bits: agreed.bits };
  }
  return null;
}

// delays=0.31/0.01/0.02/0.08
function parseDelays(text: string | null): DeliveryDelays | null {
  if (text === null) return null;
  const s1 = text.indexOf('/');
  const s2 = text.indexOf('/', s1 + 1);
  const s3 = text.indexOf('/', s2 + 1);
  if (s1 <= 0 || s2 < 0 || s3 < 0 || text.indexOf('/', s3 + 1) >= 0) return null;
  const a = decimal(text, 0, s1);
  const b = decimal(text, s1 + 1, s2);
  const c = decimal(text, s2 + 1, s3);
  const d = decimal(text, s3 + 1, text.length);
  return a < 0 || b < 0 || c < 0 || d < 0 ? null : { beforeQueue: a, inQueue: b, connect: c, transmit: d };
}

/** A non-negative decimal such as "0.31" or "3600" in [from, to), or -1. */
function decimal(text: string, from: number, to: number): number {
  if (to <= from) return -1;
  const dot = text.indexOf('.', from);
  if (dot < 0 || dot >= to) return toInt(text, from, to);
  const whole = dot === from ? 0 : toInt(text, from, dot);
  const fraction = toInt(text, dot + 1, to);
  return whole < 0 || fraction < 0 ? -1 : whole + fraction / 10 ** (to - dot - 1);
}

function deliveryStatus(text: string | null): DeliveryStatus | null {
  return text === 'sent' || text === 'deferred' || text === 'bounced' || text === 'expired' ? text : null;
}

// QID: sender non-delivery notification: 5B6C7D8E9F
function parseNotification(message: string, queueId: string, at: number, who: string): PostfixEvent | null {
  if (!message.startsWith(who, at)) return null;
  const typeStart = at + who.length;
  const type = message.startsWith('non-delivery notification: ', typeStart)
    ? 'non-delivery'
    : message.startsWith('delay notification: ', typeStart)
      ? 'delay'
      : message.startsWith('delivery status notification: ', typeStart)
        ? 'success'
        : null;
  if (!type) return null;
  const colon = message.indexOf(': ', typeStart);
  const notificationQueueId = message.slice(colon + 2).trim();
  if (!isQueueId(notificationQueueId, notificationQueueId.length)) return null;
  return { kind: 'notification', queueId, type, notificationQueueId };
}

/** The value after `key` up to the next comma or space: `, delay=0.42,` → "0.42". */
function fieldText(message: string, key: string, start: number): string | null {
  const at = message.indexOf(key, start);
  if (at < 0) return null;
  const from = at + key.length;
  let to = from;
  while (to < message.length) {
    const c = message.charCodeAt(to);
    if (c === 44 || c === 32) break;
    to++;
  }
  return message.slice(from, to);
}

function fieldInt(message: string, key: string, start: number): number {
  const at = message.indexOf(key, start);
  if (at < 0) return -1;
  let end = at + key.length;
  while (end < message.length && message.charCodeAt(end) >= 48 && message.charCodeAt(end) <= 57) end++;
  return toInt(message, at + key.length, end);
}

function wordAfter(message: string, key: string, start: number): string | null {
  const at = message.indexOf(key, start);
  if (at < 0) return null;
  const from = at + key.length;
  const end = message.indexOf(' ', from);
  return message.slice(from, end < 0 ? undefined : end);
}

/** A non-negative decimal integer in [from, to), or -1. */
function toInt(text: string, from: number, to: number): number {
  if (to <= from || to - from > 15 || to > text.length) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Short upper-case hex ids (`3F2A11C0123`) or the long base-62 ids of `enable_long_queue_ids`
 * (`4Xk2Jd0Fh3z9rx7`); NOQUEUE is not one.
 */
function isQueueId(text: string, length: number): boolean {
  if (length < 5 || length > 20) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return !(length === 7 && text.startsWith('NOQUEUE'));
}
