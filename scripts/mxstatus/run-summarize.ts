import { exitCodes, fail, ok, type Problem, type Result } from '../../src/core/problem.ts';
import { detectIncidents } from './detect/detect-incidents.ts';
import { openRun } from './open-run.ts';
import type { ParseStats } from './parse/parse-stats.ts';
import { readEvents, type ReadProgress } from './read-events.ts';
import { buildAndWriteRecords } from './records/build-and-write-records.ts';
import type { WriteReport } from './records/write-records.ts';
import { createSeriesRouter } from './series/route-to-series.ts';
import { SessionTracker } from './sessions/track-sessions.ts';
import { RETAIN_DAYS } from './state/retention-start.ts';
import { carryState, saveRunState } from './state/save-run-state.ts';
import type { SummarizeState } from './state/summarize-state.ts';

export type { ReadProgress } from './read-events.ts';
export { RETAIN_DAYS, retentionStart } from './state/retention-start.ts';

export interface SummarizeOptions {
  readonly contentDir: string;
  /** Files, globs, or "-" for standard input. */
  readonly inputs: readonly string[];
  /** Overrides the site's zone for zone-less timestamps. */
  readonly timeZone?: string;
  readonly year?: number;
  readonly nowMs: number;
  /**
   * Incremental mode: where the last run stopped (files read, open sessions, series). Only new
   * lines are read, and the state is replaced after the records are written.
   */
  readonly statePath?: string;
  /** How many days of series the state keeps (default RETAIN_DAYS); tests shorten it. */
  readonly retainDays?: number;
  /** Told of each file's progress, for a display on a terminal. */
  readonly progress?: ReadProgress;
}

export interface SummarizeResult {
  /** What this run read (in incremental mode, only the new lines). */
  readonly stats: ParseStats;
  /** The first and last log time the records cover, earlier runs included. */
  readonly covered: { readonly first: number; readonly last: number };
  /** Per input file: bytes of content skipped as read by an earlier run, and bytes consumed through now. */
  readonly files: readonly { readonly path: string; readonly skipped: number; readonly offset: number }[];
  readonly incidents: number;
  readonly written: WriteReport | null;
  /** Files that could not be read; the rest was summarized. */
  readonly problems: readonly Problem[];
}

/**
 * The whole summarizer: read → parse → sessions → senders → series → detect → records, and in
 * incremental mode the state for the next run.
 *
 * @example
 * await runSummarize({ contentDir: 'content', inputs: ['demo-logs/*\/mail.log*'], nowMs: Date.now() })
 * // ok({ stats, covered: { first, last }, files: [{ path: 'demo-logs/mx1/mail.log', skipped: 0, offset: 31994654 }, …], incidents: 1, written, problems: [] })
 */
export async function runSummarize(options: SummarizeOptions): Promise<Result<SummarizeResult>> {
  const opened = await openRun(options);
  if (!opened.ok) return opened;
  const { config, files, clock, rules, state } = opened.value;
  const saved = state?.saved ?? null;
  const router = createSeriesRouter(rules, config.ownHosts, saved?.series ?? []);
  const tracker = new SessionTracker(router.sink);
  if (saved) tracker.restore(saved.tracker);
  const read = await readEvents(files, tracker, { clock, year: options.year, positions: state?.positions ?? null, nowMs: options.nowMs, progress: options.progress });
  // Before the flush: the next run goes on with the sessions still open.
  const carried = state ? carryState(tracker, router.series()) : null;
  tracker.flush();
  const covered = coveredTimes(saved, read.stats);
  if (!covered) return nothingRead(files, read.problems);
  const seriesList = router.series();
  const incidents = detectIncidents(seriesList, config.detection, covered.last, config.name);
  const written = await buildAndWriteRecords(options.contentDir, seriesList, incidents, config, clock, covered);
  if (!written.ok) return written;
  // Only after the records: a crash before this leaves the old state, and the next run reads the
  // same lines again and writes the same records.
  if (state && carried) {
    const stored = await saveRunState(state, carried, { nowMs: options.nowMs, covered, incidents, detection: config.detection, clock, retainDays: options.retainDays ?? RETAIN_DAYS });
    if (!stored.ok) return stored;
  }
  return ok({ stats: read.stats, covered, files: read.files, incidents: incidents.length, written: written.value, problems: read.problems });
}

/** No log line at all: the first file that could not be read says why, or the inputs hold no syslog lines. */
function nothingRead(files: readonly string[], problems: readonly Problem[]): Result<never> {
  const problem = problems[0];
  return problem ? { ok: false, problem } : fail(exitCodes.input, `${files.join(', ')}: no syslog lines found; pass Postfix mail logs`);
}

/** The first and last log time the records cover, earlier runs included; null when there is none. */
function coveredTimes(saved: SummarizeState | null, stats: ParseStats): { first: number; last: number } | null {
  const first = earliest(saved?.firstTime ?? null, stats.firstTime);
  const last = latest(saved?.lastTime ?? null, stats.lastTime);
  return first === null || last === null ? null : { first, last };
}

function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function latest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
