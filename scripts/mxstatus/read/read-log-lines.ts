import { createHash } from 'node:crypto';
import { constants as fsConstants, createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { exitCodes, type Problem } from '../../../src/core/problem.ts';

/** Where lines came from: the file (or "-" for standard input), its modification time and identity. */
export interface LogSource {
  readonly path: string;
  readonly mtimeMs: number;
  readonly compressed: boolean;
  /** Device and inode (0 for standard input). */
  readonly dev: number;
  readonly ino: number;
  /** Size on disk when opened (compressed size for `.gz`). */
  readonly size: number;
  /**
   * A hash of the file's first line (at most its first 4 KB), which a file keeps when logrotate
   * renames or compresses it: null when the file has no complete first line yet, or for stdin.
   */
  readonly fingerprint: string | null;
}

export type ReadItem =
  | { readonly kind: 'lines'; readonly source: LogSource; readonly lines: string[] }
  /**
   * A file was read to its end: `offset` bytes of its (decompressed) content are now consumed.
   * `complete`: a compressed file whose whole content has now been read (by this run or, passed
   * over, by an earlier one): it holds nothing more, ever.
   */
  | { readonly kind: 'done'; readonly source: LogSource; readonly offset: number; readonly skipped: number; readonly complete: boolean }
  | { readonly kind: 'problem'; readonly problem: Problem }
  /** A file already read under another name (a symbolic or hard link, overlapping globs): read once. */
  | { readonly kind: 'duplicate'; readonly path: string; readonly of: string };

export interface ReadOptions {
  /** Standard input's modification time. */
  readonly nowMs: number;
  /**
   * Bytes of this file's (decompressed) content already read by an earlier run, to skip; 0 reads
   * it whole. Asked once per file, after its fingerprint is known.
   */
  readonly resumeAt?: (source: LogSource) => number;
  /**
   * Whether an earlier run read this compressed file to its end (a rotated `.gz` is never written
   * again): then it is passed over without being decompressed, its lines all read before.
   */
  readonly readToEnd?: (source: LogSource) => boolean;
  /**
   * Leave an unterminated last line unread (it may be half-written; the next run reads it whole).
   * Without it, the last line of a file counts even without its newline.
   */
  readonly holdPartialLine?: boolean;
  /** Called as bytes of a file are read (compressed bytes for `.gz`): for a progress display. */
  readonly onBytes?: (source: LogSource, bytes: number) => void;
}

const FINGERPRINT_BYTES = 4096;

const CHUNK = 1 << 16;

/**
 * The most of one line kept: syslog lines are far shorter (the parser takes no line over 16 KB
 * for one), and a file without newlines, or a gzip bomb of zeros, must not be buffered whole.
 */
export const MAX_LINE_BYTES = 1 << 16;

/**
 * Streams the lines of log files in large batches, gunzipping `.gz` files transparently. A file
 * that cannot be read (or stops being readable half-way) yields a `problem` item, and reading
 * goes on with the next file; the lines before the problem were yielded. Each file read to its end
 * yields a `done` item with how much of it has been consumed, for the next incremental run.
 *
 * @example
 * for await (const item of readLogLines(['mail.log.1.gz', 'mail.log'], { nowMs: Date.now() })) …
 */
export async function* readLogLines(paths: readonly string[], options: ReadOptions): AsyncGenerator<ReadItem> {
  // Files by identity (device and inode): a file reached twice is read once.
  const read = new Map<string, string>();
  for (const path of paths) {
    const opened = await openSource(path, options);
    if ('exitCode' in opened) {
      yield { kind: 'problem', problem: opened };
      continue;
    }
    const { source, stream, skip, passedOver } = opened;
    if (path !== '-') {
      const identity = `${source.dev}:${source.ino}`;
      const of = read.get(identity);
      if (of !== undefined) {
        stream.destroy();
        yield { kind: 'duplicate', path, of };
        continue;
      }
      read.set(identity, path);
    }
    // Lines are cut at newline bytes before decoding: a newline never occurs inside a UTF-8
    // sequence, so every decoded piece is whole, and invalid bytes become U+FFFD, never an error.
    // The start of a line that spans chunks waits in `pending`, joined once when its newline
    // comes; a line longer than MAX_LINE_BYTES keeps only its first MAX_LINE_BYTES (it is no
    // syslog line and is counted as one without an envelope), so that a file without newlines
    // costs time in proportion to its size and no memory beyond that.
    const pending: Buffer[] = [];
    let pendingLength = 0;
    // Bytes of the current line passed over beyond MAX_LINE_BYTES.
    let dropped = 0;
    // Bytes of content still to pass over (a .gz file cannot be entered in the middle), and
    // the content offset up to the last newline handed out.
    let toSkip = source.compressed && !passedOver ? skip : 0;
    let offset = source.compressed && !passedOver ? 0 : skip;
    const keep = (bytes: Buffer) => {
      const room = MAX_LINE_BYTES - pendingLength;
      if (room >= bytes.length) {
        pending.push(bytes);
        pendingLength += bytes.length;
      } else {
        if (room > 0) pending.push(bytes.subarray(0, room));
        pendingLength += Math.max(0, room);
        dropped += bytes.length - Math.max(0, room);
      }
    };
    if (options.onBytes && !source.compressed) options.onBytes(source, skip);
    try {
      for await (const chunk of stream) {
        let bytes = chunk as Buffer;
        if (toSkip > 0) {
          const n = Math.min(toSkip, bytes.length);
          toSkip -= n;
          offset += n;
          bytes = bytes.subarray(n);
          if (bytes.length === 0) continue;
        }
        const newline = bytes.lastIndexOf(10);
        if (newline < 0) {
          keep(bytes);
          continue;
        }
        const lines: string[] = [];
        let from = 0;
        if (pendingLength > 0 || dropped > 0) {
          // The line that was waiting ends at this chunk's first newline.
          const first = bytes.indexOf(10);
          keep(bytes.subarray(0, first));
          lines.push(Buffer.concat(pending, pendingLength).toString('utf8'));
          offset += pendingLength + dropped + 1;
          pending.length = 0;
          pendingLength = 0;
          dropped = 0;
          from = first + 1;
        }
        if (from <= newline) {
          for (const line of longLinesCut(bytes.subarray(from, newline))) lines.push(line);
          offset += newline + 1 - from;
        }
        stripCarriageReturns(lines);
        if (newline + 1 < bytes.length) keep(bytes.subarray(newline + 1));
        yield { kind: 'lines', source, lines };
      }
    } catch (error) {
      yield { kind: 'problem', problem: streamProblem(path, source.compressed, error) };
      // What was read before the damage counts, and is not to be read again.
      yield { kind: 'done', source, offset, skipped: skip, complete: false };
      continue;
    }
    // A compressed file is finished: its last line is whole even without a newline.
    if ((pendingLength > 0 || dropped > 0) && (!options.holdPartialLine || source.compressed)) {
      const lines = [Buffer.concat(pending, pendingLength).toString('utf8')];
      stripCarriageReturns(lines);
      offset += pendingLength + dropped;
      yield { kind: 'lines', source, lines };
    }
    yield { kind: 'done', source, offset, skipped: skip, complete: source.compressed };
  }
}

/**
 * The lines of `bytes` (no newline at its end), each cut to MAX_LINE_BYTES: a chunk holds at most
 * CHUNK bytes, so this only bounds what one line can cost.
 */
function longLinesCut(bytes: Buffer): string[] {
  const lines = bytes.toString('utf8').split('\n');
  if (bytes.length <= MAX_LINE_BYTES) return lines;
  return lines.map((line) => (line.length > MAX_LINE_BYTES ? line.slice(0, MAX_LINE_BYTES) : line));
}

/** CRLF line ends (logs copied from elsewhere) lose their CR. */
function stripCarriageReturns(lines: string[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
}

interface OpenedSource {
  readonly source: LogSource;
  readonly stream: Readable;
  /** Content bytes an earlier run has read. */
  readonly skip: number;
  /** A compressed file an earlier run read to its end: not decompressed again. */
  readonly passedOver?: boolean;
}

async function openSource(path: string, options: ReadOptions): Promise<OpenedSource | Problem> {
  if (path === '-') {
    return { source: { path, mtimeMs: options.nowMs, compressed: false, dev: 0, ino: 0, size: 0, fingerprint: null }, stream: process.stdin, skip: 0 };
  }
  // One open for everything: the identity, the fingerprint and the lines all come from the same
  // file, even when logrotate renames the path in the meantime.
  let handle: FileHandle | null = null;
  let source: LogSource;
  try {
    // Non-blocking: a FIFO among the inputs would block the open itself (holding the lock for
    // ever); opened this way it is refused below like any other file that is not a regular file.
    handle = await open(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      return inputProblem(path, 'not a regular file', 'pass a log file');
    }
    const head = Buffer.alloc(FINGERPRINT_BYTES * 16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const start = head.subarray(0, bytesRead);
    const compressed = start[0] === 0x1f && start[1] === 0x8b;
    const fingerprint = options.resumeAt ? fingerprintOf(start, compressed) : null;
    source = { path, mtimeMs: info.mtimeMs, compressed, dev: info.dev, ino: info.ino, size: info.size, fingerprint: fingerprint === CORRUPT ? null : fingerprint };
    // A .gz file whose start does not inflate is read anyway, so that its damage is reported.
    if (fingerprint === CORRUPT) return { source, stream: gunzipStream(handle, 0, options, source), skip: 0 };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return inputProblem(path, 'no such file', 'check the path or the glob');
    if (code === 'EACCES') return inputProblem(path, 'permission denied', 'run as a user in the adm group or fix its mode');
    return inputProblem(path, `cannot read it (${code ?? String(error)})`, 'check the file');
  }
  // A file without a whole first line yet is left for the next run, which can recognise it.
  const skip = options.resumeAt ? (source.fingerprint === null ? Number.POSITIVE_INFINITY : options.resumeAt(source)) : 0;
  if (source.compressed && skip > 0 && skip !== Number.POSITIVE_INFINITY && options.readToEnd?.(source)) {
    await handle.close();
    return { source, stream: Readable.from([]), skip, passedOver: true };
  }
  if (skip === Number.POSITIVE_INFINITY || (!source.compressed && skip >= source.size)) {
    await handle.close();
    return { source, stream: Readable.from([]), skip: skip === Number.POSITIVE_INFINITY ? 0 : skip };
  }
  return { source, stream: source.compressed ? gunzipStream(handle, 0, options, source) : fileStream(handle, skip, options, source), skip };
}

function fileStream(handle: FileHandle, start: number, options: ReadOptions, source: LogSource): Readable {
  const file = createReadStream('', { fd: handle, highWaterMark: CHUNK, start, autoClose: true });
  if (options.onBytes) {
    const report = options.onBytes;
    let read = start;
    file.on('data', (chunk) => report(source, (read += chunk.length)));
  }
  return file;
}

function gunzipStream(handle: FileHandle, start: number, options: ReadOptions, source: LogSource): Readable {
  const file = fileStream(handle, start, options, source);
  const stream = file.pipe(createGunzip({ chunkSize: CHUNK }));
  file.on('error', (error) => stream.destroy(error));
  return stream;
}

/** What fingerprintOf says of a .gz file whose start does not inflate. */
const CORRUPT = Symbol('corrupt');

/**
 * The hash of a file's first line (its first 4 KB at most), or null without a whole one; for a
 * .gz file, of the first line of what it holds (the start is inflated as far as it goes).
 */
function fingerprintOf(start: Buffer, compressed: boolean): string | null | typeof CORRUPT {
  let head = start;
  if (compressed) {
    try {
      head = gunzipSync(start, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      return CORRUPT;
    }
  }
  const newline = head.indexOf(10);
  if (newline < 0 && head.length < FINGERPRINT_BYTES) return null;
  const first = head.subarray(0, newline < 0 ? FINGERPRINT_BYTES : Math.min(newline, FINGERPRINT_BYTES));
  return createHash('sha256').update(first).digest('hex').slice(0, 32);
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
