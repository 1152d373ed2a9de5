import { access, readdir, unlink } from 'node:fs/promises';
import { senderRecordSchema, type SenderRecord } from '../../../src/core/schemas/sender-record.ts';
import { join } from 'node:path';
import type { Locale } from '../../../src/core/schemas/site-config.ts';
import type { Records } from './build-records.ts';
import { createFileOnce, writeFileAtomic, type WriteOutcome } from './write-file-atomic.ts';
import { HISTORY_DAYS } from '../../../src/core/contract.ts';
import { readRecord } from '../../../src/core/records/read-records.ts';

export interface WriteReport {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  notesCreated: number;
}

/**
 * Writes the records under `<contentDir>/records/` and scaffolds a note per incident and locale.
 * Incident records that start after `firstCoveredDate` (the local date of the first log line)
 * and that this run no longer finds are removed; older ones are history and stay. Notes are created once and never touched again.
 */
export async function writeRecords(
  contentDir: string,
  records: Records,
  firstCoveredDate: string,
  locales: readonly Locale[],
): Promise<WriteReport> {
  const report: WriteReport = { created: 0, updated: 0, unchanged: 0, removed: 0, notesCreated: 0 };
  const count = (outcome: WriteOutcome) => report[outcome]++;
  const dir = join(contentDir, 'records');
  const wanted = new Set<string>();
  for (const record of records.incidents) {
    wanted.add(`${record.id}.json`);
    count(await writeFileAtomic(join(dir, 'incidents', `${record.id}.json`), serialize(record)));
  }
  for (const sender of records.senders) {
    const path = join(dir, 'senders', `${sender.id}.json`);
    const history = keepEarlierDays(await readSenderRecord(path), sender, firstCoveredDate);
    count(await writeFileAtomic(path, serialize(history)));
  }
  count(await writeFileAtomic(join(dir, 'status.json'), serialize(records.status)));

  for (const file of await listJson(join(dir, 'incidents'))) {
    if (wanted.has(file)) continue;
    // An id starts with the local start date; an incident may have begun before the logs did.
    if (file.slice(0, 10) > firstCoveredDate) {
      await unlink(join(dir, 'incidents', file));
      report.removed++;
    }
  }

  for (const record of records.incidents) {
    for (const locale of locales) {
      const path = join(contentDir, 'notes', locale, `${record.id}.md`);
      if (await exists(path)) continue;
      // Loaded only when a draft is due: date formatting is the heaviest import of the summarizer.
      const { draftNote } = await import('./draft-note.ts');
      if (await createFileOnce(path, draftNote(record, locale))) report.notesCreated++;
    }
  }
  return report;
}

/**
 * A sender's days before the logs of this run begin come from its record as written before:
 * rotated-away logs must not erase the history on the site. HISTORY_DAYS are kept.
 */
export function keepEarlierDays(previous: SenderRecord | null, fresh: SenderRecord, firstCoveredDate: string): SenderRecord {
  if (!previous) return fresh;
  const earlier = previous.days.filter((day) => day.date < firstCoveredDate && !fresh.days.some((d) => d.date === day.date));
  return { ...fresh, days: [...earlier, ...fresh.days].slice(-HISTORY_DAYS) };
}

/** The sender record as written before, or null when there is none or it is broken (then it is rewritten from the logs alone). */
async function readSenderRecord(path: string): Promise<SenderRecord | null> {
  return (await readRecord(path, senderRecordSchema, [])) ?? null;
}

/** Stable JSON: keys in schema order (as built), two-space indent, a final newline. */
export function serialize(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function listJson(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
