import { ISO_LIKE_DATE, parseIsoLikeDate, parseRfc5322Date, type DateNote } from './parse-rfc5322-date.ts';

/** A host named in a `from` or `by` clause. */
export interface ReceivedHost {
  /** The first word: the HELO name for `from`, the receiving host for `by`. */
  readonly name: string;
  /** The address in brackets or in a comment, without `IPv6:`; null when the line gives none. */
  readonly ip: string | null;
  /**
   * For `from`: the name the receiving server found for the address (reverse DNS), as it recorded
   * it — Postfix's and Sendmail's `helo (name [ip])`, Exim's `name ([ip] helo=…)`. Null when it
   * recorded none (`unknown [ip]`) or the line does not say: the HELO name is the sender's own claim.
   */
  readonly reverseName: string | null;
  /** The clause as written after its keyword, comments included. */
  readonly text: string;
}

/** What a Received line says about encryption on its hop. */
export interface ReceivedTls {
  /**
   * `plain` only when the protocol is one RFC 3848 would have marked with an S had TLS been used, on a
   * hop between two machines: one that names where it came from by address, not the loopback. An
   * internal hop (`Received: by …` alone, LMTP into the mailbox, a hand-off on the same machine) is
   * `unstated`: it may well run over a local socket, and calling it "not encrypted" would alarm
   * without informing.
   */
  readonly state: 'encrypted' | 'plain' | 'unstated';
  /** As written: `TLS1_2`, `TLSv1.3`. */
  readonly version: string | null;
  readonly cipher: string | null;
}

/** Where the date of a Received line was found. */
export type ReceivedDateSource = 'after-last-semicolon' | 'after-earlier-semicolon' | 'in-text' | 'missing';

export interface ReceivedHeader {
  readonly from: ReceivedHost | null;
  readonly by: ReceivedHost | null;
  readonly via: string | null;
  /** The protocol word: `ESMTPS`, `Microsoft SMTP Server`, `mapi`, `HTTP`. */
  readonly with: string | null;
  readonly id: string | null;
  readonly for: string | null;
  /** Comment texts in order, nested ones inside their parent's text. */
  readonly comments: readonly string[];
  readonly tls: ReceivedTls;
  /** UTC epoch ms, or null when no date could be read. */
  readonly date: number | null;
  readonly dateSource: ReceivedDateSource;
  readonly dateNotes: readonly DateNote[];
}

type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'semicolon'; readonly at: number };

const CLAUSES = new Set(['from', 'by', 'via', 'with', 'id', 'for']);
// RFC 3848 protocol names that mean TLS, and the ones that would have carried an S with it.
const TLS_PROTOCOLS = /^(?:e?smtps|esmtpsa|utf8smtps|utf8smtpsa|lmtps|lmtpsa)$/i;
const PLAIN_PROTOCOLS = /^(?:smtp|esmtp|esmtpa|utf8smtp|utf8smtpa)$/i;
const LOOPBACK = /^(?:127\.|::1$|ipv6:::1$)/i;

/**
 * Reads the value of one Received field: the from/by/via/with/id/for clauses, comments (nested,
 * with quoted strings and `;` inside them left alone), what the line says about TLS and the date
 * after the last `;` that is followed by a readable date.
 *
 * @example
 * const r = parseReceived('from mail.example.org (mail.example.org [192.0.2.10]) by mx.example.net (Postfix) with ESMTPS id 4TBq2x; Mon, 1 Jan 2024 10:00:05 +0000');
 * r.from // { name: 'mail.example.org', ip: '192.0.2.10', text: 'mail.example.org (mail.example.org [192.0.2.10])' }
 * r.tls.state // 'encrypted'
 * r.date // Date.UTC(2024, 0, 1, 10, 0, 5)
 */
export function parseReceived(value: string): ReceivedHeader {
  const tokens = tokenize(value);
  const semicolons = tokens.filter((t) => t.kind === 'semicolon');

  let date: number | null = null;
  let dateSource: ReceivedDateSource = 'missing';
  let dateNotes: readonly DateNote[] = [];
  let clauseEnd = value.length;
  for (let i = semicolons.length - 1; i >= 0; i--) {
    const at = semicolons[i]!.at;
    const parsed = parseRfc5322Date(value.slice(at + 1)) ?? parseIsoLikeDate(value.slice(at + 1));
    if (parsed) {
      date = parsed.ms;
      dateNotes = parsed.notes;
      dateSource = i === semicolons.length - 1 ? 'after-last-semicolon' : 'after-earlier-semicolon';
      clauseEnd = at;
      break;
    }
  }
  if (date === null) {
    // `… id 4TBq2x Mon, 1 Jan 2024 10:00:05 +0000` (the `;` lost) or a date before the clauses.
    // SendGrid's and Go's dates after the id, without a `;`: `id filter0652p1las1-… 2018-04-22 02:54:17.028704749 +0000 UTC`.
    const found = DATE_IN_TEXT.exec(value) ?? ISO_LIKE_DATE.exec(value);
    const parsed = found ? (parseRfc5322Date(found[0]) ?? parseIsoLikeDate(found[0])) : null;
    if (found && parsed) {
      date = parsed.ms;
      dateNotes = parsed.notes;
      dateSource = 'in-text';
      clauseEnd = found.index;
    } else if (semicolons.length > 0) clauseEnd = semicolons.at(-1)!.at;
  }

  const clauses = new Map<string, Token[]>();
  let current: Token[] | null = null;
  const comments: string[] = [];
  for (const token of tokenize(value.slice(0, clauseEnd))) {
    if (token.kind === 'semicolon') {
      // Some MTAs put a `;` before a trailing comment: `with SMTPS id a1; (version=TLS1_3 …); <date>`.
      current = null;
      continue;
    }
    if (token.kind === 'comment') comments.push(token.text);
    if (token.kind === 'word' && CLAUSES.has(token.text.toLowerCase()) && !clauses.has(token.text.toLowerCase())) {
      current = [];
      clauses.set(token.text.toLowerCase(), current);
    } else current?.push(token);
  }

  const withTokens = clauses.get('with') ?? [];
  const withWords = withTokens.filter((t) => t.kind === 'word').map((t) => t.text);
  const from = host(clauses.get('from'));
  return {
    from,
    by: host(clauses.get('by')),
    via: words(clauses.get('via')),
    with: withWords.length === 0 ? null : withWords[0]!.toLowerCase() === 'microsoft' ? withWords.join(' ') : withWords[0]!,
    id: words(clauses.get('id'))?.split(/\s+/)[0] ?? null,
    for: words(clauses.get('for'))?.split(/\s+/)[0] ?? null,
    comments,
    tls: readTls(withWords, comments, from),
    date,
    dateSource,
    dateNotes,
  };
}

const DATE_IN_TEXT =
  /(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:-\d{4}|\s+[+-]?[a-z0-9:]+)?(?:\s*\([^)]*\))?/i;


function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Once no `>` follows, none follows any later `<`: searching again for each would make a paste
  // full of `<` quadratic (1 MB froze the page for seconds).
  let noCloseAfter = Infinity;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') i++;
    else if (c === ';') tokens.push({ kind: 'semicolon', at: i++ });
    else if (c === '(') {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        const d = text[j];
        if (d === '\\') j++;
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      tokens.push({ kind: 'comment', text: text.slice(i + 1, j).trim() });
      i = j + 1;
    } else {
      // A word runs to whitespace, `;` or `(`, but quoted strings and <addresses> stay whole.
      let j = i;
      for (; j < text.length; j++) {
        const d = text[j]!;
        if (d === '"') {
          for (j++; j < text.length && text[j] !== '"'; j++) if (text[j] === '\\') j++;
        } else if (d === '<' && j < noCloseAfter) {
          const close = text.indexOf('>', j);
          if (close > 0) j = close;
          else noCloseAfter = j;
        } else if (d === ' ' || d === '\t' || d === ';' || d === '(') break;
      }
      tokens.push({ kind: 'word', text: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

function words(tokens: readonly Token[] | undefined): string | null {
  const list = (tokens ?? []).filter((t) => t.kind === 'word').map((t) => t.text);
  return list.length === 0 ? null : list.join(' ');
}

function host(tokens: readonly Token[] | undefined): ReceivedHost | null {
  if (tokens === undefined || tokens.length === 0) return null;
  const text = tokens.map((t) => (t.kind === 'comment' ? `(${t.text})` : t.kind === 'word' ? t.text : ';')).join(' ');
  const first = tokens[0]!;
  const name = first.kind === 'word' ? first.text : '';
  let ip: string | null = null;
  // An IPv6 literal may carry a zone: `[fe80::1%5]`.
  const bracket = /\[(?:IPv6:)?([0-9a-fA-F:.]+)(?:%[0-9A-Za-z]+)?\]/i.exec(text);
  if (bracket) ip = bracket[1]!;
  else {
    // Exchange writes the address alone in the comment: `from AM0PR… (2603:10a6:208:1::12)`.
    for (const t of tokens) {
      if (t.kind === 'comment' && /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]+)$/i.test(t.text)) {
        ip = t.text;
        break;
      }
    }
  }
  return { name, ip, text, reverseName: reverseName(tokens, name) };
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+\.?$/i;

function reverseName(tokens: readonly Token[], first: string): string | null {
  for (const t of tokens) {
    if (t.kind !== 'comment') continue;
    // Exim: `from mail.example.org ([192.0.2.7] helo=x)`: the clause's own name is the looked-up one.
    if (/\bhelo=/i.test(t.text) && /^\[/.test(t.text.trim())) return HOST_NAME.test(first) ? first.toLowerCase().replace(/\.$/, '') : null;
    // Postfix, Sendmail: `from helo (name [ip])`, `(unknown [ip])` when the lookup failed.
    const named = /^([^\s[\]()]+)\s+\[/.exec(t.text.trim());
    if (named) return named[1]!.toLowerCase() !== 'unknown' && HOST_NAME.test(named[1]!) ? named[1]!.toLowerCase().replace(/\.$/, '') : null;
  }
  return null;
}

function readTls(withWords: readonly string[], comments: readonly string[], from: ReceivedHost | null): ReceivedTls {
  let version: string | null = null;
  let cipher: string | null = null;
  for (const comment of comments) {
    // Gmail/Microsoft: `version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256`,
    // Postfix: `using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`, Exim: `(TLS1.3)`,
    // T-Online: `with (TLSv1.3:TLS_AES_256_GCM_SHA384 encrypted) esmtp`.
    const bare = /^(TLSv?1[._]?[0-3])(?::([A-Za-z0-9_-]+))?(?:\s+encrypted)?$/i.exec(comment);
    version ??= /\bversion=([A-Za-z0-9_.v]+)/.exec(comment)?.[1] ?? /\busing (TLSv?[0-9._]+|SSLv[0-9]+)/i.exec(comment)?.[1] ?? bare?.[1] ?? null;
    cipher ??= /\bcipher[= ]([A-Za-z0-9_-]+)/.exec(comment)?.[1] ?? bare?.[2] ?? null;
  }
  const tlsWord = withWords.findIndex((w) => w.toLowerCase() === 'tls');
  if (tlsWord >= 0) cipher ??= withWords[tlsWord + 1] ?? null;
  const protocol = withWords[0] ?? '';
  const betweenMachines = from !== null && from.ip !== null && !LOOPBACK.test(from.ip);
  const state = version !== null || cipher !== null || TLS_PROTOCOLS.test(protocol) ? 'encrypted' : betweenMachines && PLAIN_PROTOCOLS.test(protocol) ? 'plain' : 'unstated';
  return { state, version, cipher };
}
