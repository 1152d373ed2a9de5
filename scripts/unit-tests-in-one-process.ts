/**
 * `npm test`'s unit tests, in one process: every file named in MXSTATUS_UNIT_TEST_FILES (a JSON
 * list of absolute paths) is imported here, in order, and registers its tests with this process's
 * runner. A process per file cost more than the tests themselves: starting Node and loading the
 * same modules seventy times was about twenty seconds of a run's CPU on this 2-core machine.
 * The files that start commands, build sites or share the demo stay a process each
 * (scripts/run-tests.ts).
 */
const files = JSON.parse(process.env.MXSTATUS_UNIT_TEST_FILES ?? '[]') as string[];
for (const file of files) await import(file);
export {};
