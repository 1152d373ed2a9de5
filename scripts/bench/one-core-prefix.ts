import { spawn } from 'node:child_process';

/** The words to put before a command so it runs on one core, and how the report says so. */
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
  const works = await new Promise<boolean>((resolve) => {
    const child = spawn(argv[0]!, [...argv.slice(1), 'true'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
  return works
    ? { argv, description: 'pinned to CPU 0 (taskset -c 0)' }
    : { argv: [], description: 'NOT pinned to one core: taskset -c 0 failed (install util-linux)' };
}
