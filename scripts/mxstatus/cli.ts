/**
 * mxstatus — turns Postfix logs into a public delivery-status site.
 * This file is wiring only: parse options, call a run function, report, set the exit code.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { writeDemoLogs } from './demo/write-demo-logs.ts';
import { exitCodes, type Problem } from '../../src/core/problem.ts';
import { runSummarize } from './run-summarize.ts';
import { formatParseStats } from './parse/format-parse-stats.ts';
import { formatHeadersReport, runHeaders } from './headers/run-headers.ts';
import { headersJson } from './headers/headers-json.ts';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { formatCheckReport, runCheck } from './check/run-check.ts';
import { TerminalProgress } from './progress.ts';
import { buildSite } from './site/build-site.ts';
import { runAstro } from './site/run-astro.ts';
import { lockContent } from './state/content-lock.ts';
import { formatSummary, summaryJson } from './summarize-report.ts';

const program = new Command('mxstatus')
  .description('Turn Postfix mail logs into a public delivery-status site.')
  .showHelpAfterError('(run mxstatus help for the commands and their options)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

interface SummarizeFlags {
  content: string;
  state?: string;
  tz?: string;
  year?: number;
  stats?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** The options `summarize` and `build` share. */
function summarizeOptions(command: Command): Command {
  return command
    .option('--content <dir>', 'the content directory', 'content')
    .option('--state <file>', 'incremental mode: remember what was read in FILE and read only new lines next time')
    .option('--tz <zone>', 'IANA zone of timestamps without one (default: timeZone in content/site.yaml)', timeZoneOption)
    .option('--year <year>', 'year of BSD timestamps, which carry none (default: from each file’s mtime)', yearOption)
    .option('--stats', 'print a parse report to standard error')
    .option('--quiet', 'no progress display, and no summary line')
    .option('--json', 'print a machine-readable summary of the run to standard output');
}

/** Summarizes under the lock already held; prints what the flags ask for; false when it failed. */
async function summarize(files: string[], flags: SummarizeFlags): Promise<boolean> {
  const started = performance.now();
  const progress = !flags.quiet && !flags.json && process.stderr.isTTY ? new TerminalProgress(process.stderr) : undefined;
  const result = await runSummarize({
    contentDir: flags.content,
    inputs: files,
    ...(flags.tz ? { timeZone: flags.tz } : {}),
    ...(flags.year ? { year: flags.year } : {}),
    ...(flags.state ? { statePath: flags.state } : {}),
    ...(progress ? { progress } : {}),
    nowMs: Date.now(),
  });
  if (!result.ok) {
    if (flags.json) console.log(JSON.stringify({ ok: false, problems: [result.problem] }, null, 2));
    report(result.problem);
    return false;
  }
  const { stats, problems } = result.value;
  if (flags.stats) process.stderr.write(formatParseStats(stats));
  if (flags.json) console.log(JSON.stringify(summaryJson(result.value, performance.now() - started), null, 2));
  else if (!flags.quiet) console.log(formatSummary(result.value));
  // The readable files were summarized; the first unreadable one decides the exit code.
  for (const problem of problems) console.error(`mxstatus: ${problem.message}`);
  if (problems[0]) process.exitCode = problems[0].exitCode;
  return true;
}

/** The signals that end a run early: cron, systemd, a terminal closing, Ctrl-C. */
const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Runs `work` holding the content directory's lock, released however the process ends. */
async function withLock(contentDir: string, work: () => Promise<void>, json = false): Promise<void> {
  const lock = await lockContent(contentDir);
  if (!lock.ok) {
    // --json promises JSON on standard output, whatever happens.
    if (json) console.log(JSON.stringify({ ok: false, problems: [lock.problem] }, null, 2));
    return report(lock.problem);
  }
  const release = () => lock.value.release();
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    process.exit(128 + (constants.signals[signal] ?? 15));
  };
  for (const signal of HANDLED_SIGNALS) process.once(signal, onSignal);
  try {
    await work();
  } finally {
    release();
    for (const signal of HANDLED_SIGNALS) process.off(signal, onSignal);
  }
}

summarizeOptions(
  program
    .command('summarize')
    .description('Read mail logs and write incident records and draft notes under content/.')
    .argument('<files...>', 'log files or globs, plain or .gz; - reads standard input'),
).action((files: string[], flags: SummarizeFlags) => withLock(flags.content, async () => void (await summarize(files, flags)), flags.json));

summarizeOptions(
  program
    .command('build')
    .description('Summarize the logs given (if any), then build the site from content/ into --out; the old site stays until the new one is complete.')
    .argument('[files...]', 'log files or globs to summarize first; without them, the site is built from content/ as it is'),
)
  .option('--out <dir>', 'where the site goes', 'dist')
  .action((files: string[], flags: SummarizeFlags & { out: string }) =>
    withLock(flags.content, async () => {
      // A file that could not be read leaves its exit code, but the site is built from the rest.
      if (files.length > 0 && !(await summarize(files, flags))) return;
      const built = await buildSite(flags.content, flags.out, { quiet: flags.quiet === true || flags.json === true });
      if (!built.ok) return report(built.problem);
    }, flags.json),
  );

program
  .command('check')
  .description('Validate content/ without building the site: site.yaml, every record and note, and the references between them.')
  .option('--content <dir>', 'the content directory', 'content')
  .action(async (options: { content: string }) => {
    const result = await runCheck(options.content);
    if (!result.ok) return report(result.problem);
    process.stdout.write(formatCheckReport(result.value));
    if (result.value.problems.length > 0) process.exitCode = exitCodes.config;
  });

program
  .command('preview')
  .description('Serve the built site (--out of build) at http://localhost:4321/ to look at it.')
  .option('--content <dir>', 'the content directory', 'content')
  .option('--out <dir>', 'the built site', 'dist')
  .option('--port <n>', 'port to listen on', integerOption, 4321)
  .action(async (flags: { content: string; out: string; port: number }) => {
    const served = await runAstro(['preview', '--outDir', resolve(flags.out), '--port', String(flags.port)], resolve(flags.content));
    if (!served.ok) report(served.problem);
  });

program
  .command('demo-logs')
  .description('Write the bundled demo: nine days of Postfix logs of two MX hosts around the Outlook.com incident.')
  .requiredOption('--out <dir>', 'directory to write mx1/ and mx2/ into')
  .option('--seed <n>', 'random seed (the bundled demo uses the default)', integerOption)
  .action(async (options: { out: string; seed?: number }) => {
    const result = await writeDemoLogs(options.out, options.seed);
    if (!result.ok) return report(result.problem);
    for (const path of result.value) console.log(path);
  });

program
  .command('headers')
  .description('Read the headers of a late mail on standard input: where the time was lost, and which incident explains it.')
  .option('--content <dir>', 'the content directory', 'content')
  .option('--json', 'print the analysis as JSON (every hop with its delay in seconds, the matched incident id)')
  .action(async (options: { content: string; json?: boolean }) => {
    const result = await runHeaders(options.content, await text(process.stdin));
    if (!result.ok) return report(result.problem);
    if (options.json) console.log(JSON.stringify(headersJson(result.value), null, 2));
    else process.stdout.write(formatHeadersReport(result.value));
  });

function report(problem: Problem): void {
  console.error(`mxstatus: ${problem.message}`);
  process.exitCode = problem.exitCode;
}

function timeZoneOption(value: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    throw new InvalidArgumentError('not an IANA time zone; use a name such as Europe/Berlin or UTC.');
  }
}

function yearOption(value: string): number {
  const year = integerOption(value);
  if (year < 1970 || year > 9999) throw new InvalidArgumentError('use a four-digit year such as 2026.');
  return year;
}

function integerOption(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('not a whole number.');
  return Number(value);
}

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every wrong option or argument is a usage error.
    process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  } else {
    console.error(`mxstatus: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.error('mxstatus: this is a bug; please report it with the command line you ran');
    process.exitCode = exitCodes.internal;
  }
}
