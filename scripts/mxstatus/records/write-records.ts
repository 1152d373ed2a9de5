import { access, readdir, unlink } from 'node:fs/promises';
import { senderRecordSchema } from '../../../src/core/schemas/sender-record.ts';
import { receiverRecordSchema } from '../../../src/core/schemas/receiver-record.ts';
import { incidentRecordSchema, type IncidentRecord } from '../../../src/core/schemas/incident-record.ts';
import { join } from 'node:path';
import type { Locale } from '../../../src/core/schemas/site-config.ts';
import type { Records } from './build-records.ts';
import type { CoveredPeriod } from './covered-period.ts';
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

/** What the logs of each direction cover: the MX hosts' for mail to us, our relays' for our mail to others. */
export interface Coverage {
  readonly inbound: CoveredPeriod;
  readonly outbound: CoveredPeriod;
}

/**
 * Writes the records under `<contentDir>/records/` and scaffolds a note per incident and locale.
 * An incident record that this run no longer finds is removed only when every host's log of its
 * direction covers its start (see CoveredPeriod); anything else is history and stays. Notes are
 * created once and never touched again.
 */
export async function writeRecords(
  contentDir: string,
  records: Records,
  coverage: Coverage,
  locales: readonly Locale[],
): Promise<WriteReport> {
  const report: WriteReport = { created: 0, updated: 0, unchanged: 0, removed: 0, notesCreated: 0 };
  const count = (outcome: WriteOutcome) => report[outcome]++;
  const dir = join(contentDir, 'records');
  const wanted = new Set<string>();
  const before = await listJson(join(dir, 'incidents'));
  /** Incidents of this run that are a part of one written before under an earlier id: not written, no notes. */
  const parts = new Set<string>();
  for (const record of records.incidents) {
    const path = join(dir, 'incidents', `${record.id}.json`);
    const covered = coverage[record.direction];
    const previous = await readRecord(path, incidentRecordSchema, []);
    if (!previous && !covered.coversTime(Date.parse(record.startedAt)) && (await earlierRecordOf(record, before, dir, covered, records.incidents))) {
      // Its start lies before these logs begin: the record of an earlier run that saw it whole holds it.
      parts.add(record.id);
      count('unchanged');
      continue;
    }
    wanted.add(`${record.id}.json`);
    count(previous && sawMore(previous, record, covered, records.incidents) ? 'unchanged' : await writeFileAtomic(path, serialize(record)));
  }
  for (const sender of records.senders) {
    const path = join(dir, 'senders', `${sender.id}.json`);
    const history = keepEarlierDays(await readRecord(path, senderRecordSchema, []) ?? null, sender, coverage.inbound, (d) => d.connections);
    count(await writeFileAtomic(path, serialize(history)));
  }
  for (const receiver of records.receivers) {
    const path = join(dir, 'receivers', `${receiver.id}.json`);
    const history = keepEarlierDays(await readRecord(path, receiverRecordSchema, []) ?? null, receiver, coverage.outbound, (d) => d.attempts);
    count(await writeFileAtomic(path, serialize(history)));
  }
  count(await writeFileAtomic(join(dir, 'status.json'), serialize(records.status)));

  for (const file of await listJson(join(dir, 'incidents'))) {
    if (wanted.has(file)) continue;
    // An id starts with the local start date; an incident may have begun before the logs did.
    if (await coversStart(join(dir, 'incidents', file), coverage)) {
      await unlink(join(dir, 'incidents', file));
      report.removed++;
    }
  }

  for (const record of records.incidents) {
    if (parts.has(record.id)) continue;
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

/** Whether a run that covered `coverage` saw the start of this incident record (see writeRecords); a record that cannot be read is not kept for it. */
async function coversStart(path: string, coverage: Coverage): Promise<boolean> {
  const record = await readRecord(path, incidentRecordSchema, []);
  if (!record) return true;
  const covered = coverage[record.direction];
  return covered.coversTime(Date.parse(record.startedAt)) && relaysRead(record, covered);
}

/** Whether the run read the logs of every relay an outbound incident was seen on (an inbound one has none): else it is not known to be gone or smaller, whatever the other hosts logged. */
function relaysRead(record: IncidentRecord, covered: Pick<CoveredPeriod, 'hosts'>): boolean {
  return (record.outbound?.relays ?? []).every((host) => covered.hosts.has(host));
}

/**
 * Whether the record written before knows more of this incident than this run: both had ended,
 * this run saw only a part of it (no earlier start, no later end) and counted fewer failures, the
 * run's logs do not cover all of its span — one host's older rotated file is gone, or the run read
 * only recent files — and the run found no other incident of the same organisation and direction
 * within that span (it would be a part of it: the same failures must not count twice). Then the
 * earlier record stays: rotated-away logs never shrink an incident. What this run saw beyond the
 * earlier record (a later end, an incident still going on) always wins.
 */
export function sawMore(previous: IncidentRecord, fresh: IncidentRecord, covered: Pick<CoveredPeriod, 'coversSpan' | 'hosts'>, run: readonly IncidentRecord[]): boolean {
  const [start, end] = [Date.parse(previous.startedAt), Date.parse(previous.endedAt)];
  const splitInRun = run.some(
    (other) => other !== fresh && other.direction === previous.direction && other.sender.id === previous.sender.id && Date.parse(other.startedAt) <= end && Date.parse(other.endedAt) >= start,
  );
  return (
    previous.status === 'resolved' &&
    fresh.status === 'resolved' &&
    Date.parse(fresh.startedAt) >= start &&
    Date.parse(fresh.endedAt) <= end &&
    previous.failures > fresh.failures &&
    !splitInRun &&
    !(relaysRead(previous, covered) && covered.coversSpan(start, end))
  );
}

/**
 * The record an earlier run wrote of the incident `fresh` is a part of, when the run did not see
 * where `fresh` began (all hosts' files of that day rotated away, so its start and id moved on):
 * one of the same organisation and kind with an earlier date that saw more of it (sawMore).
 */
async function earlierRecordOf(fresh: IncidentRecord, files: readonly string[], dir: string, covered: Pick<CoveredPeriod, 'coversSpan' | 'hosts'>, run: readonly IncidentRecord[]): Promise<boolean> {
  const date = fresh.id.slice(0, 10);
  const subject = `${fresh.sender.id}-${fresh.kind}`;
  for (const file of files) {
    // "<date>-<sender>-<kind>.json" or "…-<n>.json"; the sender's id may itself hold hyphens.
    const rest = file.slice(11, -'.json'.length);
    if (!(file.slice(0, 10) < date && (rest === subject || (rest.startsWith(`${subject}-`) && /^\d+$/.test(rest.slice(subject.length + 1)))))) continue;
    const earlier = await readRecord(join(dir, 'incidents', file), incidentRecordSchema, []);
    if (earlier && earlier.direction === fresh.direction && sawMore(earlier, fresh, covered, run)) return true;
  }
  return false;
}

/**
 * A sender's (or receiver's) days: those every host's log covers come from this run; for the
 * others — before the logs begin, a day a file begins in the middle of, a day a host's file is
 * missing — the record as written before counts, or this run's when it saw more of the day (by
 * `size`: connections, attempts). Rotated-away logs never erase history on the site.
 * HISTORY_DAYS are kept.
 */
export function keepEarlierDays<R extends { readonly days: readonly { readonly date: string }[] }>(
  previous: R | null,
  fresh: R,
  covered: Pick<CoveredPeriod, 'coversDay'>,
  size: (day: R['days'][number]) => number,
): R {
  if (!previous) return fresh;
  const byDate = new Map(fresh.days.map((d) => [d.date, d]));
  for (const day of previous.days) {
    if (covered.coversDay(day.date)) continue;
    const now = byDate.get(day.date);
    if (!now || size(day) > size(now)) byDate.set(day.date, day);
  }
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { ...fresh, days: days.slice(-HISTORY_DAYS) };
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
