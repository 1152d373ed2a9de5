/**
 * A mail line may go back this far behind the latest trusted one and still be taken at once:
 * programs and hosts writing to one file are seconds apart, never minutes.
 */
export const BACK_TOLERANCE_MS = 5 * 60_000;
/** … and this far ahead of it: a longer gap is real (a quiet night) only when lines go on from there. */
export const AHEAD_TOLERANCE_MS = 15 * 60_000;
/** Lines that go on from a jump, each close to the one before, before the jump is believed. */
export const CONFIRMING_LINES = 8;
/** Unconfirmed runs of lines kept waiting at once; an older one is given up as outlying. */
const MAX_WAITING_RUNS = 4;

/**
 * Keeps the times of one log stream (a file and its rotations) honest: a line dated far from
 * the lines around it — a stray kernel clock, a forged or broken timestamp, a BSD line put in the
 * wrong year — must not move the period a run covers, its "as of", or which records it may
 * remove. A line close to the latest trusted one (BACK_TOLERANCE_MS behind, AHEAD_TOLERANCE_MS
 * ahead) passes at once. After a jump, lines wait in a run until CONFIRMING_LINES of them,
 * each close to the one before, say the jump was real (a gap in the logs, a clock set right);
 * a run that the stream leaves again, back to the trusted time, was a handful of outlying lines
 * and is left out.
 *
 * At the end of the stream, the last lines after a quiet spell are trusted when they are dated no
 * later than the file was written; other lines still waiting cannot be told yet: an incremental
 * run hands them to the next one (`finish('hold')`), a run over the whole logs leaves them out.
 * A stream without any trusted line yet (its first lines) trusts its longest run.
 *
 * @example
 * const times = new ConfirmTimes<Line>(null, { take: (line) => use(line), leave: (line) => count(line) });
 * for (const line of lines) times.push(line.time, line);
 * const held = times.finish('drop'); // [] — lines still waiting at the end are left out
 */
export class ConfirmTimes<T> {
  #anchor: number | null;
  readonly #take: (item: T) => void;
  readonly #leave: (item: T) => void;
  /** Runs of lines after a jump, oldest first, each in log order with its latest time. */
  #waiting: { times: number[]; items: T[] }[] = [];

  constructor(anchor: number | null, sink: { take(item: T): void; leave(item: T): void }) {
    this.#anchor = anchor;
    this.#take = sink.take;
    this.#leave = sink.leave;
  }

  /** The time of the latest trusted line, for the next run of an incremental summarizer. */
  get anchor(): number | null {
    return this.#anchor;
  }

  /** Lines waiting for confirmation. */
  get waiting(): number {
    let n = 0;
    for (const run of this.#waiting) n += run.items.length;
    return n;
  }

  /** Starts from an earlier run's latest trusted time, unless a later one is known. */
  resumeFrom(anchor: number | null): void {
    if (anchor !== null && (this.#anchor === null || anchor > this.#anchor)) this.#anchor = anchor;
  }

  /** Takes a line, now or once confirmed, or leaves it out. */
  push(time: number, item: T): void {
    if (this.passes(time)) this.#take(item);
    else this.wait(time, item);
  }

  /**
   * The fast way for a line close to the trusted time: true when it is to be taken at once (the
   * caller takes it), false when it has to `wait`. Waiting lines it leaves behind were outlying.
   */
  passes(time: number): boolean {
    const anchor = this.#anchor;
    if (anchor === null || !close(anchor, time)) return false;
    if (this.#waiting.length > 0) this.#giveUp(this.#waiting.length);
    if (time > anchor) this.#anchor = time;
    return true;
  }

  /** A line that did not pass: it joins the run it goes on from, or starts one. */
  wait(time: number, item: T): void {
    for (let i = this.#waiting.length - 1; i >= 0; i--) {
      const run = this.#waiting[i]!;
      if (!close(run.times[run.times.length - 1]!, time)) continue;
      // Runs that came after this one were a detour.
      this.#giveUpAfter(i);
      run.times.push(time);
      run.items.push(item);
      if (run.items.length >= CONFIRMING_LINES) this.#trust(i);
      return;
    }
    this.#waiting.push({ times: [time], items: [item] });
    if (this.#waiting.length > MAX_WAITING_RUNS) this.#giveUp(1);
  }

  /**
   * The end of the stream. Without a trusted line, the longest waiting run is trusted (the latest
   * of equals). Otherwise the latest run ahead of the trusted time that is no later than
   * `writtenBy` (when the file was last written: no line can be dated after it) is trusted: the
   * last lines after a quiet spell. What still waits is handed back to be held for the next run
   * ('hold') or left out ('drop').
   */
  finish(mode: 'hold' | 'drop', writtenBy: number | null = null): T[] {
    if (this.#waiting.length === 0) return [];
    if (this.#anchor === null) {
      let best = 0;
      this.#waiting.forEach((run, i) => {
        if (run.items.length >= this.#waiting[best]!.items.length) best = i;
      });
      this.#trust(best);
      return [];
    }
    if (writtenBy !== null) {
      const anchor = this.#anchor;
      const index = this.#waiting.findLastIndex((run) => run.times.every((t) => t > anchor && t <= writtenBy));
      if (index >= 0) {
        const later = this.#waiting.splice(index + 1);
        this.#trust(index);
        this.#waiting = later;
      }
    }
    if (mode === 'hold') {
      const held = this.#waiting.flatMap((run) => run.items);
      this.#waiting = [];
      return held;
    }
    this.#giveUp(this.#waiting.length);
    return [];
  }

  /** A waiting run is confirmed: it is taken, and every other waiting line was outlying. */
  #trust(index: number): void {
    const run = this.#waiting[index]!;
    this.#giveUpAfter(index);
    this.#waiting.pop();
    this.#giveUp(this.#waiting.length);
    for (const item of run.items) this.#take(item);
    let latest = run.times[0]!;
    for (const t of run.times) if (t > latest) latest = t;
    this.#anchor = latest;
  }

  /** Leaves out the oldest `count` waiting runs. */
  #giveUp(count: number): void {
    for (const run of this.#waiting.splice(0, count)) for (const item of run.items) this.#leave(item);
  }

  /** Leaves out the runs after `index`. */
  #giveUpAfter(index: number): void {
    for (const run of this.#waiting.splice(index + 1)) for (const item of run.items) this.#leave(item);
  }
}

function close(trusted: number, time: number): boolean {
  return time >= trusted - BACK_TOLERANCE_MS && time <= trusted + AHEAD_TOLERANCE_MS;
}
