/**
 * The timing checks of `npm run bench`: tests that hold the parsers and the summarizer to a time
 * budget (no line over 1 ms, a megabyte line under 500 ms, lines that jump in time no dearer than
 * lines in order, classifying a client quickly). `npm test` never registers them
 * (src/core/testing/timing-checks.ts); they stay in their test files, beside the fixtures they
 * share, and the bench runs those files with them — and the hostile-line fuzz at full size —
 * failing when one fails.
 */
import { spawn } from 'node:child_process';
import { TIMING_CHECKS_ENV } from '../../src/core/testing/timing-checks.ts';

/** The test files holding timing checks, relative to the repository. */
export const TIMING_CHECK_FILES: readonly string[] = [
  'scripts/mxstatus/parse/fuzz-summarizer.test.ts',
  'scripts/mxstatus/parse/parse-never-throws.test.ts',
  'src/core/senders/classify-sender.test.ts',
];

/** Lines of the hostile-line fuzz (fuzz-summarizer.test.ts) in the bench. */
export const BENCH_FUZZ_LINES = 1_000_000;

/**
 * Runs the timing-check files one after another (nothing else of ours competing for the cores),
 * their report passed through to standard error: true when every test passed.
 */
export function runTimingChecks(repoRoot: string, nodePath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(nodePath, ['--test', '--test-concurrency=1', ...TIMING_CHECK_FILES], {
      cwd: repoRoot,
      stdio: ['ignore', process.stderr, process.stderr],
      env: { ...process.env, [TIMING_CHECKS_ENV]: '1', MXSTATUS_FUZZ_LINES: String(BENCH_FUZZ_LINES) },
    });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}
