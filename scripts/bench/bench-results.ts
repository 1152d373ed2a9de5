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
