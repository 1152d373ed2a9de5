/**
 * Timing checks are tests that hold code to a time budget. On a busy machine they fail for no
 * fault of the code, so `npm test` never registers them: they stay in their test files behind
 * `timingChecks`, and `npm run bench` runs those files with this variable set to 1
 * (scripts/bench/timing-checks.ts).
 */
export const TIMING_CHECKS_ENV = 'MXSTATUS_TIMING_CHECKS';

/** Whether this process runs the timing checks. */
export const timingChecks = process.env[TIMING_CHECKS_ENV] === '1';
