import { tzOffset } from '@date-fns/tz';

const HOUR = 3_600_000;
const QUARTER = 900_000;

/**
 * Turns wall-clock times of one IANA zone into UTC epoch milliseconds, fast enough for every log
 * line: the zone's offset is looked up once per wall-clock hour and cached.
 *
 * @example
 * const clock = new ZoneClock('Europe/Berlin');
 * clock.toUtc(Date.UTC(2026, 2, 23, 17, 43)); // Date.UTC(2026, 2, 23, 16, 43)
 */
export class ZoneClock {
  readonly zone: string;
  readonly #offsetByWallHour = new Map<number, number>();
  readonly #offsetByQuarter = new Map<number, number>();

  constructor(zone: string) {
    this.zone = zone;
  }

  /** `wallMs` is the wall-clock time written as if it were UTC (`Date.UTC(y, m, d, h, mi, s)`). */
  toUtc(wallMs: number): number {
    const hour = Math.floor(wallMs / HOUR);
    let offset = this.#offsetByWallHour.get(hour);
    if (offset === undefined) {
      offset = this.#offsetForWall(hour * HOUR);
      this.#offsetByWallHour.set(hour, offset);
    }
    return wallMs - offset;
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

  #offsetForWall(wallMs: number): number {
    // Two steps settle every time except the skipped spring hour (mapped forward) and the
    // repeated autumn hour (mapped to its first occurrence).
    const first = this.offsetAt(wallMs - this.offsetAt(wallMs));
    const second = this.offsetAt(wallMs - first);
    return Math.max(first, second);
  }
}
