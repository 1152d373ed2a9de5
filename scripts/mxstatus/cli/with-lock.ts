import { constants } from 'node:os';
import { lockContent } from '../state/content-lock.ts';
import { report } from './report.ts';

/** The signals that end a run early: cron, systemd, a terminal closing, Ctrl-C. */
const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Runs `work` holding the content directory's lock, released however the process ends. */
export async function withLock(contentDir: string, work: () => Promise<void>, json = false): Promise<void> {
  const lock = await lockContent(contentDir);
  if (!lock.ok) {
    // --json promises JSON on standard output, whatever happens.
    if (json) console.log(JSON.stringify({ ok: false, problems: [lock.problem] }, null, 2));
    return report(lock.problem);
  }
  const release = () => lock.value.release();
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    process.exit(128 + (constants.signals[signal] ?? 15));
  };
  for (const signal of HANDLED_SIGNALS) process.once(signal, onSignal);
  try {
    await work();
  } finally {
    release();
    for (const signal of HANDLED_SIGNALS) process.off(signal, onSignal);
  }
}
