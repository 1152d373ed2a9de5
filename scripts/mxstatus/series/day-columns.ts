import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** How a failed connection failed: its TLS handshake, or it was lost or timed out after a stage. */
export type FailureKind = 'tls' | 'lost' | 'timeout';

export const BUCKET_MS = 5 * 60_000;
export const DAY_MS = 86_400_000;
/** Buckets in a UTC day. */
export const PER_DAY = DAY_MS / BUCKET_MS;

/** The failure kinds in the order of their counters, and as the kind of a first failure is stored. */
export const FAILURE_KINDS: readonly FailureKind[] = ['tls', 'lost', 'timeout'];

/** A bucket's counters: offsets into its COUNTS ints of `counts`; the failure kinds go by their names. */
export const Count = { connections: 0, tlsOk: 1, tls: 2, lost: 3, timeout: 4, accepted: 5 } as const;
export const COUNTS = 6;

/**
 * A bucket's first failure: offsets into its FAILURE_FIELDS ints of `failureFields`. All are
 * string ids but `kind`, an index into FAILURE_KINDS; a `stage` of NO_STRING is none.
 */
export const Failure = { mx: 0, host: 1, ip: 2, kind: 3, stage: 4 } as const;
export const FAILURE_FIELDS = 5;
/** The fields of a first failure that hold a string id (or NO_STRING). */
export const FAILURE_STRINGS = [Failure.mx, Failure.host, Failure.ip, Failure.stage] as const;

/** A bucket's first TLS success: offsets into its TLS_FIELDS string ids of `tlsFields`. */
export const Tls = { mx: 0, host: 1, ip: 2, protocol: 3, cipher: 4 } as const;
export const TLS_FIELDS = 5;

/** A string field that holds no string. */
export const NO_STRING = -1;

/** The columns, in the order the state lists them and a day's bytes hold them. */
export const COLUMNS = ['counts', 'lastFailureAt', 'maxDelay', 'failureAt', 'failureFields', 'tlsAt', 'tlsFields'] as const;
export type ColumnName = (typeof COLUMNS)[number];
/** How many values of each column a bucket has. */
export const COLUMN_WIDTH: Readonly<Record<ColumnName, number>> = {
  counts: COUNTS,
  lastFailureAt: 1,
  maxDelay: 1,
  failureAt: 1,
  failureFields: FAILURE_FIELDS,
  tlsAt: 1,
  tlsFields: TLS_FIELDS,
};
/** Bytes per value of each column. */
const COLUMN_BYTES: Readonly<Record<ColumnName, number>> = { counts: 4, lastFailureAt: 8, maxDelay: 4, failureAt: 8, failureFields: 4, tlsAt: 8, tlsFields: 4 };
/** Where each column starts in a day's bytes (each a multiple of 8, as Float64Array views need). */
const COLUMN_OFFSET = {} as Record<ColumnName, number>;
/** The bytes of one day, all columns. */
export const DAY_BYTES = COLUMNS.reduce((at, name) => {
  COLUMN_OFFSET[name] = at;
  return at + PER_DAY * COLUMN_WIDTH[name] * COLUMN_BYTES[name];
}, 0);

/**
 * One UTC day of buckets, as columns: a bucket costs bytes, not objects. Bucket i's values of a
 * column start at i × (the column's width), e.g. its accepted mail at `counts[i * COUNTS + Count.accepted]`.
 * All columns are views of one buffer (`bytes`), which is what the state saves.
 *
 * @example
 * const day = new DayColumns();
 * day.counts[i * COUNTS + Count.connections]++;
 */
export class DayColumns {
  readonly bytes: Uint8Array;
  readonly counts: Int32Array;
  readonly lastFailureAt: Float64Array;
  /** Of our delivery delays (seconds) of mail accepted in the bucket, the longest. */
  readonly maxDelay: Float32Array;
  /** When the first failure was (NaN: none), and what it was. */
  readonly failureAt: Float64Array;
  readonly failureFields: Int32Array;
  /** When the first TLS success was (NaN: none), and what it was. */
  readonly tlsAt: Float64Array;
  readonly tlsFields: Int32Array;

  /** A day where nothing happened yet; or, with `from`, a copy of those bytes (DAY_BYTES of them). */
  constructor(from?: Uint8Array) {
    const buffer = new ArrayBuffer(DAY_BYTES);
    this.bytes = new Uint8Array(buffer);
    this.counts = new Int32Array(buffer, COLUMN_OFFSET.counts, PER_DAY * COUNTS);
    this.lastFailureAt = new Float64Array(buffer, COLUMN_OFFSET.lastFailureAt, PER_DAY);
    this.maxDelay = new Float32Array(buffer, COLUMN_OFFSET.maxDelay, PER_DAY);
    this.failureAt = new Float64Array(buffer, COLUMN_OFFSET.failureAt, PER_DAY);
    this.failureFields = new Int32Array(buffer, COLUMN_OFFSET.failureFields, PER_DAY * FAILURE_FIELDS);
    this.tlsAt = new Float64Array(buffer, COLUMN_OFFSET.tlsAt, PER_DAY);
    this.tlsFields = new Int32Array(buffer, COLUMN_OFFSET.tlsFields, PER_DAY * TLS_FIELDS);
    if (from) {
      this.bytes.set(from);
    } else {
      this.lastFailureAt.fill(Number.NaN);
      this.failureAt.fill(Number.NaN);
      this.tlsAt.fill(Number.NaN);
    }
  }
}

/**
 * A day as the state keeps it: its bytes deflated, in base64 — a day of a small sender is mostly
 * empty buckets, and a state of 90 days of a dozen senders was 49 MB of JSON as plain columns,
 * read, checked and written whole by every run. A state of mxstatus 0.3 has each column apart,
 * as base64 of its bytes; it is read as well.
 */
export type EncodedDay = string | Readonly<Record<ColumnName, string>>;

/** A day's bytes for the state (little-endian everywhere Node runs). */
export function encodeDay(day: DayColumns): string {
  return deflateRawSync(day.bytes, { level: 1 }).toString('base64');
}

/** The day `encodeDay` described (or a state of 0.3), or what does not fit. */
export function decodeDay(encoded: EncodedDay): DayColumns | { readonly column: ColumnName | 'all'; readonly bytes: number; readonly expected: number } {
  if (typeof encoded === 'string') {
    let bytes: Buffer;
    try {
      bytes = inflateRawSync(Buffer.from(encoded, 'base64'), { maxOutputLength: DAY_BYTES + 1 });
    } catch {
      return { column: 'all', bytes: -1, expected: DAY_BYTES };
    }
    return bytes.length === DAY_BYTES ? new DayColumns(bytes) : { column: 'all', bytes: bytes.length, expected: DAY_BYTES };
  }
  const day = new DayColumns();
  for (const name of COLUMNS) {
    const bytes = Buffer.from(encoded[name] ?? '', 'base64');
    const target = day[name];
    if (bytes.length !== target.byteLength) return { column: name, bytes: bytes.length, expected: target.byteLength };
    new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes);
  }
  return day;
}
