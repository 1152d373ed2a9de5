import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs the Astro CLI of this project (`astro build`, `astro preview`) on a content directory,
 * with its output passed through. Telemetry stays off: a status site phones nobody.
 */
export function runAstro(args: readonly string[], contentDir: string, options: { quiet?: boolean } = {}): Promise<Result<void>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${projectRoot}node_modules/astro/bin/astro.mjs`, ...args], {
      cwd: projectRoot,
      stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
      env: { ...process.env, MXSTATUS_CONTENT: contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    // Whatever ends this process (a signal handler's process.exit, an error) ends Astro too: a
    // build must not go on writing after the lock is released, nor a preview keep the port.
    const stopChild = () => child.kill('SIGTERM');
    process.once('exit', stopChild);
    // A signal to this process (systemd stopping the unit, Ctrl-C, a closing terminal) goes to Astro
    // too, and this process ends when Astro has: a preview no longer holds its port afterwards.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of FORWARDED) process.on(signal, forward);
    child.on('error', (error) => resolve(fail(exitCodes.internal, `astro ${args[0]}: could not start (${error.message}); run npm install`)));
    child.on('exit', (code, signal) => {
      process.off('exit', stopChild);
      for (const signal of FORWARDED) process.off(signal, forward);
      // Stopping a preview with Ctrl-C is its normal end; a build stopped by a signal is unfinished.
      if (code === 0 || (args[0] === 'preview' && (signal === 'SIGINT' || signal === 'SIGTERM'))) resolve(ok(undefined));
      else resolve(fail(exitCodes.config, `astro ${args[0]} failed (exit ${code ?? signal}); the message above names the file and the field`));
    });
  });
}
