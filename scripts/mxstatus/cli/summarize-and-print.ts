import { formatParseStats } from '../parse/format-parse-stats.ts';
import { plainForTerminal } from '../terminal-text.ts';
import { TerminalProgress } from '../progress.ts';
import { runSummarize } from '../run-summarize.ts';
import { formatSummary, summaryJson } from '../summarize-report.ts';
import { report } from './report.ts';
import type { SummarizeFlags } from './summarize-options.ts';
import type { ReadProgress } from '../read-events.ts';

/**
 * For `npm run bench` (MXSTATUS_BENCH_START=1): one line on standard error when the first lines of
 * the logs are in hand, with the milliseconds since the process started — the start-up a run
 * every five minutes pays before any work.
 */
function startTimer(): ReadProgress {
  let told = false;
  return {
    bytes: () => {},
    fileDone: () => {},
    lines: () => {
      if (told) return;
      told = true;
      process.stderr.write(`mxstatus: first lines read ${performance.now().toFixed(1)} ms after the start\n`);
    },
  };
}

/** Summarizes under the lock already held; prints what the flags ask for; false when it failed. */
export async function summarizeAndPrint(files: string[], flags: SummarizeFlags): Promise<boolean> {
  const started = performance.now();
  const progress = process.env.MXSTATUS_BENCH_START === '1' ? startTimer() : !flags.quiet && !flags.json && process.stderr.isTTY ? new TerminalProgress(process.stderr) : undefined;
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
  const { stats, problems, warnings } = result.value;
  if (flags.stats) process.stderr.write(formatParseStats(stats));
  if (flags.json) console.log(JSON.stringify(summaryJson(result.value, performance.now() - started), null, 2));
  else if (!flags.quiet) console.log(formatSummary(result.value));
  if (!flags.quiet && !flags.json) for (const warning of warnings) console.error(`mxstatus: warning: ${plainForTerminal(warning)}`);
  // The readable files were summarized; the first unreadable one decides the exit code.
  for (const problem of problems) console.error(`mxstatus: ${plainForTerminal(problem.message)}`);
  if (problems[0]) process.exitCode = problems[0].exitCode;
  return true;
}
