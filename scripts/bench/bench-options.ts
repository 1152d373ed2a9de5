import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';
import type { BenchLogSizes } from './ensure-bench-logs.ts';

/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  /** A smoke test of the benchmark itself (well under a minute), not a measurement. */
  readonly quick: boolean;
  /** Only the site build times, not the summarizer's throughput. */
  readonly siteOnly: boolean;
  /** Also profile the summarizer once and print where its time goes. */
  readonly profile: boolean;
  readonly sizes: BenchLogSizes;
  /** Generated incidents per site build, smallest first. */
  readonly siteSizes: readonly number[];
}

export const FULL_SIZES: BenchLogSizes = { small: 2_000_000, large: 10_000_000, perLine: 1_000_000 };
export const QUICK_SIZES: BenchLogSizes = { small: 200_000, large: 1_000_000, perLine: 200_000 };
export const FULL_SITE_SIZES: readonly number[] = [100, 500, 2_000, 5_000];
export const QUICK_SITE_SIZES: readonly number[] = [50, 100, 200];

const USAGE = 'run npm run bench -- [--quick] [--site-only] [--profile]';

/**
 * Reads the benchmark's options: `--quick` or `MXSTATUS_BENCH_QUICK=1` for the small sizes,
 * `--site-only` for the site build times alone, `--profile` for where the summarizer's time goes.
 *
 * @example
 * benchOptions(['--quick'], {})
 * // ok({ quick: true, siteOnly: false, profile: false, sizes: { small: 200_000, large: 1_000_000, perLine: 200_000 }, siteSizes: [50, 100, 200] })
 */
export function benchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Result<BenchOptions> {
  let quick = env.MXSTATUS_BENCH_QUICK === '1';
  let siteOnly = false;
  let profile = false;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg === '--site-only') siteOnly = true;
    else if (arg === '--profile') profile = true;
    else return fail(exitCodes.usage, `${arg}: unknown option; ${USAGE}`);
  }
  return ok({ quick, siteOnly, profile, sizes: quick ? QUICK_SIZES : FULL_SIZES, siteSizes: quick ? QUICK_SITE_SIZES : FULL_SITE_SIZES });
}
