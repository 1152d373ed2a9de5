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

/**
 * One UTC day of buckets, as columns: a bucket costs bytes, not objects. Bucket i's values of a
 * column start at i × (the column's width), e.g. its accepted mail at `counts[i * COUNTS + Count.accepted]`.
 *
 * @example
 * const day = new DayColumns();
 * day.counts[i * COUNTS + Count.connections]++;
 */
export class DayColumns {
  readonly counts = new Int32Array(PER_DAY * COUNTS);
  readonly lastFailureAt = new Float64Array(PER_DAY).fill(Number.NaN);
  /** Of our delivery delays (seconds) of mail accepted in the bucket, the longest. */
  readonly maxDelay = new Float32Array(PER_DAY);
  /** When the first failure was (NaN: none), and what it was. */
  readonly failureAt = new Float64Array(PER_DAY).fill(Number.NaN);
  readonly failureFields = new Int32Array(PER_DAY * FAILURE_FIELDS);
  /** When the first TLS success was (NaN: none), and what it was. */
  readonly tlsAt = new Float64Array(PER_DAY).fill(Number.NaN);
  readonly tlsFields = new Int32Array(PER_DAY * TLS_FIELDS);
}

/** The columns, in the order the state lists them. */
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

/** A day's columns as base64 of their bytes, for the state (little-endian everywhere Node runs). */
export function encodeDay(day: DayColumns): Record<ColumnName, string> {
  return Object.fromEntries(COLUMNS.map((name) => [name, Buffer.from(day[name].buffer, day[name].byteOffset, day[name].byteLength).toString('base64')])) as Record<ColumnName, string>;
}

/** The day `encodeDay` described, or the name of the first column whose length does not fit. */
export function decodeDay(columns: Readonly<Record<ColumnName, string>>): DayColumns | { readonly column: ColumnName; readonly bytes: number; readonly expected: number } {
  const day = new DayColumns();
  for (const name of COLUMNS) {
    const bytes = Buffer.from(columns[name] ?? '', 'base64');
    const target = day[name];
    if (bytes.length !== target.byteLength) return { column: name, bytes: bytes.length, expected: target.byteLength };
    new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes);
  }
  return day;
}
