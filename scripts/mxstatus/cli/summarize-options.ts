import type { Command } from 'commander';
import { timeZoneOption, yearOption } from './option-parsers.ts';

/** The flags of `summarize`, which `build` shares. */
export interface SummarizeFlags {
  content: string;
  state?: string;
  tz?: string;
  year?: number;
  stats?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** The options `summarize` and `build` share. */
export function summarizeOptions(command: Command): Command {
  return command
    .option('--content <dir>', 'the content directory', 'content')
    .option('--state <file>', 'incremental mode: remember what was read in FILE and read only new lines next time')
    .option('--tz <zone>', 'IANA zone of timestamps without one (default: timeZone in content/site.yaml)', timeZoneOption)
    .option('--year <year>', 'year of BSD timestamps, which carry none (default: from each file’s mtime)', yearOption)
    .option('--stats', 'print a parse report to standard error')
    .option('--quiet', 'no progress display, and no summary line')
    .option('--json', 'print a machine-readable summary of the run to standard output');
}
