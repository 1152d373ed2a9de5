import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { exitCodes, type Problem } from '../problem.ts';

/** Where lines came from: the file (or "-" for standard input) and its modification time. */
export interface LogSource {
  readonly path: string;
  readonly mtimeMs: number;
  readonly compressed: boolean;
}

export type ReadItem =
  | { readonly kind: 'lines'; readonly source: LogSource; readonly lines: string[] }
  | { readonly kind: 'problem'; readonly problem: Problem };

const CHUNK = 1 << 16;

/**
 * Streams the lines of log files in large batches, gunzipping `.gz` files transparently. A file
 * that cannot be read (or stops being readable half-way) yields a `problem` item, and reading
 * goes on with the next file; the lines before the problem were yielded.
 *
 * @example
 * for await (const item of readLogLines(['mail.log.1.gz', 'mail.log'], Date.now())) …
 */
export async function* readLogLines(paths: readonly string[], nowMs: number): AsyncGenerator<ReadItem> {
  for (const path of paths) {
    const opened = await openSource(path, nowMs);
    if ('exitCode' in opened) {
      yield { kind: 'problem', problem: opened };
      continue;
    }
    const { source, stream } = opened;
    // Lines are cut at newline bytes before decoding: a newline never occurs inside a UTF-8
    // sequence, so every decoded piece is whole, and invalid bytes become U+FFFD, never an error.
    let rest: Buffer | null = null;
    try {
      for await (const chunk of stream) {
        let bytes = chunk as Buffer;
        const newline = bytes.lastIndexOf(10);
        if (newline < 0) {
          rest = rest ? Buffer.concat([rest, bytes]) : bytes;
          continue;
        }
        if (rest) {
          bytes = Buffer.concat([rest, bytes]);
          rest = null;
        }
        const end = bytes.length - (chunk as Buffer).length + newline;
        const lines = bytes.toString('utf8', 0, end).split('\n');
        stripCarriageReturns(lines);
        if (end + 1 < bytes.length) rest = bytes.subarray(end + 1);
        yield { kind: 'lines', source, lines };
      }
    } catch (error) {
      yield { kind: 'problem', problem: streamProblem(path, source.compressed, error) };
      continue;
    }
    if (rest && rest.length > 0) {
      const lines = [rest.toString('utf8')];
      stripCarriageReturns(lines);
      yield { kind: 'lines', source, lines };
    }
  }
}

/** CRLF line ends (logs copied from elsewhere) lose their CR. */
function stripCarriageReturns(lines: string[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
}

async function openSource(path: string, nowMs: number): Promise<{ source: LogSource; stream: Readable } | Problem> {
  if (path === '-') {
    return { source: { path, mtimeMs: nowMs, compressed: false }, stream: process.stdin };
  }
  let mtimeMs: number;
  let compressed: boolean;
  try {
    const info = await stat(path);
    if (!info.isFile()) return inputProblem(path, 'not a regular file', 'pass a log file');
    mtimeMs = info.mtimeMs;
    const handle = await open(path, 'r');
    const magic = Buffer.alloc(2);
    await handle.read(magic, 0, 2, 0);
    await handle.close();
    compressed = magic[0] === 0x1f && magic[1] === 0x8b;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return inputProblem(path, 'no such file', 'check the path or the glob');
    if (code === 'EACCES') return inputProblem(path, 'permission denied', 'run as a user in the adm group or fix its mode');
    return inputProblem(path, `cannot read it (${code ?? String(error)})`, 'check the file');
  }
  const file = createReadStream(path, { highWaterMark: CHUNK });
  const stream = compressed ? file.pipe(createGunzip({ chunkSize: CHUNK })) : file;
  if (compressed) file.on('error', (error) => stream.destroy(error));
  return { source: { path, mtimeMs, compressed }, stream };
}

function streamProblem(path: string, compressed: boolean, error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException).code;
  if (compressed && (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || code === 'ERR_PADDING_1')) {
    return {
      exitCode: exitCodes.corruptInput,
      message: `${path}: corrupt or truncated gzip (${code}); the lines before the damage were read — restore the file or leave it out`,
    };
  }
  return inputProblem(path, `read failed (${code ?? String(error)})`, 'check the file and the disk');
}

function inputProblem(path: string, what: string, fix: string): Problem {
  return { exitCode: exitCodes.input, message: `${path}: ${what}; ${fix}` };
}
