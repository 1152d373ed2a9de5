import type { SiteConfig } from '../../src/schemas/site-config.ts';
import { loadSiteConfig } from './config/load-site-config.ts';
import { detectIncidents } from './detect/detect-incidents.ts';
import { parsePostfixEvent } from './parse/parse-postfix-event.ts';
import { parseSyslogLine, type EnvelopeContext } from './parse/parse-syslog-line.ts';
import { ZoneClock } from './parse/zone-clock.ts';
import { exitCodes, fail, ok, type Problem, type Result } from './problem.ts';
import { expandInputs } from './read/expand-inputs.ts';
import { readLogLines, type LogSource } from './read/read-log-lines.ts';
import { buildRecords, localDate } from './records/build-records.ts';
import { writeRecords, type WriteReport } from './records/write-records.ts';
import { registrableDomain } from './senders/registrable-domain.ts';
import { builtInSenderRules } from './senders/sender-catalog.ts';
import { createSenderClassifier, mergeSenderRules, type Sender } from './senders/classify-sender.ts';
import { SenderSeries } from './series/sender-series.ts';
import { SessionTracker } from './sessions/track-sessions.ts';
import type { AcceptedMessage, SmtpSession } from './sessions/smtp-session.ts';
import { ParseStats } from './parse/parse-stats.ts';

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
}

export interface SummarizeResult {
  readonly stats: ParseStats;
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

  const clock = new ZoneClock(options.timeZone ?? config.value.timeZone);
  const seriesBySender = new Map<string, SenderSeries>();
  const classify = createSenderClassifier(mergeSenderRules(builtInSenderRules, config.value.senders), {
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
    session: (session) => seriesFor(session)?.addSession(session),
    message: (message) => seriesFor(message)?.addMessage(message),
  });

  const stats = new ParseStats();
  const problems: Problem[] = [];
  const contexts = new Map<LogSource, EnvelopeContext>();
  for await (const item of readLogLines(files.value, options.nowMs)) {
    if (item.kind === 'problem') {
      problems.push(item.problem);
      continue;
    }
    let context = contexts.get(item.source);
    if (!context) {
      context = { clock, referenceMs: item.source.mtimeMs, ...(options.year ? { year: options.year } : {}) };
      contexts.set(item.source, context);
    }
    const fileStats = stats.file(item.source.path);
    for (const line of item.lines) {
      const envelope = parseSyslogLine(line, context);
      if (!envelope) {
        stats.noEnvelope(fileStats);
        continue;
      }
      const event = envelope.program.startsWith('postfix')
        ? parsePostfixEvent(envelope.program, envelope.message)
        : ({ kind: 'unrecognised' } as const);
      stats.event(fileStats, envelope, event.kind);
      if (event.kind !== 'unrecognised') tracker.push(envelope, event);
    }
  }
  tracker.flush();

  if (stats.lastTime === null || stats.firstTime === null) {
    const problem = problems[0];
    if (problem) return { ok: false, problem };
    return fail(exitCodes.input, `${files.value.join(', ')}: no syslog lines found; pass Postfix mail logs`);
  }
  const seriesList = [...seriesBySender.values()];
  const settings = config.value.detection;
  const incidents = detectIncidents(seriesList, settings, stats.lastTime, config.value.name);
  const records = buildRecords(seriesList, incidents, settings, clock, stats.lastTime);
  const written = await writeSiteRecords(options.contentDir, records, localDate(stats.firstTime, clock), config.value);
  if (!written.ok) return written;
  return ok({ stats, incidents: incidents.length, written: written.value, problems });
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
