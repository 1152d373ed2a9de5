import type { Locale } from '../core/schemas/site-config.ts';
import { calendarDate, formatDateTime } from '../core/format-time.ts';

/** A labelled mark on a time axis: the hour (index into the series) it stands at, and its text. */
export interface AxisLabel {
  readonly index: number;
  readonly text: string;
}

export interface TimeAxis {
  /** Indices of the hours that begin a new day in the site's zone: a line each, labelled or not. */
  readonly dayStarts: readonly number[];
  /** Labels written from their hour to the right, far enough apart not to run into each other. */
  readonly labels: readonly AxisLabel[];
}

/**
 * The widths the labels are laid out for, in CSS pixels: a phone's (390 px less the page's margins)
 * and a wide window's (global.css shows the one set or the other at 40rem). A label is placed
 * only where it fits at the narrowest width of its set.
 */
export const AXIS_WIDTHS = { narrow: 340, wide: 600 } as const;
/** Room a label needs, with a gap: a day ("Thu 19 Mar") and a time ("06:00"). */
const DAY_LABEL_PX = 68;
const HOUR_LABEL_PX = 44;
/** Up to this many hours the axis marks hours too, not only days. */
const HOURLY_UP_TO = 36;

/**
 * The time axis of an hourly series in the site's zone: a line at every local midnight, each day
 * labelled with its weekday and date where there is room, and on charts of a day and a half or
 * less the hours between as well, so that daily humps can be told apart and read off.
 *
 * @example
 * timeAxis(['2026-03-19T22:00:00Z', '2026-03-19T23:00:00Z', '2026-03-20T00:00:00Z'], 'en', 'Europe/Berlin', 340)
 * // { dayStarts: [1], labels: [{ index: 0, text: 'Thu 19 Mar' }, …] }
 */
export function timeAxis(hours: readonly string[], locale: Locale, zone: string, widthPx: number): TimeAxis {
  const dates = hours.map((h) => calendarDate(h, zone));
  const dayStarts = dates.flatMap((date, i) => (i > 0 && date !== dates[i - 1] ? [i] : []));
  const hoursPerPx = hours.length / widthPx;
  const taken: { from: number; to: number }[] = [];
  const labels: AxisLabel[] = [];
  /** Labels one where it fits: inside the chart, clear of every label placed before. */
  const place = (index: number, kind: 'weekday' | 'hour') => {
    const to = index + (kind === 'weekday' ? DAY_LABEL_PX : HOUR_LABEL_PX) * hoursPerPx;
    if (to > hours.length || taken.some((t) => index < t.to && to > t.from)) return;
    taken.push({ from: index, to });
    labels.push({ index, text: formatDateTime(hours[index]!, locale, zone, kind) });
  };
  // Days first, so that a time never takes the place of a date; the first hours only when they make room for a date.
  for (const index of [...dayStarts, 0]) place(index, 'weekday');
  if (hours.length <= HOURLY_UP_TO) {
    const every = hours.length <= 12 ? 2 : hours.length <= 24 ? 3 : 6;
    for (const [index, hour] of hours.entries()) {
      if (Number(formatDateTime(hour, locale, zone, 'hour').slice(0, 2)) % every === 0) place(index, 'hour');
    }
  }
  labels.sort((a, b) => a.index - b.index);
  return { dayStarts, labels };
}

/**
 * Round steps for a value scale from 0 to at least `peak` counts: about three lines, each a whole
 * 1, 2 or 5 times a power of ten.
 *
 * @example
 * valueTicks(540) // [0, 200, 400, 600]
 */
export function valueTicks(peak: number): number[] {
  const rough = Math.max(1, peak) / 3;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!);
  const top = Math.max(step, Math.ceil(peak / step) * step);
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}
