/**
 * `npm test`: every test file of the project (the browser suite aside), two at a time, the longest
 * first. `node --test` runs its files in name order, so a file of half a minute that sorts late
 * (the replay) started when the rest was nearly done and alone set the run's length; started
 * first, it runs beside the many short files instead. The order changes nothing else: each file
 * still runs in a process of its own, with the shared fixtures of scripts/e2e/global-setup.ts.
 *
 * Arguments narrow the run to the files whose paths contain one of them
 * (`npm test -- replay site-dist`).
 */
import { glob } from 'node:fs/promises';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

const PATTERNS = ['scripts/*.test.ts', 'scripts/!(browser)/**/*.test.ts', 'src/**/*.test.ts'];

/**
 * The files that take longest, longest first (seconds of wall time on the 2-core machine, alone,
 * December 2026). Every other file follows in name order; a name here that no longer exists
 * stops the run, so that the list cannot rot unseen.
 */
const LONGEST_FIRST = [
  'scripts/e2e/replay.test.ts', // 34 s: three incremental runs and three Astro builds, one after the other
  'scripts/e2e/detection-shapes.test.ts', // 22 s
  'scripts/e2e/readme-commands.test.ts', // 19 s: every command of the README, npm start with a real build
  'scripts/e2e/production-cli.test.ts', // 16 s
  'scripts/e2e/incremental.test.ts', // 15 s
  'scripts/e2e/deploy-recipes.test.ts', // 14 s
  'scripts/e2e/detection-scenarios.test.ts', // 13 s
  'scripts/e2e/headers-cli.test.ts', // 8 s
  'scripts/e2e/demo-pipeline.test.ts', // 8 s
  'scripts/e2e/one-state.test.ts', // 8 s
  'scripts/mxstatus/parse/fuzz-summarizer.test.ts', // 8 s
  'scripts/e2e/canary.test.ts', // 8 s
  'scripts/e2e/parallel.test.ts', // 7 s
];

const files = new Set<string>();
for (const pattern of PATTERNS) for await (const file of glob(pattern, { cwd: root })) files.add(file);
const missing = LONGEST_FIRST.filter((file) => !files.has(file));
if (missing.length > 0) {
  console.error(`scripts/run-tests.ts: ${missing.join(', ')} listed as longest but not found; update LONGEST_FIRST`);
  process.exit(2);
}
const rest = [...files].filter((file) => !LONGEST_FIRST.includes(file)).sort();
const only = process.argv.slice(2);
const ordered = [...LONGEST_FIRST, ...rest].filter((file) => only.length === 0 || only.some((part) => file.includes(part)));

// Unit tests — every file outside scripts/e2e/ and the top of scripts/ — run in one process
// (scripts/unit-tests-in-one-process.ts): a process each cost more than they do. The end-to-end
// files, which start commands, build sites and share the demo, keep a process each.
const isUnit = (file: string) => !file.startsWith('scripts/e2e/') && !/^scripts\/[^/]+$/.test(file);
const units = ordered.filter(isUnit);
process.env.MXSTATUS_UNIT_TEST_FILES = JSON.stringify(units.map((file) => `${root}${file}`));
// Seventeen seconds in one process: started second, beside the longest file, not last.
const separate = ordered.filter((file) => !isUnit(file));
const processes = [...separate.slice(0, 1), ...(units.length > 0 ? ['scripts/unit-tests-in-one-process.ts'] : []), ...separate.slice(1)];

// globalSetupPath is run()'s form of --test-global-setup (Node 24); @types/node does not list it yet.
const options: Parameters<typeof run>[0] & { globalSetupPath: string } = {
  files: processes.map((file) => `${root}${file}`),
  concurrency: 2,
  globalSetupPath: `${root}scripts/e2e/global-setup.ts`,
};
const stream = run(options);
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.compose(spec).pipe(process.stdout);
