import { link, mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Writes `text` to `path` through a temporary file and a rename, and only when the content
 * differs: readers never see half a file, and unchanged files keep their modification time.
 */
export async function writeFileAtomic(path: string, text: string): Promise<WriteOutcome> {
  let previous: string | null = null;
  try {
    previous = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (previous === text) return 'unchanged';
  const temp = await writeTemp(path, text);
  await rename(temp, path).catch((error: unknown) => removeAndThrow(temp, error));
  return previous === null ? 'created' : 'updated';
}

/**
 * Creates `path` with `text` unless it exists; never replaces a file. Returns false when the file
 * was already there (a person may have written it).
 */
export async function createFileOnce(path: string, text: string): Promise<boolean> {
  const temp = await writeTemp(path, text);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp);
  }
}

/**
 * Replaces `path` with what `content` streams, through a temporary file (mode 0600) flushed to
 * disk before the rename: for files that must survive a crash whole (the incremental state).
 * `content` is asked once for the stream.
 */
export async function replaceFileStreaming(path: string, content: () => Readable): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await pipeline(content(), handle.createWriteStream({ flush: true }));
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    return removeAndThrow(temp, error);
  }
}

async function writeTemp(path: string, text: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temp, text, { flag: 'wx' }).catch((error: unknown) => removeAndThrow(temp, error));
  return temp;
}

/** A failed write (a full disk, say) leaves no temporary file behind to keep the disk full. */
async function removeAndThrow(temp: string, error: unknown): Promise<never> {
  await unlink(temp).catch(() => undefined);
  throw error;
}
