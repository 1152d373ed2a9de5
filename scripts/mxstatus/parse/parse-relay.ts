import { detachString } from '../../../src/core/detach-string.ts';
import { builtInReceiverRules } from '../../../src/core/senders/receiver-catalog.ts';
import { parseClient } from './parse-client.ts';
import type { ConnectFailure, Relay, RelayProblem, RelayReply } from './postfix-event.ts';

/**
 * What Postfix's SMTP and LMTP clients say about a receiving server, as they write it in a
 * delivery's status text (`status=deferred (…)`) or on a line of its own (`QID: host … said: …`):
 *
 * - `connect to HOST[IP]:PORT: Connection timed out` (refused, Network is unreachable, No route to host)
 * - `host HOST[IP] said: 451 4.7.650 … (in reply to MAIL FROM command)`
 * - `host HOST[IP] refused to talk to me: 554 5.7.1 …`
 * - `lost connection with HOST[IP] while receiving the initial server greeting`
 * - `conversation with HOST[IP] timed out while sending RCPT TO`
 * - anything else (`Host or domain name not found. …`, `delivery temporarily suspended: …`): `other`.
 *
 * `delivery temporarily suspended: ` (Postfix's verdict after failures, repeating the last one) is
 * read through. Replies lose their addresses and IPs (sanitizeReplyText).
 *
 * @example
 * parseRelayProblem('host mx.example.org[203.0.113.5] said: 421 4.7.0 [TSS04] Try later (in reply to MAIL FROM command)', 0)
 * // { kind: 'reply', relay: { name: 'mx.example.org', ip: '203.0.113.5', port: null },
 * //   reply: { code: 421, enhanced: '4.7.0', text: '[TSS04] Try later', stage: 'MAIL FROM' } }
 */
export function parseRelayProblem(text: string, at: number, domains: readonly string[] = []): RelayProblem {
  if (text.startsWith('delivery temporarily suspended: ', at)) at += 32;
  if (text.startsWith('connect to ', at)) {
    const relay = relayAt(text, at + 11);
    if (relay && text.startsWith(': ', relay.end)) return { kind: 'connect', relay: relay.relay, failure: connectFailure(text.slice(relay.end + 2)) };
  } else if (text.startsWith('host ', at)) {
    const relay = relayAt(text, at + 5);
    if (relay && text.startsWith(' said: ', relay.end)) return { kind: 'reply', relay: relay.relay, reply: parseReply(text, relay.end + 7, domains) };
    if (relay && text.startsWith(' refused to talk to me: ', relay.end)) return { kind: 'refused', relay: relay.relay, reply: parseReply(text, relay.end + 24, domains) };
  } else if (text.startsWith('lost connection with ', at)) {
    const relay = relayAt(text, at + 21);
    if (relay && text.startsWith(' while ', relay.end)) return { kind: 'lost', relay: relay.relay, stage: stageAfterWhile(text, relay.end + 7) };
  } else if (text.startsWith('conversation with ', at)) {
    const relay = relayAt(text, at + 18);
    if (relay && text.startsWith(' timed out while ', relay.end)) return { kind: 'timeout', relay: relay.relay, stage: stageAfterWhile(text, relay.end + 17) };
  }
  return { kind: 'other', text: sanitizeReplyText(text.slice(at), domains) };
}

/** `HOST[IP]` or `HOST[IP]:PORT` at `at`, and where it ends. */
export function relayAt(text: string, at: number): { relay: Relay; end: number } | null {
  const close = text.indexOf(']', at);
  const client = close < 0 ? null : parseClient(text, at, close + 1);
  if (!client) return null;
  let end = close + 1;
  let port: number | null = null;
  if (text.charCodeAt(end) === 58) {
    let digits = end + 1;
    while (digits < text.length && digits - end <= 5 && text.charCodeAt(digits) >= 48 && text.charCodeAt(digits) <= 57) digits++;
    if (digits > end + 1) {
      port = Number(text.slice(end + 1, digits));
      end = digits;
    }
  }
  return { relay: { name: client.name, ip: client.ip, port: port !== null && port <= 65_535 ? port : null }, end };
}

const CONNECT_FAILURES: readonly [string, ConnectFailure][] = [
  ['Connection timed out', 'timed-out'],
  ['Connection refused', 'refused'],
  ['Network is unreachable', 'unreachable'],
  ['No route to host', 'no-route'],
];

function connectFailure(reason: string): ConnectFailure {
  for (const [text, failure] of CONNECT_FAILURES) if (reason.startsWith(text)) return failure;
  return 'other';
}

/** `receiving the initial server greeting` → "initial server greeting"; `sending RCPT TO` → "RCPT TO". */
function stageAfterWhile(text: string, at: number): string {
  const words = text.slice(at, at + 80);
  const stage = words.replace(/^(?:receiving|sending) (?:the )?/, '').replace(/ command$/, '');
  return sanitizeReplyText(stage);
}

/**
 * `451 4.7.650 The mail server [IP] has been … (in reply to MAIL FROM command)`, and multi-line
 * replies as Postfix joins them (`421-4.7.28 [IP] Our system … 421-4.7.28 … 421 4.7.28 …`).
 */
function parseReply(text: string, at: number, domains: readonly string[]): RelayReply {
  // Not cut here: sanitizeReplyText cuts, at a word, before it searches anything.
  let body = text.slice(at);
  let stage: string | null = null;
  const inReplyAt = body.lastIndexOf('(in reply to ');
  const inReply = inReplyAt < 0 || body.length - inReplyAt > 80 ? null : /^\(in reply to (.{1,60}?)(?: command)?\)\s*$/.exec(body.slice(inReplyAt));
  if (inReply) {
    stage = inReply[1]!;
    body = body.slice(0, inReplyAt);
  }
  const head = /^([2-5]\d\d)(?:[ -]([2-5]\.\d{1,3}\.\d{1,3}))?(?:[\s-]|$)/.exec(body);
  const code = head ? Number(head[1]) : null;
  const enhanced = head?.[2] ?? null;
  if (head) body = body.slice(head[0].length);
  // The code and status again before each further line of a multi-line reply.
  if (code !== null) body = body.replace(new RegExp(`\\s${code}[ -](?:${(enhanced ?? '').replaceAll('.', '\\.')} )?`, 'g'), ' ');
  return { code, enhanced, text: sanitizeReplyText(body, domains), stage: stage && sanitizeReplyText(stage, domains) };
}

const MAX_REPLY_TEXT = 200;
/**
 * What is read of a receiver's words at most: more than MAX_REPLY_TEXT, so that what goes (addresses,
 * IPs) still leaves 200 characters, and few enough that every search of them is cheap.
 */
const MAX_INPUT = 1_000;

/**
 * A receiving server's words without what identifies a person or a host: every word holding a
 * mail address goes whole (`…`; also written `%40`, `&#64;`, a full-width `＠`, with a quoted
 * local part or blanks around the @), an address in angle brackets becomes `<…>`, and every IPv4
 * or IPv6 address within a word becomes `IP` (ours, mostly: "The mail server [IP] has been
 * temporarily rate limited"); blanks are collapsed and the text is cut to 200 characters. Only
 * the first 1,000 characters are read, less the word the cut falls in. What remains — codes, the
 * receiver's own tags such as `(S775)` or `[TSS04]`, links to its postmaster pages — is what tells
 * one reply class from another. Word by word, so that no search of a long hostile word is
 * quadratic.
 *
 * @example
 * sanitizeReplyText('5.1.1 <bob@example.org>: Recipient address rejected')  // '5.1.1 <…>: Recipient address rejected'
 * sanitizeReplyText('The mail server [203.0.113.5] has been temporarily rate limited') // 'The mail server [IP] has been temporarily rate limited'
 */
export function sanitizeReplyText(text: string, domains: readonly string[] = []): string {
  // A receiver in trouble answers thousands of deliveries in the same words (its own, and our address).
  const key = `${domains.join(' ')}\n${text}`;
  const known = SANITIZED.get(key);
  if (known !== undefined) return known;
  // Detached: kept past the line, a slice of it would keep its whole read chunk alive.
  const sanitized = detachString(sanitize(text, domains));
  if (SANITIZED.size >= MAX_SANITIZED) SANITIZED.clear();
  SANITIZED.set(detachString(key), sanitized);
  return sanitized;
}

/** Replies sanitized lately, by their domains and words. */
const SANITIZED = new Map<string, string>();
const MAX_SANITIZED = 4096;

function sanitize(text: string, domains: readonly string[]): string {
  let out = text;
  if (out.length > MAX_INPUT) {
    // The word the cut falls in goes: half an address or half an IP is still one.
    out = out.slice(0, MAX_INPUT);
    const blank = out.search(/\s\S*$/);
    out = blank > 0 ? out.slice(0, blank) : '';
  }
  // Blanks first, so that no later pattern can run over a long run of them.
  out = out.replace(/\s+/g, ' ');
  out = withoutSpellings(out, domains);
  out = out
    .replace(/%(?:25)*40|&#0*64;?|&#x0*40;?|&commat;|＠|﹫|\[at\]|\(at\)/gi, '@')
    .replace(/<[^<>@]*@[^<>]*>/g, '<…>')
    // A MIME encoded word (a display name in another script): =?UTF-8?B?…?=.
    .replace(/=\?[^?\s]{1,40}\?[bq]\?[^?\s]{0,300}\?=/gi, '…')
    // The display name before an address: "Bob Smith" <…>, Mr Bob Smith <…>, Bob <…>.
    .replace(/"[^"]{0,80}" ?<…>/g, '<…>')
    .replace(/(?:\p{Lu}[\p{L}'.-]{0,30} ){1,3}<…>/gu, '<…>');
  out = withoutQuotedLocalParts(out).replace(/ ?@ ?/g, '@');
  // A bare local part in angle brackets (<bob>): as much an address as any.
  out = out.replace(/<[^<>\s…]{1,64}>/g, '<…>');
  const words: string[] = [];
  for (const word of out.split(' ')) {
    if (word === '') continue;
    if (word.includes('@')) {
      words.push('…');
      continue;
    }
    let clean = word;
    if (clean.includes(':')) clean = clean.replace(/[0-9a-fA-F]*(?::[0-9a-fA-F]*){2,}(?:\.\d{1,3}){0,3}(?:%\w+)?/g, (match) => (match.includes('::') || /[a-fA-F.]/.test(match) || match.split(':').length > 3 ? 'IP' : match));
    if (clean.includes('.')) clean = clean.replace(/\d{1,3}(?:\.\d{1,3}){3}/g, 'IP');
    // An address in a host name: host-203-0-113-5.example.net, and IPv6 with dashes (2001-db8-5--25).
    if (/\d[-_]\d/.test(clean)) clean = clean.replace(/\d{1,3}[-_]\d{1,3}[-_]\d{1,3}[-_]\d{1,3}/g, 'IP');
    if (clean.includes('-')) clean = clean.replace(/[0-9a-f]{1,4}(?:-{1,2}[0-9a-f]{0,4}){2,7}/gi, (match) => (/\d/.test(match) && (match.includes('--') || match.split('-').length >= 4) ? 'IP' : match));
    // An address written quoted-printable (bob=40example.org) is one too.
    if (/[\p{L}\p{N}._-]=(?:3D)?40[\p{L}\p{N}-]+\.\p{L}{2,}/u.test(clean)) {
      words.push('…');
      continue;
    }
    clean = withoutPrivateDomains(clean);
    // What is left of an address around a domain taken out (john.q.public%DOMAIN, bob=40DOMAIN): the word goes.
    if (/(?:%(?:25)*|=(?:3D)?40)DOMAIN/i.test(clean)) clean = '…';
    words.push(clean);
  }
  out = words.join(' ');
  return out.length > MAX_REPLY_TEXT ? `${out.slice(0, MAX_REPLY_TEXT - 1)}…` : out;
}

/**
 * A reply sanitizeReplyText has cleaned, without the domains given too, in the same spellings it
 * takes a recipient's out (DOMAIN): the envelope sender's, known only from the queue manager's
 * line (`from=<…>`), which receivers quote ("… from your domain example.org …", Gmail's 4.7.28).
 * A text cut at its end loses its last, cut word: half a domain is still one.
 *
 * @example
 * withoutDomains('unusual rate of unsolicited mail from example.org. To protect …', ['example.org']) // 'unusual rate of unsolicited mail from DOMAIN. To protect …'
 */
export function withoutDomains(text: string, domains: readonly string[]): string {
  let out = text.endsWith('…') ? `${text.slice(0, text.lastIndexOf(' ') + 1)}…` : text;
  out = withoutSpellings(out, domains);
  return out;
}

/** A quoted local part (`"john \"jj\" smith"@…`, blanks inside) becomes one letter before its @, so that the word rule takes the address. */
function withoutQuotedLocalParts(text: string): string {
  let out = text;
  for (let at = out.indexOf('"@'), guard = 0; at >= 0 && guard < 100; at = out.indexOf('"@'), guard++) {
    let open = at - 1;
    while (open >= 0 && !(out.charCodeAt(open) === 34 && out.charCodeAt(open - 1) !== 92)) open--;
    out = `${out.slice(0, Math.max(0, open))}q${out.slice(at + 1)}`;
  }
  return out;
}

/** A recipient's domain as a receiver may write it: itself, its parents of two labels or more, and each with dashes (`contoso-com`, Microsoft's tenants). */
function domainSpellings(domains: readonly string[]): string[] {
  const out = new Set<string>();
  for (const domain of domains) {
    const labels = domain.split('.');
    for (let i = 0; i + 1 < labels.length; i++) {
      const suffix = labels.slice(i).join('.');
      // Not a public suffix's like `co.uk`: the first label of a parent must say something.
      if (i > 0 && labels[i]!.length <= 3) continue;
      out.add(suffix);
      out.add(suffix.replaceAll('.', '-'));
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** One pattern per set of domains, for every spelling of them (longest first); a relay's replies name the same few domains again and again. */
const SPELLINGS = new Map<string, RegExp | null>();
const MAX_SPELLINGS = 4096;

/**
 * `text` with every spelling of the domains (domainSpellings) replaced by DOMAIN, case-insensitive.
 * Searched in the text itself, not in its lower case: a character whose lower case is longer (İ)
 * would shift every index after it.
 */
function withoutSpellings(text: string, domains: readonly string[]): string {
  if (domains.length === 0) return text;
  const key = domains.join(' ');
  let pattern = SPELLINGS.get(key);
  if (pattern === undefined) {
    const spellings = domainSpellings(domains);
    pattern = spellings.length === 0 ? null : new RegExp(spellings.map((s) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|'), 'gi');
    if (SPELLINGS.size >= MAX_SPELLINGS) SPELLINGS.clear();
    SPELLINGS.set(key, pattern);
  }
  return pattern ? text.replace(pattern, 'DOMAIN') : text;
}

/**
 * Domains a receiver's words may name: those of the receiving organisations of the catalog (their
 * MX names and public mail domains) and of the places their replies send a postmaster to — help
 * pages, blocklists, reputation services. Every other domain in a reply is someone's: a
 * recipient's business, a sender's, the original sender of forwarded mail (Gmail's 5.7.26 names
 * the From domain whose DMARC failed), a small receiver's own server naming itself.
 */
const PUBLIC_DOMAINS = suffixSet([
  ...builtInReceiverRules.flatMap((rule) => [...rule.mxSuffixes, ...rule.domains]),
  'aka.ms', 'microsoft.com', 'office.com', 'office365.com', 'outlook.com', 'live.com', 'google.com', 'gmail.com', 'googlemail.com',
  'yahoo.com', 'yahooinc.com', 'aol.com', 'apple.com', 'icloud.com', 'gmx.net', 'web.de', 'ionos.de', 'ionos.com', 't-online.de', 'telekom.de',
  'spamhaus.org', 'spamcop.net', 'barracudacentral.org', 'barracuda.com', 'sorbs.net', 'uceprotect.net', 'senderscore.org', 'validity.com',
  'abusix.org', 'abuseat.org', 'surbl.org', 'dnswl.org', 'mailspike.net', 'psbl.org', 'proofpoint.com', 'mimecast.com', 'cloudmark.com',
  'spfbl.net', 'dmarc.org', 'rfc-editor.org', 'ietf.org', 'm3aawg.org',
]);

/** Whether `domain` (lower case) is one of `suffixes` or below one. */
function suffixSet(suffixes: readonly string[]): (domain: string) => boolean {
  const set = new Set(suffixes.map((s) => s.toLowerCase()));
  return (domain) => {
    for (let at = 0; at >= 0; at = domain.indexOf('.', at + 1) >= 0 ? domain.indexOf('.', at) + 1 : -1) {
      if (set.has(domain.slice(at))) return true;
    }
    return false;
  };
}

/** A domain name in a word: labels of letters, digits and dashes, a top label of letters. */
const DOMAIN_IN_WORD = /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}/gu;

/** A word with every domain name in it that is not a receiver's or a postmaster's place (PUBLIC_DOMAINS) as DOMAIN. */
function withoutPrivateDomains(word: string): string {
  if (!word.includes('.')) return word;
  return word.replace(DOMAIN_IN_WORD, (domain) => (PUBLIC_DOMAINS(domain.toLowerCase()) ? domain : 'DOMAIN'));
}

/**
 * The domain of a recipient address (`to=<bob@Example.ORG>` → "example.org"), to tell the
 * receiving organisation by when the relay does not (a relay host in between). Only a well-formed
 * domain; the local part is never kept.
 */
export function recipientDomainOf(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0) return null;
  const domain = address.slice(at + 1).toLowerCase().replace(/\.$/, '');
  return domain.length > 0 && domain.length <= 253 && /^[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?(?:\.[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?)+$/u.test(domain) ? domain : null;
}
