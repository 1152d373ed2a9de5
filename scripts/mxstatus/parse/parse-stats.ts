import { detachString } from '../../../src/core/detach-string.ts';
import type { SyslogEnvelope } from './parse-syslog-line.ts';
import type { PostfixEventKind } from './postfix-event.ts';

export interface TimeRange {
  first: number | null;
  last: number | null;
}

export interface FileStats extends TimeRange {
  readonly path: string;
  lines: number;
  noEnvelope: number;
}

/** What the parser saw: every line lands in exactly one counter. */
export class ParseStats {
  lines = 0;
  linesWithoutEnvelope = 0;
  /** Lines without an envelope that are Exim's main log lines (`… 1rKx-000GhT-2x <= …`): see looksLikeExim. */
  eximLines = 0;
  /** Lines with an envelope whose time cannot belong to their file (see isPlausibleTime). */
  linesOutOfTime = 0;
  /** Mail lines dated far from the lines around them, which the lines after them did not confirm (see ConfirmTimes). */
  linesOutlying = 0;
  /** Mail lines still waiting for confirmation at the end of an incremental run: the next run reads them again. */
  held = 0;
  /** Sessions and messages given up because too many were open at once (see MAX_OPEN_SESSIONS). */
  givenUp = { sessions: 0, messages: 0 };
  readonly eventsByKind = new Map<PostfixEventKind, number>();
  readonly unrecognisedByProgram = new Map<string, number>();
  readonly files = new Map<string, FileStats>();
  readonly hosts = new Map<string, TimeRange>();
  firstTime: number | null = null;
  lastTime: number | null = null;

  file(path: string): FileStats {
    let stats = this.files.get(path);
    if (!stats) this.files.set(path, (stats = { path, lines: 0, noEnvelope: 0, first: null, last: null }));
    return stats;
  }

  noEnvelope(file: FileStats, line: string): void {
    this.lines++;
    this.linesWithoutEnvelope++;
    file.lines++;
    file.noEnvelope++;
    if (EXIM_LINE.test(line)) this.eximLines++;
  }

  /** Whether most lines read are Exim's main log: a run over it must not end with "0 incidents". */
  looksLikeExim(): boolean {
    return this.eximLines >= 10 && this.eximLines * 2 >= this.lines;
  }

  outOfTime(file: FileStats): void {
    this.lines++;
    this.linesOutOfTime++;
    file.lines++;
  }

  /** Counted here, and again by the next run, which reads the line first. */
  holdBack(file: FileStats): void {
    this.lines++;
    this.held++;
    file.lines++;
  }

  outlying(file: FileStats): void {
    this.lines++;
    this.linesOutlying++;
    file.lines++;
  }

  /** A line with an envelope; only mail lines (recognised Postfix events) give the times covered. */
  event(file: FileStats, envelope: SyslogEnvelope, kind: PostfixEventKind): void {
    this.lines++;
    file.lines++;
    this.eventsByKind.set(kind, (this.eventsByKind.get(kind) ?? 0) + 1);
    // Lines mxstatus knows and does not use give no time covered, as unrecognised ones do not.
    if (kind === 'known') return;
    if (kind === 'unrecognised') {
      const seen = this.unrecognisedByProgram.get(envelope.program);
      if (seen === undefined) this.unrecognisedByProgram.set(detachString(envelope.program), 1);
      else this.unrecognisedByProgram.set(envelope.program, seen + 1);
      return;
    }
    const time = envelope.time;
    extend(file, time);
    let host = this.hosts.get(envelope.host);
    if (!host) this.hosts.set(detachString(envelope.host), (host = { first: null, last: null }));
    extend(host, time);
    if (this.firstTime === null || time < this.firstTime) this.firstTime = time;
    if (this.lastTime === null || time > this.lastTime) this.lastTime = time;
  }
}

function extend(range: TimeRange, time: number): void {
  if (range.first === null || time < range.first) range.first = time;
  if (range.last === null || time > range.last) range.last = time;
}

/** The earlier of two times, either of which may be unknown (null). */
export function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

/** The later of two times, either of which may be unknown (null). */
export function latest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/**
 * A line of Exim's main log: its time, maybe a pid, then a message id with an arrival (`<=`), a
 * delivery (`=>`, `->`), a failure (`**`), a deferral (`==`) or `Completed`, or a queue run.
 */
const EXIM_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?: [+-]\d{4})? (?:\[\d+\] )?(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} (?:<=|=>|->|\*\*|==|Completed)|Start queue run|End queue run)/;
