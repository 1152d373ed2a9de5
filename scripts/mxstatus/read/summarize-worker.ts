/**
 * A worker thread of readInParallel: reads one rotated set of log files into sessions and series
 * (and our relays' deliveries into receivers' series),
 * exactly as the summarizer's own thread would, and posts back what it read without closing the
 * sessions and messages still open (the main thread closes them all, in one order).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SenderRule } from '../../../src/core/schemas/site-config.ts';
import { ZoneClock } from '../parse/zone-clock.ts';
import { OutboundRouter } from '../outbound/route-outbound.ts';
import { bothDirections, readEvents } from '../read-events.ts';
import { createSeriesRouter } from '../series/route-to-series.ts';
import { SessionTracker } from '../sessions/track-sessions.ts';
import type { WorkerResult } from './read-in-parallel.ts';

/** What the main thread hands a worker. */
export interface WorkerTask {
  readonly files: readonly string[];
  readonly timeZone: string;
  readonly year: number | undefined;
  readonly nowMs: number;
  readonly rules: readonly SenderRule[];
  readonly ownHosts: readonly string[];
}

const task = workerData as WorkerTask;
const router = createSeriesRouter(task.rules, task.ownHosts, []);
const tracker = new SessionTracker(router.sink);
const outbound = new OutboundRouter(task.rules, task.ownHosts);
const read = await readEvents(task.files, bothDirections(tracker, outbound.tracker), { clock: new ZoneClock(task.timeZone), year: task.year, positions: null, nowMs: task.nowMs, progress: undefined });
const result: WorkerResult = {
  stats: { ...read.stats },
  problems: read.problems,
  warnings: read.warnings,
  files: read.files,
  tracker: tracker.save(),
  givenUp: { ...tracker.givenUp },
  series: router.series().map((series) => series.save()),
  mx: router.mx.save(),
  outbound: outbound.save(),
};
parentPort!.postMessage(result);
