import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { plainForTerminal } from '../terminal-text.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Astro bundles with rolldown, whose native code allocates through mimalloc. By default mimalloc
 * keeps what the bundling freed (about 230 MB at 2,000 incidents) in its arenas for the rest of
 * the process, beside the pages V8 then renders: these hand it back to the system at once and
 * commit arena memory only as it is used. At 2,000 incidents astro's peak RSS went from 970–1,020
 * MB to 765–885 MB, at the same speed. Set in the environment, these win.
 */
const BUNDLER_ALLOCATOR = { MIMALLOC_PURGE_DELAY: '0', MIMALLOC_ARENA_EAGER_COMMIT: '0' } as const;

/** What a build's output may hold in memory for its log; a build that says more is cut (the end is kept). */
const MAX_BUILD_OUTPUT = 4 * 1024 * 1024;

export interface AstroOptions {
  /** Print nothing of a build that succeeds (its warnings included); a failure is still said. */
  readonly quiet?: boolean;
  /** Where a failed build's whole output is kept (default: beside the build in .cache/builds/). */
  readonly logFile?: string;
}

/**
 * The environment astro runs in: the caller's, with the content directory, telemetry off, the
 * bundler's allocator settings unless the caller set its own, and for a build warnings only.
 */
export function astroEnvironment(env: NodeJS.ProcessEnv, contentDir: string, building: boolean): NodeJS.ProcessEnv {
  return { ...BUNDLER_ALLOCATOR, ...env, MXSTATUS_CONTENT: contentDir, ASTRO_TELEMETRY_DISABLED: '1', ...(building ? { MXSTATUS_ASTRO_LOG_LEVEL: 'warn', NO_COLOR: '1' } : {}) };
}

/**
 * Runs the Astro CLI of this project (`astro build`, `astro preview`) on a content directory.
 * Telemetry stays off: a status site phones nobody.
 *
 * A build says only warnings and errors (no line per route), and its output is held back: a
 * build that succeeds passes its warnings on to standard error, one that fails is one line —
 * what failed and where the whole output was written — instead of Astro's stack trace. A preview
 * speaks to the terminal as it likes.
 */
export function runAstro(args: readonly string[], contentDir: string, options: AstroOptions = {}): Promise<Result<void>> {
  const building = args[0] === 'build';
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${projectRoot}node_modules/astro/bin/astro.mjs`, ...args], {
      cwd: projectRoot,
      stdio: building ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: astroEnvironment(process.env, contentDir, building),
    });
    const output: Buffer[] = [];
    let held = 0;
    const hold = (chunk: Buffer) => {
      output.push(chunk);
      held += chunk.length;
      while (held > MAX_BUILD_OUTPUT && output.length > 1) held -= output.shift()!.length;
    };
    child.stdout?.on('data', hold);
    child.stderr?.on('data', hold);
    // Whatever ends this process (a signal handler's process.exit, an error) ends Astro too: a
    // build must not go on writing after the lock is released, nor a preview keep the port.
    const stopChild = () => child.kill('SIGTERM');
    process.once('exit', stopChild);
    // A signal to this process (systemd stopping the unit, Ctrl-C, a closing terminal) goes to Astro
    // too, and this process ends when Astro has: a preview no longer holds its port afterwards.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of FORWARDED) process.on(signal, forward);
    child.on('error', (error) => resolve(fail(exitCodes.internal, `astro ${args[0]}: could not start (${error.message}); run npm install`)));
    child.on('close', (code, signal) => {
      process.off('exit', stopChild);
      for (const signal of FORWARDED) process.off(signal, forward);
      const text = Buffer.concat(output).toString('utf8');
      // Stopping a preview with Ctrl-C is its normal end; a build stopped by a signal is unfinished.
      if (code === 0 || (!building && (signal === 'SIGINT' || signal === 'SIGTERM'))) {
        if (!options.quiet && text.trim() !== '') process.stderr.write(text);
        resolve(ok(undefined));
      } else if (!building) {
        resolve(fail(exitCodes.config, `astro ${args[0]} failed (exit ${code ?? signal}); its message is above`));
      } else {
        const logFile = options.logFile ?? failedBuildLogPath(`${projectRoot}.cache/builds`);
        void keepLog(logFile, text)
          .then(async (kept) => {
            // A build that fails every five minutes from a timer must not fill the disk with logs.
            if (kept && basename(logFile).startsWith(FAILED_BUILD_LOG_PREFIX)) await pruneFailedBuildLogs(dirname(logFile), KEPT_FAILED_BUILD_LOGS);
            return kept;
          })
          .then((kept) => resolve(fail(exitCodes.config, buildFailure(text, code ?? signal, kept ? logFile : null))));
      }
    });
  });
}

const FAILED_BUILD_LOG_PREFIX = 'failed-build-';
/** The failed builds whose whole output is kept, the newest. */
const KEPT_FAILED_BUILD_LOGS = 10;

/**
 * Where a failed build's whole output goes in `dir`: a name that sorts by time and that
 * pruneFailedBuildLogs knows as one of its own.
 */
export function failedBuildLogPath(dir: string): string {
  return join(dir, `${FAILED_BUILD_LOG_PREFIX}${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.log`);
}

/**
 * Removes all but the `keep` newest failed-build logs in `dir` (their names sort by time): only
 * files this module wrote, nothing else there. Best effort: a log that cannot be removed stays.
 */
export async function pruneFailedBuildLogs(dir: string, keep: number): Promise<void> {
  const logs = (await readdir(dir).catch(() => [])).filter((name) => name.startsWith(FAILED_BUILD_LOG_PREFIX) && name.endsWith('.log')).sort();
  for (const name of logs.slice(0, Math.max(0, logs.length - keep))) await rm(join(dir, name), { force: true }).catch(() => undefined);
}

/** Writes a failed build's output; false when it cannot be written (the line then says so). */
async function keepLog(path: string, text: string): Promise<boolean> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one line for a failed build: Astro's first error message, and where the whole output is.
 *
 * @example
 * buildFailure('12:00:01 [ERROR] [content] notes/de/x.md: not valid YAML\n    at …', 1, '/srv/x.log')
 * // 'the site was not built (astro build exit 1): [content] notes/de/x.md: not valid YAML; the published site is as it was; the whole output is in /srv/x.log'
 */
function buildFailure(output: string, exit: number | string | null, logFile: string | null): string {
  const lines = output.split('\n').map((line) => line.trim());
  // Astro's logger marks errors `[ERROR]`; what Node prints of an uncaught error starts with its name.
  const error = lines.find((line) => line.includes('[ERROR]'))?.replace(/^.*?\[ERROR\]\s*/, '') ?? lines.find((line) => /^[A-Za-z]*Error\b/.test(line)) ?? lines.find((line) => line !== '');
  const what = error === undefined ? 'Astro said nothing' : plainForTerminal(error.length > 300 ? `${error.slice(0, 300)}…` : error);
  const where = logFile === null ? 'its output could not be kept (run mxstatus check, then the build again)' : `the whole output is in ${logFile}`;
  return `the site was not built (astro build exit ${exit}): ${what}; the published site is as it was; ${where}`;
}
