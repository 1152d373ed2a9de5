/**
 * A mail line may go back this far behind the latest trusted one and still be taken at once:
 * programs of one host are seconds apart, never minutes.
 */
export const BACK_TOLERANCE_MS = 5 * 60_000;
/** … and this far ahead of it. A longer step ahead is a quiet spell if the log goes on from there. */
export const AHEAD_TOLERANCE_MS = 15 * 60_000;
/**
 * A run of lines after a jump is believed once it holds this many lines over at least
 * CONFIRMING_SPAN_MS: more than one session's worth (a session logs eight lines at most, within
 * minutes), so that one misdated session never is.
 */
export const CONFIRMING_LINES = 20;
export const CONFIRMING_SPAN_MS = 15 * 60_000;
/** The longest quiet spell a log may go on after: a later line within this of a waiting run confirms it. */
export const MAX_QUIET_MS = 6 * 3_600_000;
/** How far a line may be dated after its file was last written: a remote host's clock may be a little ahead. */
export const WRITE_SLACK_MS = 5 * 60_000;
/** Lines dated up to this after their file was written wait (a clock ahead); later ones are left out at once. */
export const MAX_AHEAD_OF_FILE_MS = 86_400_000;
/** Unconfirmed runs of lines kept waiting at once; an older one is given up as outlying. */
const MAX_WAITING_RUNS = 4;

interface Run<T> {
  readonly items: T[];
  first: number;
  last: number;
  latest: number;
}

/**
 * Keeps the times of one log stream (one host's lines in a file and its rotations) honest: a
 * line dated far from the lines around it — a stray kernel clock, a host booting before NTP, a
 * BSD line put in the wrong year — must not move the period a run covers, its "as of", or which
 * records it may remove; a quiet server's real lines must all count.
 *
 * - A line close to the latest trusted one (BACK_TOLERANCE_MS behind, AHEAD_TOLERANCE_MS ahead)
 *   is taken at once.
 * - A line no file could hold yet — dated more than WRITE_SLACK_MS after its file was last written
 *   — is not taken: it waits while it is less than a day ahead (a later run, its file written on
 *   since, may take it), and is left out beyond.
 * - Other lines wait in runs (lines close to each other). A run ahead of the trusted time is a
 *   quiet spell when the log goes on from it: a later line after a further quiet spell (of at most
 *   MAX_QUIET_MS) confirms it. A run, ahead or behind, is also confirmed by CONFIRMING_LINES lines over
 *   CONFIRMING_SPAN_MS (a clock set back, a backlog delivered late). A run the log leaves again,
 *   back to the trusted time, was a handful of outlying lines and is left out.
 * - At the end of the stream, a waiting run ahead of the trusted time and no later than the file
 *   was written is taken (the last lines after a quiet spell); what still waits is handed back to
 *   be held for the next run (`finish('hold')`) or left out (`finish('drop')`). A stream without a
 *   trusted line yet trusts its longest run that a file could hold.
 *
 * @example
 * const times = new ConfirmTimes<Line>(null, { take: (line) => use(line), leave: (line) => count(line) });
 * times.push(line.time, line, source.writtenBy); …
 * const held = times.finish('drop', writtenBy); // [] — lines still waiting at the end are left out
 */
export class ConfirmTimes<T> {
  #anchor: number | null;
  readonly #take: (item: T) => void;
  readonly #leave: (item: T) => void;
  /** Runs of lines after a jump, oldest first. */
  #waiting: Run<T>[] = [];

  constructor(anchor: number | null, sink: { take(item: T): void; leave(item: T): void }) {
    this.#anchor = anchor;
    this.#take = sink.take;
    this.#leave = sink.leave;
  }

  /** The time of the latest trusted line, for the next run of an incremental summarizer. */
  get anchor(): number | null {
    return this.#anchor;
  }

  /** Starts from an earlier run's latest trusted time, unless a later one is known. */
  resumeFrom(anchor: number | null): void {
    if (anchor !== null && (this.#anchor === null || anchor > this.#anchor)) this.#anchor = anchor;
  }

  /** Takes a line, now or once confirmed, or leaves it out. `writtenBy`: when its file was last written. */
  push(time: number, item: T, writtenBy: number): void {
    if (this.passes(time, writtenBy)) this.#take(item);
    else this.wait(time, item, writtenBy);
  }

  /**
   * The fast way for a line close to the trusted time: true when it is to be taken at once (the
   * caller takes it), false when it has to `wait`.
   */
  passes(time: number, writtenBy: number): boolean {
    const anchor = this.#anchor;
    if (anchor === null || this.#waiting.length > 0 || !close(anchor, time) || time > writtenBy + WRITE_SLACK_MS) return false;
    if (time > anchor) this.#anchor = time;
    return true;
  }

  /**
   * A line that did not pass: it is taken (back at the trusted time), joins the run it goes on
   * from, starts a run, or is left out. True when it goes on from a line before it (taken or
   * joined): only such lines may carry a file's clock forward (see SyslogReader.advance).
   */
  wait(time: number, item: T, writtenBy: number): boolean {
    // Far beyond anything its file could hold: never. Just beyond (a clock a little ahead), it
    // waits until its file has been written after it.
    if (time > writtenBy + MAX_AHEAD_OF_FILE_MS) {
      this.#leave(item);
      return false;
    }
    const fits = (run: Run<T>) => run.latest <= writtenBy + WRITE_SLACK_MS;
    // Back at the trusted time: whatever waits was a detour.
    const anchor = this.#anchor;
    if (anchor !== null && close(anchor, time) && time <= writtenBy + WRITE_SLACK_MS) {
      this.#giveUp(this.#waiting.length);
      if (time > anchor) this.#anchor = time;
      this.#take(item);
      return true;
    }
    // The log goes on from a run ahead of the trusted time, after a quiet spell: that run was real.
    for (let i = this.#waiting.length - 1; i >= 0; i--) {
      const run = this.#waiting[i]!;
      if ((anchor !== null && run.first <= anchor) || !fits(run)) continue;
      if (time >= run.latest + AHEAD_TOLERANCE_MS && time <= run.latest + MAX_QUIET_MS) {
        this.#trust(i);
        if (this.passes(time, writtenBy)) {
          this.#take(item);
          return true;
        }
        this.wait(time, item, writtenBy);
        return false;
      }
    }
    for (let i = this.#waiting.length - 1; i >= 0; i--) {
      const run = this.#waiting[i]!;
      if (!close(run.last, time)) continue;
      // Runs that came after this one were a detour.
      this.#giveUpAfter(i);
      run.items.push(item);
      run.last = time;
      if (time > run.latest) run.latest = time;
      if (run.items.length >= CONFIRMING_LINES && run.latest - run.first >= CONFIRMING_SPAN_MS && fits(run)) this.#trust(this.#waiting.length - 1);
      return true;
    }
    this.#waiting.push({ items: [item], first: time, last: time, latest: time });
    if (this.#waiting.length > MAX_WAITING_RUNS) this.#giveUp(1);
    return false;
  }

  /**
   * The end of the stream (see the class comment). `writtenBy`: when the stream's last file was
   * last written; `near`: the latest trusted time of the other streams of the same files (other
   * hosts), if any. Returns the lines to hold ('hold'); with 'drop' they are left out.
   */
  finish(mode: 'hold' | 'drop', writtenBy: number, near: number | null = null): T[] {
    if (this.#waiting.length === 0) return [];
    const fits = (run: Run<T>) => run.latest <= writtenBy + WRITE_SLACK_MS;
    // A stream with no trusted line (a host's first lines) next to other hosts' streams must lie
    // near them: a stray host line weeks away is no host of ours.
    const nearOthers = (run: Run<T>) => near === null || (run.latest >= near - 86_400_000 && run.first <= near + MAX_QUIET_MS);
    if (this.#anchor === null) {
      let best = -1;
      this.#waiting.forEach((run, i) => {
        if (fits(run) && nearOthers(run) && (best < 0 || run.items.length >= this.#waiting[best]!.items.length)) best = i;
      });
      if (best >= 0) {
        const later = this.#waiting.splice(best + 1);
        this.#trust(best);
        this.#waiting = later;
      }
    } else {
      const anchor = this.#anchor;
      const index = this.#waiting.findLastIndex((run) => run.first > anchor && fits(run));
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

  /** A waiting run is confirmed: it is taken, and every run before it was outlying. */
  #trust(index: number): void {
    const run = this.#waiting[index]!;
    const later = this.#waiting.splice(index + 1);
    this.#waiting.pop();
    this.#giveUp(this.#waiting.length);
    for (const item of run.items) this.#take(item);
    this.#anchor = run.latest;
    // Runs after it wait on, measured against the new trusted time.
    this.#waiting = later;
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
