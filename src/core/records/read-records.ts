import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { z } from 'astro/zod';
import { incidentRecordSchema, type IncidentRecord } from '../schemas/incident-record.ts';
import { senderRecordSchema, type SenderRecord } from '../schemas/sender-record.ts';
import { receiverRecordSchema, type ReceiverRecord } from '../schemas/receiver-record.ts';
import { statusRecordSchema, type StatusRecord } from '../schemas/status-record.ts';
import { describeSchemaIssues } from '../config/describe-schema-issue.ts';
import { limitProblems } from './limit-problems.ts';

/** The fix for a broken record: records are machine-written, so the writer rewrites them. */
export const REWRITE_RECORD = 'run mxstatus summarize again over your logs to rewrite it';

/** A file that passed its schema, where it lives and its id (the file name without extension). */
export interface Located<T> {
  readonly path: string;
  readonly id: string;
  readonly data: T;
}

export interface ContentRecords {
  /** False while `content/records/` does not exist: nothing has been summarized yet. */
  readonly present: boolean;
  readonly status: Located<StatusRecord> | null;
  /** The records that passed their schema. */
  readonly incidents: readonly Located<IncidentRecord>[];
  readonly senders: readonly Located<SenderRecord>[];
  /** Our delivery to each receiving organisation (`receivers/`, records version 2; none without relay logs). */
  readonly receivers: readonly Located<ReceiverRecord>[];
  /** Ids of every incident, sender and receiver file, valid or not: a broken file is not also a missing one. */
  readonly incidentIds: ReadonlySet<string>;
  readonly senderIds: ReadonlySet<string>;
  readonly receiverIds: ReadonlySet<string>;
  /** Files read: status.json, incident, sender and receiver records. */
  readonly files: { readonly status: number; readonly incidents: number; readonly senders: number; readonly receivers: number };
  readonly problems: readonly string[];
}

/**
 * The one reader of `<contentDir>/records/` outside the Astro build (`mxstatus check`,
 * `mxstatus headers`, the records writer): every file is read against its schema, and each
 * record's id must be its file name (the site links by id; the summarizer finds a record by its
 * file name). A broken file is never thrown: it is left out, with one line in `problems` that
 * names the file, what is wrong, and the fix.
 *
 * @example
 * (await readRecords('content')).problems // ['content/records/incidents/x.json:3: not valid JSON: …; run mxstatus summarize again …']
 */
export async function readRecords(contentDir: string): Promise<ContentRecords> {
  const dir = join(contentDir, 'records');
  const problems: string[] = [];
  const present = await isDirectory(dir);
  const statusPath = join(dir, 'status.json');
  const status = present ? await readRecord(statusPath, statusRecordSchema, problems) : null;
  if (present && status === undefined) problems.push(`${statusPath}: missing; ${REWRITE_RECORD}: the home page shows no state without it`);

  const incidents = await readRecordFolder(join(dir, 'incidents'), incidentRecordSchema, problems);
  const senders = await readRecordFolder(join(dir, 'senders'), senderRecordSchema, problems);
  const receivers = await readRecordFolder(join(dir, 'receivers'), receiverRecordSchema, problems);
  return {
    present,
    status: status ? { path: statusPath, id: 'status', data: status } : null,
    incidents: incidents.valid,
    senders: senders.valid,
    receivers: receivers.valid,
    incidentIds: incidents.ids,
    senderIds: senders.ids,
    receiverIds: receivers.ids,
    files: { status: present && status !== undefined ? 1 : 0, incidents: incidents.ids.size, senders: senders.ids.size, receivers: receivers.ids.size },
    problems,
  };
}

async function readRecordFolder<T extends { id: string }>(dir: string, schema: z.ZodType<T>, problems: string[]) {
  const valid: Located<T>[] = [];
  const ids = new Set<string>();
  for (const file of await listJsonFiles(dir, problems)) {
    const path = join(dir, file);
    const id = basename(file, '.json');
    ids.add(id);
    const data = await readRecord(path, schema, problems);
    if (!data) continue;
    if (data.id !== id) {
      problems.push(`${path}: id: not the file name (got ${JSON.stringify(data.id)}); rename the file to ${data.id}.json, or ${REWRITE_RECORD}`);
      continue;
    }
    valid.push({ path, id, data });
  }
  return { valid, ids };
}

/** The record, or null when it is broken (its problems are added), or undefined when there is no file. */
export async function readRecord<T>(path: string, schema: z.ZodType<T>, problems: string[]): Promise<T | null | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    problems.push(`${path}: cannot read it (${code ?? 'error'}); check its permissions`);
    return null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    problems.push(describeJsonError(path, text, error));
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  problems.push(...limitProblems(describeSchemaIssues(parsed.error.issues, raw, { schema }).map((line) => `${path}: ${line}`)));
  return null;
}

/**
 * "content/records/status.json:3: not valid JSON: expected double-quoted property name (got "}"); …"
 * from V8's "Expected double-quoted property name in JSON at position 12 (line 3 column 1)".
 */
function describeJsonError(path: string, text: string, error: unknown): string {
  if (text.trim() === '') return `${path}: empty; ${REWRITE_RECORD}`;
  const message = error instanceof Error ? error.message : String(error);
  const line = Number(/\(line (\d+) column \d+\)/.exec(message)?.[1] ?? 0);
  const reason = message
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/^./, (first) => first.toLowerCase());
  const written = line > 0 ? (text.split('\n')[line - 1] ?? '').trim() : '';
  return `${path}${line > 0 ? `:${line}` : ''}: not valid JSON: ${reason}${written ? ` (got ${JSON.stringify(written)})` : ''}; ${REWRITE_RECORD}`;
}

async function listJsonFiles(dir: string, problems: string[]): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') problems.push(`${dir}: cannot read it (${code ?? 'error'}); make it a readable folder`);
    return [];
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
