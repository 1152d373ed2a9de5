import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';
import { measureCommand } from './measure-command.ts';
import { median } from './median.ts';

/** The help texts timed: the program's, and a command's. */
export const CLI_START_ARGS: readonly (readonly string[])[] = [['--help'], ['summarize', '--help']];

/** One help text, printed `runs` times. */
export interface CliStartRun {
  readonly args: readonly string[];
  readonly runs: number;
  readonly medianMs: number;
  readonly fastestMs: number;
  readonly slowestMs: number;
  readonly peakRssBytes: number;
}

/**
 * Times how long the command line takes to print its help, which is what starting it costs: the
 * entry script, commander and the command files, not the work of any command. Run with the pinned
 * Node directly (`npm exec` adds its own start of about half a second), several times each, for
 * the median: a start is short enough that other work on the machine shows in single runs.
 *
 * @example
 * await measureCliStart(['--help'], { repoRoot, nodePath: process.execPath }, 10)
 * // ok({ args: ['--help'], runs: 10, medianMs: 118.2, fastestMs: 104.9, slowestMs: 161.3, peakRssBytes: 61_440_000 })
 */
export async function measureCliStart(args: readonly string[], setup: { readonly repoRoot: string; readonly nodePath: string }, runs: number): Promise<Result<CliStartRun>> {
  const walls: number[] = [];
  let peakRssBytes = 0;
  for (let i = 0; i < runs; i++) {
    const run = await measureCommand([setup.nodePath, 'scripts/mxstatus.js', ...args], { cwd: setup.repoRoot });
    if (!run.ok) return run;
    if (run.value.exitCode !== 0) {
      return fail(exitCodes.internal, `mxstatus ${args.join(' ')} exited with status ${run.value.exitCode}: ${run.value.stderr.trim().split('\n')[0] || 'no message'}; run it by hand to see why`);
    }
    walls.push(run.value.wallMs);
    peakRssBytes = Math.max(peakRssBytes, run.value.peakRssBytes);
  }
  return ok({ args, runs, medianMs: median(walls), fastestMs: Math.min(...walls), slowestMs: Math.max(...walls), peakRssBytes });
}
