import { createReadStream, createWriteStream } from 'node:fs';
import { appendFile, copyFile, cp, mkdir, mkdtemp, open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';
import type { TargetCheck } from './check-bench-targets.ts';
import type { BenchLogFile } from './ensure-bench-logs.ts';
import { formatMegabytes, formatSeconds } from './format-figures.ts';
import { freshContent } from './fresh-content.ts';
import { measureCommand } from './measure-command.ts';
import { median } from './median.ts';

/** Lines a run every five minutes finds new on a busy MX. */
export const NEW_LINES = 10_000;

/** Issue 16's targets for the runs every five minutes. */
export const INCREMENTAL_TARGETS = {
  /** A run that finds nothing new. */
  nothingNewMs: 500,
  /** A run that finds NEW_LINES new lines on the large log's history. */
  newLinesMs: 1_000,
  /** "MBs, not tens of MBs." */
  stateBytes: 10_000_000,
} as const;

export interface IncrementalRun {
  /** Lines of history the state was made of. */
  readonly historyLines: number;
  readonly stateBytes: number;
  readonly nothingNewMs: number;
  readonly newLinesMs: number;
  readonly newLinesPeakRssBytes: number;
  readonly rounds: number;
}

/**
 * The large log without its last NEW_LINES lines (the history), and those lines (what a run finds
 * new), beside the log in `incremental/`, written once. The history keeps the log's time.
 */
async function splitLog(log: BenchLogFile): Promise<{ history: string; tail: string }> {
  const dir = join(dirname(log.path), 'incremental');
  const history = join(dir, 'history.log');
  const tail = join(dir, 'new.log');
  const { size, mtimeMs } = await stat(log.path);
  const known = [await stat(history).catch(() => null), await stat(tail).catch(() => null)];
  if (known[0] && known[1] && known[0].size + known[1].size === size) return { history, tail };
  // Where the last NEW_LINES lines start: read back from the end until that many newlines.
  const file = await open(log.path);
  let cut = -1;
  try {
    const chunk = Buffer.alloc(1 << 20);
    let newlines = 0;
    let end = size - 1; // the log's last byte is its last newline
    while (end > 0 && cut < 0) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await file.read(chunk, 0, end - start, start);
      for (let i = bytesRead - 1; i >= 0; i--) {
        if (chunk[i] === 10 && ++newlines === NEW_LINES) {
          cut = start + i + 1;
          break;
        }
      }
      end = start;
    }
  } finally {
    await file.close();
  }
  if (cut < 0) throw new Error(`${log.path}: fewer than ${NEW_LINES} lines`);
  await mkdir(dir, { recursive: true });
  await pipeline(createReadStream(log.path, { end: cut - 1 }), createWriteStream(`${history}.tmp`));
  await pipeline(createReadStream(log.path, { start: cut }), createWriteStream(tail));
  await rename(`${history}.tmp`, history);
  for (const path of [history, tail]) await utimes(path, mtimeMs / 1000, mtimeMs / 1000);
  return { history, tail };
}

/**
 * The runs of a timer every five minutes, on the large log as history: one full run with
 * `--state` (not timed), then `rounds` runs that find nothing new, then NEW_LINES lines appended
 * and `rounds` runs that read them, each from the same state, content and stamp. Each run is the
 * whole command (start-up, reading, records, state), timed from outside.
 *
 * @example
 * await measureIncremental(logs.large, { repoRoot, nodePath }, 3)
 * // ok({ historyLines: 9_990_000, stateBytes: 3_900_932, nothingNewMs: 240, newLinesMs: 1510, … })
 */
export async function measureIncremental(log: BenchLogFile, setup: { readonly repoRoot: string; readonly nodePath: string }, rounds: number): Promise<Result<IncrementalRun>> {
  const { history, tail } = await splitLog(log);
  const scratch = await mkdtemp(join(tmpdir(), 'mxstatus-bench-incremental-'));
  try {
    const logPath = join(scratch, 'mail.log');
    const state = join(scratch, 'state');
    const content = await freshContent(join(scratch, 'content'), setup.repoRoot);
    const { mtimeMs } = await stat(history);
    await copyFile(history, logPath);
    await utimes(logPath, mtimeMs / 1000, mtimeMs / 1000);
    const summarize = async () => {
      const argv = [setup.nodePath, '--max-semi-space-size=2', 'scripts/mxstatus.js', 'summarize', '--quiet', '--content', content, '--state', state, logPath];
      const run = await measureCommand(argv, { cwd: setup.repoRoot });
      if (run.ok && run.value.exitCode !== 0) return fail(exitCodes.internal, `mxstatus summarize --state exited with status ${run.value.exitCode}: ${run.value.stderr.trim().split('\n')[0] || 'no message'}`);
      return run;
    };
    const first = await summarize();
    if (!first.ok) return first;
    const stateBytes = (await stat(state)).size;
    const nothingNew: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const run = await summarize();
      if (!run.ok) return run;
      nothingNew.push(run.value.wallMs);
    }
    // Every round of new lines starts from the same state, stamp and records.
    const saved = join(scratch, 'saved');
    await cp(content, join(saved, 'content'), { recursive: true });
    await copyFile(state, join(saved, 'state'));
    await copyFile(`${state}.stamp`, join(saved, 'state.stamp'));
    await appendFile(logPath, await readFile(tail));
    await utimes(logPath, mtimeMs / 1000, mtimeMs / 1000);
    const newLines: number[] = [];
    let peak = 0;
    for (let round = 0; round < rounds; round++) {
      await rm(content, { recursive: true, force: true });
      await cp(join(saved, 'content'), content, { recursive: true });
      await copyFile(join(saved, 'state'), state);
      await copyFile(join(saved, 'state.stamp'), `${state}.stamp`);
      const run = await summarize();
      if (!run.ok) return run;
      newLines.push(run.value.wallMs);
      peak = Math.max(peak, run.value.peakRssBytes);
    }
    return ok({ historyLines: log.lines - NEW_LINES, stateBytes, nothingNewMs: median(nothingNew), newLinesMs: median(newLines), newLinesPeakRssBytes: peak, rounds });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The runs against their targets. */
export function checkIncrementalTargets(run: IncrementalRun | null): TargetCheck[] {
  const history = run ? `${(run.historyLines / 1e6).toFixed(2)} M lines` : 'the large log';
  const targets = [
    `incremental run with nothing new < ${formatSeconds(INCREMENTAL_TARGETS.nothingNewMs)}`,
    `incremental run with ${NEW_LINES.toLocaleString('en')} new lines on a ${history} history < ${formatSeconds(INCREMENTAL_TARGETS.newLinesMs)}`,
    `state < ${formatMegabytes(INCREMENTAL_TARGETS.stateBytes)}`,
  ];
  if (!run) return targets.map((target) => ({ target, figure: 'not measured', verdict: 'unavailable' }));
  const verdict = (met: boolean): TargetCheck['verdict'] => (met ? 'met' : 'missed');
  return [
    { target: targets[0]!, figure: `median of ${run.rounds}: ${formatSeconds(run.nothingNewMs)}`, verdict: verdict(run.nothingNewMs < INCREMENTAL_TARGETS.nothingNewMs) },
    { target: targets[1]!, figure: `median of ${run.rounds}: ${formatSeconds(run.newLinesMs)}, peak RSS ${formatMegabytes(run.newLinesPeakRssBytes)}`, verdict: verdict(run.newLinesMs < INCREMENTAL_TARGETS.newLinesMs) },
    { target: targets[2]!, figure: formatMegabytes(run.stateBytes), verdict: verdict(run.stateBytes < INCREMENTAL_TARGETS.stateBytes) },
  ];
}
