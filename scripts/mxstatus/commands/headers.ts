import type { Command } from 'commander';
import { text } from 'node:stream/consumers';
import { report } from '../cli/report.ts';

/** `mxstatus headers`: explain a late mail from its headers on standard input. */
export function headersCommand(program: Command): void {
  program
    .command('headers')
    .description('Read the headers of a late mail on standard input: where the time was lost, and which incident explains it.')
    .option('--content <dir>', 'the content directory', 'content')
    .option('--json', 'print the analysis as JSON (every hop with its delay in seconds, the matched incident id)')
    .action(async (options: { content: string; json?: boolean }) => {
      const [{ formatHeadersReport, runHeaders }, { headersJson }] = await Promise.all([import('../headers/run-headers.ts'), import('../headers/headers-json.ts')]);
      const result = await runHeaders(options.content, await text(process.stdin));
      if (!result.ok) return report(result.problem);
      if (options.json) console.log(JSON.stringify(headersJson(result.value), null, 2));
      else process.stdout.write(formatHeadersReport(result.value));
    });
}
