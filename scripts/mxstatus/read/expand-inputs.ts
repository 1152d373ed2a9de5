import { glob } from 'node:fs/promises';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { orderLogFiles } from './order-log-files.ts';

/** Files as given, globs expanded (sorted), rotated sets ordered oldest first. */
export async function expandInputs(inputs: readonly string[]): Promise<Result<string[]>> {
  if (inputs.length === 0) return fail(exitCodes.usage, 'no log files given; pass FILE… or - for standard input');
  const files: string[] = [];
  for (const input of inputs) {
    if (input === '-' || !/[*?[{]/.test(input)) {
      files.push(input);
      continue;
    }
    const matches: string[] = [];
    for await (const match of glob(input)) matches.push(match);
    if (matches.length === 0) return fail(exitCodes.input, `${input}: no file matches this pattern; check the path`);
    files.push(...matches.sort());
  }
  return ok(orderLogFiles(files));
}
