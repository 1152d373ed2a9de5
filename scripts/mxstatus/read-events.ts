import { detachString } from '../../src/core/detach-string.ts';
import type { Problem } from '../../src/core/problem.ts';
import { parsePostfixEvent } from './parse/parse-postfix-event.ts';
import { latest, ParseStats, type FileStats } from './parse/parse-stats.ts';
import { createSyslogReader, isPlausibleTime, type SyslogEnvelope, type SyslogReader } from './parse/parse-syslog-line.ts';
import type { PostfixEvent } from './parse/postfix-event.ts';
import { ConfirmTimes } from './read/confirm-times.ts';
import { rotationSet } from './read/order-log-files.ts';
import type { ZoneClock } from './parse/zone-clock.ts';
import { readLogLines, type LogSource } from './read/read-log-lines.ts';
import type { FilePositions } from './state/summarize-state.ts';

/** Where the mail lines taken go, one event at a time: the session tracker, and the outbound side beside it (see bothDirections). */
export interface EventSink {
  push(envelope: SyslogEnvelope, event: PostfixEvent): void;
}

/**
 * One sink for both directions: every event to the session tracker (mail to us), then to the
 * tracker of our SMTP client's deliveries (mail from us), which passes over what is not its own.
 *
 * @example
 * await readEvents(files, bothDirections(tracker, outbound.tracker), options)
 */
export function bothDirections(inbound: EventSink, outbound: EventSink): EventSink {
  return {
    push(envelope, event) {
      inbound.push(envelope, event);
      outbound.push(envelope, event);
    },
  };
}

/** What a progress display hears from the summarizer. */
export interface ReadProgress {
  bytes(source: LogSource, bytes: number): void;
  lines(source: LogSource, count: number): void;
  fileDone(source: LogSource): void;
}

export interface ReadEventsOptions {
  /** The zone of log times without one. */
  readonly clock: ZoneClock;
  /** `--year`: the year of BSD timestamps, instead of each file's. */
  readonly year: number | undefined;
  /** Incremental mode: where each file was left, and told how far it is read now. */
  readonly positions: FilePositions | null;
  readonly nowMs: number;
  readonly progress: ReadProgress | undefined;
}

/** What reading the logs gave besides the events: counts, what could not be read, and how far each file was read. */
export interface ReadEvents {
  readonly stats: ParseStats;
  /** Files that could not be read (wholly or in part); the rest was read. */
  readonly problems: Problem[];
  /** Files passed over without harm: one already read under another name. */
  readonly warnings: string[];
  /** Per file: bytes skipped as read by an earlier run, bytes consumed through now, and the file as it was opened. */
  readonly files: ReadFile[];
}

/** A file read to its end: how far, and which file it was when it was opened. */
export interface ReadFile {
  readonly path: string;
  readonly skipped: number;
  readonly offset: number;
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/** A mail line between reading and use: waiting, when its time is far from the lines before it. */
interface MailLine {
  readonly line: string;
  readonly envelope: SyslogEnvelope;
  readonly event: PostfixEvent;
  readonly fileStats: FileStats;
  readonly reader: SyslogReader;
}

/** The rotated set being read: a time check per host, and what carries over from file to file. */
interface OpenSet {
  readonly key: string;
  readonly times: Map<string, ConfirmTimes<MailLine>>;
  /** The latest time taken in the set (the repeated autumn hour goes on across a rotation). */
  lastTime: number | null;
  /** The last file of the set read: it keeps the latest trusted times and what waits. */
  last: LogSource | null;
  /** When the set's latest file was last written. */
  writtenBy: number;
  /** Latest trusted time per host from an earlier run. */
  readonly resumed: Map<string, number>;
}

/**
 * Reads the log files line by line into the session tracker: each line's syslog envelope (with a
 * reader per file), left out when it has none or its time cannot be its file's, then its Postfix
 * event. Lines of other programs and lines not understood are only counted. Mail lines pass
 * ConfirmTimes per rotated set and host: a handful dated far from the rest are left out; in
 * incremental mode the lines still waiting at the end of a set are held for the next run.
 *
 * @example
 * await readEvents(['demo-logs/mx1/mail.log'], tracker, { clock, year: undefined, positions: null, nowMs: Date.now(), progress: undefined })
 * // { stats: ParseStats { lines: 217907, … }, problems: [], files: [{ path: 'demo-logs/mx1/mail.log', skipped: 0, offset: 31994654 }] }
 */
export async function readEvents(files: readonly string[], tracker: EventSink, options: ReadEventsOptions): Promise<ReadEvents> {
  const { clock, year, positions, nowMs, progress } = options;
  const stats = new ParseStats();
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const readers = new Map<LogSource, SyslogReader>();
  const readFiles: ReadFile[] = [];
  let set: OpenSet | null = null;
  // A mail line taken: counted, its file's clock on, into the sessions. Called per line: no
  // object is made for a line that passes at once.
  const use = (envelope: SyslogEnvelope, event: PostfixEvent, fileStats: FileStats, reader: SyslogReader) => {
    stats.event(fileStats, envelope, event.kind);
    reader.advance(envelope.time);
    tracker.push(envelope, event);
  };
  const sink = { take: (m: MailLine) => use(m.envelope, m.event, m.fileStats, m.reader), leave: (m: MailLine) => stats.outlying(m.fileStats) };
  const timesOf = (host: string) => {
    let times = set!.times.get(host);
    if (!times) {
      if (set!.times.size >= MAX_HOSTS_PER_SET) return null;
      set!.times.set(detachString(host), (times = new ConfirmTimes<MailLine>(set!.resumed.get(host) ?? null, sink)));
    }
    return times;
  };
  const endSet = () => {
    if (!set) return;
    const held: MailLine[] = [];
    const anchors: [string, number][] = [];
    // Hosts with a trusted line first: the others' first lines must lie near them.
    const hosts = [...set.times].sort(([a, x], [b, y]) => Number(x.anchor === null) - Number(y.anchor === null) || (a < b ? -1 : 1));
    let near: number | null = null;
    for (const [host, times] of hosts) {
      held.push(...times.finish(positions ? 'hold' : 'drop', set.writtenBy, times.anchor === null ? near : null));
      if (times.anchor !== null) {
        anchors.push([host, times.anchor]);
        near = near === null ? times.anchor : Math.max(near, times.anchor);
      }
    }
    anchors.sort(([a], [b]) => (a < b ? -1 : 1));
    // Hosts of an earlier run not seen in this one keep their time.
    for (const [host, time] of set.resumed) if (!set.times.has(host)) anchors.push([host, time]);
    if (positions && set.last) positions.hold(set.last, anchors, held.map((m) => m.line));
    for (const m of held) stats.holdBack(m.fileStats);
  };
  const started = new Set<LogSource>();
  const reading = readLogLines(files, {
    nowMs,
    ...(positions ? { resumeAt: (source: LogSource) => positions.resumeAt(source), readToEnd: (source: LogSource) => positions.readToEnd(source), holdPartialLine: true } : {}),
    ...(progress ? { onBytes: (source: LogSource, bytes: number) => progress.bytes(source, bytes) } : {}),
  });
  const readLines = (source: LogSource, lines: readonly string[]) => {
    let reader = readers.get(source);
    if (!reader) {
      const lastTime = latest(positions?.lastTime(source) ?? null, set!.lastTime);
      reader = createSyslogReader({ clock, referenceMs: referenceTime(source.mtimeMs, nowMs), ...(year ? { year } : {}), ...(lastTime !== null ? { lastTime } : {}) });
      readers.set(source, reader);
    }
    const writtenBy = set!.writtenBy;
    const fileStats = stats.file(source.path);
    for (const line of lines) {
      const envelope = reader.read(line);
      if (!envelope) {
        stats.noEnvelope(fileStats, line);
        continue;
      }
      if (!isPlausibleTime(envelope, reader.context)) {
        stats.outOfTime(fileStats);
        continue;
      }
      const event = envelope.program.startsWith('postfix')
        ? parsePostfixEvent(envelope.program, envelope.message)
        : UNRECOGNISED;
      if (event.kind === 'unrecognised' || event.kind === 'known') {
        stats.event(fileStats, envelope, event.kind);
        continue;
      }
      const times = timesOf(envelope.host);
      if (!times) stats.outlying(fileStats);
      else if (times.passes(envelope.time, writtenBy)) use(envelope, event, fileStats, reader);
      // A waiting line that goes on from the one before carries the clock too (a rotation in the
      // repeated autumn hour); one that starts a run of its own (a stray) does not.
      else if (times.wait(envelope.time, { line, envelope, event, fileStats, reader }, writtenBy)) reader.advance(envelope.time);
    }
    set!.lastTime = latest(set!.lastTime, reader.lastTime ?? null);
  };
  // The first item of a file: a new set begins, or the set goes on; what an earlier run held
  // with this file is read first.
  const start = (source: LogSource) => {
    if (started.has(source)) return;
    started.add(source);
    const key = source.path === '-' ? '-' : rotationSet(source.path);
    if (set?.key !== key) {
      endSet();
      set = { key, times: new Map(), lastTime: null, last: null, writtenBy: 0, resumed: new Map() };
    }
    // The set's live file is read last: no line of the set can be dated after it was written.
    set!.writtenBy = Math.max(set!.writtenBy, referenceTime(source.mtimeMs, nowMs));
    if (!positions) return;
    set!.lastTime = latest(set!.lastTime, positions.lastTime(source));
    const { anchors, held } = positions.heldBy(source);
    for (const [host, time] of anchors) {
      set!.resumed.set(host, Math.max(time, set!.resumed.get(host) ?? time));
      set!.times.get(host)?.resumeFrom(time);
    }
    if (held.length > 0) readLines(source, held);
  };
  for await (const item of reading) {
    if (item.kind === 'problem') {
      problems.push(item.problem);
      continue;
    }
    if (item.kind === 'duplicate') {
      warnings.push(`${item.path}: the same file as ${item.of}; read once`);
      continue;
    }
    start(item.source);
    if (item.kind === 'done') {
      const { path, dev, ino, size, mtimeMs } = item.source;
      readFiles.push({ path, skipped: item.skipped, offset: item.offset, dev, ino, size, mtimeMs });
      positions?.update(item.source, item.offset, readers.get(item.source)?.lastTime ?? null, nowMs, item.complete);
      if (item.source.fingerprint !== null) set!.last = item.source;
      progress?.fileDone(item.source);
      continue;
    }
    progress?.lines(item.source, item.lines.length);
    readLines(item.source, item.lines);
  }
  endSet();
  return { stats, problems, warnings, files: readFiles };
}

const UNRECOGNISED = { kind: 'unrecognised' } as const;

/**
 * The most hosts one rotated set holds lines of. A mail system has a few; a log with a new host
 * name on every line (forged, or not a syslog file) would cost time and state for each, so the
 * lines of hosts beyond these are left out and counted.
 */
const MAX_HOSTS_PER_SET = 256;

/** The earliest a file's modification time can be believed (a file touched to 0 says 1970). */
const EARLIEST_MTIME = Date.UTC(2000, 0, 1);

/**
 * The instant a file's lines lie before (it gives BSD timestamps their year): its modification
 * time, unless that cannot be (before 2000, or more than a day after now), when it is now.
 */
export function referenceTime(mtimeMs: number, nowMs: number): number {
  return mtimeMs < EARLIEST_MTIME || mtimeMs > nowMs + 86_400_000 ? nowMs : mtimeMs;
}
