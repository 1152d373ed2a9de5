/** Lines about one file beyond this many are counted, not listed: a broken record can fail thousands of times. */
const PROBLEMS_PER_FILE = 10;

/**
 * At most ten lines about one file; the last one listed counts the rest.
 *
 * @example
 * limitProblems(twelveLines).at(-1) // '… (and 3 more in this file)'
 */
export function limitProblems(lines: readonly string[]): string[] {
  if (lines.length <= PROBLEMS_PER_FILE) return [...lines];
  const listed = lines.slice(0, PROBLEMS_PER_FILE);
  listed[PROBLEMS_PER_FILE - 1] += ` (and ${lines.length - PROBLEMS_PER_FILE + 1} more in this file)`;
  return listed;
}
