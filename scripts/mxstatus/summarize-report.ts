import type { SummarizeResult } from './run-summarize.ts';

/** The one line `mxstatus summarize` prints on success. */
export function formatSummary(result: SummarizeResult): string {
  const { incidents, written, stats } = result;
  const counts = `${incidents} incident${incidents === 1 ? '' : 's'}`;
  const outlying = stats.linesOutlying + stats.linesOutOfTime;
  const leftOut = outlying > 0 ? `; ${outlying} line${outlying === 1 ? '' : 's'} dated far from the rest left out (see --stats)` : '';
  if (!written) return `${counts}${leftOut}`;
  return `${counts}; records: ${written.created} created, ${written.updated} updated, ${written.unchanged} unchanged, ${written.removed} removed; notes: ${written.notesCreated} created${leftOut}`;
}

/**
 * The run as JSON (`--json`): what was read per file, what the records cover, what was written and
 * what went wrong. Log text never appears in it beyond the file paths given on the command line.
 */
export function summaryJson(result: SummarizeResult, durationMs: number): Record<string, unknown> {
  const { stats, covered, files, incidents, written, problems } = result;
  return {
    ok: problems.length === 0,
    durationMs: Math.round(durationMs),
    lines: stats.lines,
    linesWithoutEnvelope: stats.linesWithoutEnvelope,
    linesOutOfTime: stats.linesOutOfTime,
    linesOutlying: stats.linesOutlying,
    linesHeld: stats.held,
    givenUp: stats.givenUp,
    files: files.map((f) => ({ path: f.path, skippedBytes: f.skipped, readBytes: f.offset - f.skipped, offset: f.offset, lines: stats.files.get(f.path)?.lines ?? 0 })),
    covered: { first: new Date(covered.first).toISOString(), last: new Date(covered.last).toISOString() },
    incidents,
    records: written && { created: written.created, updated: written.updated, unchanged: written.unchanged, removed: written.removed, notesCreated: written.notesCreated },
    problems: problems.map((p) => ({ exitCode: p.exitCode, message: p.message })),
    warnings: result.warnings,
  };
}
