import type { LogSource } from './read/read-log-lines.ts';
import type { ReadProgress } from './read-events.ts';

const REDRAW_MS = 250;

/**
 * One line on a terminal, redrawn a few times a second while files are read: the file, bytes
 * read of its size, lines per second and the time left. `stream` must be a TTY; callers pass
 * no progress at all when output is not a terminal or `--quiet` is set.
 */
export class TerminalProgress implements ReadProgress {
  readonly #stream: NodeJS.WriteStream;
  readonly #now: () => number;
  #file: LogSource | null = null;
  #bytes = 0;
  #lines = 0;
  #startedAt = 0;
  #drawnAt = 0;

  constructor(stream: NodeJS.WriteStream, now: () => number = () => performance.now()) {
    this.#stream = stream;
    this.#now = now;
  }

  bytes(source: LogSource, bytes: number): void {
    this.#switchTo(source);
    this.#bytes = bytes;
    this.#draw(false);
  }

  lines(source: LogSource, count: number): void {
    this.#switchTo(source);
    this.#lines += count;
  }

  fileDone(source: LogSource): void {
    this.#switchTo(source);
    this.#bytes = source.size;
    this.#draw(true);
    this.#stream.write('\n');
    this.#file = null;
  }

  #switchTo(source: LogSource): void {
    if (this.#file === source) return;
    this.#file = source;
    this.#bytes = 0;
    this.#lines = 0;
    this.#startedAt = this.#now();
    this.#drawnAt = Number.NEGATIVE_INFINITY;
  }

  #draw(force: boolean): void {
    const now = this.#now();
    if (!force && now - this.#drawnAt < REDRAW_MS) return;
    this.#drawnAt = now;
    const file = this.#file;
    if (!file) return;
    this.#stream.write(`\r\x1b[K${formatProgress(file.path, this.#bytes, file.size, this.#lines, (now - this.#startedAt) / 1000)}`);
  }
}

/**
 * The progress line: `mx1/mail.log  45.2 of 120.0 MB (38 %), 210,000 lines/s, 0:06 left`.
 *
 * @example
 * formatProgress('mail.log', 50e6, 100e6, 1e6, 5) // 'mail.log  50.0 of 100.0 MB (50 %), 200,000 lines/s, 0:05 left'
 */
export function formatProgress(path: string, bytes: number, size: number, lines: number, seconds: number): string {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const share = size > 0 ? Math.min(1, bytes / size) : 1;
  const rate = seconds > 0 ? Math.round(lines / seconds) : 0;
  const left = share > 0 && share < 1 ? Math.round((seconds * (1 - share)) / share) : 0;
  const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return `${path}  ${mb(bytes)} of ${mb(size)} MB (${Math.round(share * 100)} %), ${rate.toLocaleString('en')} lines/s, ${clock} left`;
}
