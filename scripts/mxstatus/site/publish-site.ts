/**
 * Puts a freshly built site in place of `--out` so that at every instant `--out` is a complete
 * site: the site goes into a folder of its own beside `--out` (`.<name>.site-<tag>`), and `--out`
 * is a symbolic link to it, replaced by a second link in one rename. A web server pointed at
 * `--out` answers from the old site or the new one, never from half of one. What a killed run
 * left beside `--out` is removed by the next.
 */
import { randomBytes } from 'node:crypto';
import { cp, lstat, readdir, readlink, rename, rm, rmdir, symlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { OutDir } from './out-dir.ts';
import { isSite } from './out-dir.ts';

/**
 * Moves the built site `staged` beside `out` and points `out` at it. `staged` may lie on another
 * file system (or, under systemd's ProtectSystem, another mount of the same one): it is copied
 * then, never renamed across.
 */
export async function publishSite(staged: string, out: string, current: OutDir): Promise<void> {
  const target = resolve(out);
  const parent = dirname(target);
  const name = basename(target);
  const tag = randomBytes(4).toString('hex');
  const site = join(parent, `.${name}.site-${tag}`);
  await moveAcross(staged, site);
  const link = join(parent, `.${name}.link-${tag}`);
  await symlink(basename(site), link);
  // Once, from a plain folder to a link: an empty one goes, a site steps aside for an instant.
  if (current.kind === 'empty') await rmdir(target);
  if (current.kind === 'site-folder') await rename(target, join(parent, `.${name}.old-${tag}`));
  await rename(link, target);
  await removeLeftovers(target);
}

/** `from` to `to`: a rename on the same file system, else a copy and a removal. */
async function moveAcross(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true, errorOnExist: true, force: false });
    await rm(from, { recursive: true, force: true });
  }
}

/**
 * Everything beside `out` that a build of `out` made and no longer needs: sites it no longer
 * points at, folders put aside, links and copies a killed run left. Only names of this pattern,
 * and of a site folder only one that carries the marker: nothing else is ever removed.
 */
export async function removeLeftovers(out: string): Promise<string[]> {
  const target = resolve(out);
  const parent = dirname(target);
  const name = basename(target);
  const live = await readlink(target).catch(() => null);
  const removed: string[] = [];
  for (const entry of await readdir(parent).catch(() => [] as string[])) {
    const match = new RegExp(`^\\.${escapeRegExp(name)}\\.(site|old|new|link)-[0-9a-f]{8}$`).exec(entry);
    if (!match || entry === live) continue;
    const path = join(parent, entry);
    const info = await lstat(path).catch(() => null);
    if (!info) continue;
    if (match[1] === 'link') {
      if (!info.isSymbolicLink()) continue;
    } else if (!info.isDirectory() || (match[1] !== 'new' && !(await isSite(path)))) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
