import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';

/** One finished command: its wall time and its peak resident set size. */
export interface CommandRun {
  readonly wallMs: number;
  /** The largest RSS any one process of the command reached (the pipeline's, for `sh -c`). */
  readonly peakRssBytes: number;
  /** User plus system CPU time of the command and every process it waited for (GNU time %U + %S). */
  readonly cpuMs: number;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface MeasureOptions {
  readonly cwd?: string;
  /** Keep standard output (small outputs only); otherwise it goes to /dev/null. */
  readonly keepStdout?: boolean;
  /** The command's environment; this process's by default. */
  readonly env?: NodeJS.ProcessEnv;
}

export const GNU_TIME = '/usr/bin/time';

/**
 * Runs a command under GNU time and measures it: wall time here, peak RSS from `%M`, which is the
 * child's own maximum (wait4's rusage), so neither this process nor npm is counted, and CPU time
 * from `%U` and `%S`. A non-zero exit is a value for the caller to judge (`grep -c` exits 1 when
 * it counts 0); failing to start the command is the failure.
 *
 * @example
 * const run = await measureCommand(['grep', '-c', 'STARTTLS', 'mail.log'], { keepStdout: true });
 * // run.value → { wallMs: 212.4, peakRssBytes: 2_633_728, cpuMs: 210, exitCode: 0, stdout: '96868\n', stderr: '' }
 */
export async function measureCommand(argv: readonly string[], options: MeasureOptions = {}): Promise<Result<CommandRun>> {
  const scratch = await mkdtemp(join(tmpdir(), 'mxstatus-bench-time-'));
  const timeFile = join(scratch, 'time');
  try {
    const started = performance.now();
    const child = spawn(GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, '--', ...argv], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', options.keepStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exit = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
      child.on('error', (error) => resolve({ code: null, error }));
      child.on('close', (code) => resolve({ code }));
    });
    const wallMs = performance.now() - started;
    if (exit.error) {
      const code = (exit.error as NodeJS.ErrnoException).code;
      const fix = code === 'ENOENT' ? `install GNU time (apt-get install time)` : 'check the command';
      return fail(exitCodes.internal, `${GNU_TIME}: cannot start it (${code ?? exit.error.message}); ${fix}`);
    }
    // GNU time writes "Command exited with non-zero status N" above the format's line.
    const timeLines = (await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n');
    const [user, system, peakKiB] = (timeLines[timeLines.length - 1] ?? '').split(' ').map(Number);
    if (user === undefined || system === undefined || peakKiB === undefined || ![user, system, peakKiB].every(Number.isFinite) || exit.code === null || exit.code >= 126) {
      const reason = firstLine(stderr) || timeLines.join(' ') || `exit status ${exit.code}`;
      return fail(exitCodes.internal, `${argv.join(' ')}: did not run (${reason})`);
    }
    return ok({ wallMs, peakRssBytes: peakKiB * 1024, cpuMs: (user + system) * 1000, exitCode: exit.code, stdout, stderr });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
