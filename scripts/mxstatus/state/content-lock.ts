import { readFileSync, unlinkSync } from 'node:fs';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { describeWriteError } from '../describe-write-error.ts';

/** A held lock; `release` removes it (also from an exit handler, hence synchronous). */
export interface ContentLock {
  readonly path: string;
  release(): void;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** The kernel's id of this boot: after a reboot, the same pid is another process. */
  readonly boot?: string;
  readonly startedAt: string;
}

/** This boot's id (Linux), or '' where there is none. */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * Takes the lock of a content directory (`<content>/.mxstatus.lock`, created exclusively), so that
 * two runs on the same content never interleave their records, state or site. A lock left by a
 * process of this machine that no longer exists (killed, crashed, or from before a reboot: the
 * lock holds the boot's id, since pids are reused) is taken over; any other is respected, and the
 * second run stops at once with exit code 7.
 *
 * @example
 * const lock = await lockContent('content');
 * if (!lock.ok) return lock;
 * try { … } finally { lock.value.release(); }
 */
export async function lockContent(contentDir: string, nowMs = Date.now()): Promise<Result<ContentLock>> {
  const path = join(contentDir, '.mxstatus.lock');
  const owner: LockOwner = { pid: process.pid, host: hostname(), boot: bootId(), startedAt: new Date(nowMs).toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    let created = false;
    try {
      const handle = await open(path, 'wx', 0o644);
      created = true;
      try {
        await handle.writeFile(`${JSON.stringify(owner)}\n`);
      } finally {
        await handle.close();
      }
      return ok({ path, release: () => releaseLock(path) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A lock that could be created but not written (a full disk) must not stay behind: every later run would stop at it.
      if (created) await unlink(path).catch(() => undefined);
      if (code === 'ENOENT') return fail(exitCodes.config, `${contentDir}: no such content directory; create it with a site.yaml or pass --content DIR`);
      if (code !== 'EEXIST') return fail(exitCodes.output, `${path}: cannot create the lock, ${describeWriteError(error)}`);
    }
    const holder = await readOwner(path);
    if (!holder && (await ageOf(path, nowMs)) > UNREADABLE_LOCK_MS) {
      // Empty or garbled and old: no run is that slow to write its name (a disk that was full, a crash mid-write).
      if (await unlink(path).then(() => true, () => false)) continue;
    }
    if (holder && holder.host === owner.host && (holder.boot !== owner.boot || !isAlive(holder.pid))) {
      // Moved aside, then checked: a run that took the stale lock over a moment ago keeps its own.
      const aside = `${path}.stale-${process.pid}`;
      if (await rename(path, aside).then(() => true, () => false)) {
        const moved = await readOwner(aside);
        if (moved && moved.pid === holder.pid && moved.startedAt === holder.startedAt) {
          await unlink(aside).catch(() => undefined);
          continue;
        }
        await link(aside, path).catch(() => undefined);
        await unlink(aside).catch(() => undefined);
      }
      continue;
    }
    const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}` : 'a process whose lock file cannot be read';
    return fail(exitCodes.locked, `${path}: another mxstatus run is working on ${contentDir} (${who}); this run stops — if no such run exists any more, delete the lock file`);
  }
  return fail(exitCodes.locked, `${path}: the lock changed hands while it was being taken; run again`);
}

/**
 * A lock file that holds no readable owner is a run's only for the instant between creating and
 * writing it; one older than this was left by a run that could not write it.
 */
const UNREADABLE_LOCK_MS = 5 * 60_000;

async function ageOf(path: string, nowMs: number): Promise<number> {
  return stat(path).then(
    (s) => nowMs - s.mtimeMs,
    () => 0,
  );
}

function releaseLock(path: string): void {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    if (holder.pid === process.pid) unlinkSync(path);
  } catch {
    // Already gone, or not ours to remove.
  }
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
