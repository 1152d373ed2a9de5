import type { Command } from 'commander';
import { resolve } from 'node:path';
import { integerOption } from '../cli/option-parsers.ts';
import { report } from '../cli/report.ts';

/** `mxstatus preview`: serve the built site locally. */
export function previewCommand(program: Command): void {
  program
    .command('preview')
    .description('Serve the built site (--out of build) at http://localhost:4321/ to look at it.')
    .option('--content <dir>', 'the content directory', 'content')
    .option('--out <dir>', 'the built site', 'dist')
    .option('--port <n>', 'port to listen on', integerOption, 4321)
    .action(async (flags: { content: string; out: string; port: number }) => {
      const { runAstro } = await import('../site/run-astro.ts');
      const served = await runAstro(['preview', '--outDir', resolve(flags.out), '--port', String(flags.port)], resolve(flags.content));
      if (!served.ok) report(served.problem);
    });
}
