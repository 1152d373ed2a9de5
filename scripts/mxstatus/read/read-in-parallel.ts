import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../../../src/core/problem.ts';
import type { SenderRule } from '../../../src/core/schemas/site-config.ts';
import { ParseStats } from '../parse/parse-stats.ts';
import type { ReadEvents, ReadFile } from '../read-events.ts';
import { createSeriesRouter, type SeriesRouter } from '../series/route-to-series.ts';
import type { MxState } from '../series/mx-counts.ts';
import { SenderSeries, type SeriesState } from '../series/sender-series.ts';
import { SessionTracker, type TrackerState } from '../sessions/track-sessions.ts';
import { OutboundRouter, type OutboundRunState } from '../outbound/route-outbound.ts';
import { rotationSet } from './order-log-files.ts';
import type { WorkerTask } from './summarize-worker.ts';

/** What a worker posts back: what readEvents gave, and its sessions and series as plain data. */
export interface WorkerResult {
  /** A ParseStats, as structured cloning leaves it (its fields, without its methods). */
  readonly stats: Omit<ParseStats, 'file' | 'noEnvelope' | 'looksLikeExim' | 'outOfTime' | 'holdBack' | 'outlying' | 'event'>;
  readonly problems: Problem[];
  readonly warnings: string[];
  readonly files: ReadFile[];
  /** Sessions and messages still open at the end of its files: the main thread closes them. */
  readonly tracker: TrackerState;
  readonly givenUp: { readonly sessions: number; readonly messages: number };
  readonly series: SeriesState[];
  readonly mx: MxState[];
  /** Our relays' deliveries: receivers' series and the messages still queued. */
  readonly outbound: OutboundRunState;
}

export interface ParallelOptions {
  readonly timeZone: string;
  readonly year: number | undefined;
  readonly nowMs: number;
  readonly rules: readonly SenderRule[];
  readonly ownHosts: readonly string[];
  /** At most this many workers at once (and no more than there are cores). */
  readonly threads?: number | undefined;
}

/** What a run in parallel comes to: as if readEvents had read all files into this tracker and router. */
export interface ParallelRead {
  readonly read: ReadEvents;
  readonly router: SeriesRouter;
  readonly tracker: SessionTracker;
  readonly outbound: OutboundRouter;
  /** How many worker threads read at once. */
  readonly threads: number;
}

/**
 * Reads the log files of a full run (not incremental) with one worker thread per rotated set —
 * several MX hosts, each its own set — when there are several sets and several cores, and gives
 * what one thread reading them in order would have: the series merged set by set (the merge law
 * of SenderSeries), the counts by MX host and the parse counts added up, and the sessions and
 * messages each set left open restored into one tracker in reading order, so that closing them
 * sinks them in the same order. Null when that cannot be promised, and the caller reads in one
 * thread: a single set or core, a file reached twice (it is read once, where it first comes), a
 * file that cannot be looked at, or — found afterwards — an MX host whose lines are in two sets
 * (their sessions would be one host's in one thread).
 *
 * @example
 * const parallel = await readInParallel(['mx1/mail.log', 'mx2/mail.log'], { timeZone, year, nowMs, rules, ownHosts });
 * // { read: { stats, problems, warnings, files }, router, tracker } — tracker.flush() next, as after readEvents
 */
export async function readInParallel(files: readonly string[], options: ParallelOptions): Promise<ParallelRead | null> {
  const sets = new Map<string, string[]>();
  for (const file of files) {
    const key = rotationSet(file);
    const set = sets.get(key);
    if (set) set.push(file);
    else sets.set(key, [file]);
  }
  const workers = Math.min(availableParallelism(), options.threads ?? Number.POSITIVE_INFINITY, sets.size);
  if (workers < 2) return null;
  const identities = new Set<string>();
  for (const file of files) {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || identities.has(`${info.dev}:${info.ino}`)) return null;
    identities.add(`${info.dev}:${info.ino}`);
  }
  // `workers` at once; the sets' results in their reading order.
  const { threads: _, ...shared } = options;
  const tasks = [...sets.values()].map((setFiles): WorkerTask => ({ files: setFiles, ...shared }));
  const results: WorkerResult[] = new Array(tasks.length);
  let next = 0;
  const runNext = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await runWorker(tasks[i]!);
    }
  };
  await Promise.all(Array.from({ length: workers }, runNext));

  const seen = new Set<string>();
  for (const result of results) {
    const hosts = new Set([...result.tracker.lastSweep.map(([host]) => host), ...result.outbound.relays.map(([host]) => host)]);
    for (const host of hosts) if (seen.has(host)) return null;
    for (const host of hosts) seen.add(host);
  }
  return { ...merge(results, options), threads: workers };
}

function runWorker(task: WorkerTask): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./summarize-worker.ts', import.meta.url), { workerData: task });
    let result: WorkerResult | null = null;
    worker.once('message', (message: WorkerResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`a summarize worker ended with exit code ${code} and no result`))));
  });
}

function merge(results: readonly WorkerResult[], options: ParallelOptions): Omit<ParallelRead, 'threads'> {
  const series = new Map<string, SenderSeries>();
  for (const result of results) {
    for (const state of result.series) {
      const restored = SenderSeries.restore(state);
      const known = series.get(state.sender.id);
      if (known) known.merge(restored);
      else series.set(state.sender.id, restored);
    }
  }
  // Each MX host's counts come from one set (see the check above): they add up by concatenation.
  const router = createSeriesRouter(options.rules, options.ownHosts, [...series.values()].map((s) => s.save()), results.flatMap((r) => r.mx));
  const tracker = new SessionTracker(router.sink);
  tracker.restore({
    sessions: results.flatMap((r) => r.tracker.sessions),
    messages: results.flatMap((r) => r.tracker.messages),
    recent: results.flatMap((r) => [...r.tracker.older, ...r.tracker.recent]),
    older: [],
    lastSweep: results.flatMap((r) => r.tracker.lastSweep),
    proxyProblems: results.flatMap((r) => r.tracker.proxyProblems ?? []),
    proxyHosts: results.flatMap((r) => r.tracker.proxyHosts ?? []),
  });
  tracker.givenUp.sessions = results.reduce((n, r) => n + r.givenUp.sessions, 0);
  tracker.givenUp.messages = results.reduce((n, r) => n + r.givenUp.messages, 0);
  const stats = new ParseStats();
  for (const result of results) addStats(stats, result.stats);
  return {
    read: { stats, problems: results.flatMap((r) => r.problems), warnings: results.flatMap((r) => r.warnings), files: results.flatMap((r) => r.files) },
    router,
    tracker,
    outbound: OutboundRouter.merge(options.rules, options.ownHosts, results.map((r) => r.outbound)),
  };
}

/** Adds one set's parse counts to the run's. */
function addStats(into: ParseStats, from: WorkerResult['stats']): void {
  into.lines += from.lines;
  into.linesWithoutEnvelope += from.linesWithoutEnvelope;
  into.eximLines += from.eximLines;
  into.linesOutOfTime += from.linesOutOfTime;
  into.linesOutlying += from.linesOutlying;
  into.held += from.held;
  for (const [kind, n] of from.eventsByKind) into.eventsByKind.set(kind, (into.eventsByKind.get(kind) ?? 0) + n);
  for (const [program, n] of from.unrecognisedByProgram) into.unrecognisedByProgram.set(program, (into.unrecognisedByProgram.get(program) ?? 0) + n);
  for (const [path, file] of from.files) into.files.set(path, file);
  for (const [host, range] of from.hosts) into.hosts.set(host, range);
  if (from.firstTime !== null && (into.firstTime === null || from.firstTime < into.firstTime)) into.firstTime = from.firstTime;
  if (from.lastTime !== null && (into.lastTime === null || from.lastTime > into.lastTime)) into.lastTime = from.lastTime;
}
