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

/** What the envelope parser needs to know about the file a line came from. */
export interface EnvelopeContext {
  readonly clock: ZoneClock;
  /** Lines lie in the past of this instant (the file's modification time); it gives the year. */
  readonly referenceMs: number;
  /** Overrides the inferred year of timestamps that carry none (`--year`). */
  readonly year?: number;
}

const MONTHS: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

/**
 * Splits a syslog line into its envelope, or returns null when the line has none.
 *
 * @example
 * parseSyslogLine('Mar 23 17:02:35 mx2 postfix/smtpd[25931]: connect from …', context)
 * // { time: 1774281755000, host: 'mx2', program: 'postfix/smtpd', pid: 25931, message: 'connect from …' }
 */
export function parseSyslogLine(line: string, context: EnvelopeContext): SyslogEnvelope | null {
  const first = line.charCodeAt(0);
  if (first >= 48 && first <= 57) return parseIsoLine(line, context);
  if (first >= 65 && first <= 90) return parseBsdLine(line, context);
  return null;
}

// Mar 23 17:02:35 mx2 postfix/smtpd[25931]: …   (day padded with a space or a zero)
function parseBsdLine(line: string, context: EnvelopeContext): SyslogEnvelope | null {
  if (line.length < 16 || line.charCodeAt(3) !== 32 || line.charCodeAt(15) !== 32) return null;
  const month = MONTHS[line.slice(0, 3)];
  if (month === undefined) return null;
  const d1 = line.charCodeAt(4);
  const day = (d1 === 32 ? 0 : digit(d1)) * 10 + digit(line.charCodeAt(5));
  const hour = twoDigits(line, 7);
  const minute = twoDigits(line, 10);
  const second = twoDigits(line, 13);
  if (!(day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 61)) return null;
  const year = context.year ?? inferYear(month, day, context);
  const time = context.clock.toUtc(Date.UTC(year, month, day, hour, minute, second));
  return parseTag(line, 16, time);
}

// 2026-03-23T17:02:35.123456+01:00 mx2 …   or   2026-03-23 17:02:35 mx2 …
function parseIsoLine(line: string, context: EnvelopeContext): SyslogEnvelope | null {
  if (line.length < 20 || line.charCodeAt(4) !== 45 || line.charCodeAt(7) !== 45) return null;
  const sep = line.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return null;
  const year = twoDigits(line, 0) * 100 + twoDigits(line, 2);
  const month = twoDigits(line, 5) - 1;
  const day = twoDigits(line, 8);
  const hour = twoDigits(line, 11);
  const minute = twoDigits(line, 14);
  const second = twoDigits(line, 17);
  if (!(month >= 0 && month < 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 61)) return null;
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
    const offset = (twoDigits(line, i + 1) * 60 + twoDigits(line, i + 4)) * 60_000;
    if (Number.isNaN(offset) || line.charCodeAt(i + 3) !== 58) return null;
    time = z === 43 ? wall - offset : wall + offset;
    i += 6;
  } else {
    time = context.clock.toUtc(wall);
  }
  if (line.charCodeAt(i) !== 32) return null;
  return parseTag(line, i + 1, time);
}

/** `host prog[pid]: message`, starting at `start`. */
function parseTag(line: string, start: number, time: number): SyslogEnvelope | null {
  const hostEnd = line.indexOf(' ', start);
  if (hostEnd <= start) return null;
  const colon = line.indexOf(': ', hostEnd + 1);
  if (colon < 0) return null;
  let program: string;
  let pid = 0;
  if (line.charCodeAt(colon - 1) === 93) {
    const bracket = line.lastIndexOf('[', colon);
    if (bracket <= hostEnd) return null;
    program = line.slice(hostEnd + 1, bracket);
    pid = Number(line.slice(bracket + 1, colon - 1));
    if (!Number.isInteger(pid)) return null;
  } else {
    program = line.slice(hostEnd + 1, colon);
  }
  if (program.length === 0 || program.includes(' ')) return null;
  return { time, host: line.slice(start, hostEnd), program, pid, message: line.slice(colon + 2) };
}

function inferYear(month: number, day: number, context: EnvelopeContext): number {
  // The line lies before the file's modification time: a month-day later than that (with a
  // day's slack for zones and clocks) belongs to the year before — this also rolls a file
  // written across New Year back for its December lines.
  const reference = new Date(context.referenceMs + 86_400_000);
  const refYear = reference.getUTCFullYear();
  const refKey = reference.getUTCMonth() * 32 + reference.getUTCDate();
  return month * 32 + day > refKey ? refYear - 1 : refYear;
}

function digit(code: number): number {
  return code >= 48 && code <= 57 ? code - 48 : Number.NaN;
}

function twoDigits(line: string, at: number): number {
  return digit(line.charCodeAt(at)) * 10 + digit(line.charCodeAt(at + 1));
}
