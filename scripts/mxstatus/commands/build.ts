import type { Command } from 'commander';
import { report } from '../cli/report.ts';
import { summarizeOptions, type SummarizeFlags } from '../cli/summarize-options.ts';

/** `mxstatus build [FILES…]`: summarize what is given, then build the site, under the content lock. */
export function buildCommand(program: Command): void {
  summarizeOptions(
    program
      .command('build')
      .description('Summarize the logs given (if any), then build the site from content/ into --out; the old site stays until the new one is complete.')
      .argument('[files...]', 'log files or globs to summarize first; without them, the site is built from content/ as it is'),
  )
    .option('--out <dir>', 'where the site goes', 'dist')
    .action(async (files: string[], flags: SummarizeFlags & { out: string }) => {
      const [{ withLock }, { buildSite }, { validateContent }] = await Promise.all([import('../cli/with-lock.ts'), import('../site/build-site.ts'), import('../site/validate-content.ts')]);
      await withLock(flags.content, async () => {
        // The summarizer is loaded only when there is something to summarize.
        if (files.length > 0) {
          const { summarizeAndPrint } = await import('../cli/summarize-and-print.ts');
          // A file that could not be read leaves its exit code, but the site is built from the rest.
          if (!(await summarizeAndPrint(files, flags))) return;
        }
        // The content as mxstatus check reads it, before Astro starts: one line a problem, not a stack trace.
        const problems = await validateContent(flags.content);
        for (const problem of problems) report(problem);
        if (problems.length > 0) return;
        const built = await buildSite(flags.content, flags.out, { quiet: flags.quiet === true || flags.json === true, statePath: flags.state });
        if (!built.ok) return report(built.problem);
      }, flags.json);
    });
}
