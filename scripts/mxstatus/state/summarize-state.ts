import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { constants, createZstdCompress, gunzipSync, zstdDecompressSync } from 'node:zlib';
import type { SenderRule } from '../../../src/core/schemas/site-config.ts';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import type { LogSource } from '../read/read-log-lines.ts';
import { replaceFileStreaming } from '../records/write-file-atomic.ts';
import { checkStateBulk, migrateStateForms, summarizeStateSchema } from './state-schema.ts';
import { describeWriteError } from '../describe-write-error.ts';
import type { SeriesState } from '../series/sender-series.ts';
import type { MxState } from '../series/mx-counts.ts';
import type { TrackerState } from '../sessions/track-sessions.ts';
import type { OutboundRunState } from '../outbound/route-outbound.ts';

/**
 * 2: a bucket's first failure and first TLS success keep their fields apart (kind, stage;
 * protocol, cipher) instead of joined into one string. A state of version 1 is refused (exit 8).
 */
export const STATE_VERSION = 2 as const;
/** A file no longer among the inputs is remembered this long, in case it comes back (a glob that missed it once). */
const FORGET_AFTER_MS = 35 * 86_400_000;

/** How far an earlier run read one log file, known by the hash of its first line. */
export interface FilePosition {
  readonly fingerprint: string;
  /** Bytes of the (decompressed) content consumed, up to a newline. */
  readonly offset: number;
  /** As last seen: for people reading the state, and for telling a truncated file. */
  readonly path: string;
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly compressed: boolean;
  /** The latest time read from the file (settles the repeated autumn hour across runs). */
  readonly lastTime: number | null;
  /** When a run last saw it among its inputs (UTC ms of that run). */
  readonly seenAt: number;
  /** A compressed file read to its end: later runs pass over it without decompressing it. */
  readonly complete?: true;
  /**
   * Of the last file of a rotated set: per host, the time of its latest trusted mail line, and the
   * lines that still wait for confirmation (see ConfirmTimes), read again first by the next run.
   */
  readonly anchors?: readonly (readonly [string, number])[];
  readonly held?: readonly string[];
}

/** Everything one incremental run hands to the next. */
export interface SummarizeState {
  readonly version: typeof STATE_VERSION;
  /** Hash of the settings the series depend on: sender rules, own hosts, zone, year. */
  readonly settings: string;
  readonly files: readonly FilePosition[];
  readonly firstTime: number | null;
  readonly lastTime: number | null;
  readonly tracker: TrackerState;
  /** In the order the senders were first seen, which the records follow. */
  readonly series: readonly SeriesState[];
  /** Counts by our MX host (absent in a state of mxstatus 0.2: they start from this run). */
  readonly mx?: readonly MxState[];
  /** Our relays' deliveries (absent in a state of mxstatus 0.3: they start from this run). */
  readonly outbound?: OutboundRunState;
}

export interface StateSettings {
  readonly senders: readonly SenderRule[];
  readonly ownHosts: readonly string[];
  readonly timeZone: string;
  readonly year: number | null;
}

/** The hash a state carries of the settings its series were counted under. */
export function settingsHash(settings: StateSettings): string {
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 32);
}

/**
 * Reads the state of the last run: null when there is none yet (the first run reads everything).
 * A state that cannot be read, or was made by another version or under other settings, is an
 * error: reading the logs again from the start would count them twice or miss rotated ones.
 */
export async function loadState(path: string, settings: string): Promise<Result<SummarizeState | null>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return ok(null);
    return fail(exitCodes.state, `${path}: cannot read the state (${code ?? String(error)}); check its permissions`);
  }
  let state: SummarizeState;
  const notOurs = fail(exitCodes.state, `${path}: not an mxstatus state file, or damaged; ${DAMAGED_FIX(path)}`);
  try {
    state = JSON.parse(stateText(bytes)) as SummarizeState;
  } catch {
    return notOurs;
  }
  // Every state of every version is a JSON object with its version: anything else is no state.
  if (typeof state !== 'object' || state === null || Array.isArray(state) || !('version' in state)) return notOurs;
  if (state.version !== STATE_VERSION) {
    return fail(exitCodes.state, `${path}: state of another mxstatus version (${String(state.version)}); delete it and run once over all logs you keep`);
  }
  if (state.settings !== settings) {
    return fail(exitCodes.state, `${path}: made with other sender rules (of site.yaml or of this version of mxstatus), ownHosts, time zone or --year than now, so its counts do not fit; delete it and run once over all logs you keep`);
  }
  migrateStateForms(state as unknown as Parameters<typeof migrateStateForms>[0]);
  const checked = summarizeStateSchema.safeParse(state);
  const issue = checked.success ? checkStateBulk(state as unknown as Parameters<typeof checkStateBulk>[0]) : checked.error.issues[0]!;
  if (issue) return fail(exitCodes.state, `${path}: damaged (${issue.path.slice(0, 4).join('.')}: ${issue.message.slice(0, 80)}); ${DAMAGED_FIX(path)}`);
  return ok(state);
}

/**
 * The most a state may hold once decompressed. The bench's ten million lines make 13 MB; a few
 * hundred bytes of zstd can declare gigabytes, which would take the run's memory before JSON.parse
 * could refuse them.
 */
const MAX_STATE_TEXT = 512 * 1024 * 1024;

/**
 * The JSON of a state file as saveState writes it (zstd with its content checksum), or as
 * mxstatus wrote it before (gzip, known by its first two bytes); throws on anything else, on a
 * checksum that does not match and on more than MAX_STATE_TEXT bytes.
 */
export function stateText(bytes: Buffer, maxBytes = MAX_STATE_TEXT): string {
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const limit = { maxOutputLength: maxBytes };
  return (gzip ? gunzipSync(bytes, limit) : zstdDecompressSync(bytes, limit)).toString('utf8');
}

/** What to do about a state that cannot be used. */
export const DAMAGED_FIX = (path: string) => `delete it and run once over all logs you keep (mxstatus summarize --state ${path} /var/log/mail.log*)`;

/**
 * Writes the state so that a crash leaves either the old one or the new one, whole: streamed as
 * zstd-compressed JSON, a session, message or series at a time, into a temporary file beside it
 * (mode 0600, flushed), then renamed over it. A state of any size costs memory of its largest piece.
 */
export async function saveState(path: string, state: SummarizeState): Promise<Result<void>> {
  try {
    // zstd at level 1: every run writes the state. On the bench's 12.7 MB of state JSON it takes
    // 35 ms and gives 4.2 MB, where gzip at level 1 took 120 ms for 4.5 MB (and 25–40 ms against
    // 16 ms to read back); gzip at level 6 was a fifth smaller at three times gzip 1's cost. With
    // its content checksum, as gzip had its CRC: without it, one flipped bit in six was read as a
    // valid state with other numbers, names or addresses, and went on into the records.
    const params = { [constants.ZSTD_c_compressionLevel]: 1, [constants.ZSTD_c_checksumFlag]: 1 };
    await replaceFileStreaming(path, () => Readable.from(batched(stateJson(state))).pipe(createZstdCompress({ params })));
    return ok(undefined);
  } catch (error) {
    return fail(exitCodes.output, `${path}: cannot write the state, ${describeWriteError(error)}`);
  }
}

/** The state's JSON in pieces, as JSON.stringify would write it whole. */
export function* stateJson(state: SummarizeState): Generator<string> {
  const { files, tracker, series, mx, outbound, ...head } = state;
  yield JSON.stringify(head).slice(0, -1);
  yield ',"files":';
  yield* arrayJson(files);
  yield ',"tracker":{';
  let first = true;
  for (const [key, entries] of Object.entries(tracker)) {
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    yield* arrayJson(entries as readonly unknown[]);
    first = false;
  }
  yield '},"series":';
  yield* arrayJson(series);
  if (mx) {
    yield ',"mx":';
    yield* arrayJson(mx);
  }
  if (outbound) {
    const { tracker: open, series: receivers, ...rest } = outbound;
    yield `,"outbound":${JSON.stringify(rest).slice(0, -1)},"tracker":{"receivers":`;
    yield* arrayJson(open.receivers);
    yield `,"tls":${JSON.stringify(open.tls)},"senders":`;
    yield* arrayJson(open.senders ?? []);
    yield '},"series":';
    yield* arrayJson(receivers);
    yield '}';
  }
  yield '}';
}

function* arrayJson(items: readonly unknown[]): Generator<string> {
  yield '[';
  for (let i = 0; i < items.length; i++) yield `${i > 0 ? ',' : ''}${JSON.stringify(items[i])}`;
  yield ']';
}

/** Small pieces joined into about 64 KB at a time. */
function* batched(pieces: Iterable<string>): Generator<string> {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= 1 << 16) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}


/**
 * Where each input file is to be read from, and what to remember after the run: files are known by
 * their first line, which logrotate keeps whether it renames, compresses or copies-and-truncates.
 */
export class FilePositions {
  readonly #byFingerprint = new Map<string, FilePosition>();

  constructor(saved: readonly FilePosition[]) {
    for (const position of saved) this.#byFingerprint.set(position.fingerprint, position);
  }

  /** What an earlier run left of this file, known by its first line; none without a whole one. */
  #known(source: LogSource): FilePosition | undefined {
    return source.fingerprint === null ? undefined : this.#byFingerprint.get(source.fingerprint);
  }

  /** Bytes already read of this file: 0 for a new file or one that shrank below what was read (truncated and rewritten). */
  resumeAt(source: LogSource): number {
    const known = this.#known(source);
    if (!known) return 0;
    if (!source.compressed && source.size < known.offset) return 0;
    return known.offset;
  }

  /**
   * Whether an earlier run read this compressed file to its end: the same file (fingerprint,
   * device, inode and size), so nothing in it is new.
   */
  readToEnd(source: LogSource): boolean {
    const known = this.#known(source);
    return known?.complete === true && source.compressed && known.size === source.size && known.dev === source.dev && known.ino === source.ino;
  }

  /** The latest time an earlier run read from this file. */
  lastTime(source: LogSource): number | null {
    return this.#known(source)?.lastTime || null;
  }

  /** The latest trusted times per host and the waiting lines an earlier run left with this file. */
  heldBy(source: LogSource): { anchors: readonly (readonly [string, number])[]; held: readonly string[] } {
    const known = this.#known(source);
    return { anchors: known?.anchors ?? [], held: known?.held ?? [] };
  }

  /** Leaves the set's latest trusted times and its waiting lines with its last file read. */
  hold(source: LogSource, anchors: readonly (readonly [string, number])[], held: readonly string[]): void {
    const known = this.#known(source);
    if (!known) return;
    this.#byFingerprint.set(known.fingerprint, { ...known, anchors, held });
  }

  /** Records how far a file has now been read (what it held is handed on: see hold). */
  update(source: LogSource, offset: number, lastTime: number | null, nowMs: number, complete = false): void {
    if (source.fingerprint === null) return;
    // A compressed file holds what it held when it was rotated: read shorter (a .gz logrotate is
    // still writing, a damaged one), it does not make the lines already read new again.
    const known = this.#byFingerprint.get(source.fingerprint);
    this.#byFingerprint.set(source.fingerprint, {
      fingerprint: source.fingerprint,
      offset: source.compressed && known ? Math.max(known.offset, offset) : offset,
      path: source.path,
      dev: source.dev,
      ino: source.ino,
      size: source.size,
      compressed: source.compressed,
      lastTime: lastTime ?? this.lastTime(source),
      seenAt: nowMs,
      ...(source.compressed && complete ? { complete: true as const } : {}),
    });
  }

  /** What to save: every file seen lately, oldest first by when it was seen, then by path. */
  list(nowMs: number): FilePosition[] {
    return [...this.#byFingerprint.values()]
      .filter((p) => nowMs - p.seenAt <= FORGET_AFTER_MS)
      .sort((a, b) => a.seenAt - b.seenAt || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || (a.fingerprint < b.fingerprint ? -1 : 1));
  }
}
