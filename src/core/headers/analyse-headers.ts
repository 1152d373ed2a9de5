import { parseHeaderBlock } from './parse-header-block.ts';
import { parseReceived, type ReceivedHeader } from './parse-received.ts';
import { parseRfc5322Date, type DateNote } from './parse-rfc5322-date.ts';

/** One Received line, as a step of the journey. */
export interface Hop {
  /** 1 for the oldest hop (nearest the sender). */
  readonly number: number;
  readonly received: ReceivedHeader;
  /** Seconds since the last known earlier time (the origin or an earlier hop); null without a date here or before. */
  readonly delaySeconds: number | null;
  /** What the delay is measured from: `origin` (the Date: field) or the number of an earlier hop. */
  readonly delayFrom: 'origin' | number | null;
  /** True when the delay is negative: this host's clock, or an earlier one, is wrong. */
  readonly clockSkew: boolean;
}

/** The spf/dkim/dmarc results of the topmost Authentication-Results field; no identities. */
export interface AuthenticationSummary {
  readonly spf: string | null;
  /** One result per signature checked. */
  readonly dkim: readonly string[];
  readonly dmarc: string | null;
}

export interface HeaderOrigin {
  /** UTC epoch ms of the Date: field, set by the sender's program. */
  readonly date: number;
  readonly notes: readonly DateNote[];
}

/** Date notes that leave the zone, and so the time, open. */
const ZONELESS: ReadonlySet<DateNote> = new Set(['no-zone', 'unknown-zone', 'military-zone']);

/** Something the page should explain. */
export type AnalysisNote =
  | 'no-received-lines'
  | 'no-date-field'
  | 'unreadable-date-field'
  | 'hops-without-date'
  | 'clock-skew'
  | 'zone-unknown'
  | 'indentation-lost';

export interface HeadersAnalysed {
  readonly kind: 'analysed';
  /** Oldest first. */
  readonly hops: readonly Hop[];
  readonly origin: HeaderOrigin | null;
  /** Seconds from the origin (or the first dated hop) to the last dated hop; null with fewer than two times. */
  readonly totalSeconds: number | null;
  /** UTC epoch ms of `X-MS-Exchange-CrossTenant-OriginalArrivalTime`, when present and readable. */
  readonly exchangeArrival: number | null;
  readonly authentication: AuthenticationSummary | null;
  /** `X-Received` and similar lines seen but not counted as hops. */
  readonly ignoredReceivedLike: number;
  readonly notes: readonly AnalysisNote[];
}

export interface NotHeaders {
  readonly kind: 'not-headers';
  /** `empty`: nothing pasted; `no-fields`: no `Name: value` lines; `no-mail-fields`: fields, but none a mail carries. */
  readonly reason: 'empty' | 'no-fields' | 'no-mail-fields' | 'too-long';
}

export type HeaderAnalysis = HeadersAnalysed | NotHeaders;

const MAIL_FIELDS = new Set([
  'received', 'date', 'from', 'to', 'subject', 'message-id', 'return-path', 'delivered-to', 'dkim-signature',
  'authentication-results', 'mime-version', 'x-received', 'arc-seal', 'reply-to', 'cc', 'x-original-to',
]);

/**
 * The most header text read: real headers, even of a mail that passed through many hops and
 * mailing lists, stay far below it; the body (after the first blank line) does not count.
 */
export const MAX_HEADER_CHARS = 512 * 1024;

/** The length of the header part of a paste: up to the first blank line after the first field. */
function headerLength(text: string): number {
  const start = text.search(/\S/);
  const blank = /\r?\n[ \t]*\r?\n/g;
  blank.lastIndex = Math.max(0, start);
  const end = blank.exec(text);
  return (end ? end.index : text.length) - Math.max(0, start);
}

/**
 * Turns pasted headers into the mail's journey: hops oldest first with the delay of each, the
 * total, clock skew marked rather than hidden, and the authentication verdicts.
 *
 * @example
 * const a = analyseHeaders([
 *   'Received: from a.example.org by b.example.net; Mon, 1 Jan 2024 10:00:30 +0000',
 *   'Date: Mon, 1 Jan 2024 10:00:00 +0000',
 * ].join('\n'));
 * a.kind === 'analysed' && a.hops[0]?.delaySeconds // 30
 */
export function analyseHeaders(text: string): HeaderAnalysis {
  if (text.trim() === '') return { kind: 'not-headers', reason: 'empty' };
  if (headerLength(text) > MAX_HEADER_CHARS) return { kind: 'not-headers', reason: 'too-long' };
  const block = parseHeaderBlock(text);
  if (block.fields.length === 0) return { kind: 'not-headers', reason: 'no-fields' };
  if (!block.fields.some((f) => MAIL_FIELDS.has(f.key))) return { kind: 'not-headers', reason: 'no-mail-fields' };

  const notes: AnalysisNote[] = [];
  if (block.rejoinedLines > 0) notes.push('indentation-lost');

  const dateField = block.fields.find((f) => f.key === 'date');
  const parsedDate = dateField ? parseRfc5322Date(dateField.value) : null;
  const origin = parsedDate ? { date: parsedDate.ms, notes: parsedDate.notes } : null;
  if (!dateField) notes.push('no-date-field');
  else if (!parsedDate) notes.push('unreadable-date-field');

  const received = block.fields.filter((f) => f.key === 'received').map((f) => parseReceived(f.value)).reverse();
  if (received.length === 0) notes.push('no-received-lines');

  const hops: Hop[] = [];
  let lastTime = origin?.date ?? null;
  let lastFrom: 'origin' | number | null = origin ? 'origin' : null;
  for (const [i, r] of received.entries()) {
    const number = i + 1;
    const delaySeconds = r.date !== null && lastTime !== null ? (r.date - lastTime) / 1000 : null;
    hops.push({ number, received: r, delaySeconds, delayFrom: delaySeconds === null ? null : lastFrom, clockSkew: delaySeconds !== null && delaySeconds < 0 });
    if (r.date !== null) {
      lastTime = r.date;
      lastFrom = number;
    }
  }
  if (hops.some((h) => h.received.date === null)) notes.push('hops-without-date');
  if (hops.some((h) => h.clockSkew)) notes.push('clock-skew');
  // A time without a zone (asctime, an unknown zone name) is read as UTC: say so, since a delay
  // beside it may be hours off and a verdict must not rest on it unsaid.
  if ([origin?.notes ?? [], ...hops.map((h) => h.received.dateNotes)].some((n) => n.some((note) => ZONELESS.has(note)))) notes.push('zone-unknown');

  const dated = hops.filter((h) => h.received.date !== null);
  const start = origin?.date ?? dated[0]?.received.date ?? null;
  const end = dated.at(-1)?.received.date ?? null;
  const totalSeconds = start !== null && end !== null && (origin !== null || dated.length > 1) ? (end - start) / 1000 : null;

  const arrivalField = block.fields.find((f) => f.key === 'x-ms-exchange-crosstenant-originalarrivaltime');
  const authField = block.fields.find((f) => f.key === 'authentication-results');
  return {
    kind: 'analysed',
    hops,
    origin,
    totalSeconds,
    exchangeArrival: arrivalField ? (parseRfc5322Date(arrivalField.value)?.ms ?? null) : null,
    authentication: authField ? summariseAuthentication(authField.value) : null,
    ignoredReceivedLike: block.fields.filter((f) => f.key !== 'received' && f.key.endsWith('received')).length,
    notes,
  };
}

/**
 * Reads `spf=`, `dkim=` and `dmarc=` results, ignoring comments and properties, so
 * `dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.org` yields only `pass`.
 */
export function summariseAuthentication(value: string): AuthenticationSummary {
  const bare = value.replace(/\((?:[^()\\]|\\.|\([^()]*\))*\)/g, ' ');
  let spf: string | null = null;
  let dmarc: string | null = null;
  const dkim: string[] = [];
  for (const match of bare.matchAll(/(?:^|[\s;])(spf|dkim|dmarc)\s*=\s*([a-z]+)/gi)) {
    const method = match[1]!.toLowerCase();
    const result = match[2]!.toLowerCase();
    if (method === 'spf') spf ??= result;
    else if (method === 'dmarc') dmarc ??= result;
    else dkim.push(result);
  }
  return { spf, dkim, dmarc };
}
