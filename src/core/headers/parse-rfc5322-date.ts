/** Something unusual about a date that was still understood. */
export type DateNote =
  | 'two-digit-year'
  | 'three-digit-year'
  | 'no-seconds'
  | 'fractional-seconds'
  | 'leap-second'
  | 'asctime-order'
  | 'no-zone'
  | 'unknown-local-offset'
  | 'obsolete-zone'
  | 'non-standard-zone'
  | 'military-zone'
  | 'unknown-zone'
  | 'zone-from-comment'
  | 'malformed-offset'
  | 'zone-glued-to-time'
  | 'iso-date'
  | 'weekday-mismatch';

export interface ParsedDate {
  /** UTC epoch milliseconds. */
  readonly ms: number;
  readonly notes: readonly DateNote[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Offsets in minutes: RFC 5322 obs-zone names first, then names common in real Received lines. */
const OBSOLETE_ZONES: Record<string, number> = {
  ut: 0, gmt: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};
const OTHER_ZONES: Record<string, number> = {
  utc: 0, z: 0, wet: 0, west: 60, bst: 60, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180,
  msk: 180, ist: 330, sgt: 480, hkt: 480, jst: 540, kst: 540, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};

/**
 * Reads an RFC 5322 date-time, including the obsolete forms mail still carries: comments anywhere,
 * two- and three-digit years, named and military zones, missing seconds, fractional seconds
 * (`01 Jan 2024 10:00:00.1234 (UTC)` from Exchange) and the asctime order some MTAs write.
 * A numeric offset wins over a zone name in a comment; `-0000` means "local offset unknown" and
 * is read as UTC. Returns null when no date can be read.
 *
 * @example
 * parseRfc5322Date('Mon, 1 Jan 2024 11:00:00 +0100 (CET)') // { ms: Date.UTC(2024, 0, 1, 10), notes: [] }
 * parseRfc5322Date('1 Jan 24 10:00 EST')?.notes // ['two-digit-year', 'no-seconds', 'obsolete-zone']
 */
export function parseRfc5322Date(text: string): ParsedDate | null {
  const comments: string[] = [];
  const bare = stripComments(text, comments);
  const tokens = bare.replace(/,/g, ' ').trim().split(/\s+/).filter((t) => t !== '');
  const notes: DateNote[] = [];

  let weekday: number | null = null;
  const first = tokens[0]?.toLowerCase();
  if (first !== undefined && /^[a-z]+\.?$/.test(first) && WEEKDAYS.includes(first.slice(0, 3)) && !MONTHS.includes(first.slice(0, 3))) {
    weekday = WEEKDAYS.indexOf(first.slice(0, 3));
    tokens.shift();
  }

  let dayText: string | undefined;
  let monthText: string | undefined;
  let yearText: string | undefined;
  let timeText: string | undefined;
  let zoneTokens: string[];
  if (/^\d{1,2}$/.test(tokens[0] ?? '')) {
    [dayText, monthText, yearText, timeText] = tokens;
    zoneTokens = tokens.slice(4);
    // `17:40:44-0500`: the offset glued to the time is still the offset, not a date without a zone.
    const glued = timeText === undefined ? null : /^(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)([+-]\d{2}:?\d{2})$/.exec(timeText);
    if (glued) {
      timeText = glued[1];
      zoneTokens = [glued[2]!, ...zoneTokens];
      notes.push('zone-glued-to-time');
    }
  } else {
    // asctime: `Mon Jan  1 10:00:00 2024`, sometimes with a zone before or after the year.
    [monthText, dayText, timeText] = tokens;
    const rest = tokens.slice(3);
    const yearIndex = rest.findIndex((t) => /^\d{2,4}$/.test(t));
    if (yearIndex < 0) return null;
    yearText = rest[yearIndex];
    zoneTokens = rest.filter((_, i) => i !== yearIndex);
    notes.push('asctime-order');
  }
  if (dayText === undefined || monthText === undefined || yearText === undefined || timeText === undefined) return null;

  const month = MONTHS.indexOf(monthText.toLowerCase().slice(0, 3));
  const day = Number(dayText);
  if (month < 0 || !/^\d{1,2}$/.test(dayText) || !/^[a-z]+\.?$/i.test(monthText)) return null;

  let year = Number(yearText);
  if (!/^\d{2,4}$/.test(yearText)) return null;
  if (yearText.length === 2) {
    year += year < 50 ? 2000 : 1900;
    notes.push('two-digit-year');
  } else if (yearText.length === 3) {
    year += 1900;
    notes.push('three-digit-year');
  }

  const time = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/.exec(timeText);
  if (!time) return null;
  const hour = Number(time[1]);
  const minute = Number(time[2]);
  let second = time[3] === undefined ? 0 : Number(time[3]);
  if (time[3] === undefined) notes.push('no-seconds');
  const fraction = time[4] === undefined ? 0 : Math.round(Number(`0.${time[4]}`) * 1000);
  if (time[4] !== undefined) notes.push('fractional-seconds');
  if (hour > 23 || minute > 59 || second > 60) return null;
  if (second === 60) {
    second = 59;
    notes.push('leap-second');
  }

  const offset = readZone(zoneTokens, comments, notes);
  const local = Date.UTC(year, month, day, hour, minute, second, fraction);
  const check = new Date(local);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month) return null;
  if (weekday !== null && check.getUTCDay() !== weekday) notes.push('weekday-mismatch');
  return { ms: local - offset * 60_000, notes };
}

/** The offset east of UTC in minutes; unreadable zones count as UTC with a note. */
function readZone(tokens: readonly string[], comments: readonly string[], notes: DateNote[]): number {
  const zone = tokens[0];
  if (zone === undefined) {
    for (const comment of comments) {
      const name = comment.trim().toLowerCase();
      const minutes = OBSOLETE_ZONES[name] ?? OTHER_ZONES[name];
      if (minutes !== undefined) {
        notes.push('zone-from-comment');
        return minutes;
      }
    }
    notes.push('no-zone');
    return 0;
  }
  if (zone === '-0000') {
    notes.push('unknown-local-offset');
    return 0;
  }
  const numeric = /^([+-])(\d{4})$/.exec(zone);
  if (numeric) {
    const hours = Number(numeric[2]!.slice(0, 2));
    const minutes = Number(numeric[2]!.slice(2));
    if (hours <= 23 && minutes <= 59) return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
    notes.push('malformed-offset');
    return 0;
  }
  // `+01:00`, `+100`, `+1` and `GMT+0100` are not RFC 5322 but their meaning is plain.
  const loose = /^(?:gmt|utc)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (loose) {
    const hours = Number(loose[2]);
    const minutes = loose[3] === undefined ? 0 : Number(loose[3]);
    notes.push('malformed-offset');
    if (hours > 23 || minutes > 59) return 0;
    return (loose[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  // `+0200S`: a numeric offset with letters glued after it; the offset is what counts.
  const trailing = /^([+-])(\d{2})(\d{2})[a-z]+$/i.exec(zone);
  if (trailing && Number(trailing[2]) <= 23 && Number(trailing[3]) <= 59) {
    notes.push('malformed-offset');
    return (trailing[1] === '-' ? -1 : 1) * (Number(trailing[2]) * 60 + Number(trailing[3]));
  }
  const name = zone.toLowerCase();
  const obsolete = OBSOLETE_ZONES[name];
  if (obsolete !== undefined) {
    if (name !== 'gmt' && name !== 'ut') notes.push('obsolete-zone');
    return obsolete;
  }
  if (/^[a-ik-y]$/.test(name)) {
    // RFC 822 defined the military letters with the wrong sign, so RFC 5322 says to treat
    // them as -0000; only `Z` is unambiguous.
    notes.push('military-zone');
    return 0;
  }
  const other = OTHER_ZONES[name];
  if (other !== undefined) {
    if (name !== 'utc' && name !== 'z') notes.push('non-standard-zone');
    return other;
  }
  notes.push('unknown-zone');
  return 0;
}

/** Removes (nested) comments, honouring backslash escapes; collects their text. */
function stripComments(text: string, comments: string[]): string {
  let out = '';
  let depth = 0;
  let comment = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && depth > 0) {
      comment += text[i + 1] ?? '';
      i++;
    } else if (c === '(') {
      if (depth > 0) comment += c;
      depth++;
    } else if (c === ')' && depth > 0) {
      depth--;
      if (depth === 0) {
        comments.push(comment);
        comment = '';
        out += ' ';
      } else comment += c;
    } else if (depth > 0) comment += c;
    else out += c;
  }
  return out;
}

/**
 * An ISO-like date as some MTAs write it in a Received line instead of RFC 5322's: SendGrid's
 * `2018-04-22 02:54:17.028704749 +0000 UTC`, Go's `time.String()` with its monotonic reading
 * (`… +0000 UTC m=+658646.845444971`), or RFC 3339. Returns null for anything else.
 *
 * @example
 * parseIsoLikeDate('2018-04-22 02:54:17.028704749 +0000 UTC') // { ms: Date.UTC(2018, 3, 22, 2, 54, 17, 29), notes: ['iso-date', 'fractional-seconds'] }
 */
export function parseIsoLikeDate(text: string): ParsedDate | null {
  const match = ISO_LIKE.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const notes: DateNote[] = ['iso-date'];
  if (fraction !== undefined) notes.push('fractional-seconds');
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000));
  const check = new Date(local);
  if (check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1) return null;
  let offset = 0;
  if (zone === undefined) notes.push('no-zone');
  else if (!/^z$/i.test(zone)) {
    const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    if (Number(hours) > 23 || Number(minutes ?? 0) > 59) return null;
    offset = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0));
  }
  return { ms: local - offset * 60_000, notes };
}

/**
 * `YYYY-MM-DD[ T]HH:MM:SS[.frac][ ]±HHMM|±HH:MM|Z`, then at most a zone name and Go's `m=±…`:
 * parse-received.ts looks for it inside a Received line, this module reads it whole.
 */
export const ISO_LIKE_DATE = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?(?:\s+[A-Z]{1,5})?(?:\s+m=[+-]\d+(?:\.\d+)?)?/i;
const ISO_LIKE = new RegExp(`^${ISO_LIKE_DATE.source}$`, 'i');
