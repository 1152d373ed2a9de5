import type { DetectionSettings, SiteConfig } from '../../src/core/schemas/site-config.ts';
import { loadSiteConfig } from '../../src/core/config/load-site-config.ts';
import { detectIncidents } from './detect/detect-incidents.ts';
import { parsePostfixEvent } from './parse/parse-postfix-event.ts';
import { createSyslogReader, isPlausibleTime, type SyslogReader } from './parse/parse-syslog-line.ts';
import { ZoneClock } from './parse/zone-clock.ts';
import { exitCodes, fail, ok, type Problem, type Result } from '../../src/core/problem.ts';
import { expandInputs } from './read/expand-inputs.ts';
import { readLogLines, type LogSource } from './read/read-log-lines.ts';
import { buildRecords, localDate } from './records/build-records.ts';
import { writeRecords, type WriteReport } from './records/write-records.ts';
import { registrableDomain } from '../../src/core/senders/registrable-domain.ts';
import { builtInSenderRules } from '../../src/core/senders/sender-catalog.ts';
import { createPublishedHostName, createSenderClassifier, mergeSenderRules, type Sender } from '../../src/core/senders/classify-sender.ts';
import { pruneSeriesState, SenderSeries } from './series/sender-series.ts';
import type { Incident } from './detect/incident.ts';
import { SessionTracker } from './sessions/track-sessions.ts';
import type { AcceptedMessage, SmtpSession } from './sessions/smtp-session.ts';
import { ParseStats } from './parse/parse-stats.ts';
import { encodeState, FilePositions, loadState, saveState, settingsHash, STATE_VERSION, type SummarizeState } from './state/summarize-state.ts';

/** Every sender outside the catalog, counted as one. */
const OTHER_SENDERS: Sender = { id: 'other', name: 'other', statusPage: null, known: false };

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

/** What a progress display hears from the summarizer. */
export interface ReadProgress {
  bytes(source: LogSource, bytes: number): void;
  lines(source: LogSource, count: number): void;
  fileDone(source: LogSource): void;
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
 * The whole summarizer: read → parse → sessions → senders → series → detect → records.
 */
export async function runSummarize(options: SummarizeOptions): Promise<Result<SummarizeResult>> {
  const config = await loadSiteConfig(options.contentDir);
  if (!config.ok) return config;
  const files = await expandInputs(options.inputs);
  if (!files.ok) return files;

  const timeZone = options.timeZone ?? config.value.timeZone;
  const clock = new ZoneClock(timeZone);
  const rules = mergeSenderRules(builtInSenderRules, config.value.senders);
  // The merged rules: a new catalog (an upgrade of mxstatus) changes the counts as much as site.yaml does.
  const settings = settingsHash({ senders: rules, ownHosts: config.value.ownHosts, timeZone, year: options.year ?? null });
  let saved: SummarizeState | null = null;
  if (options.statePath) {
    const loaded = await loadState(options.statePath, settings);
    if (!loaded.ok) return loaded;
    saved = loaded.value;
  }
  const positions = options.statePath ? new FilePositions(saved?.files ?? []) : null;
  const seriesBySender = new Map<string, SenderSeries>();
  for (const series of saved?.series ?? []) seriesBySender.set(series.sender.id, SenderSeries.restore(series));
  const publishedName = createPublishedHostName(rules);
  const classify = createSenderClassifier(rules, {
    ownHostSuffixes: config.value.ownHosts,
    domainOf: registrableDomain,
  });
  const seriesFor = (session: SmtpSession | AcceptedMessage): SenderSeries | null => {
    // Port 25 only, and never our own users' logins: they are not a sending organisation.
    if (session.service !== 'smtp' || session.authenticated) return null;
    const sender = classify(session.client);
    if (!sender) return null;
    // Senders outside the catalog are counted together, never named: they only help to tell
    // whether a fault is ours.
    const tracked = sender.known ? sender : OTHER_SENDERS;
    let series = seriesBySender.get(tracked.id);
    if (!series) seriesBySender.set(tracked.id, (series = new SenderSeries(tracked, tracked.known)));
    return series;
  };
  const tracker = new SessionTracker({
    session: (session) => {
      const series = seriesFor(session);
      if (!series) return;
      // The series keeps host names for the records: only names the organisation's own.
      const name = series.trackHosts ? publishedName(series.sender.id, session.client.name) : session.client.name;
      series.addSession(name === session.client.name ? session : { ...session, client: { name, ip: session.client.ip } });
    },
    message: (message) => seriesFor(message)?.addMessage(message),
  });
  if (saved) tracker.restore(saved.tracker);

  const stats = new ParseStats();
  const problems: Problem[] = [];
  const readers = new Map<LogSource, SyslogReader>();
  const readFiles: { path: string; skipped: number; offset: number }[] = [];
  const progress = options.progress;
  const reading = readLogLines(files.value, {
    nowMs: options.nowMs,
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
      positions?.update(item.source, item.offset, readers.get(item.source)?.lastTime ?? null, options.nowMs);
      progress?.fileDone(item.source);
      continue;
    }
    let reader = readers.get(item.source);
    if (!reader) {
      const lastTime = positions?.lastTime(item.source);
      reader = createSyslogReader({ clock, referenceMs: item.source.mtimeMs, ...(options.year ? { year: options.year } : {}), ...(lastTime ? { lastTime } : {}) });
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
  const firstTime = earliest(saved?.firstTime ?? null, stats.firstTime);
  const lastTime = latest(saved?.lastTime ?? null, stats.lastTime);
  // The state is taken before the open sessions are flushed: the next run goes on with them open.
  // (Plain data: the series as copies, the tracker's open sessions and messages as they are.)
  const carried = positions ? { tracker: tracker.save(), series: [...seriesBySender.values()].map((s) => s.save()) } : null;
  tracker.flush();

  if (lastTime === null || firstTime === null) {
    const problem = problems[0];
    if (problem) return { ok: false, problem };
    return fail(exitCodes.input, `${files.value.join(', ')}: no syslog lines found; pass Postfix mail logs`);
  }
  const seriesList = [...seriesBySender.values()];
  const detection = config.value.detection;
  const incidents = detectIncidents(seriesList, detection, lastTime, config.value.name);
  const records = buildRecords(seriesList, incidents, detection, clock, lastTime);
  const written = await writeSiteRecords(options.contentDir, records, localDate(firstTime, clock), config.value);
  if (!written.ok) return written;
  // Only after the records: a crash before this line leaves the old state, and the next run
  // reads the same lines again and writes the same records.
  if (carried && positions && options.statePath) {
    // The state keeps what later runs can still need; what is older lives on in the records.
    const keepFrom = retentionStart(incidents, lastTime, detection, clock, options.retainDays ?? RETAIN_DAYS);
    const prune = keepFrom > firstTime;
    const state = {
      version: STATE_VERSION,
      settings,
      files: positions.list(options.nowMs),
      firstTime: prune ? keepFrom : firstTime,
      lastTime,
      tracker: carried.tracker,
      series: prune ? carried.series.map((series) => pruneSeriesState(series, keepFrom)) : carried.series,
    };
    const stored = await saveState(options.statePath, encodeState(state));
    if (!stored.ok) return stored;
  }
  return ok({ stats, covered: { first: firstTime, last: lastTime }, files: readFiles, incidents: incidents.length, written: written.value, problems });
}

/** Days of counts the state keeps: the site shows 90, and silence needs a sender's usual rhythm. */
export const RETAIN_DAYS = 100;
const DAY_MS = 86_400_000;

/**
 * Where the state may cut its series: `retainDays` before the last log line, moved back so that
 * no incident lies within a day of the cut (or within the merge gap after its end: a new wave
 * could still join it), then back to the start of that day in the site's zone. Incidents and
 * days before it are history the records keep; everything after it is counted again from the
 * state exactly as it was.
 *
 * @example
 * retentionStart([], Date.UTC(2026, 6, 1), detection, clock, 100) // local midnight of 23 March 2026
 */
export function retentionStart(incidents: readonly Incident[], lastTime: number, detection: DetectionSettings, clock: ZoneClock, retainDays: number): number {
  const gap = detection.mergeGapHours * 3_600_000 + detection.quietMinutes * 60_000;
  let horizon = lastTime - retainDays * DAY_MS;
  for (let moved = true; moved; ) {
    moved = false;
    for (const incident of incidents) {
      if (incident.startedAt - DAY_MS < horizon && incident.endedAt + gap + DAY_MS >= horizon) {
        horizon = incident.startedAt - DAY_MS;
        moved = true;
      }
    }
  }
  const [year, month, day] = localDate(horizon, clock).split('-').map(Number) as [number, number, number];
  return clock.toUtc(Date.UTC(year, month - 1, day));
}

function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function latest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

async function writeSiteRecords(
  contentDir: string,
  records: Parameters<typeof writeRecords>[1],
  firstCoveredDate: string,
  config: SiteConfig,
): Promise<Result<WriteReport>> {
  try {
    return ok(await writeRecords(contentDir, records, firstCoveredDate, config.locales, config.timeZone));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return fail(exitCodes.output, `${e.path ?? contentDir}: cannot write (${e.code ?? e.message}); check that the directory is writable`);
  }
}
