import type { Command } from 'commander';
import { exitCodes } from '../../../src/core/problem.ts';
import { report } from '../cli/report.ts';

/** `mxstatus check`: validate content/ and list what is wrong. */
export function checkCommand(program: Command): void {
  program
    .command('check')
    .description('Validate content/ without building the site: site.yaml, every record and note, and the references between them.')
    .option('--content <dir>', 'the content directory', 'content')
    .action(async (options: { content: string }) => {
      const { formatCheckReport, runCheck } = await import('../check/run-check.ts');
      const result = await runCheck(options.content);
      if (!result.ok) return report(result.problem);
      process.stdout.write(formatCheckReport(result.value));
      if (result.value.problems.length > 0) process.exitCode = exitCodes.config;
    });
}
