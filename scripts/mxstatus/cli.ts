/**
 * mxstatus — turns Postfix logs into a public delivery-status site.
 * This file is wiring only: one file per command under commands/, each loading what it runs only
 * when it runs, so that `mxstatus --help` starts in a fraction of a second.
 */
import { Command, CommanderError } from 'commander';
import { exitCodes } from '../../src/core/problem.ts';
import { buildCommand } from './commands/build.ts';
import { checkCommand } from './commands/check.ts';
import { demoLogsCommand } from './commands/demo-logs.ts';
import { headersCommand } from './commands/headers.ts';
import { previewCommand } from './commands/preview.ts';
import { summarizeCommand } from './commands/summarize.ts';

const program = new Command('mxstatus')
  .description('Turn Postfix mail logs into a public delivery-status site.')
  .showHelpAfterError('(run mxstatus help for the commands and their options)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

// In the order --help lists them.
for (const register of [summarizeCommand, buildCommand, checkCommand, previewCommand, demoLogsCommand, headersCommand]) register(program);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every wrong option or argument is a usage error.
    process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  } else {
    console.error(`mxstatus: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.error('mxstatus: this is a bug; please report it with the command line you ran');
    process.exitCode = exitCodes.internal;
  }
}
