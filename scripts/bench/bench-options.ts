import { exitCodes, fail, ok, type Result } from '../mxstatus/problem.ts';
import type { BenchLogSizes } from './ensure-bench-logs.ts';

/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  /** A smoke test of the benchmark itself (well under a minute), not a measurement. */
  readonly quick: boolean;
  readonly sizes: BenchLogSizes;
}

export const FULL_SIZES: BenchLogSizes = { small: 2_000_000, large: 10_000_000 };
export const QUICK_SIZES: BenchLogSizes = { small: 200_000, large: 1_000_000 };

/**
 * Reads the benchmark's options: `--quick` or `MXSTATUS_BENCH_QUICK=1` for the small sizes.
 *
 * @example
 * benchOptions(['--quick'], {}) // ok({ quick: true, sizes: { small: 200_000, large: 1_000_000 } })
 */
export function benchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Result<BenchOptions> {
  let quick = env.MXSTATUS_BENCH_QUICK === '1';
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else return fail(exitCodes.usage, `${arg}: unknown option; run npm run bench, or npm run bench -- --quick for a smoke test`);
  }
  return ok({ quick, sizes: quick ? QUICK_SIZES : FULL_SIZES });
}
