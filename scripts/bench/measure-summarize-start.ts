import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';
import type { TargetCheck } from './check-bench-targets.ts';
import { formatSeconds } from './format-figures.ts';
import { freshContent } from './fresh-content.ts';
import { measureCommand } from './measure-command.ts';
import { median } from './median.ts';

/** `summarize` until its first lines are in hand, `runs` times. */
export interface SummarizeStartRun {
  readonly runs: number;
  readonly medianMs: number;
  readonly fastestMs: number;
  readonly slowestMs: number;
}

/** What a run every five minutes may spend before it reads anything (issue 16). */
export const SUMMARIZE_START_TARGET_MS = 150;

/**
 * Times how long `mxstatus summarize` takes from its process start until the first lines of the
 * logs are in hand (the command reports it on standard error when MXSTATUS_BENCH_START=1): Node's
 * start, loading the modules, the site's configuration and the content lock. Run on `lines` (a
 * few lines of a bench log) into a fresh content directory, with the heap flag as the npm scripts
 * and the deployment recipes pass it; the first run fills V8's compile cache and is not counted.
 *
 * @example
 * await measureSummarizeStart(lines, mtimeMs, { repoRoot, nodePath: process.execPath }, 10)
 * // ok({ runs: 10, medianMs: 131.2, fastestMs: 120.4, slowestMs: 170.9 })
 */
export async function measureSummarizeStart(
  lines: string,
  mtimeMs: number,
  setup: { readonly repoRoot: string; readonly nodePath: string },
  runs: number,
): Promise<Result<SummarizeStartRun>> {
  const scratch = await mkdtemp(join(tmpdir(), 'mxstatus-bench-start-'));
  try {
    const log = join(scratch, 'mail.log');
    await writeFile(log, lines);
    await utimes(log, mtimeMs / 1000, mtimeMs / 1000);
    const walls: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const content = await freshContent(join(scratch, `content-${i}`), setup.repoRoot);
      const run = await measureCommand([setup.nodePath, '--max-semi-space-size=2', 'scripts/mxstatus.js', 'summarize', '--quiet', '--content', content, '--tz', 'UTC', log], {
        cwd: setup.repoRoot,
        env: { ...process.env, MXSTATUS_BENCH_START: '1' },
      });
      if (!run.ok) return run;
      const reported = /first lines read ([\d.]+) ms/.exec(run.value.stderr)?.[1];
      if (run.value.exitCode !== 0 || reported === undefined) {
        return fail(exitCodes.internal, `mxstatus summarize on ${lines.split('\n').length - 1} lines exited with status ${run.value.exitCode} without its start time: ${run.value.stderr.trim().split('\n')[0] || 'no message'}; run it by hand to see why`);
      }
      if (i > 0) walls.push(Number(reported));
    }
    return ok({ runs, medianMs: median(walls), fastestMs: Math.min(...walls), slowestMs: Math.max(...walls) });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Holds the start-up of summarize against its target; unavailable when it was not measured (--site-only). */
export function checkSummarizeStartTarget(run: SummarizeStartRun | null): TargetCheck {
  const target = `summarize reads its first lines within ${SUMMARIZE_START_TARGET_MS} ms of its start`;
  if (!run) return { target, figure: 'not measured', verdict: 'unavailable' };
  return { target, figure: `median of ${run.runs}: ${formatSeconds(run.medianMs)}`, verdict: run.medianMs < SUMMARIZE_START_TARGET_MS ? 'met' : 'missed' };
}
