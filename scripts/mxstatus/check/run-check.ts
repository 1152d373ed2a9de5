import { join } from 'node:path';
import { checkSiteConfigFile } from '../../../src/core/config/load-site-config.ts';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { checkNotes } from '../../../src/core/notes/read-notes.ts';
import { readRecords, isDirectory } from '../../../src/core/records/read-records.ts';
import { checkReferences } from './check-references.ts';

export interface CheckReport {
  readonly contentDir: string;
  /** One line each, `path: what is wrong (got value); fix`; any one fails the check. */
  readonly problems: readonly string[];
  /**
   * The problems a site cannot be built with (site.yaml, a record, a note that cannot be read as
   * one): `mxstatus build` stops at them before Astro starts. The others (a note no page shows, a
   * reference into nothing) leave a site that works, and the build goes on with a warning.
   */
  readonly blocking: readonly string[];
  /** How many files of each kind were read. */
  readonly checked: {
    readonly status: number;
    readonly incidents: number;
    readonly senders: number;
    readonly receivers: number;
    readonly notes: number;
  };
  /** What the reader should know that is not a problem, e.g. that nothing has been summarized yet. */
  readonly remarks: readonly string[];
}

/**
 * `mxstatus check`: validates all of a content directory without building the site — site.yaml,
 * every record and note, and the references between them — and collects every problem.
 * Fails only when there is no such directory.
 *
 * @example
 * const result = await runCheck('content');
 * if (result.ok) process.stdout.write(formatCheckReport(result.value));
 */
export async function runCheck(contentDir: string): Promise<Result<CheckReport>> {
  if (!(await isDirectory(contentDir))) {
    return fail(exitCodes.config, `${contentDir}: no such folder; pass --content DIR, the folder that holds site.yaml`);
  }
  const site = await checkSiteConfigFile(contentDir);
  const records = await readRecords(contentDir);
  const notes = await checkNotes(contentDir);
  const references = checkReferences({ contentDir, config: site.config, records, notes });

  const remarks: string[] = [];
  if (!records.present) remarks.push(`${join(contentDir, 'records')}: not there yet, as nothing has been summarized; mxstatus summarize writes it`);
  if (!site.config) remarks.push('the languages of notes and the senders of maintenance were not checked: site.yaml has problems');
  if (records.problems.length > 0) remarks.push('records are written by mxstatus summarize: rather than editing one, run it again over your logs');
  return ok({
    contentDir,
    problems: [...site.problems, ...records.problems, ...notes.problems, ...references],
    blocking: [...site.problems, ...records.problems, ...notes.broken],
    checked: { ...records.files, notes: notes.paths.size },
    remarks,
  });
}

/**
 * The report as printed: the problems, then what was checked, any remarks and the count.
 *
 * @example
 * formatCheckReport(report)
 * // 'checked content: site.yaml, status.json, 1 incident record, 11 sender records, 2 notes\nno problems\n'
 */
export function formatCheckReport(report: CheckReport): string {
  const { status, incidents, senders, receivers, notes } = report.checked;
  const files = ['site.yaml', ...(status > 0 ? ['status.json'] : []), count(incidents, 'incident record'), count(senders, 'sender record'), ...(receivers > 0 ? [count(receivers, 'receiver record')] : []), count(notes, 'note')];
  const lines = [
    ...report.problems,
    ...(report.problems.length > 0 ? [''] : []),
    `checked ${report.contentDir}: ${files.join(', ')}`,
    ...report.remarks,
    report.problems.length === 0 ? 'no problems' : count(report.problems.length, 'problem'),
  ];
  return `${lines.join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
