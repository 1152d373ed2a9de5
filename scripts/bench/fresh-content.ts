import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A new content directory at `dir` holding a copy of the checkout's content/site.yaml: what every
 * measured `mxstatus summarize` writes into, so that each run writes all its records.
 *
 * @example
 * await freshContent(join(scratch, 'content-1'), repoRoot)
 */
export async function freshContent(dir: string, repoRoot: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await copyFile(join(repoRoot, 'content', 'site.yaml'), join(dir, 'site.yaml'));
  return dir;
}
