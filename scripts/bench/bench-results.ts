import type { BenchLogFile } from './ensure-bench-logs.ts';
import type { ToolName, ToolRun } from './measure-tool.ts';

/** Every tool measured on one input file. */
export interface InputResult {
  readonly log: BenchLogFile;
  readonly runs: Readonly<Record<ToolName, ToolRun>>;
}

/** The whole benchmark's figures: the small log plain and gzipped, and the large log. */
export interface BenchResults {
  readonly small: InputResult;
  readonly smallGz: InputResult;
  readonly large: InputResult;
}

/** What a tool's run on an input comes to. */
export interface ToolFigures {
  readonly wallMs: number;
  readonly peakRssBytes: number;
  readonly linesPerSecond: number;
  /** Of the uncompressed log text, also for a .gz input. */
  readonly megabytesPerSecond: number;
}

/**
 * A tool's figures on one input, or null when it did not run.
 *
 * @example
 * toolFigures(results.small, 'mxstatus') // { wallMs: 7520, peakRssBytes: 212e6, linesPerSecond: 265_957, megabytesPerSecond: 41.5 }
 */
export function toolFigures(input: InputResult, tool: ToolName): ToolFigures | null {
  const run = input.runs[tool];
  if (!run.available) return null;
  const seconds = run.wallMs / 1000;
  return {
    wallMs: run.wallMs,
    peakRssBytes: run.peakRssBytes,
    linesPerSecond: input.log.lines / seconds,
    megabytesPerSecond: input.log.textBytes / 1e6 / seconds,
  };
}

/**
 * One tool's rounds on one input as one run: the round of median wall time, with the largest peak
 * RSS of all rounds. A tool that could not run is reported as it could not.
 *
 * @example
 * medianRun([run(7.9 s), run(7.4 s), run(8.8 s)]).wallMs // 7900
 */
export function medianRun(rounds: readonly ToolRun[]): ToolRun {
  const available = rounds.filter((run): run is Extract<ToolRun, { available: true }> => run.available);
  if (available.length < rounds.length || available.length === 0) return rounds.find((run) => !run.available) ?? rounds[0]!;
  const sorted = [...available].sort((a, b) => a.wallMs - b.wallMs);
  const median = sorted[(sorted.length - 1) >> 1]!;
  return { ...median, peakRssBytes: Math.max(...available.map((run) => run.peakRssBytes)) };
}
