import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Locale } from '../../../src/core/contract.ts';
import { MAX_HEADER_CHARS } from '../../../src/core/headers/analyse-headers.ts';
import { translate } from '../../../src/core/i18n/translate.ts';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';

export interface HeadersText {
  readonly text: string;
  /** The file it came from, for messages; null: standard input. */
  readonly file: string | null;
}

/**
 * The text `mxstatus headers` analyses: the file named, or standard input (none, or `-`). On a
 * terminal nothing would arrive on its own, so it asks for the headers in the report's language
 * and reads until Ctrl-D. Either is read only as far as the analysis can use (`readUpToLimit`).
 *
 * @example
 * const input = await readHeadersInput('late-email.eml', 'en'); // ok({ text: 'Received: …', file: 'late-email.eml' })
 */
export async function readHeadersInput(file: string | undefined, locale: Locale, stdin: NodeJS.ReadStream = process.stdin): Promise<Result<HeadersText>> {
  if (file !== undefined && file !== '-') {
    try {
      return ok({ text: await readUpToLimit(createReadStream(file)), file });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : code === 'EACCES' ? 'not readable (permission denied)' : `cannot be read (${code ?? String(error)})`;
      return fail(exitCodes.input, `${file}: ${why}; give the file that holds the headers of the late email, or pipe them in: mxstatus headers < file`);
    }
  }
  if (stdin.isTTY) process.stderr.write(`${translate(locale, 'check.cli.prompt')}\n`);
  return ok({ text: await readUpToLimit(stdin), file: null });
}

/**
 * The text of `stream` up to what `analyseHeaders` can use: any blank space it starts with, then
 * at most MAX_HEADER_CHARS + 1 characters, one more than headers may have, so that headers too
 * long are still told as such. There it stops and closes the stream: `/dev/zero`, or an mbox
 * piped in, is never held whole. Blank space alone past the limit stops it too (and reads as empty).
 *
 * @example
 * await readUpToLimit(createReadStream('/dev/zero')) // MAX_HEADER_CHARS + 1 NUL characters
 */
export async function readUpToLimit(stream: Readable): Promise<string> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  // Where the text proper starts, as analyseHeaders counts its length: -1 while only blank space came.
  let start = -1;
  for await (const chunk of stream as AsyncIterable<string | Buffer>) {
    const piece = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (start < 0 && /\S/.test(piece)) start = text.length + piece.search(/\S/);
    text += piece;
    const end = Math.max(start, 0) + MAX_HEADER_CHARS + 1;
    // Leaving the loop destroys the stream, which closes the file.
    if (text.length >= end) return text.slice(0, end);
  }
  return text + decoder.end();
}
