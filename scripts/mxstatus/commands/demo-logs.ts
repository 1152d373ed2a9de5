import type { Command } from 'commander';
import { integerOption } from '../cli/option-parsers.ts';
import { report } from '../cli/report.ts';

/** `mxstatus demo-logs --out DIR`: write the bundled demo's logs. */
export function demoLogsCommand(program: Command): void {
  program
    .command('demo-logs')
    .description('Write the bundled demo: nine days of Postfix logs of two MX hosts around the Outlook.com incident.')
    // Required, so the usage line names it rather than leaving it among the options.
    .usage('--out <dir> [--seed <n>]')
    .requiredOption('--out <dir>', 'directory to write mx1/ and mx2/ into (required)')
    .option('--seed <n>', 'random seed (the bundled demo uses the default)', integerOption)
    .action(async (options: { out: string; seed?: number }) => {
      const { writeDemoLogs } = await import('../demo/write-demo-logs.ts');
      const result = await writeDemoLogs(options.out, options.seed);
      if (!result.ok) return report(result.problem);
      for (const path of result.value) console.log(path);
    });
}
