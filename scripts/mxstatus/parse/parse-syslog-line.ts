import { detachString } from '../../../src/core/detach-string.ts';
import type { ZoneClock } from './zone-clock.ts';

/** The syslog envelope of one line, with its time already in UTC epoch ms. */
export interface SyslogEnvelope {
  time: number;
  host: string;
  /** The syslog tag without the pid: `postfix/smtpd`, `postfix-in/submission/smtpd`. */
  program: string;
  pid: number;
  message: string;
}

/** What is known of the file a line came from, before its first line is read: fixed for the file. */
export interface EnvelopeContext {
  readonly clock: ZoneClock;
  /** Lines lie in the past of this instant (the file's modification time); it gives the year. */
  readonly referenceMs: number;
  /** Overrides the inferred year of timestamps that carry none (`--year`). */
  readonly year?: number;
  /** The latest time an earlier run read from this file: it settles the repeated autumn hour across runs. */
  readonly lastTime?: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The month of a BSD timestamp from its three letters, without slicing the line. */
function monthAt(line: string): number {
  for (let m = 0; m < 12; m++) {
    const name = MONTHS[m]!;
    if (line.charCodeAt(0) === name.charCodeAt(0) && line.charCodeAt(1) === name.charCodeAt(1) && line.charCodeAt(2) === name.charCodeAt(2)) return m;
  }
  return -1;
}

/**
 * Reads the lines of one file, in their order: what lines of a file share is worked out once per
 * file (the year of its BSD timestamps, the day most of its lines fall on), and the latest time
 * read so far settles which of the repeated autumn hour a zone-less time is. One reader per file,
 * made with `createSyslogReader`; the context it was made with is never written to.
 *
 * @example
 * const reader = createSyslogReader({ clock: new ZoneClock('Europe/Berlin'), referenceMs: Date.parse('2026-03-24T12:00:00Z') });
 * reader.read('Mar 23 17:02:35 mx2 postfix/smtpd[25931]: connect from …')
 * // { time: 1774281755000, host: 'mx2', program: 'postfix/smtpd', pid: 25931, message: 'connect from …' }
 * reader.lastTime // 1774281755000
 */
export class SyslogReader {
  readonly context: EnvelopeContext;
  #lastTime: number | undefined;
  /** The year of the reference and its month-day key (month × 32 + day), a day after it: see bsdDayStart. */
  readonly #referenceYear: number;
  readonly #referenceKey: number;
  /** The last BSD day read (month × 32 + day) and its start as wall-clock ms: most lines share it. */
  #lastDayKey = -1;
  #lastDayMs = 0;
  /** Host names and programs read lately, handed out again (see recall). */
  readonly #hosts: string[] = [];
  readonly #programs: string[] = [];

  constructor(context: EnvelopeContext) {
    this.context = context;
    this.#lastTime = context.lastTime;
    // The line lies before the file's modification time, with a day's slack for zones and clocks.
    const reference = new Date(context.referenceMs + 86_400_000);
    this.#referenceYear = reference.getUTCFullYear();
    this.#referenceKey = reference.getUTCMonth() * 32 + reference.getUTCDate();
  }

  /** The latest time of a line taken from this file so far (or by an earlier run), for the next run. */
  get lastTime(): number | undefined {
    return this.#lastTime;
  }

  /**
   * A line of this file was taken at `time`: zone-less times after it are read forward from it
   * (the repeated autumn hour). Only lines taken move it, so that a stray line cannot.
   */
  advance(time: number): void {
    if (this.#lastTime === undefined || time > this.#lastTime) this.#lastTime = time;
  }

  /** The envelope of the file's next line, or null when the line has none. */
  read(line: string): SyslogEnvelope | null {
    if (line.length > MAX_LINE_LENGTH) return null;
    return parseAt(line, this) ?? parseAfterPrefix(line, this);
  }

  /** A zone-less wall time of this file (`Date.UTC` of its fields), read forward from its previous line. */
  wallToUtc(wallMs: number): number {
    return this.context.clock.toUtc(wallMs, this.#lastTime);
  }

  /** The start of a month-day of a BSD timestamp (no year) as wall-clock ms, in the year of this file. */
  bsdDayStart(month: number, day: number): number {
    const dayKey = month * 32 + day;
    if (dayKey !== this.#lastDayKey) {
      this.#lastDayMs = Date.UTC(this.context.year ?? this.#inferYear(dayKey), month, day);
      this.#lastDayKey = dayKey;
    }
    return this.#lastDayMs;
  }

  /** The host name at line[from, to): one of the file's few, as the same string each time. */
  hostAt(line: string, from: number, to: number): string {
    return recall(this.#hosts, line, from, to);
  }

  /** The syslog tag at line[from, to), as hostAt. */
  programAt(line: string, from: number, to: number): string {
    return recall(this.#programs, line, from, to);
  }

  #inferYear(dayKey: number): number {
    // A month-day later than the file's modification time (with a day's slack) belongs to the
    // year before — this also rolls a file written across New Year back for its December lines.
    return dayKey > this.#referenceKey ? this.#referenceYear - 1 : this.#referenceYear;
  }
}

/** How many host names and programs a reader hands out again; a log has a handful of each. */
const RECALLED = 16;

/**
 * line[from, to) as one of `recent` when it is one, else a copy of it that joins them: a file's
 * lines repeat a few host names and programs millions of times, and the same string each time
 * costs no memory and is hashed once by every map it is a key of. Copies never keep the line.
 */
function recall(recent: string[], line: string, from: number, to: number): string {
  const length = to - from;
  for (let i = 0; i < recent.length; i++) {
    const known = recent[i]!;
    if (known.length === length && line.startsWith(known, from)) return known;
  }
  const text = detachString(line.slice(from, to));
  if (recent.length >= RECALLED) recent.pop();
  recent.unshift(text);
  return text;
}

/**
 * A reader for the lines of one file.
 *
 * @example
 * const reader = createSyslogReader({ clock, referenceMs: source.mtimeMs });
 * for (const line of lines) reader.read(line);
 */
export function createSyslogReader(context: EnvelopeContext): SyslogReader {
  return new SyslogReader(context);
}

/**
 * Splits one syslog line, read on its own as the first line of its file, into its envelope, or
 * returns null when the line has none. The lines of a file go through one `createSyslogReader`.
 *
 * @example
 * parseSyslogLine('Mar 23 17:02:35 mx2 postfix/smtpd[25931]: connect from …', context)
 * // { time: 1774281755000, host: 'mx2', program: 'postfix/smtpd', pid: 25931, message: 'connect from …' }
 */
export function parseSyslogLine(line: string, context: EnvelopeContext): SyslogEnvelope | null {
  return new SyslogReader(context).read(line);
}

/**
 * Whether a line's time can belong to its file: not more than two days after the file was last
 * written (zones, clocks, and the day of slack the year inference allows), not more than 400 days
 * before. A time far off (a forged or broken line: year 9999, or journald's 0) would stretch the
 * timeline detection lays out from the first line to the last. With `--year`, lines of that year
 * (and a month either side) are plausible too, whatever the file's time; never the year 2999.
 */
export function isPlausibleTime(envelope: SyslogEnvelope, context: EnvelopeContext): boolean {
  const time = envelope.time;
  if (time <= context.referenceMs + FUTURE_SLACK_MS && time >= context.referenceMs - PAST_SPAN_MS) return true;
  // With --year, lines of that year (a BSD log of an old archive) whatever the file's time.
  return context.year !== undefined && time >= Date.UTC(context.year - 1, 11, 1) && time < Date.UTC(context.year + 1, 1, 1);
}

/**
 * Longer lines are no syslog lines of Postfix (rsyslog cuts at 8 KB by default); reading them
 * would only cost time.
 */
export const MAX_LINE_LENGTH = 16_384;
const FUTURE_SLACK_MS = 2 * 86_400_000;
const PAST_SPAN_MS = 400 * 86_400_000;

function parseAt(line: string, reader: SyslogReader): SyslogEnvelope | null {
  const first = line.charCodeAt(0);
  if (first >= 48 && first <= 57) return parseIsoLine(line, reader);
  if (first >= 65 && first <= 90) return parseBsdLine(line, reader);
  if (first === 123) return parseJournalLine(line);
  return null;
}

/** A syslog timestamp after a space near the start of a line. */
const PREFIXED = /[ |](?:[A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d |\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d)/;

/**
 * Container and supervisor prefixes before the syslog line:
 * `2026-03-23T16:02:35.1Z stdout F Mar 23 17:02:35 mx2 postfix/smtpd[1]: …` (CRI) or
 * `mx2  | Mar 23 17:02:35 mx2 postfix/smtpd[1]: …` (compose). Only the first 120 characters are searched.
 */
function parseAfterPrefix(line: string, reader: SyslogReader): SyslogEnvelope | null {
  const match = PREFIXED.exec(line.length > 120 ? line.slice(0, 120) : line);
  if (!match || match.index === 0) return null;
  return parseAt(line.slice(match.index + 1), reader);
}

interface JournalEntry {
  __REALTIME_TIMESTAMP?: unknown;
  _HOSTNAME?: unknown;
  SYSLOG_IDENTIFIER?: unknown;
  _PID?: unknown;
  SYSLOG_PID?: unknown;
  MESSAGE?: unknown;
}

// {"__REALTIME_TIMESTAMP":"1774281755123456","_HOSTNAME":"mx2","SYSLOG_IDENTIFIER":"postfix/smtpd","_PID":"25931","MESSAGE":"connect from …"}
function parseJournalLine(line: string): SyslogEnvelope | null {
  let entry: JournalEntry;
  try {
    entry = JSON.parse(line) as JournalEntry;
  } catch {
    return null;
  }
  if (entry === null || typeof entry !== 'object') return null;
  const micros = typeof entry.__REALTIME_TIMESTAMP === 'string' ? Number(entry.__REALTIME_TIMESTAMP) : Number.NaN;
  const program = entry.SYSLOG_IDENTIFIER;
  const host = entry._HOSTNAME;
  const message = journalText(entry.MESSAGE);
  if (!Number.isSafeInteger(micros) || typeof program !== 'string' || typeof host !== 'string' || message === null) return null;
  const pidText = entry._PID ?? entry.SYSLOG_PID;
  const pid = typeof pidText === 'string' && /^\d{1,10}$/.test(pidText) ? Number(pidText) : 0;
  return { time: Math.floor(micros / 1000), host, program, pid, message };
}

/** journald writes MESSAGE as a string, or as an array of bytes when it is not valid UTF-8. */
function journalText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((b) => Number.isInteger(b) && b >= 0 && b < 256)) {
    return Buffer.from(value as number[]).toString('utf8');
  }
  return null;
}

// Mar 23 17:02:35 mx2 postfix/smtpd[25931]: …   (day padded with a space or a zero, or not at all: `Mar 7 02:09:33`)
function parseBsdLine(line: string, reader: SyslogReader): SyslogEnvelope | null {
  if (line.length < 16 || line.charCodeAt(3) !== 32) return null;
  // A single-digit day without padding shifts the rest of the timestamp one to the left.
  const short = line.charCodeAt(5) === 32 && line.charCodeAt(4) !== 32 ? 1 : 0;
  if (line.charCodeAt(15 - short) !== 32) return null;
  const month = monthAt(line);
  if (month < 0) return null;
  const d1 = line.charCodeAt(4);
  const day = short === 1 ? digit(d1) : (d1 === 32 ? 0 : digit(d1)) * 10 + digit(line.charCodeAt(5));
  const hour = twoDigits(line, 7 - short);
  const minute = twoDigits(line, 10 - short);
  const second = twoDigits(line, 13 - short);
  if (!(day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 61)) return null;
  return parseTag(line, 16 - short, reader, reader.wallToUtc(reader.bsdDayStart(month, day) + ((hour * 60 + minute) * 60 + second) * 1000));
}

// 2026-03-23T17:02:35.123456+01:00 mx2 …   or   2026-03-23 17:02:35 mx2 …
function parseIsoLine(line: string, reader: SyslogReader): SyslogEnvelope | null {
  if (line.length < 20 || line.charCodeAt(4) !== 45 || line.charCodeAt(7) !== 45) return null;
  const sep = line.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return null;
  const year = twoDigits(line, 0) * 100 + twoDigits(line, 2);
  const month = twoDigits(line, 5) - 1;
  const day = twoDigits(line, 8);
  const hour = twoDigits(line, 11);
  const minute = twoDigits(line, 14);
  const second = twoDigits(line, 17);
  if (!(year >= 0 && month >= 0 && month < 12 && day >= 1 && day <= daysIn(year, month) && hour < 24 && minute < 60 && second < 61)) return null;
  let i = 19;
  let millis = 0;
  if (line.charCodeAt(i) === 46) {
    let scale = 100;
    i++;
    for (let c = line.charCodeAt(i); c >= 48 && c <= 57; c = line.charCodeAt(++i)) {
      millis += (c - 48) * scale;
      scale /= 10;
    }
    millis = Math.floor(millis);
  }
  const wall = Date.UTC(year, month, day, hour, minute, second, millis);
  const z = line.charCodeAt(i);
  let time: number;
  if (z === 90) {
    time = wall;
    i++;
  } else if (z === 43 || z === 45) {
    // +01:00, or +0100 as older journalctl -o short-iso writes it
    const colon = line.charCodeAt(i + 3) === 58 ? 1 : 0;
    const offset = (twoDigits(line, i + 1) * 60 + twoDigits(line, i + 3 + colon)) * 60_000;
    if (Number.isNaN(offset)) return null;
    time = z === 43 ? wall - offset : wall + offset;
    i += 5 + colon;
  } else {
    time = reader.wallToUtc(wall);
  }
  if (line.charCodeAt(i) !== 32) return null;
  return parseTag(line, i + 1, reader, time);
}

/**
 * `host prog[pid]: message`, starting at `start`. Also as real installations write it: no blank
 * after the tag (`postfix/cleanup[13164]:0A84FD94C4: …`) or more than one, Solaris's message id
 * before the message (`[ID 197553 mail.info] connect from …`), and a container's level column in
 * place of the host (`INFO    postfix/smtpd[422]: …`, the docker-postfix image), read as localhost.
 */
function parseTag(line: string, start: number, reader: SyslogReader, time: number): SyslogEnvelope | null {
  let hostEnd = line.indexOf(' ', start);
  if (hostEnd <= start) return null;
  let host: string | null = null;
  if (line.charCodeAt(hostEnd + 1) === 32 && LEVELS.has(line.slice(start, hostEnd))) {
    // A level column padded with blanks, and no host: the tag follows the blanks.
    host = CONTAINER_HOST;
    while (line.charCodeAt(hostEnd + 1) === 32) hostEnd++;
  }
  const colon = line.indexOf(':', hostEnd + 1);
  if (colon < 0) return null;
  let program: string;
  let pid = 0;
  if (line.charCodeAt(colon - 1) === 93) {
    const bracket = line.lastIndexOf('[', colon);
    if (bracket <= hostEnd) return null;
    program = reader.programAt(line, hostEnd + 1, bracket);
    for (let i = bracket + 1; i < colon - 1; i++) {
      const d = line.charCodeAt(i) - 48;
      if (d < 0 || d > 9 || i - bracket > 10) return null;
      pid = pid * 10 + d;
    }
  } else {
    program = reader.programAt(line, hostEnd + 1, colon);
  }
  if (program.length === 0 || program.includes(' ')) return null;
  let from = colon + 1;
  while (line.charCodeAt(from) === 32) from++;
  // Solaris: `[ID 197553 mail.info] ` before every message.
  if (line.charCodeAt(from) === 91 && line.startsWith('[ID ', from)) {
    const close = line.indexOf('] ', from);
    if (close > 0 && close - from < 40 && SOLARIS_ID.test(line.slice(from, close + 1))) from = close + 2;
  }
  return { time, host: host ?? reader.hostAt(line, start, hostEnd), program, pid, message: line.slice(from) };
}

/** Level columns container logs write where syslog has the host. */
const LEVELS: ReadonlySet<string> = new Set(['INFO', 'NOTICE', 'WARN', 'WARNING', 'ERROR', 'ERR', 'DEBUG', 'CRIT', 'ALERT', 'EMERG']);
/** The host of a container's lines, which name none. */
const CONTAINER_HOST = 'localhost';
const SOLARIS_ID = /^\[ID \d{1,10} [a-z0-9]+\.[a-z]+\]$/;

function daysIn(year: number, month: number): number {
  return month === 1 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month]!;
}

function digit(code: number): number {
  return code >= 48 && code <= 57 ? code - 48 : Number.NaN;
}

function twoDigits(line: string, at: number): number {
  return digit(line.charCodeAt(at)) * 10 + digit(line.charCodeAt(at + 1));
}
