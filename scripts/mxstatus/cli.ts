/**
 * mxstatus — turns Postfix logs into a public delivery-status site.
 * This file is wiring only: one file per command under commands/, each loading what it runs only
 * when it runs, so that `mxstatus --help` starts in a fraction of a second.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { exitCodeMeanings, exitCodes } from '../../src/core/problem.ts';
import { buildCommand } from './commands/build.ts';
import { checkCommand } from './commands/check.ts';
import { demoLogsCommand } from './commands/demo-logs.ts';
import { headersCommand } from './commands/headers.ts';
import { previewCommand } from './commands/preview.ts';
import { summarizeCommand } from './commands/summarize.ts';
import { plainForTerminal } from './terminal-text.ts';

const program = new Command('mxstatus')
  .description('Turn Postfix mail logs into a public delivery-status site.')
  .version(packageVersion(), '-V, --version', 'print the version of mxstatus')
  .showHelpAfterError('(run mxstatus help for the commands and their options)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

// In the order --help lists them.
for (const register of [summarizeCommand, buildCommand, checkCommand, previewCommand, demoLogsCommand, headersCommand]) register(program);
program.addHelpText('after', exitCodesHelp());

// --json promises one JSON object on standard output, whatever happens; the commands print their
// own, and what escapes them is printed here.
const json = process.argv.includes('--json');

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every wrong option or argument is a usage error.
    process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    if (json && process.exitCode !== exitCodes.ok) printJsonProblem(process.exitCode, error.message.replace(/^error: /, ''));
  } else {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`mxstatus: internal error: ${message.split('\n').map(plainForTerminal).join('\n')}`);
    console.error('mxstatus: this is a bug; please report it with the command line you ran');
    process.exitCode = exitCodes.internal;
    if (json) printJsonProblem(exitCodes.internal, `internal error: ${error instanceof Error ? error.message : String(error)} (a bug; please report it)`);
  }
}

function printJsonProblem(exitCode: number, message: string): void {
  console.log(JSON.stringify({ ok: false, problems: [{ exitCode, message }] }, null, 2));
}

/** The version in package.json: the one place it is written. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** The exit codes for the end of `mxstatus --help`, from the one table in src/core/problem.ts. */
function exitCodesHelp(): string {
  const rows = Object.entries(exitCodes).map(([name, code]) => `  ${String(code).padStart(2)}  ${exitCodeMeanings[name as keyof typeof exitCodes]}`);
  return `\nExit codes:\n${rows.join('\n')}\n\nEvery error is one line on standard error that names the file or option, the problem and the fix.`;
}
