import type { Problem } from '../../src/core/problem.ts';
import { parsePostfixEvent } from './parse/parse-postfix-event.ts';
import { ParseStats } from './parse/parse-stats.ts';
import { createSyslogReader, isPlausibleTime, type SyslogReader } from './parse/parse-syslog-line.ts';
import type { ZoneClock } from './parse/zone-clock.ts';
import { readLogLines, type LogSource } from './read/read-log-lines.ts';
import type { SessionTracker } from './sessions/track-sessions.ts';
import type { FilePositions } from './state/summarize-state.ts';

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
  /** Per file: bytes skipped as read by an earlier run, and bytes consumed through now. */
  readonly files: { path: string; skipped: number; offset: number }[];
}

/**
 * Reads the log files line by line into the session tracker: each line's syslog envelope (with a
 * reader per file), left out when it has none or its time cannot be its file's, then its Postfix
 * event. Lines of other programs and lines not understood are only counted.
 *
 * @example
 * await readEvents(['demo-logs/mx1/mail.log'], tracker, { clock, year: undefined, positions: null, nowMs: Date.now(), progress: undefined })
 * // { stats: ParseStats { lines: 217907, … }, problems: [], files: [{ path: 'demo-logs/mx1/mail.log', skipped: 0, offset: 31994654 }] }
 */
export async function readEvents(files: readonly string[], tracker: SessionTracker, options: ReadEventsOptions): Promise<ReadEvents> {
  const { clock, year, positions, nowMs, progress } = options;
  const stats = new ParseStats();
  const problems: Problem[] = [];
  const readers = new Map<LogSource, SyslogReader>();
  const readFiles: { path: string; skipped: number; offset: number }[] = [];
  const reading = readLogLines(files, {
    nowMs,
    ...(positions ? { resumeAt: (source: LogSource) => positions.resumeAt(source), holdPartialLine: true } : {}),
    ...(progress ? { onBytes: (source: LogSource, bytes: number) => progress.bytes(source, bytes) } : {}),
  });
  for await (const item of reading) {
    if (item.kind === 'problem') {
      problems.push(item.problem);
      continue;
    }
    if (item.kind === 'done') {
      readFiles.push({ path: item.source.path, skipped: item.skipped, offset: item.offset });
      positions?.update(item.source, item.offset, readers.get(item.source)?.lastTime ?? null, nowMs);
      progress?.fileDone(item.source);
      continue;
    }
    let reader = readers.get(item.source);
    if (!reader) {
      const lastTime = positions?.lastTime(item.source);
      reader = createSyslogReader({ clock, referenceMs: item.source.mtimeMs, ...(year ? { year } : {}), ...(lastTime ? { lastTime } : {}) });
      readers.set(item.source, reader);
    }
    progress?.lines(item.source, item.lines.length);
    const fileStats = stats.file(item.source.path);
    for (const line of item.lines) {
      const envelope = reader.read(line);
      if (!envelope) {
        stats.noEnvelope(fileStats);
        continue;
      }
      if (!isPlausibleTime(envelope, reader.context)) {
        stats.outOfTime(fileStats);
        continue;
      }
      const event = envelope.program.startsWith('postfix')
        ? parsePostfixEvent(envelope.program, envelope.message)
        : ({ kind: 'unrecognised' } as const);
      stats.event(fileStats, envelope, event.kind);
      if (event.kind !== 'unrecognised') tracker.push(envelope, event);
    }
  }
  return { stats, problems, files: readFiles };
}
