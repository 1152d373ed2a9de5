import { tzOffset } from '@date-fns/tz';

const QUARTER = 900_000;
const DAY = 86_400_000;

/**
 * Turns wall-clock times of one IANA zone into UTC epoch milliseconds, fast enough for every log
 * line: what a wall-clock quarter hour maps to is worked out once and cached.
 *
 * @example
 * const clock = new ZoneClock('Europe/Berlin');
 * clock.toUtc(Date.UTC(2026, 2, 23, 17, 43)); // Date.UTC(2026, 2, 23, 16, 43)
 */
export class ZoneClock {
  readonly zone: string;
  /** Wall quarter → [offset of its first occurrence, offset of its second (the repeated autumn hour) or NaN]. */
  readonly #byWallQuarter = new Map<number, readonly [number, number]>();
  readonly #offsetByQuarter = new Map<number, number>();
  #lastQuarter = Number.NaN;
  #lastOffsets: readonly [number, number] = [0, Number.NaN];

  constructor(zone: string) {
    this.zone = zone;
  }

  /**
   * `wallMs` is the wall-clock time written as if it were UTC (`Date.UTC(y, m, d, h, mi, s)`).
   * In the repeated autumn hour the first occurrence is taken, unless it lies more than five
   * minutes before `notBefore` (the previous line of the same file) and the second does not:
   * lines of one file run forward, so order decides.
   */
  toUtc(wallMs: number, notBefore = Number.NEGATIVE_INFINITY): number {
    const quarter = Math.floor(wallMs / QUARTER);
    let offsets = this.#lastOffsets;
    if (quarter !== this.#lastQuarter) {
      offsets = this.#byWallQuarter.get(quarter) ?? this.#offsetsForWall(quarter * QUARTER);
      this.#byWallQuarter.set(quarter, offsets);
      this.#lastQuarter = quarter;
      this.#lastOffsets = offsets;
    }
    const first = wallMs - offsets[0];
    if (Number.isNaN(offsets[1])) return first;
    const second = wallMs - offsets[1];
    return first < notBefore - 300_000 && second >= notBefore - 300_000 ? second : first;
  }

  /** Offset in ms of the zone at a UTC instant (zones change offset on quarter hours at most). */
  offsetAt(utcMs: number): number {
    const quarter = Math.floor(utcMs / QUARTER);
    let offset = this.#offsetByQuarter.get(quarter);
    if (offset === undefined) {
      offset = tzOffset(this.zone, new Date(quarter * QUARTER)) * 60_000;
      this.#offsetByQuarter.set(quarter, offset);
    }
    return offset;
  }

  #offsetsForWall(wallMs: number): readonly [number, number] {
    const before = this.offsetAt(wallMs - DAY);
    const after = this.offsetAt(wallMs + DAY);
    // An offset is valid for this wall time when the instant it gives really has that offset.
    const valid = [...new Set([before, after])]
      .filter((offset) => this.offsetAt(wallMs - offset) === offset)
      .sort((a, b) => b - a);
    if (valid.length === 0) return [before, Number.NaN]; // the skipped spring hour: read it forward
    return [valid[0]!, valid[1] ?? Number.NaN];
  }
}
