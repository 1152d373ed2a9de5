import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';
import type { BenchLogFile } from './ensure-bench-logs.ts';
import type { PflogsummStatus } from './find-pflogsumm.ts';
import { freshContent } from './fresh-content.ts';
import { measureCommand, type CommandRun } from './measure-command.ts';
import type { OneCorePrefix } from './one-core-prefix.ts';

export type ToolName = 'mxstatus' | 'grep' | 'pflogsumm';

/** One tool on one input: its figures and a line of what it found, or why it could not run. */
export type ToolRun =
  | {
      readonly available: true;
      readonly command: string;
      readonly wallMs: number;
      readonly peakRssBytes: number;
      /** What the tool found, in a few words: a sanity check, not a figure. */
      readonly found: string;
    }
  | { readonly available: false; readonly command: string; readonly reason: string };

/** What every measurement needs to know about this machine. */
export interface ToolSetup {
  readonly repoRoot: string;
  /** The Node that runs this script: npm's pinned Node 24, never the system's. */
  readonly nodePath: string;
  readonly oneCore: OneCorePrefix;
  readonly pflogsumm: PflogsummStatus;
}

/** The line the incident is made of (see design.md); what a postmaster greps for first. */
export const STARTTLS_PATTERN = 'lost connection after STARTTLS';

/**
 * Runs one tool on one log file and measures it. mxstatus runs the full `summarize` path through
 * its command line, pinned to one core, into a fresh content directory holding a copy of
 * content/site.yaml (so every run writes all its records); the log is UTC (see
 * bench-log-lines.ts), hence `--tz UTC`. A tool that fails is the failure of the benchmark.
 *
 * @example
 * await measureTool('grep', logs.smallGz, setup)
 * // ok({ available: true, command: 'zgrep -c', wallMs: 1843.2, peakRssBytes: 2_899_968, found: '9,688 lines' })
 */
export async function measureTool(tool: ToolName, log: BenchLogFile, setup: ToolSetup): Promise<Result<ToolRun>> {
  switch (tool) {
    case 'mxstatus':
      return measureMxstatus(log, setup);
    case 'grep': {
      const program = log.compressed ? 'zgrep' : 'grep';
      const run = await measureCommand([program, '-c', STARTTLS_PATTERN, log.path], { keepStdout: true });
      // grep -c exits 1 when it counts nothing: still a count.
      return finish(`${program} -c`, log, run, [0, 1], (r) => `${Number(r.stdout.trim()).toLocaleString('en')} lines`);
    }
    case 'pflogsumm': {
      const command = log.compressed ? 'zcat | pflogsumm' : 'pflogsumm';
      if (!setup.pflogsumm.available) return ok({ available: false, command, reason: setup.pflogsumm.reason });
      const argv = log.compressed
        ? ['bash', '-c', 'set -o pipefail; zcat -- "$1" | "$2"', 'bash', log.path, setup.pflogsumm.path]
        : [setup.pflogsumm.path, log.path];
      return finish(command, log, await measureCommand(argv, { keepStdout: true }), [0], pflogsummFound);
    }
  }
}

async function measureMxstatus(log: BenchLogFile, setup: ToolSetup): Promise<Result<ToolRun>> {
  const command = `mxstatus summarize${setup.oneCore.argv.length > 0 ? ' (CPU 0)' : ''}`;
  const contentDir = await freshContent(await mkdtemp(join(tmpdir(), 'mxstatus-bench-content-')), setup.repoRoot);
  try {
    const argv = [...setup.oneCore.argv, setup.nodePath, '--max-semi-space-size=2', 'scripts/mxstatus.js', 'summarize', '--content', contentDir, '--tz', 'UTC', log.path];
    const run = await measureCommand(argv, { cwd: setup.repoRoot, keepStdout: true });
    return finish(command, log, run, [0], (r) => r.stdout.trim().split('\n')[0] ?? '');
  } finally {
    await rm(contentDir, { recursive: true, force: true });
  }
}

function finish(
  command: string,
  log: BenchLogFile,
  run: Result<CommandRun>,
  okExits: readonly number[],
  found: (run: CommandRun) => string,
): Result<ToolRun> {
  if (!run.ok) return run;
  const { exitCode, stderr, wallMs, peakRssBytes } = run.value;
  if (!okExits.includes(exitCode)) {
    const reason = stderr.trim().split('\n')[0] || 'no message';
    return fail(exitCodes.internal, `${command} on ${log.path} exited with status ${exitCode}: ${reason}; run it by hand to see why`);
  }
  return ok({ available: true, command, wallMs, peakRssBytes, found: found(run.value) });
}

/** pflogsumm's "Grand Totals": `   123456   received` and `    98765   delivered`. */
function pflogsummFound(run: CommandRun): string {
  const total = (label: string) => new RegExp(`^\\s*(\\d+[km]?)\\s+${label}\\s*$`, 'm').exec(run.stdout)?.[1] ?? '?';
  return `${total('received')} received, ${total('delivered')} delivered`;
}
