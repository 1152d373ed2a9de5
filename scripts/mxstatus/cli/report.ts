import { plainForTerminal } from '../terminal-text.ts';
import type { Problem } from '../../../src/core/problem.ts';

/** Prints a problem as the one line the command line promises, and leaves its exit code. */
export function report(problem: Problem): void {
  console.error(`mxstatus: ${plainForTerminal(problem.message)}`);
  process.exitCode = problem.exitCode;
}
