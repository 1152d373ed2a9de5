import { spawn } from 'node:child_process';

/** The words to put before a command so it runs on one core (or two), and how the report says so. */
export interface OneCorePrefix {
  readonly argv: readonly string[];
  readonly description: string;
}

/**
 * `taskset -c 0` (util-linux) when it works here, so the summarizer's figures are one core's —
 * its GC and zlib threads share that core too. Without it the run goes on unpinned, and says so.
 *
 * @example
 * await oneCorePrefix() // { argv: ['taskset', '-c', '0'], description: 'pinned to CPU 0 (taskset -c 0)' }
 */
export async function oneCorePrefix(): Promise<OneCorePrefix> {
  const argv = ['taskset', '-c', '0'];
  return (await tasksetWorks(argv))
    ? { argv, description: 'pinned to CPU 0 (taskset -c 0)' }
    : { argv: [], description: 'NOT pinned to one core: taskset -c 0 failed (install util-linux)' };
}

/**
 * The site build's target is for a 2-core machine: on a bigger one the build is pinned to CPUs 0
 * and 1 (`taskset -c 0,1`); on a 2-core machine it runs as it is; on one core it is slower than
 * the target assumes, and the report says so.
 *
 * @example
 * await twoCorePrefix(8) // { argv: ['taskset', '-c', '0,1'], description: 'pinned to CPUs 0 and 1 of 8 (taskset -c 0,1), as on a 2-core machine' }
 */
export async function twoCorePrefix(cpuCount: number): Promise<OneCorePrefix> {
  if (cpuCount === 2) return { argv: [], description: 'both CPUs of this 2-core machine' };
  if (cpuCount < 2) return { argv: [], description: `only ${cpuCount} CPU: slower than the target's 2-core machine` };
  const argv = ['taskset', '-c', '0,1'];
  return (await tasksetWorks(argv))
    ? { argv, description: `pinned to CPUs 0 and 1 of ${cpuCount} (taskset -c 0,1), as on a 2-core machine` }
    : { argv: [], description: `all ${cpuCount} CPUs, NOT 2: taskset -c 0,1 failed (install util-linux), so faster than the target's machine` };
}

function tasksetWorks(argv: readonly string[]): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const child = spawn(argv[0]!, [...argv.slice(1), 'true'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}
