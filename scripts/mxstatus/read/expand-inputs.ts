import { glob } from 'node:fs/promises';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { orderLogFiles } from './order-log-files.ts';

/** The files to read, and the patterns that matched none (reported; the other files are read). */
export interface ExpandedInputs {
  readonly files: string[];
  readonly unmatched: string[];
}

/**
 * Files as given, globs expanded (sorted), each path once, rotated sets ordered oldest first. A
 * glob that matches nothing — `mail.log.*.gz` before the first rotation — is only reported; when
 * the inputs come to no file at all, that is exit 4.
 *
 * @example
 * await expandInputs(['/var/log/mail.log*', '/var/log/old/*.gz'])
 * // ok({ files: ['/var/log/mail.log.1', '/var/log/mail.log'], unmatched: ['/var/log/old/*.gz'] })
 */
export async function expandInputs(inputs: readonly string[], options: { readonly stdin: boolean } = { stdin: true }): Promise<Result<ExpandedInputs>> {
  if (inputs.length === 0) return fail(exitCodes.usage, 'no log files given; pass FILE… or - for standard input');
  if (!options.stdin && inputs.includes('-')) {
    return fail(exitCodes.usage, '-: standard input cannot be read with --state (the next run could not tell which lines it has read); pass the log files instead');
  }
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const input of inputs) {
    if (input === '-' || !/[*?[{]/.test(input)) {
      files.push(input);
      continue;
    }
    const matches: string[] = [];
    for await (const match of glob(input)) matches.push(match);
    if (matches.length === 0) unmatched.push(input);
    files.push(...matches.sort());
  }
  if (files.length === 0) return fail(exitCodes.input, `${unmatched.join(', ')}: no file matches ${unmatched.length === 1 ? 'this pattern' : 'these patterns'}; check the path`);
  return ok({ files: orderLogFiles([...new Set(files)]), unmatched });
}
