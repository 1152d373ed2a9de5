import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { referenceTime } from '../read-events.ts';
import { replaceFileStreaming } from '../records/write-file-atomic.ts';

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
  /** What else the run depended on, hashed (see stampSettingsHash). */
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

const STAMP_VERSION = 1;

/** Where the stamp of a state lives. */
function stampPath(statePath: string): string {
  return `${statePath}.stamp`;
}

/** What the stamp's settings hash is made of. */
interface StampSettings {
  readonly contentDir: string;
  readonly inputs: readonly string[];
  readonly timeZone: string | null;
  readonly year: number | null;
}

/**
 * The hash of what a run's outcome depends on besides the logs, the state and the content: the
 * inputs as given, the options, site.yaml as written, mxstatus's own code (its sources' sizes and
 * times: an upgrade changes them), its packages (package-lock.json) and Node's version. Null when
 * site.yaml cannot be read (the full run reports it).
 */
export async function stampSettingsHash(settings: StampSettings): Promise<string | null> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([STAMP_VERSION, settings.inputs, settings.timeZone, settings.year, process.version]));
  const yaml = await readSmall(join(settings.contentDir, 'site.yaml'));
  if (yaml === null) return null;
  hash.update(yaml);
  for (const root of CODE_ROOTS) for (const entry of await listTree(fileURLToPath(root))) hash.update(entry.join(' ')).update('\n');
  const lock = await stat(fileURLToPath(PACKAGE_LOCK)).catch(() => null);
  hash.update(`${lock?.size ?? 0} ${lock?.mtimeMs ?? 0}`);
  return hash.digest('hex').slice(0, 32);
}

/** mxstatus's own code the summarizer runs: the command line and the shared core. */
const CODE_ROOTS = [new URL('../../mxstatus/', import.meta.url), new URL('../../../src/core/', import.meta.url)];
const PACKAGE_LOCK = new URL('../../../package-lock.json', import.meta.url);

/** A stamp or a site.yaml is small; anything larger is no stamp of ours (and no reason to read it whole). */
const MAX_STAMP_BYTES = 1 << 20;

/** A file's bytes when it is a regular file of at most MAX_STAMP_BYTES, else null. */
async function readSmall(path: string): Promise<Buffer | null> {
  try {
    const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = await file.stat();
      if (!info.isFile() || info.size > MAX_STAMP_BYTES) return null;
      return await file.readFile();
    } finally {
      await file.close();
    }
  } catch {
    return null;
  }
}

/**
 * A stamp is written only for a run whose outcome depended on nothing but what the stamp holds:
 * not when a file's time could not be believed (before 2000, or more than a day ahead: then the
 * run dated its lines against the clock, and a later run may take lines this one held back).
 */
export function stampable(files: readonly { readonly mtimeMs: number }[], nowMs: number): boolean {
  return files.every((file) => referenceTime(file.mtimeMs, nowMs) === file.mtimeMs);
}

/**
 * A full run at least this often, whatever the stamp says: it refreshes when each file was last
 * seen (files no longer among the inputs are forgotten 35 days after that).
 */
const STAMP_MAX_AGE_MS = 86_400_000;

/**
 * Every file under `dir` as [path relative to it, size, mtimeMs], in path order; an empty list
 * when it does not exist.
 */
async function listTree(dir: string): Promise<[string, number, number][]> {
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
async function listContent(contentDir: string): Promise<[string, number, number][]> {
  const records = (await listTree(join(contentDir, 'records'))).map(([path, ...rest]) => [`records/${path}`, ...rest] as [string, number, number]);
  const notes = (await listTree(join(contentDir, 'notes'))).map(([path, ...rest]) => [`notes/${path}`, ...rest] as [string, number, number]);
  return [...records, ...notes];
}

/** The identity of a file now, or null when it cannot be seen. */
async function identityOf(path: string): Promise<FileIdentity | null> {
  try {
    const info = await stat(path);
    return { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
}

function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * The stamp of a state, if it holds together and was written with this very state file; null
 * otherwise (none yet, damaged, another state).
 */
export async function readStamp(statePath: string, nowMs: number): Promise<RunStamp | null> {
  const bytes = await readSmall(stampPath(statePath));
  let stamp: unknown;
  try {
    stamp = bytes === null ? null : JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!isStamp(stamp)) return null;
  const state = await identityOf(statePath);
  if (!state || !sameIdentity(state, stamp.state) || nowMs - state.mtimeMs > STAMP_MAX_AGE_MS || nowMs < state.mtimeMs) return null;
  return stamp;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isIdentity = (value: unknown): value is FileIdentity => {
  const v = value as Partial<FileIdentity> | null;
  return typeof v === 'object' && v !== null && isNumber(v.dev) && isNumber(v.ino) && isNumber(v.size) && isNumber(v.mtimeMs);
};

/** Whether a parsed stamp has every field of the shape this version writes (a stamp of anything else is no stamp). */
function isStamp(value: unknown): value is RunStamp {
  const stamp = value as Partial<RunStamp> | null;
  if (typeof stamp !== 'object' || stamp === null || stamp.version !== STAMP_VERSION || typeof stamp.settings !== 'string' || !isIdentity(stamp.state)) return false;
  if (!Array.isArray(stamp.files) || !stamp.files.every((file: unknown) => isIdentity(file) && typeof (file as StampedFile).path === 'string' && isNumber((file as StampedFile).offset))) return false;
  if (!Array.isArray(stamp.content) || !stamp.content.every((entry) => Array.isArray(entry) && entry.length === 3 && typeof entry[0] === 'string' && isNumber(entry[1]) && isNumber(entry[2]))) return false;
  const result = stamp.result as Partial<RunStamp['result']> | undefined;
  return (
    typeof result === 'object' &&
    result !== null &&
    typeof result.covered === 'object' &&
    result.covered !== null &&
    isNumber(result.covered.first) &&
    isNumber(result.covered.last) &&
    isNumber(result.incidents) &&
    isNumber(result.records) &&
    Array.isArray(result.unmatched) &&
    result.unmatched.every((glob) => typeof glob === 'string')
  );
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
    // Still readable by this user: a file that became unreadable is the full run's to report.
    if (!(await access(path, constants.R_OK).then(() => true, () => false))) return false;
  }
  return JSON.stringify(await listContent(contentDir)) === JSON.stringify(stamp.content);
}

/**
 * Writes the stamp as the state is written (mode 0600: it names the log files, their sizes and
 * times; through a temporary file, flushed, renamed over the old one).
 */
export async function writeStamp(statePath: string, contentDir: string, stamp: Omit<RunStamp, 'version' | 'state' | 'content'>): Promise<void> {
  const state = await identityOf(statePath);
  if (!state) return;
  const text = `${JSON.stringify({ version: STAMP_VERSION, state, ...stamp, content: await listContent(contentDir) })}\n`;
  await replaceFileStreaming(stampPath(statePath), () => Readable.from([text]));
}
