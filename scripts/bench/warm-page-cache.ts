import { createReadStream } from 'node:fs';

/**
 * Reads a file once and forgets it, so that the first tool measured on it does not pay for the
 * disk and the others get it from the page cache.
 *
 * @example
 * await warmPageCache('.cache/bench/v1-3f9a0c12-2m-10m/mail-10m.log');
 */
export async function warmPageCache(path: string): Promise<void> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) void chunk;
}
