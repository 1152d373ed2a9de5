import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

/** The content directory the site is built from: `content/`, or MXSTATUS_CONTENT (tests, previews). */
export const contentDir = process.env.MXSTATUS_CONTENT ?? 'content';

/**
 * Astro's cache for one content directory, relative to the project root: every content directory
 * gets its own, so a build from test fixtures never serves stale entries to a build of content/.
 * Whoever builds a scratch directory removes its cache with it.
 *
 * @example
 * astroCacheDir('/tmp/x/content') // 'node_modules/.astro/3f2a11c0123b'
 */
export function astroCacheDir(dir: string): string {
  return join('node_modules', '.astro', createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 12));
}
