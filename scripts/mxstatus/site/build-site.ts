import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { runAstro } from './run-astro.ts';

/**
 * Builds the site from `contentDir` into a fresh folder beside `outDir` and only then puts it in
 * place of `outDir`: a failed build leaves the published site as it was, never half a site.
 * (Between the two renames the old site is gone for an instant; a web server pointed at `outDir`
 * answers from one site or the other.)
 *
 * @example
 * const built = await buildSite('content', 'dist', { quiet: true });
 */
export async function buildSite(contentDir: string, outDir: string, options: { quiet?: boolean } = {}): Promise<Result<void>> {
  const target = resolve(outDir);
  const tag = randomBytes(4).toString('hex');
  const fresh = join(dirname(target), `.${basename(target)}.new-${tag}`);
  const old = join(dirname(target), `.${basename(target)}.old-${tag}`);
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (error) {
    return fail(exitCodes.output, `${dirname(target)}: cannot create it (${(error as NodeJS.ErrnoException).code ?? String(error)}); choose a writable --out DIR`);
  }
  const built = await runAstro(['build', '--outDir', fresh], resolve(contentDir), options);
  if (!built.ok) {
    await rm(fresh, { recursive: true, force: true });
    return built;
  }
  let hadOld = false;
  try {
    hadOld = await rename(target, old).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    await rename(fresh, target);
    if (hadOld) await rm(old, { recursive: true, force: true });
    return ok(undefined);
  } catch (error) {
    // Put the old site back where it was, if it was moved aside.
    if (hadOld) await rename(old, target).catch(() => undefined);
    await rm(fresh, { recursive: true, force: true });
    const e = error as NodeJS.ErrnoException;
    return fail(exitCodes.output, `${target}: cannot put the new site in place (${e.code ?? e.message}); check that its folder is writable`);
  }
}
