import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../records/write-file-atomic.ts';

/**
 * What an incremental run saw, kept beside the state (`<state>.stamp`) so that the next run can
 * tell in a few milliseconds that nothing has changed since: the same state file, the same
 * settings and code, the same input files at the same size, the same content directory. Then the
 * run would read nothing, write the same records and the same state (see runSummarize), and it
 * returns the last run's result instead. Anything that differs, or a stamp that cannot be read,
 * makes a full run: the stamp can only save work, never change an outcome.
 */
export interface RunStamp {
  readonly version: typeof STAMP_VERSION;
  /** The state file this stamp was written with (a state replaced since is another file). */
  readonly state: FileIdentity;
  /** Hash of the inputs as given, --tz and --year, site.yaml's bytes and mxstatus's own sources. */
  readonly settings: string;
  /** The input files as expanded, in reading order, as the run found them when it opened them. */
  readonly files: readonly StampedFile[];
  /** Every file under the content directory's records/ and notes/, after the run wrote. */
  readonly content: readonly (readonly [path: string, size: number, mtimeMs: number])[];
  /** What the run reported, for the run that finds nothing changed. */
  readonly result: {
    readonly covered: { readonly first: number; readonly last: number };
    readonly incidents: number;
    /** Records the run wrote or found unchanged: all of them are unchanged next time. */
    readonly records: number;
    readonly unmatched: readonly string[];
  };
}

export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface StampedFile extends FileIdentity {
  readonly path: string;
  /** Bytes of content consumed through the run. */
  readonly offset: number;
}

export const STAMP_VERSION = 1;

/** Where the stamp of a state lives. */
export function stampPath(statePath: string): string {
  return `${statePath}.stamp`;
}

/** What the stamp's settings hash is made of. */
export interface StampSettings {
  readonly contentDir: string;
  readonly inputs: readonly string[];
  readonly timeZone: string | null;
  readonly year: number | null;
}

/**
 * The hash of what a run's outcome depends on besides the logs, the state and the content: the
 * inputs as given, the options, site.yaml as written and mxstatus's own code (its sources' sizes
 * and times: an upgrade changes them). Null when site.yaml cannot be read (the full run reports it).
 */
export async function stampSettings(settings: StampSettings): Promise<string | null> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([STAMP_VERSION, settings.inputs, settings.timeZone, settings.year]));
  try {
    hash.update(await readFile(join(settings.contentDir, 'site.yaml')));
  } catch {
    return null;
  }
  for (const root of CODE_ROOTS) for (const entry of await listTree(fileURLToPath(root))) hash.update(entry.join(' ')).update('\n');
  return hash.digest('hex').slice(0, 32);
}

/** mxstatus's own code the summarizer runs: the command line and the shared core. */
const CODE_ROOTS = [new URL('../../mxstatus/', import.meta.url), new URL('../../../src/core/', import.meta.url)];

/**
 * Every file under `dir` as [path relative to it, size, mtimeMs], in path order; an empty list
 * when it does not exist.
 */
export async function listTree(dir: string): Promise<[string, number, number][]> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return [];
  }
  const entries: [string, number, number][] = [];
  for (const name of names.sort()) {
    const info = await stat(join(dir, name)).catch(() => null);
    if (info?.isFile()) entries.push([relative(dir, join(dir, name)), info.size, info.mtimeMs]);
  }
  return entries;
}

/** Records and notes, as a stamp lists them. */
export async function listContent(contentDir: string): Promise<[string, number, number][]> {
  const records = (await listTree(join(contentDir, 'records'))).map(([path, ...rest]) => [`records/${path}`, ...rest] as [string, number, number]);
  const notes = (await listTree(join(contentDir, 'notes'))).map(([path, ...rest]) => [`notes/${path}`, ...rest] as [string, number, number]);
  return [...records, ...notes];
}

/** The identity of a file now, or null when it cannot be seen. */
export async function identityOf(path: string): Promise<FileIdentity | null> {
  try {
    const info = await stat(path);
    return { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * The stamp of a state, if it holds together and was written with this very state file; null
 * otherwise (none yet, damaged, another state).
 */
export async function readStamp(statePath: string): Promise<RunStamp | null> {
  let stamp: RunStamp;
  try {
    stamp = JSON.parse(await readFile(stampPath(statePath), 'utf8')) as RunStamp;
  } catch {
    return null;
  }
  if (stamp?.version !== STAMP_VERSION || !Array.isArray(stamp.files) || !Array.isArray(stamp.content) || typeof stamp.settings !== 'string') return null;
  const state = await identityOf(statePath);
  return state && stamp.state && sameIdentity(state, stamp.state) ? stamp : null;
}

/**
 * Whether nothing a run depends on has changed since the stamp was written: the same settings
 * hash, the same input files (as expanded now) with the same identity and size, the same records
 * and notes.
 */
export async function nothingChanged(stamp: RunStamp, settings: string, files: readonly string[], contentDir: string): Promise<boolean> {
  if (stamp.settings !== settings || stamp.files.length !== files.length) return false;
  for (const [i, path] of files.entries()) {
    const stamped = stamp.files[i]!;
    const now = await identityOf(path);
    if (stamped.path !== path || !now || !sameIdentity(now, stamped)) return false;
  }
  return JSON.stringify(await listContent(contentDir)) === JSON.stringify(stamp.content);
}

/** Writes the stamp (through a temporary file, renamed over the old one). */
export async function writeStamp(statePath: string, stamp: Omit<RunStamp, 'version' | 'state'>): Promise<void> {
  const state = await identityOf(statePath);
  if (!state) return;
  await writeFileAtomic(stampPath(statePath), `${JSON.stringify({ version: STAMP_VERSION, state, ...stamp })}\n`);
}
