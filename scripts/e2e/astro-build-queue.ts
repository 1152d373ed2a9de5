/**
 * One `astro build` of this checkout at a time, across every process of an `npm test` run.
 *
 * Astro prerenders a site whose --outDir lies outside the project into the project's own
 * `.astro/.prerender/`, and removes that folder when it is done: two such builds at once lose each
 * other's pages and styles. Every build of the tests is one (their scratch folders are in the
 * temporary folder), and test files run side by side.
 *
 * openAstroBuildQueue() listens on a Unix socket and lets one client through at a time, the next
 * one when the previous one's connection closes, that is when its process ends, however it ends.
 * Loaded with `--import` (NODE_OPTIONS, which every process of the run inherits), this module
 * makes the node that runs `astro build` wait for its turn before Astro starts; in any other
 * process it does nothing.
 */
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAstroBuild } from './astro-build-process.ts';

const QUEUE_ENV = 'MXSTATUS_TEST_ASTRO_QUEUE';

export interface AstroBuildQueue {
  readonly close: () => Promise<void>;
}

/**
 * Opens the queue in `dir` and hands it to every process started from now on (MXSTATUS_TEST_ASTRO_QUEUE,
 * and this module in NODE_OPTIONS).
 */
export async function openAstroBuildQueue(dir: string): Promise<AstroBuildQueue> {
  const path = join(dir, 'astro-build.sock');
  const waiting: Socket[] = [];
  let current: Socket | null = null;
  const admit = (socket: Socket) => {
    current = socket;
    socket.write('go');
  };
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (current !== socket) {
        const at = waiting.indexOf(socket);
        if (at >= 0) waiting.splice(at, 1);
        return;
      }
      current = null;
      const next = waiting.shift();
      if (next) admit(next);
    });
    if (current) waiting.push(socket);
    else admit(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
  process.env[QUEUE_ENV] = path;
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, `--import="${fileURLToPath(import.meta.url)}"`].filter(Boolean).join(' ');
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const queue = process.env[QUEUE_ENV];
if (queue && isAstroBuild(process.argv)) {
  // The connection holds this process's turn until the process ends; it is no reason to stay.
  const turn = await new Promise<Socket>((resolve, reject) => {
    const socket = connect(queue);
    socket.on('error', (error) => reject(new Error(`astro-build-queue: ${queue}: ${error.message}`)));
    socket.once('data', () => resolve(socket));
  });
  turn.unref();
}
