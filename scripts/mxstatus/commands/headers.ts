import { Option, type Command } from 'commander';
import { LOCALES, type Locale } from '../../../src/core/contract.ts';
import { report } from '../cli/report.ts';

/** `mxstatus headers [FILE]`: explain a late email from its headers, in a file or on standard input. */
export function headersCommand(program: Command): void {
  program
    .command('headers')
    .description('Read the headers of a late email from a file or standard input: where the time was lost, and which incident explains it, as the /check/ page says it. It explains mail that reached us; our mail to others is on the site\'s delivery pages (/delivery/<receiver>/).')
    .argument('[file]', 'a file holding the headers (- or none: standard input; on a terminal, paste them and end with Ctrl-D)')
    .option('--content <dir>', 'the content directory', 'content')
    .addOption(new Option('--lang <locale>', "the language of the prompt and the report, one of the site's locales (default: defaultLocale of site.yaml)").choices(LOCALES))
    .option('--json', 'print the analysis as JSON (every hop with its delay in seconds, the matched incident id)')
    .action(async (file: string | undefined, options: { content: string; lang?: Locale; json?: boolean }) => {
      const [{ loadHeadersSite }, { readHeadersInput }, { formatHeadersReport, runHeaders }, { headersJson }] = await Promise.all([
        import('../headers/load-headers-site.ts'),
        import('../headers/read-headers-input.ts'),
        import('../headers/run-headers.ts'),
        import('../headers/headers-json.ts'),
      ]);
      const site = await loadHeadersSite(options.content, options.lang);
      if (!site.ok) return report(site.problem);
      const input = await readHeadersInput(file, site.value.locale);
      if (!input.ok) return report(input.problem);
      const result = await runHeaders(site.value, input.value);
      if (!result.ok) return report(result.problem);
      if (options.json) console.log(JSON.stringify(headersJson(result.value), null, 2));
      else process.stdout.write(formatHeadersReport(result.value));
    });
}
