import { relative } from 'node:path';
import { toolFigures, type BenchResults, type InputResult } from './bench-results.ts';
import type { TargetCheck } from './check-bench-targets.ts';
import type { BenchLogs } from './ensure-bench-logs.ts';
import type { PflogsummStatus } from './find-pflogsumm.ts';
import { formatMegabytes, formatRate, formatRatio, formatSeconds } from './format-figures.ts';
import type { ToolName } from './measure-tool.ts';
import type { OneCorePrefix } from './one-core-prefix.ts';

/** The machine and the inputs, as the report's header describes them. */
export interface BenchSetup {
  readonly quick: boolean;
  readonly repoRoot: string;
  /** `git describe --always --dirty` of the code measured. */
  readonly revision: string;
  readonly nodeVersion: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly oneCore: OneCorePrefix;
  readonly logs: BenchLogs;
  /** How long writing the logs took, or null when they came from the cache. */
  readonly generatedInMs: number | null;
  readonly grepVersion: string;
  readonly pflogsumm: PflogsummStatus;
  /** Rounds of every tool on every input (the tools take turns); the table gives each tool's median. */
  readonly rounds: number;
}

const TOOLS: readonly ToolName[] = ['mxstatus', 'grep', 'pflogsumm'];

/**
 * The benchmark's report as plain text: the setup, one table of every tool on every input with
 * mxstatus's ratios beside the others, what each tool found, and the targets with their verdicts.
 *
 * @example
 * console.log(formatBenchReport(setup, results, checkBenchTargets(results)));
 */
export function formatBenchReport(setup: BenchSetup, results: BenchResults, checks: readonly TargetCheck[]): string {
  const { logs, pflogsumm } = setup;
  const out: string[] = [];
  out.push(`mxstatus benchmark${setup.quick ? ' (--quick)' : ''} of ${setup.revision}`);
  out.push(`  Node ${setup.nodeVersion} · ${setup.cpuModel} · ${setup.cpuCount} CPUs`);
  out.push(`  mxstatus: ${setup.oneCore.description}; grep, zcat and pflogsumm run unpinned`);
  out.push(`  grep: ${setup.grepVersion} · pflogsumm: ${pflogsumm.available ? pflogsumm.version + (pflogsumm.installedNow ? ' (installed now)' : '') : 'UNAVAILABLE'}`);
  const origin = setup.generatedInMs === null ? 'from the cache' : `written now in ${formatSeconds(setup.generatedInMs)}`;
  out.push(`  logs: ${relative(setup.repoRoot, logs.dir) || logs.dir}/ (${origin}): the demo's traffic, one host, BSD syslog in UTC`);
  out.push(`  wall time is end to end (process start to exit), the median of ${setup.rounds} round${setup.rounds === 1 ? '' : 's'} in which the tools take turns;`);
  out.push('  lines/s and MB/s count the uncompressed text;');
  out.push('  peak RSS is the largest single process of the command (GNU time %M); MB = 10^6 bytes');
  out.push('');

  const rows: string[][] = [['input', 'tool', 'wall', 'lines/s', 'MB/s', 'peak RSS', 'mxstatus compared']];
  for (const input of [results.small, results.smallGz, results.large]) {
    const description = describeInput(input);
    TOOLS.forEach((tool, i) => {
      const run = input.runs[tool];
      const label = description[i] ?? '';
      const figures = toolFigures(input, tool);
      if (!run.available || !figures) {
        rows.push([label, run.command, 'unavailable', '', '', '', run.available ? '' : run.reason]);
        return;
      }
      rows.push([
        label,
        run.command,
        formatSeconds(figures.wallMs),
        formatRate(figures.linesPerSecond),
        figures.megabytesPerSecond.toFixed(1),
        formatMegabytes(figures.peakRssBytes),
        compareMxstatus(input, tool, results),
      ]);
    });
  }
  out.push(...table(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'l']));
  out.push('');

  out.push('What each tool found (the same log plain and gzipped must give the same):');
  for (const input of [results.small, results.smallGz, results.large]) {
    const found = TOOLS.map((tool) => {
      const run = input.runs[tool];
      return `${tool}: ${run.available ? run.found : 'did not run'}`;
    });
    out.push(`  ${fileName(input)}: ${found.join(' · ')}`);
  }
  const mismatches = TOOLS.filter((tool) => foundOf(results.small, tool) !== foundOf(results.smallGz, tool));
  for (const tool of mismatches) out.push(`  WARNING: ${tool} found different things in the plain and the gzipped log`);
  out.push('');

  out.push('Targets (a missed one makes the benchmark exit non-zero):');
  out.push(...table([['target', 'figure', 'verdict'], ...checks.map((c) => [c.target, c.figure, c.verdict === 'met' ? 'met' : c.verdict.toUpperCase()])], ['l', 'l', 'l']));
  if (!pflogsumm.available) {
    out.push('');
    out.push(`pflogsumm is unavailable: ${pflogsumm.reason}.`);
    out.push(`  To compare with it: ${pflogsumm.howToInstall}`);
  }
  return `${out.join('\n')}\n`;
}

/** The input column's three lines: file name, line count, size. */
function describeInput(input: InputResult): string[] {
  const { log } = input;
  const size = log.compressed
    ? `${formatMegabytes(log.fileBytes)} gzip of ${formatMegabytes(log.textBytes)}`
    : formatMegabytes(log.textBytes);
  return [fileName(input), `${log.lines.toLocaleString('en')} lines`, size];
}

function compareMxstatus(input: InputResult, tool: ToolName, results: BenchResults): string {
  const mx = toolFigures(input, 'mxstatus');
  if (!mx) return '';
  if (tool !== 'mxstatus') {
    const other = toolFigures(input, tool);
    return other ? `mxstatus: ${formatRatio(mx.linesPerSecond / other.linesPerSecond)} its lines/s` : '';
  }
  if (!input.log.compressed) return '';
  const plain = toolFigures(results.small, 'mxstatus');
  return plain ? `.gz takes ${formatRatio(mx.wallMs / plain.wallMs)} the plain log's time` : '';
}

function fileName(input: InputResult): string {
  return input.log.path.slice(input.log.path.lastIndexOf('/') + 1);
}

function foundOf(input: InputResult, tool: ToolName): string {
  const run = input.runs[tool];
  return run.available ? run.found : '';
}

/** Columns padded to their widest cell, a rule under the header. */
export function table(rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[]): string[] {
  const widths = align.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    align
      .map((side, column) => {
        const cell = row[column] ?? '';
        return side === 'r' ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!);
      })
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  return [line(header ?? []), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].map((l) => `  ${l}`);
}
