/**
 * `npm test`'s `--test-global-setup`: what the test files of one run share, in one scratch folder.
 * The demo, made once in the background (demo-fixture.ts); a queue that lets one Astro build run at
 * a time (astro-build-queue.ts), since the files run side by side; and Node's compile cache, so that
 * the hundred-odd processes of a run (test files, and the command line they start) strip and
 * compile the TypeScript they share once, not each for itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAstroBuildQueue, type AstroBuildQueue } from './astro-build-queue.ts';
import { startDemo } from './demo-fixture.ts';

let shared: { readonly dir: string; readonly queue: AstroBuildQueue; readonly demo: ReturnType<typeof startDemo> } | undefined;

export async function globalSetup(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mxstatus-test-run-'));
  process.env.NODE_COMPILE_CACHE ??= join(dir, 'compile-cache');
  // The queue first: the demo's own build takes its turn too.
  const queue = await openAstroBuildQueue(dir);
  shared = { dir, queue, demo: startDemo(dir) };
}

export async function globalTeardown(): Promise<void> {
  if (!shared) return;
  await shared.demo.finish();
  await shared.queue.close();
  await rm(shared.dir, { recursive: true, force: true });
}
