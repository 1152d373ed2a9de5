import { parseClient } from './parse-client.ts';
import type { PostfixEvent } from './postfix-event.ts';

const UNRECOGNISED: PostfixEvent = { kind: 'unrecognised' };

/**
 * Reads what a Postfix daemon said. `program` is the syslog tag (`postfix/submission/smtpd`);
 * the daemon is its last element. Anything not understood is `unrecognised`, never an error.
 *
 * @example
 * parsePostfixEvent('postfix/smtpd', 'lost connection after STARTTLS from mail-am1on0123.outbound.protection.outlook.com[157.56.112.123]')
 * // { kind: 'session-aborted', reason: 'lost', stage: 'STARTTLS', client: { name: 'mail-am1on0123…', ip: '157.56.112.123' } }
 */
export function parsePostfixEvent(program: string, message: string): PostfixEvent {
  const daemon = program.slice(program.lastIndexOf('/') + 1);
  switch (daemon) {
    case 'smtpd':
      return parseSmtpd(message) ?? UNRECOGNISED;
    case 'qmgr':
    case 'cleanup':
    case 'smtp':
    case 'lmtp':
    case 'local':
    case 'virtual':
    case 'pipe':
      return parseQueueLine(message) ?? UNRECOGNISED;
    default:
      return UNRECOGNISED;
  }
}

function parseSmtpd(message: string): PostfixEvent | null {
  switch (message.charCodeAt(0)) {
    case 99: // c
      if (message.startsWith('connect from ')) {
        const client = parseClient(message, 13);
        return client && { kind: 'connect', client };
      }
      break;
    case 100: // d
      if (message.startsWith('disconnect from ')) return parseDisconnect(message);
      break;
    case 108: // l
      if (message.startsWith('lost connection after ')) return parseAborted(message, 'lost', 22);
      break;
    case 116: // t
      if (message.startsWith('timeout after ')) return parseAborted(message, 'timeout', 14);
      if (message.startsWith('too many errors after ')) return parseAborted(message, 'too-many-errors', 22);
      break;
    case 65: // A
    case 85: // U
    case 84: // T
    case 86: // V
      if (message.includes(' TLS connection established from ')) return parseTlsEstablished(message);
      break;
    case 83: // S
      // SSL_accept error from mail.example.net[192.0.2.1]: lost connection
      if (message.startsWith('SSL_accept error from ')) {
        const colon = message.indexOf(']: ', 22);
        const client = colon > 0 ? parseClient(message, 22, colon + 1) : null;
        return client && { kind: 'tls-handshake-failed', client, reason: message.slice(colon + 3) };
      }
      break;
  }
  return parseQueueLine(message);
}

// disconnect from mail.example.net[192.0.2.1] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7
function parseDisconnect(message: string): PostfixEvent | null {
  const close = message.indexOf(']', 16);
  const client = close > 0 ? parseClient(message, 16, close + 1) : null;
  if (!client) return null;
  if (close + 1 >= message.length) return { kind: 'disconnect', client, commands: null };
  const commands: Record<string, { ok: number; tried: number }> = {};
  for (const pair of message.slice(close + 2).split(' ')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const value = pair.slice(eq + 1);
    const slash = value.indexOf('/');
    const ok = Number(slash < 0 ? value : value.slice(0, slash));
    const tried = slash < 0 ? ok : Number(value.slice(slash + 1));
    if (Number.isInteger(ok) && Number.isInteger(tried)) commands[pair.slice(0, eq)] = { ok, tried };
  }
  return { kind: 'disconnect', client, commands };
}

// lost connection after STARTTLS from HOST[IP]  ·  timeout after DATA (1234 bytes) from HOST[IP]
function parseAborted(
  message: string,
  reason: 'lost' | 'timeout' | 'too-many-errors',
  stageStart: number,
): PostfixEvent | null {
  const from = message.indexOf(' from ', stageStart);
  if (from < 0) return null;
  const space = message.indexOf(' ', stageStart);
  const stage = message.slice(stageStart, space < from ? space : from);
  const client = parseClient(message, from + 6);
  return client && { kind: 'session-aborted', reason, stage, client };
}

// Anonymous TLS connection established from HOST[IP]: TLSv1.2 with cipher ECDHE-RSA-AES256-SHA384 (256/256 bits)
function parseTlsEstablished(message: string): PostfixEvent | null {
  const space = message.indexOf(' ');
  const trust = message.slice(0, space);
  if (trust !== 'Anonymous' && trust !== 'Untrusted' && trust !== 'Trusted' && trust !== 'Verified') return null;
  const start = space + 33;
  const colon = message.indexOf(']: ', start);
  if (colon < 0) return null;
  const client = parseClient(message, start, colon + 1);
  const withCipher = message.indexOf(' with cipher ', colon);
  if (!client || withCipher < 0) return null;
  const protocol = message.slice(colon + 3, withCipher);
  const cipherEnd = message.indexOf(' ', withCipher + 13);
  const cipher = message.slice(withCipher + 13, cipherEnd < 0 ? undefined : cipherEnd);
  const bits = cipherEnd < 0 ? 0 : Number.parseInt(message.slice(cipherEnd + 2), 10);
  return { kind: 'tls-established', client, trust, protocol, cipher, bits: Number.isNaN(bits) ? 0 : bits };
}

/** Lines that start with a queue id: `4Xk2Jd0Fh3z9rx7: client=…`, `3F2A11C0123: removed`. */
function parseQueueLine(message: string): PostfixEvent | null {
  const colon = message.indexOf(': ');
  if (colon < 5 || colon > 20) return null;
  const queueId = message.slice(0, colon);
  if (!isQueueId(queueId)) return null;
  const rest = colon + 2;
  if (message.startsWith('client=', rest)) {
    const client = parseClient(message, rest + 7);
    return client && { kind: 'queue-client', queueId, client, authenticated: message.includes(', sasl_method=', rest) };
  }
  if (message.startsWith('removed', rest)) return { kind: 'removed', queueId };
  if (message.startsWith('to=<', rest)) return parseDelivery(message, queueId, rest);
  return null;
}

// 4Xk2Jd0Fh3z9rx7: to=<a@example.net>, relay=mailstore1.example.net[10.0.3.7]:24, delay=0.42, delays=…, dsn=2.0.0, status=sent (…)
function parseDelivery(message: string, queueId: string, start: number): PostfixEvent | null {
  const relay = field(message, ', relay=', start);
  const delayText = field(message, ', delay=', start);
  const statusText = field(message, ', status=', start);
  const delay = delayText === null ? Number.NaN : Number(delayText);
  if (relay === null || Number.isNaN(delay)) return null;
  const status =
    statusText === 'sent' || statusText === 'deferred' || statusText === 'bounced' || statusText === 'expired'
      ? statusText
      : null;
  return status && { kind: 'delivery', queueId, relay, delay, status };
}

/** The value after `key` up to the next comma or space: `, delay=0.42,` → "0.42". */
function field(message: string, key: string, start: number): string | null {
  const at = message.indexOf(key, start);
  if (at < 0) return null;
  const from = at + key.length;
  let to = from;
  for (let c = message.charCodeAt(to); to < message.length && c !== 44 && c !== 32; c = message.charCodeAt(++to));
  return message.slice(from, to);
}

/** Short upper-case hex ids, or the long base-62 ids of `enable_long_queue_ids`. */
function isQueueId(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}
