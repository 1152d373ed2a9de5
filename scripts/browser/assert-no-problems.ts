import assert from 'node:assert/strict';

/**
 * Fails with every problem on a line of its own, so that one run lists all of them (a plain
 * deepEqual against [] prints each one twice, cut to fit).
 *
 * @example
 * assertNoProblems(['index.html: /feed.atom → no feed.atom in dist/']) // throws: "1 problem:\nindex.html: …"
 */
export function assertNoProblems(problems: readonly string[]): void {
  if (problems.length === 0) return;
  assert.fail(`${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.join('\n')}`);
}
