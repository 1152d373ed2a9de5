import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { describeWriteError } from '../describe-write-error.ts';
import { inspectOutDir, SITE_MARKER } from './out-dir.ts';
import { publishSite } from './publish-site.ts';
import { failedBuildLogPath, runAstro } from './run-astro.ts';

const CHECKOUT = fileURLToPath(new URL('../../../', import.meta.url));

export interface BuildOptions {
  readonly quiet?: boolean;
  /** The `--state` file of the run: never to be replaced by the site. */
  readonly statePath?: string | undefined;
}

/**
 * Builds the site from `contentDir` and puts it in place of `outDir` only when complete: a failed
 * build leaves the published site as it was, never half a site, and `outDir` is replaced only
 * when it is missing, empty, or a site mxstatus built (see `./out-dir.ts`).
 *
 * Astro builds inside the checkout (its own caches are there, and under systemd's
 * ProtectSystem the checkout and `--out` are separate mounts that no rename crosses); the site is
 * then moved or copied beside `outDir` and swapped in through a link (`./publish-site.ts`).
 *
 * @example
 * const built = await buildSite('content', 'dist', { quiet: true });
 */
export async function buildSite(contentDir: string, outDir: string, options: BuildOptions = {}): Promise<Result<void>> {
  const current = await inspectOutDir(outDir, { contentDir, statePath: options.statePath, checkout: CHECKOUT }).catch((error: NodeJS.ErrnoException) =>
    fail<never>(exitCodes.output, `${outDir}: cannot look at it (${error.code ?? error.message}); check that its folder is readable`),
  );
  if (!current.ok) return current;
  const target = resolve(outDir);
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (error) {
    return fail(exitCodes.output, `${dirname(target)}: cannot create the folder of --out, ${describeWriteError(error)}`);
  }
  const staged = join(CHECKOUT, '.cache', 'builds', randomBytes(4).toString('hex'));
  // A failed build's output is kept beside the folder it was built in, which goes (the newest few).
  const built = await runAstro(['build', '--outDir', staged], resolve(contentDir), { quiet: options.quiet, logFile: failedBuildLogPath(dirname(staged)) });
  if (!built.ok) {
    await rm(staged, { recursive: true, force: true });
    return built;
  }
  try {
    await writeFile(join(staged, SITE_MARKER), 'Built by mxstatus: `mxstatus build --out` replaces this folder as a whole.\n');
    await publishSite(staged, target, current.value);
    return ok(undefined);
  } catch (error) {
    return fail(exitCodes.output, `${target}: cannot put the new site in place (the published site is as it was): ${describeWriteError(error)}`);
  } finally {
    await rm(staged, { recursive: true, force: true });
  }
}
