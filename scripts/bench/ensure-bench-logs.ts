import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';
import { benchLogLines, type BenchLogMix } from './bench-log-lines.ts';

/**
 * Bump whenever what is written changes here or in bench-log-lines.ts (the rewriting of the
 * demo's lines, file names, gzip level, modification times). The demo generator's sources are
 * hashed into the cache key besides, so a changed demo rebuilds the logs by itself.
 */
export const BENCH_LOGS_VERSION = 2;

/** One cached log file. */
export interface BenchLogFile {
  readonly path: string;
  readonly lines: number;
  /** Bytes of log text, uncompressed. */
  readonly textBytes: number;
  /** Bytes on disk. */
  readonly fileBytes: number;
  readonly compressed: boolean;
}

/**
 * The benchmark's inputs: `small` lines plain and gzipped, and `large` lines plain (the MX hosts'
 * and about a tenth the relay's); `inbound` and `outbound`, `perLine` lines each of the MX hosts'
 * alone and of a relay's alone, for the cost of an outbound line against an inbound one.
 */
export interface BenchLogs {
  readonly dir: string;
  /** Whether this call wrote them (false: they came from the cache). */
  readonly generated: boolean;
  readonly small: BenchLogFile;
  readonly smallGz: BenchLogFile;
  readonly large: BenchLogFile;
  readonly inbound: BenchLogFile;
  readonly outbound: BenchLogFile;
}

export interface BenchLogSizes {
  readonly small: number;
  readonly large: number;
  /** Lines of the inbound-only and of the outbound-only log. */
  readonly perLine: number;
}

type BenchLogNames = Record<'small' | 'smallGz' | 'large' | 'inbound' | 'outbound', string>;

const DEMO_SOURCES = new URL('../mxstatus/demo/', import.meta.url);
const FLUSH_AT = 1 << 20;
const PROGRESS_EVERY = 500_000;

/**
 * The benchmark's log files under `cacheRoot`, written once (streamingly: one seed of the demo in
 * memory at a time) and reused while BENCH_LOGS_VERSION and the demo generator are unchanged.
 * Each file's modification time is its last line's time, as logrotate leaves it: BSD lines carry
 * no year and the summarizer takes it from there. Caches of older generators are removed.
 *
 * @example
 * const logs = await ensureBenchLogs('.cache/bench', { small: 2_000_000, large: 10_000_000, perLine: 1_000_000 });
 * // logs.value.small.path === '.cache/bench/v2-3f9a0c12-2m-10m-1m/mail-2m.log'
 */
export async function ensureBenchLogs(
  cacheRoot: string,
  sizes: BenchLogSizes,
  onProgress: (linesWritten: number) => void = () => {},
): Promise<Result<BenchLogs>> {
  const generator = `v${BENCH_LOGS_VERSION}-${await demoSourceHash()}`;
  const dir = join(cacheRoot, `${generator}-${sizeLabel(sizes.small)}-${sizeLabel(sizes.large)}-${sizeLabel(sizes.perLine)}`);
  const names = {
    small: `mail-${sizeLabel(sizes.small)}.log`,
    smallGz: `mail-${sizeLabel(sizes.small)}.log.gz`,
    large: `mail-${sizeLabel(sizes.large)}.log`,
    inbound: `mail-inbound-${sizeLabel(sizes.perLine)}.log`,
    outbound: `mail-outbound-${sizeLabel(sizes.perLine)}.log`,
  };
  const cached = await describeFiles(dir, names, sizes);
  if (cached) return ok({ ...cached, generated: false });

  const temp = `${dir}.tmp-${process.pid}`;
  try {
    await removeStaleCaches(cacheRoot, generator);
    await rm(temp, { recursive: true, force: true });
    await mkdir(temp, { recursive: true });
    await writeLogs(temp, names, sizes, onProgress);
    await writeOneMix(join(temp, names.inbound), 'inbound', sizes.perLine);
    await writeOneMix(join(temp, names.outbound), 'outbound', sizes.perLine);
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => {});
    const e = error as NodeJS.ErrnoException;
    return fail(exitCodes.output, `${e.path ?? cacheRoot}: cannot write the benchmark logs (${e.code ?? e.message}); check free space (~2 GB) and permissions`);
  }
  const written = await describeFiles(dir, names, sizes);
  if (!written) return fail(exitCodes.output, `${dir}: the benchmark logs vanished after writing; run again`);
  return ok({ ...written, generated: true });
}

/** `2m`, `200k`, `1500000`: how a line count appears in file names and the report. */
export function sizeLabel(lines: number): string {
  if (lines % 1_000_000 === 0) return `${lines / 1_000_000}m`;
  if (lines % 1_000 === 0) return `${lines / 1_000}k`;
  return String(lines);
}

async function writeLogs(
  dir: string,
  names: BenchLogNames,
  sizes: BenchLogSizes,
  onProgress: (linesWritten: number) => void,
): Promise<void> {
  // flush: fsync before close, so the kernel is not still writing 2 GB back while we measure.
  const large = createWriteStream(join(dir, names.large), { flush: true });
  const small = createWriteStream(join(dir, names.small), { flush: true });
  const gzip = createGzip({ level: 6 });
  const gzipped = pipeline(gzip, createWriteStream(join(dir, names.smallGz), { flush: true }));
  // Errors surface in write() and in the awaits below, not as crashes while nobody listens.
  for (const stream of [large, small]) stream.on('error', () => {});
  gzipped.catch(() => {});

  const lines = benchLogLines();
  let written = 0;
  let nextProgress = PROGRESS_EVERY;
  let largeBatch = '';
  let smallBatch = '';
  let smallLastTime = 0;
  let largeLastTime = 0;
  while (written < sizes.large) {
    const line = lines.next().value;
    largeBatch += `${line.text}\n`;
    if (written < sizes.small) {
      smallBatch += `${line.text}\n`;
      smallLastTime = line.time;
    }
    largeLastTime = line.time;
    written++;
    if (largeBatch.length >= FLUSH_AT) {
      await write(large, largeBatch);
      await write(small, smallBatch);
      await write(gzip, smallBatch);
      largeBatch = smallBatch = '';
    }
    if (written >= nextProgress) {
      onProgress(written);
      nextProgress += PROGRESS_EVERY;
    }
  }
  await write(large, largeBatch);
  await write(small, smallBatch);
  await write(gzip, smallBatch);
  large.end();
  small.end();
  gzip.end();
  await Promise.all([finished(large), finished(small), gzipped]);
  await setModified(join(dir, names.large), largeLastTime);
  await setModified(join(dir, names.small), smallLastTime);
  await setModified(join(dir, names.smallGz), smallLastTime);
}

/** The first `count` lines of one mix of the benchmark's log, into `path`, its modification time its last line's. */
async function writeOneMix(path: string, mix: BenchLogMix, count: number): Promise<void> {
  const out = createWriteStream(path, { flush: true });
  out.on('error', () => {});
  const lines = benchLogLines(mix);
  let batch = '';
  let lastTime = 0;
  for (let written = 0; written < count; written++) {
    const line = lines.next().value;
    batch += `${line.text}\n`;
    lastTime = line.time;
    if (batch.length >= FLUSH_AT) {
      await write(out, batch);
      batch = '';
    }
  }
  await write(out, batch);
  out.end();
  await finished(out);
  await setModified(path, lastTime);
}

/** Writes with backpressure: a 10 M line log must never pile up in memory. */
async function write(stream: Writable, text: string): Promise<void> {
  if (stream.errored) throw stream.errored;
  if (text && !stream.write(text)) await once(stream, 'drain');
}

async function setModified(path: string, timeMs: number): Promise<void> {
  await utimes(path, timeMs / 1000, timeMs / 1000);
}

async function describeFiles(
  dir: string,
  names: BenchLogNames,
  sizes: BenchLogSizes,
): Promise<Omit<BenchLogs, 'generated'> | null> {
  try {
    const [small, smallGz, large, inbound, outbound] = await Promise.all([names.small, names.smallGz, names.large, names.inbound, names.outbound].map((name) => stat(join(dir, name))));
    if (!small || !smallGz || !large || !inbound || !outbound) return null;
    return {
      dir,
      small: { path: join(dir, names.small), lines: sizes.small, textBytes: small.size, fileBytes: small.size, compressed: false },
      smallGz: { path: join(dir, names.smallGz), lines: sizes.small, textBytes: small.size, fileBytes: smallGz.size, compressed: true },
      large: { path: join(dir, names.large), lines: sizes.large, textBytes: large.size, fileBytes: large.size, compressed: false },
      inbound: { path: join(dir, names.inbound), lines: sizes.perLine, textBytes: inbound.size, fileBytes: inbound.size, compressed: false },
      outbound: { path: join(dir, names.outbound), lines: sizes.perLine, textBytes: outbound.size, fileBytes: outbound.size, compressed: false },
    };
  } catch {
    return null;
  }
}

/** Other generators' caches (`v<n>-<hash>-…`, finished or abandoned) are gigabytes nobody reads. */
async function removeStaleCaches(cacheRoot: string, generator: string): Promise<void> {
  await mkdir(cacheRoot, { recursive: true });
  for (const entry of await readdir(cacheRoot)) {
    if (!/^v\d+-[0-9a-f]{8}-/.test(entry)) continue;
    const writer = /\.tmp-(\d+)$/.exec(entry)?.[1];
    const stale = writer ? !isRunning(Number(writer)) : !entry.startsWith(`${generator}-`);
    if (stale) await rm(join(cacheRoot, entry), { recursive: true, force: true });
  }
}

/** Whether a process (here: another benchmark still writing its logs) is alive. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The demo generator's fingerprint: its sources, tests aside. */
async function demoSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const names = (await readdir(DEMO_SOURCES)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts')).sort();
  for (const name of names) hash.update(name).update(await readFile(new URL(name, DEMO_SOURCES)));
  return hash.digest('hex').slice(0, 8);
}
