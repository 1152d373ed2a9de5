/**
 * Where `mxstatus build` may put a site. `--out` is replaced as a whole on every build, so it must
 * be something mxstatus made: a careless `--out /srv/mxstatus` (the site's folder forgotten) or
 * `--out content` would otherwise delete what people wrote. mxstatus replaces `--out` only when it
 * is missing, an empty folder, or a site it built (the marker file below is in every build, and
 * `--out` is a link to such a folder); never when it is, or holds, the content directory, the
 * state file or the checkout.
 */
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { isInside } from '../../../src/core/is-inside.ts';

/** The file every site mxstatus builds carries in its root. */
export const SITE_MARKER = '.mxstatus-site';

/** What `--out` is now. */
export type OutDir =
  | { readonly kind: 'missing' }
  | { readonly kind: 'empty' }
  /** A folder that holds a site mxstatus built (from before sites were published through a link). */
  | { readonly kind: 'site-folder' }
  /** A link to a site mxstatus built: the link is replaced in one step. */
  | { readonly kind: 'link'; readonly target: string };

/** What must never be replaced: the content directory, the state file, the checkout. */
export interface Protected {
  readonly contentDir: string;
  readonly statePath?: string | undefined;
  readonly checkout: string;
}

/**
 * What `out` is, or the one-line refusal to replace it.
 *
 * @example
 * await inspectOutDir('/srv/mxstatus', { contentDir: '/srv/mxstatus/content', checkout: '/opt/mxstatus' })
 * // { ok: false, problem: { exitCode: 9, message: '/srv/mxstatus: --out holds the content directory …' } }
 */
export async function inspectOutDir(out: string, guard: Protected): Promise<Result<OutDir>> {
  const target = resolve(out);
  const real = await realpath(target).catch(() => target);
  for (const [what, path] of [['the content directory', guard.contentDir], ['the state file', guard.statePath], ['the mxstatus checkout', guard.checkout]] as const) {
    if (path === undefined) continue;
    const kept = await realpath(resolve(path)).catch(() => resolve(path));
    if (kept === real || isInside(kept, real) || kept === target || isInside(kept, target)) {
      return refuse(out, `it ${kept === real || kept === target ? 'is' : 'holds'} ${what} (${path})`);
    }
  }
  const info = await lstat(target).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (!info) return ok({ kind: 'missing' });
  if (info.isSymbolicLink()) {
    const link = await readlink(target);
    if (await isSite(resolve(dirname(target), link))) return ok({ kind: 'link', target: link });
    return refuse(out, 'it is a link to a folder that mxstatus did not build');
  }
  if (!info.isDirectory()) return refuse(out, 'it is a file, not a folder');
  if (await isSite(target)) return ok({ kind: 'site-folder' });
  if ((await readdir(target)).length === 0) return ok({ kind: 'empty' });
  return refuse(out, `it is a folder that mxstatus did not build (it has no ${SITE_MARKER})`);
}

/** Whether `dir` holds a site mxstatus built. */
export async function isSite(dir: string): Promise<boolean> {
  return stat(join(dir, SITE_MARKER)).then(
    (s) => s.isFile(),
    () => false,
  );
}


function refuse(out: string, why: string): Result<never> {
  return fail(exitCodes.outRefused, `${out}: not replaced, ${why}; give --out a folder of its own for the site, e.g. ${join(out, 'dist')} (mxstatus replaces only a missing or empty folder or a site it built)`);
}
