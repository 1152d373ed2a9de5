import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';
import type { TargetCheck } from './check-bench-targets.ts';
import type { BenchLogFile } from './ensure-bench-logs.ts';
import { formatRatio, formatSeconds } from './format-figures.ts';
import { freshContent } from './fresh-content.ts';
import { measureCommand } from './measure-command.ts';
import { median } from './median.ts';
import type { OneCorePrefix } from './one-core-prefix.ts';

/** Two logs of equal size, two MX hosts, on two cores: at least this much faster than one after the other. */
export const TWO_HOSTS_TARGET = 1.7;

/** One and two hosts' logs, each summarized on the cores given; the medians of the rounds. */
export interface TwoHostsRun {
  readonly oneMs: number;
  readonly twoMs: number;
  readonly rounds: number;
  /** Two logs' work over one log's time, against the time of both: 2 × one / two. */
  readonly speedup: number;
}

/**
 * The log of `log` as a second MX host's (`mx1` → `mx2` in every line's host field), beside it in
 * `<dir>/mx2/`, written once; the first host's log is linked (or copied) to `<dir>/mx1/`. Two
 * rotated sets of equal size: what a provider with two MX hosts passes as `/var/log/mx1/mail.log /var/log/mx2/mail.log`.
 */
async function twoHostLogs(log: BenchLogFile): Promise<[string, string]> {
  const dir = join(dirname(log.path), 'two-hosts');
  const first = join(dir, 'mx1', 'mail.log');
  const second = join(dir, 'mx2', 'mail.log');
  const { mtimeMs } = await stat(log.path);
  if ((await stat(second).catch(() => null))?.size === log.textBytes && (await stat(first).catch(() => null))?.size === log.textBytes) return [first, second];
  await mkdir(join(dir, 'mx1'), { recursive: true });
  await mkdir(join(dir, 'mx2'), { recursive: true });
  await copyFile(log.path, first);
  const temp = `${second}.tmp`;
  const out = createWriteStream(temp);
  for await (const line of createInterface({ input: createReadStream(log.path), crlfDelay: Number.POSITIVE_INFINITY })) {
    // "Mar 15 23:00:28 mx1 postfix/…": the host after the 15-character BSD timestamp.
    if (!out.write(`${line.slice(0, 16)}${line.startsWith('mx1 ', 16) ? 'mx2 ' : line.slice(16, 20)}${line.slice(20)}\n`)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
  await rename(temp, second);
  for (const path of [first, second]) await utimes(path, mtimeMs / 1000, mtimeMs / 1000);
  return [first, second];
}

/**
 * Summarizes one host's log, then both hosts' logs in one run (a worker thread each), on the
 * same two cores, `rounds` times in turn; the medians give the speed-up of reading in parallel.
 *
 * @example
 * await measureTwoHosts(logs.small, { repoRoot, nodePath, cpus }, 3)
 * // ok({ oneMs: 7900, twoMs: 9100, rounds: 3, speedup: 1.74 })
 */
export async function measureTwoHosts(
  log: BenchLogFile,
  setup: { readonly repoRoot: string; readonly nodePath: string; readonly cpus: OneCorePrefix },
  rounds: number,
): Promise<Result<TwoHostsRun>> {
  const [first, second] = await twoHostLogs(log);
  const scratch = await mkdtemp(join(tmpdir(), 'mxstatus-bench-two-'));
  try {
    const one: number[] = [];
    const two: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const [times, files] of [[one, [first]], [two, [first, second]]] as const) {
        const content = await freshContent(join(scratch, `content-${round}-${files.length}`), setup.repoRoot);
        const argv = [...setup.cpus.argv, setup.nodePath, '--max-semi-space-size=2', 'scripts/mxstatus.js', 'summarize', '--quiet', '--content', content, '--tz', 'UTC', ...files];
        const run = await measureCommand(argv, { cwd: setup.repoRoot });
        if (!run.ok) return run;
        if (run.value.exitCode !== 0) return fail(exitCodes.internal, `mxstatus summarize on ${files.length} hosts exited with status ${run.value.exitCode}: ${run.value.stderr.trim().split('\n')[0] || 'no message'}`);
        times.push(run.value.wallMs);
      }
    }
    const oneMs = median(one);
    const twoMs = median(two);
    return ok({ oneMs, twoMs, rounds, speedup: (2 * oneMs) / twoMs });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The speed-up against its target. */
export function checkTwoHostsTarget(run: TwoHostsRun | null): TargetCheck {
  const target = `two hosts' logs of equal size on two cores ≥ ${TWO_HOSTS_TARGET}× as fast as one after the other`;
  if (!run) return { target, figure: 'not measured', verdict: 'unavailable' };
  const figure = `one: ${formatSeconds(run.oneMs)} · both: ${formatSeconds(run.twoMs)} = ${formatRatio(run.speedup)}`;
  return { target, figure, verdict: run.speedup >= TWO_HOSTS_TARGET ? 'met' : 'missed' };
}
