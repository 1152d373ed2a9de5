#!/usr/bin/env node
/**
 * mxstatus — turns Postfix logs into a public delivery-status site.
 * This file is wiring only: parse options, call a run function, report, set the exit code.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { writeDemoLogs } from './mxstatus/demo/write-demo-logs.ts';
import { exitCodes, type Problem } from './mxstatus/problem.ts';
import { runSummarize } from './mxstatus/run-summarize.ts';
import { formatParseStats } from './mxstatus/parse/format-parse-stats.ts';
import { formatHeadersReport, runHeaders } from './mxstatus/headers/run-headers.ts';
import { text } from 'node:stream/consumers';

const program = new Command('mxstatus')
  .description('Turn Postfix mail logs into a public delivery-status site.')
  .showHelpAfterError('(run mxstatus help for the commands and their options)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

program
  .command('summarize')
  .description('Read mail logs and write incident records and draft notes under content/.')
  .argument('<files...>', 'log files or globs, plain or .gz; - reads standard input')
  .option('--content <dir>', 'the content directory', 'content')
  .option('--tz <zone>', 'IANA zone of timestamps without one (default: timeZone in content/site.yaml)', timeZoneOption)
  .option('--year <year>', 'year of BSD timestamps, which carry none (default: from each file’s mtime)', yearOption)
  .option('--stats', 'print a parse report to standard error')
  .action(async (files: string[], options: { content: string; tz?: string; year?: number; stats?: boolean }) => {
    const result = await runSummarize({
      contentDir: options.content,
      inputs: files,
      ...(options.tz ? { timeZone: options.tz } : {}),
      ...(options.year ? { year: options.year } : {}),
      nowMs: Date.now(),
    });
    if (!result.ok) return report(result.problem);
    const { stats, written, problems, incidents } = result.value;
    if (options.stats) process.stderr.write(formatParseStats(stats));
    if (written) {
      console.log(
        `${incidents} incident${incidents === 1 ? '' : 's'}; records: ${written.created} created, ${written.updated} updated, ${written.unchanged} unchanged, ${written.removed} removed; notes: ${written.notesCreated} created`,
      );
    }
    // The readable files were summarized; the first unreadable one decides the exit code.
    for (const problem of problems) console.error(`mxstatus: ${problem.message}`);
    if (problems[0]) process.exitCode = problems[0].exitCode;
  });

program
  .command('demo-logs')
  .description('Write the bundled demo: nine days of Postfix logs of two MX hosts around the Outlook.com incident.')
  .requiredOption('--out <dir>', 'directory to write mx1/ and mx2/ into')
  .option('--seed <n>', 'random seed (the bundled demo uses the default)', integerOption)
  .action(async (options: { out: string; seed?: number }) => {
    const result = await writeDemoLogs(options.out, options.seed);
    if (!result.ok) return report(result.problem);
    for (const path of result.value) console.log(path);
  });

program
  .command('headers')
  .description('Read the headers of a late mail on standard input: where the time was lost, and which incident explains it.')
  .option('--content <dir>', 'the content directory', 'content')
  .option('--json', 'print the analysis as JSON (every hop with its delay in seconds, the matched incident id)')
  .action(async (options: { content: string; json?: boolean }) => {
    const result = await runHeaders(options.content, await text(process.stdin));
    if (!result.ok) return report(result.problem);
    const { analysis, explanation } = result.value;
    if (options.json) {
      const hops = analysis.hops.map((hop) => ({
        number: hop.number,
        from: hop.received.from?.name ?? null,
        by: hop.received.by?.name ?? null,
        at: hop.received.date === null ? null : new Date(hop.received.date).toISOString(),
        delaySeconds: hop.delaySeconds,
        clockSkew: hop.clockSkew,
        tls: hop.received.tls,
      }));
      const { handOff, split, verdict } = explanation;
      const matched = handOff && {
        hop: handOff.hop,
        sender: handOff.sender && { id: handOff.sender.id, name: handOff.sender.name },
        waitedSeconds: handOff.waitedSeconds,
        incidentId: verdict.kind === 'incident' ? verdict.incident.id : null,
      };
      console.log(JSON.stringify({ hops, totalSeconds: analysis.totalSeconds, split, verdict: verdict.kind, notes: analysis.notes, authentication: analysis.authentication, handOff: matched }, null, 2));
    } else {
      process.stdout.write(formatHeadersReport(result.value));
    }
  });

function report(problem: Problem): void {
  console.error(`mxstatus: ${problem.message}`);
  process.exitCode = problem.exitCode;
}

function timeZoneOption(value: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    throw new InvalidArgumentError('not an IANA time zone; use a name such as Europe/Berlin or UTC.');
  }
}

function yearOption(value: string): number {
  const year = integerOption(value);
  if (year < 1970 || year > 9999) throw new InvalidArgumentError('use a four-digit year such as 2026.');
  return year;
}

function integerOption(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('not a whole number.');
  return Number(value);
}

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
