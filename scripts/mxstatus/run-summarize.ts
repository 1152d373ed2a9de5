import { loadSiteConfig } from '../../src/core/config/load-site-config.ts';
import { exitCodes, fail, ok, type Problem, type Result } from '../../src/core/problem.ts';
import type { SenderRule, SiteConfig } from '../../src/core/schemas/site-config.ts';
import { mergeSenderRules } from '../../src/core/senders/classify-sender.ts';
import { builtInSenderRules } from '../../src/core/senders/sender-catalog.ts';
import { detectIncidents } from './detect/detect-incidents.ts';
import { ParseStats } from './parse/parse-stats.ts';
import { ZoneClock } from './parse/zone-clock.ts';
import { expandInputs } from './read/expand-inputs.ts';
import { bothDirections, readEvents, type ReadEvents, type ReadProgress } from './read-events.ts';
import { detectOutboundIncidents } from './outbound/detect-outbound-incidents.ts';
import { OutboundRouter } from './outbound/route-outbound.ts';
import { readInParallel } from './read/read-in-parallel.ts';
import { buildAndWriteRecords } from './records/build-and-write-records.ts';
import type { WriteReport } from './records/write-records.ts';
import { createSeriesRouter, type SeriesRouter } from './series/route-to-series.ts';
import { SessionTracker } from './sessions/track-sessions.ts';
import { RETAIN_DAYS } from './state/retention-start.ts';
import { carryState, saveRunState, type RunState } from './state/save-run-state.ts';
import { nothingChanged, readStamp, stampable, stampSettingsHash, writeStamp } from './state/run-stamp.ts';
import { DAMAGED_FIX, FilePositions, loadState, settingsHash, type SummarizeState } from './state/summarize-state.ts';
import { earliest, latest } from './parse/parse-stats.ts';

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
  /** Told of each file's progress, for a display on a terminal (such a run reads in one thread). */
  readonly progress?: ReadProgress;
  /**
   * How many threads may read at once: 1 reads in this thread only. Otherwise a full run over
   * several rotated sets reads them in worker threads, one per set, at most this many (and as many
   * as there are cores) at once (see readInParallel). Default: MXSTATUS_THREADS, or no limit.
   */
  readonly threads?: number;
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
  /** What the run passed over without failing: a glob that matched no file, a file given twice. */
  readonly warnings: readonly string[];
  /** How many threads read the logs at once (1: this one only; see `threads`). */
  readonly threads?: number;
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
  // Incremental mode: when nothing has changed since the last run, its result stands.
  const stampHash = options.statePath ? await stampSettingsHash({ contentDir: options.contentDir, inputs: options.inputs, timeZone: options.timeZone ?? null, year: options.year ?? null }) : null;
  if (options.statePath && stampHash) {
    const unchanged = await unchangedResult(options.statePath, stampHash, options);
    if (unchanged) return ok(unchanged);
  }
  const opened = await openRun(options);
  if (!opened.ok) return opened;
  const { config, files, unmatched, clock, rules, state } = opened.value;
  const saved = state?.saved ?? null;
  // A full run over several rotated sets (several MX hosts) reads each in a worker thread of its
  // own; not for a progress display, which follows one file at a time.
  const threads = options.threads ?? threadsFromEnvironment();
  const parallel = state || options.progress || threads === 1 ? null : await readInParallel(files, { timeZone: clock.zone, year: options.year, nowMs: options.nowMs, rules, ownHosts: config.ownHosts, threads });
  let router: SeriesRouter;
  let tracker: SessionTracker;
  let outbound: OutboundRouter;
  let read: ReadEvents;
  if (parallel) ({ router, tracker, outbound, read } = parallel);
  else {
    const restored = restore(rules, config.ownHosts, state);
    if (!restored.ok) return restored;
    ({ router, tracker, outbound } = restored.value);
    read = await readEvents(files, bothDirections(tracker, outbound.tracker), { clock, year: options.year, positions: state?.positions ?? null, nowMs: options.nowMs, progress: options.progress });
  }
  outbound.noteLineTimes(read.stats.hosts);
  // Before the flush: the next run goes on with the sessions still open.
  const carried = state ? carryState(tracker, router.series(), router.mx, outbound) : null;
  tracker.flush();
  read.stats.givenUp = { ...tracker.givenUp };
  // An Exim main log with a few lines that look like syslog would end with "0 incidents": say what it is.
  if (read.stats.looksLikeExim()) {
    return fail(exitCodes.input, `${files.join(', ')}: this looks like an Exim main log (${read.stats.eximLines.toLocaleString('en')} of ${read.stats.lines.toLocaleString('en')} lines are Exim's); mxstatus reads Postfix mail logs: pass those (often /var/log/mail.log)`);
  }
  const covered = coveredTimes(saved, read.stats);
  if (!covered) return nothingRead(files, read.problems, read.stats);
  const seriesList = router.series();
  const incidents = detectIncidents(seriesList, config.detection, covered.last, config.name, router.mx);
  // Our mail to others, as of our relays' last line (their log may stop while the MX hosts' go on).
  const receivers = outbound.series();
  const outboundIncidents = outbound.asOf === null ? [] : detectOutboundIncidents(receivers, config.detection, outbound.asOf, config.name);
  const written = await buildAndWriteRecords(options.contentDir, seriesList, incidents, config, clock, covered, router.mx, { series: receivers, incidents: outboundIncidents, asOf: outbound.asOf, relayBuckets: outbound.relayBuckets(), waiting: (id, since) => outbound.tracker.waiting(id, since) });
  if (!written.ok) return written;
  // Only after the records: a crash before this leaves the old state, and the next run reads the
  // same lines again and writes the same records.
  if (state && carried) {
    const stored = await saveRunState(state, carried, { nowMs: options.nowMs, covered, incidents: [...incidents, ...outboundIncidents], detection: config.detection, clock, retainDays: options.retainDays ?? RETAIN_DAYS });
    if (!stored.ok) return stored;
    // A run that met a problem or a doubtful input says so again next time: no stamp for it.
    if (stampHash && read.problems.length === 0 && read.warnings.length === 0 && stampable(read.files, options.nowMs)) {
      const { created, updated, unchanged } = written.value;
      const result = { covered, incidents: incidents.length + outboundIncidents.length, records: created + updated + unchanged, unmatched };
      await writeStamp(state.path, options.contentDir, { settings: stampHash, files: read.files, result }).catch(() => undefined);
    }
  }
  const warnings = [...unmatched.map(unmatchedWarning), ...read.warnings];
  return ok({ stats: read.stats, covered, files: read.files, incidents: incidents.length + outboundIncidents.length, written: written.value, problems: read.problems, warnings, threads: parallel?.threads ?? 1 });
}

/**
 * The result of a run that would read nothing and write what is there (see RunStamp): the last
 * run's, with nothing read and every record unchanged; null when anything may have changed.
 */
async function unchangedResult(statePath: string, settings: string, options: SummarizeOptions): Promise<SummarizeResult | null> {
  const stamp = await readStamp(statePath, options.nowMs);
  if (!stamp) return null;
  const expanded = await expandInputs(options.inputs, { stdin: false });
  if (!expanded.ok || !(await nothingChanged(stamp, settings, expanded.value.files, options.contentDir))) return null;
  const { covered, incidents, records, unmatched } = stamp.result;
  return {
    stats: new ParseStats(),
    covered,
    files: stamp.files.map(({ path, offset }) => ({ path, skipped: offset, offset })),
    incidents,
    written: { created: 0, updated: 0, unchanged: records, removed: 0, notesCreated: 0 },
    problems: [],
    warnings: unmatched.map(unmatchedWarning),
  };
}

/** What a summarize run starts from: the site's settings, the files to read and, in incremental mode, the last run's state. */
export interface OpenRun {
  readonly config: SiteConfig;
  /** The input files, globs expanded, rotated sets oldest first. */
  readonly files: readonly string[];
  /** Globs that matched no file (the run goes on with the others). */
  readonly unmatched: readonly string[];
  /** The zone of log times without one: `--tz`, or the site's. */
  readonly clock: ZoneClock;
  /** The built-in sender catalog with the site's rules over it. */
  readonly rules: readonly SenderRule[];
  /** Incremental mode (`--state`) only. */
  readonly state: RunState | null;
}

/**
 * Opens a summarize run: reads `site.yaml`, expands the inputs and loads the state, stopping at
 * the first of them that fails (exit 3, 2 or 4, 8).
 *
 * @example
 * await openRun({ contentDir: 'content', inputs: ['/var/log/mail.log*'], statePath: '/var/lib/mxstatus/state' })
 * // ok({ config, files: ['/var/log/mail.log.1.gz', '/var/log/mail.log'], unmatched: [], clock, rules, state: { path, settings, saved, positions } })
 */
export async function openRun(options: {
  readonly contentDir: string;
  readonly inputs: readonly string[];
  readonly timeZone?: string;
  readonly year?: number;
  readonly statePath?: string;
}): Promise<Result<OpenRun>> {
  const config = await loadSiteConfig(options.contentDir);
  if (!config.ok) return config;
  const expanded = await expandInputs(options.inputs, { stdin: !options.statePath });
  if (!expanded.ok) return expanded;
  const { files, unmatched } = expanded.value;
  const timeZone = options.timeZone ?? config.value.timeZone;
  const rules = mergeSenderRules(builtInSenderRules, config.value.senders);
  const run = { config: config.value, files, unmatched, clock: new ZoneClock(timeZone), rules };
  if (!options.statePath) return { ok: true, value: { ...run, state: null } };
  // The merged rules: a new catalog (an upgrade of mxstatus) changes the counts as much as site.yaml does.
  const settings = settingsHash({ senders: rules, ownHosts: config.value.ownHosts, timeZone, year: options.year ?? null });
  const loaded = await loadState(options.statePath, settings);
  if (!loaded.ok) return loaded;
  const positions = new FilePositions(loaded.value?.files ?? []);
  return { ok: true, value: { ...run, state: { path: options.statePath, settings, saved: loaded.value, positions } } };
}

/** The series and the tracker, going on from the state's when there is one; a state whose content does not hold together is exit 8. */
function restore(rules: readonly SenderRule[], ownHosts: readonly string[], state: RunState | null): Result<{ router: SeriesRouter; tracker: SessionTracker; outbound: OutboundRouter }> {
  try {
    const router = createSeriesRouter(rules, ownHosts, state?.saved?.series ?? [], state?.saved?.mx ?? []);
    const tracker = new SessionTracker(router.sink);
    if (state?.saved) tracker.restore(state.saved.tracker);
    const outbound = new OutboundRouter(rules, ownHosts, state?.saved?.outbound ?? null);
    return ok({ router, tracker, outbound });
  } catch (error) {
    if (!state) throw error;
    return fail(exitCodes.state, `${state.path}: damaged (${(error as Error).message.slice(0, 120)}); ${DAMAGED_FIX(state.path)}`);
  }
}

/** MXSTATUS_THREADS, a whole number of 1 or more; anything else is no limit. */
function threadsFromEnvironment(): number | undefined {
  const threads = Number(process.env.MXSTATUS_THREADS);
  return Number.isInteger(threads) && threads >= 1 ? threads : undefined;
}

function unmatchedWarning(glob: string): string {
  return `${glob}: no file matches this pattern (yet); the other files were read`;
}

/**
 * No log line at all: the first file that could not be read says why; or every line was dated far
 * from its file's time (a log of 2022 copied today), which the counter says and the fix follows;
 * or the inputs hold no syslog lines.
 */
function nothingRead(files: readonly string[], problems: readonly Problem[], stats: ParseStats): Result<never> {
  const problem = problems[0];
  if (problem) return { ok: false, problem };
  if (stats.linesOutOfTime > 0) {
    return fail(
      exitCodes.input,
      `${files.join(', ')}: no line read: ${stats.linesOutOfTime.toLocaleString('en')} are dated more than 400 days before their file was last written, or after it; ` +
        'give their year with --year YYYY, or copy logs with cp -p so that they keep their modification time',
    );
  }
  return fail(exitCodes.input, `${files.join(', ')}: no syslog lines found; pass Postfix mail logs`);
}

/** The first and last log time the records cover, earlier runs included; null when there is none. */
function coveredTimes(saved: SummarizeState | null, stats: ParseStats): { first: number; last: number } | null {
  const first = earliest(saved?.firstTime ?? null, stats.firstTime);
  const last = latest(saved?.lastTime ?? null, stats.lastTime);
  return first === null || last === null ? null : { first, last };
}


