import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { astroCacheDir } from '../../src/core/content-dir.ts';
import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';
import { measureCommand } from './measure-command.ts';
import type { OneCorePrefix } from './one-core-prefix.ts';
import { writeSiteFixture, type SiteFixtureSummary } from './site-fixture.ts';

/** What every site build needs to know about this machine. */
export interface SiteBuildSetup {
  readonly repoRoot: string;
  /** The Node that runs this script: npm's pinned Node 24, never the system's. */
  readonly nodePath: string;
  /** `taskset -c 0,1` on machines with more than two CPUs (the target is for two). */
  readonly cpus: OneCorePrefix;
}

/** One cold `astro build` of generated content. */
export interface SiteBuildRun {
  readonly incidents: number;
  readonly fixture: SiteFixtureSummary;
  /** HTML files written. */
  readonly pages: number;
  /** All files written (pages, feeds, sitemaps, scripts, styles, …). */
  readonly files: number;
  readonly outputBytes: number;
  /** runAstro's wall time: the astro process from start to exit. */
  readonly wallMs: number;
  /** User plus system CPU time of the build: less disturbed than wall time by other work on the machine. */
  readonly cpuMs: number;
  /** The astro process's peak RSS (GNU time %M). */
  readonly peakRssBytes: number;
  /** The machine's 1-minute load average as the build started: other work slows it down. */
  readonly loadBefore: number;
  /** The larger of the two home pages (default language, /en/), gzipped at level 6: what a phone fetches. */
  readonly homeGzipBytes: number;
}

/** The build's "now" (MXSTATUS_NOW): the same bytes every run. The last log line is 3 minutes older. */
export const SITE_BUILD_NOW = '2026-03-24T12:00:00.000Z';
const AS_OF = Date.parse(SITE_BUILD_NOW) - 3 * 60_000;

/**
 * Generates a content directory of `incidents` incidents (site-fixture.ts) in a fresh scratch
 * directory and builds it once with `astro build` through runAstro, under GNU time. Every build is
 * a cold one: astro.config.mjs keys its content cache by the content directory's path, which is
 * new each time; the cache, the content and the output are removed afterwards (the content is
 * kept when the build fails, and the message says where).
 *
 * @example
 * await measureSiteBuild(2000, setup, say)
 * // ok({ incidents: 2000, pages: 6263, files: 6463, outputBytes: 69.2e6, wallMs: 94_920, cpuMs: 82_990, peakRssBytes: 1.5e9, loadBefore: 2.49, fixture: { … } })
 */
export async function measureSiteBuild(incidents: number, setup: SiteBuildSetup, say: (line: string) => void): Promise<Result<SiteBuildRun>> {
  const scratch = await mkdtemp(join(tmpdir(), 'mxstatus-bench-site-'));
  const contentDir = join(scratch, 'content');
  const outDir = join(scratch, 'dist');
  const cacheDir = join(setup.repoRoot, astroCacheDir(contentDir));
  let keepContent = false;
  try {
    say(`site build: writing ${incidents.toLocaleString('en')} incidents into ${contentDir} …`);
    const fixture = await writeSiteFixture(contentDir, { incidents, asOf: AS_OF, siteYaml: join(setup.repoRoot, 'content', 'site.yaml') });
    if (!fixture.ok) return fixture;

    say(`site build: astro build of ${incidents.toLocaleString('en')} incidents …`);
    const argv = [...setup.cpus.argv, setup.nodePath, join('scripts', 'bench', 'site-build-child.ts'), contentDir, outDir];
    const env = { ...process.env, MXSTATUS_NOW: SITE_BUILD_NOW };
    const loadBefore = loadavg()[0] ?? 0;
    const run = await measureCommand(argv, { cwd: setup.repoRoot, keepStdout: true, env });
    if (!run.ok) return run;
    if (run.value.exitCode !== 0) {
      keepContent = true;
      const why = astroError(run.value.stderr) || `exit status ${run.value.exitCode}`;
      return fail(
        exitCodes.internal,
        `astro build of ${incidents} generated incidents failed: ${why} — the content is kept; rebuild it with MXSTATUS_CONTENT=${contentDir} npm run build`,
      );
    }
    const reported = Number((JSON.parse(run.value.stdout.trim().split('\n').pop() ?? '{}') as { wallMs?: unknown }).wallMs);
    const output = await countOutput(outDir);
    // The default language's home page must be there; the other language's where it is.
    const homes = [await readFile(join(outDir, 'index.html')), await readFile(join(outDir, 'en', 'index.html')).catch(() => Buffer.alloc(0))];
    const homeGzipBytes = Math.max(...homes.map((html) => gzipSync(html, { level: 6 }).length));
    return ok({
      homeGzipBytes,
      incidents,
      fixture: fixture.value,
      ...output,
      wallMs: Number.isFinite(reported) ? reported : run.value.wallMs,
      cpuMs: run.value.cpuMs,
      peakRssBytes: run.value.peakRssBytes,
      loadBefore,
    });
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
    await (keepContent ? rm(outDir, { recursive: true, force: true }) : rm(scratch, { recursive: true, force: true }));
  }
}

async function countOutput(dir: string): Promise<{ pages: number; files: number; outputBytes: number }> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  let outputBytes = 0;
  for (const entry of entries) outputBytes += (await stat(join(entry.parentPath, entry.name))).size;
  return { pages: entries.filter((e) => e.name.endsWith('.html')).length, files: entries.length, outputBytes };
}

/**
 * Astro's error in one line: its `[SomeError] …` line and the file it names under `Location:`;
 * otherwise the last lines of the messages.
 *
 * @example
 * astroError(stderr) // '[InvalidContentEntryDataError] incidents → x data does not match collection schema. at /tmp/…/x.json:0:0'
 */
function astroError(stderr: string): string {
  const lines = stderr
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const error = lines.find((l) => /^\[[A-Za-z]*Error\]/.test(l));
  const location = lines[lines.indexOf('Location:') + 1];
  if (error) return lines.includes('Location:') && location ? `${error} at ${location}` : error;
  return lines.slice(-3).join(' / ');
}
