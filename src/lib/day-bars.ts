import type { SenderDay } from '../core/schemas/sender-record.ts';
import type { ReceiverDay } from '../core/schemas/receiver-record.ts';
import { HISTORY_DAYS, OURS } from '../core/contract.ts';
import { calendarDate } from '../core/format-time.ts';

/** One bar of a component's history: a calendar day in the site's zone, and what the records hold for it. */
export interface DaySlot {
  /** YYYY-MM-DD in the site's zone. */
  readonly date: string;
  /** Null where the records hold nothing for the day: no connection was logged, or the logs do not reach back so far. */
  readonly day: SenderDay | null;
}

const DAY_MS = 86_400_000;

/**
 * The HISTORY_DAYS bars ending on `lastDate` (the day of the newest log line), the oldest first.
 * The records leave out days without any connection, so bars are placed by date, never by position:
 * every component's bars end on the same day.
 *
 * @example
 * daySlots([{ date: '2026-03-24', connections: 9, failures: 0, worst: 'none' }], '2026-03-24').at(-1) // { date: '2026-03-24', day: { … } }
 */
export function daySlots(days: readonly SenderDay[], lastDate: string): DaySlot[] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const last = Date.parse(`${lastDate}T00:00:00Z`);
  return Array.from({ length: HISTORY_DAYS }, (_, i) => {
    const date = new Date(last - (HISTORY_DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10);
    return { date, day: byDate.get(date) ?? null };
  });
}

/**
 * A receiver's days as bars: our delivery attempts count where a sender's connections do, the
 * attempts the receiver deferred or refused where a sender's failed connections do; so a bar's
 * share is that of our attempts the receiver accepted.
 *
 * @example
 * deliveryDays([{ date: '2026-03-24', attempts: 200, problems: 30, worst: 'minor' }])
 * // [{ date: '2026-03-24', connections: 200, failures: 30, worst: 'minor' }]
 */
export function deliveryDays(days: readonly ReceiverDay[]): SenderDay[] {
  return days.map((d) => ({ date: d.date, connections: d.attempts, failures: d.problems, worst: d.worst }));
}

/** What a component's bars add up to: the figure shown beside them. */
export interface PeriodShare {
  /** Days among the bars that the records hold. */
  readonly daysWithData: number;
  readonly connections: number;
  /** Connections that did not break off: not during the TLS handshake, not dropped, not timed out (`SenderDay.failures` counts those). */
  readonly gotThrough: number;
  /** gotThrough / connections; null without a single connection. */
  readonly ratio: number | null;
}

/**
 * The share of connections that got through over the bars' days.
 *
 * @example
 * periodShare(daySlots([{ date: '2026-03-24', connections: 200, failures: 3, worst: 'none' }], '2026-03-24'))
 * // { daysWithData: 1, connections: 200, gotThrough: 197, ratio: 0.985 }
 */
export function periodShare(slots: readonly DaySlot[]): PeriodShare {
  let daysWithData = 0;
  let connections = 0;
  let failures = 0;
  for (const { day } of slots) {
    if (!day) continue;
    daysWithData++;
    connections += day.connections;
    failures += day.failures;
  }
  const gotThrough = Math.max(0, connections - failures);
  return { daysWithData, connections, gotThrough, ratio: connections > 0 ? gotThrough / connections : null };
}

/**
 * The figure beside a component's bars: the share of its connections that got through, or for our
 * own servers their count of connections. Every connection to our servers counts in theirs, and so
 * does every one a sender broke off (Outlook.com aborting STARTTLS is Outlook.com's incident): a
 * share there would read as our own failure rate.
 */
export type HistoryFigure =
  | { readonly kind: 'noConnections' }
  | (HistoryCount & { readonly kind: 'share'; /** gotThrough / connections. */ readonly ratio: number })
  | (HistoryCount & { readonly kind: 'connections' });

interface HistoryCount {
  readonly connections: number;
  readonly daysWithData: number;
  /** Fewer than HISTORY_DAYS days with data, so the figure says how many. */
  readonly someDays: boolean;
}

/**
 * What to show beside a component's bars.
 *
 * @example
 * historyFigure('ours', daySlots([{ date: '2026-03-24', connections: 200, failures: 60, worst: 'none' }], '2026-03-24'))
 * // { kind: 'connections', connections: 200, daysWithData: 1, someDays: true }
 */
export function historyFigure(componentId: string, slots: readonly DaySlot[]): HistoryFigure {
  const { ratio, connections, daysWithData } = periodShare(slots);
  if (ratio === null) return { kind: 'noConnections' };
  const count = { connections, daysWithData, someDays: daysWithData < HISTORY_DAYS };
  return componentId === OURS ? { kind: 'connections', ...count } : { kind: 'share', ratio, ...count };
}

/** Where the bars end: the day of the newest log line, and whether that is the day the site is built. */
export interface HistoryEnd {
  /** YYYY-MM-DD in the site's zone. */
  readonly date: string;
  /** True when the bars end today, so that their ends may read "90 days ago" and "today"; else they show dates. */
  readonly today: boolean;
}

/**
 * The end of every component's bars: the day of `asOf` (the newest log line), or of `now` before
 * any log was read.
 *
 * @example
 * historyEnd('2026-03-24T11:48:22Z', Date.parse('2026-12-06T20:00:00Z'), 'Europe/Berlin') // { date: '2026-03-24', today: false }
 */
export function historyEnd(asOf: string | null, now: number, zone: string): HistoryEnd {
  const date = calendarDate(asOf ?? now, zone);
  return { date, today: date === calendarDate(now, zone) };
}
