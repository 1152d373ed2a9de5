import type { Command } from 'commander';
import { resolve } from 'node:path';
import { integerOption } from '../cli/option-parsers.ts';
import { report } from '../cli/report.ts';

/** `mxstatus preview`: serve the built site locally, or to the network with --host. */
export function previewCommand(program: Command): void {
  program
    .command('preview')
    .description('Serve the built site (--out of build) at http://localhost:4321/ to look at it.')
    .option('--content <dir>', 'the content directory', 'content')
    .option('--out <dir>', 'the built site', 'dist')
    .option('--port <n>', 'port to listen on', integerOption, 4321)
    .option('--host <address>', 'address to listen on, e.g. 0.0.0.0 for every network interface (on a log host without a browser)', 'localhost')
    .action(async (flags: { content: string; out: string; port: number; host: string }) => {
      const [{ runAstro }, { checkPreview }] = await Promise.all([import('../site/run-astro.ts'), import('../site/check-preview.ts')]);
      const ready = await checkPreview(flags.content, flags.out, flags.host, flags.port);
      if (!ready.ok) return report(ready.problem);
      const served = await runAstro(['preview', '--outDir', resolve(flags.out), '--host', flags.host, '--port', String(flags.port)], resolve(flags.content));
      if (!served.ok) report(served.problem);
    });
}
