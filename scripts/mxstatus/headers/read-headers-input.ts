import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';

/**
 * The text `mxstatus headers` analyses: the file named, or standard input (none, or `-`). On a
 * terminal nothing would arrive on its own, so it asks for the headers and reads until Ctrl-D.
 *
 * @example
 * const input = await readHeadersInput('late-mail.eml'); // ok({ text: 'Received: …', source: 'late-mail.eml' })
 */
export async function readHeadersInput(file: string | undefined, stdin: NodeJS.ReadStream = process.stdin): Promise<Result<{ text: string; source: string }>> {
  if (file !== undefined && file !== '-') {
    try {
      return ok({ text: await readFile(file, 'utf8'), source: file });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : code === 'EACCES' ? 'not readable (permission denied)' : `cannot be read (${code ?? String(error)})`;
      return fail(exitCodes.input, `${file}: ${why}; give the file that holds the headers of the late mail, or pipe them in: mxstatus headers < file`);
    }
  }
  if (stdin.isTTY) process.stderr.write('Paste the headers of the late mail, then press Ctrl-D on a line of its own:\n');
  return ok({ text: await text(stdin), source: 'standard input' });
}
