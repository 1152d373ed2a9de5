import type { Command } from 'commander';
import { summarizeOptions, type SummarizeFlags } from '../cli/summarize-options.ts';

/** `mxstatus summarize FILES…`: the logs into records and draft notes, under the content lock. */
export function summarizeCommand(program: Command): void {
  summarizeOptions(
    program
      .command('summarize')
      .description('Read mail logs and write incident records and draft notes under content/.')
      .argument('<files...>', 'log files or globs, plain or .gz; - reads standard input'),
  ).action(async (files: string[], flags: SummarizeFlags) => {
    // Loaded only now: the summarizer is most of the code, and --help needs none of it.
    const [{ withLock }, { summarizeAndPrint }] = await Promise.all([import('../cli/with-lock.ts'), import('../cli/summarize-and-print.ts')]);
    await withLock(flags.content, async () => void (await summarizeAndPrint(files, flags)), flags.json);
  });
}
