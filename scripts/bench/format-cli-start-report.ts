import type { TargetCheck } from './check-bench-targets.ts';
import { table } from './format-bench-report.ts';
import { formatMegabytes, formatSeconds } from './format-figures.ts';
import type { CliStartRun } from './measure-cli-start.ts';
import { checkSummarizeStartTarget, SUMMARIZE_START_TARGET_MS, type SummarizeStartRun } from './measure-summarize-start.ts';

/** `mxstatus --help`: well under a second, the time a start may take before it feels slow. */
export const CLI_START_TARGET_MS = 500;

/**
 * Holds `mxstatus --help`'s median against the target. Pure: the benchmark prints the verdict
 * and exits non-zero when it is missed.
 *
 * @example
 * checkCliStartTarget(runs)
 * // { target: 'mxstatus --help in under 0.5 s', figure: 'median of 10: 0.12 s', verdict: 'met' }
 */
export function checkCliStartTarget(runs: readonly CliStartRun[]): TargetCheck {
  const target = `mxstatus --help in under ${CLI_START_TARGET_MS / 1000} s`;
  const run = runs.find((r) => r.args.join(' ') === '--help');
  if (!run) return { target, figure: 'not measured', verdict: 'unavailable' };
  return { target, figure: `median of ${run.runs}: ${formatSeconds(run.medianMs)}`, verdict: run.medianMs < CLI_START_TARGET_MS ? 'met' : 'missed' };
}

/**
 * The command line's start in the benchmark's report: per help text the median, fastest and
 * slowest wall time and the peak RSS, then the target.
 *
 * @example
 * console.log(formatCliStartReport(runs));
 */
export function formatCliStartReport(runs: readonly CliStartRun[], summarize: SummarizeStartRun | null = null): string {
  const out: string[] = [];
  out.push('Command-line start: the help texts, with the pinned Node directly (through npm exec, add npm\'s own start)');
  if (summarize) out.push(`  and summarize on a few lines until it has read the first (it says when: MXSTATUS_BENCH_START=1); target ${SUMMARIZE_START_TARGET_MS} ms`);
  out.push('  wall time is process start to exit; peak RSS is the largest single process (GNU time %M)');
  out.push('');
  const rows = [['command', 'runs', 'median', 'fastest', 'slowest', 'peak RSS']];
  for (const run of runs) {
    rows.push([`mxstatus ${run.args.join(' ')}`, String(run.runs), formatSeconds(run.medianMs), formatSeconds(run.fastestMs), formatSeconds(run.slowestMs), formatMegabytes(run.peakRssBytes)]);
  }
  if (summarize) rows.push(['mxstatus summarize, until its first lines', String(summarize.runs), formatSeconds(summarize.medianMs), formatSeconds(summarize.fastestMs), formatSeconds(summarize.slowestMs), '']);
  out.push(...table(rows, ['l', 'r', 'r', 'r', 'r', 'r']));
  out.push('');
  const checks = [checkCliStartTarget(runs), checkSummarizeStartTarget(summarize)];
  out.push('Targets (a missed one makes the benchmark exit non-zero):');
  out.push(...table([['target', 'figure', 'verdict'], ...checks.map((c) => [c.target, c.figure, c.verdict === 'met' ? 'met' : c.verdict.toUpperCase()])], ['l', 'l', 'l']));
  return `${out.join('\n')}\n`;
}
