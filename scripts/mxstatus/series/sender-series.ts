import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import type { AcceptedMessage, SmtpSession } from '../sessions/smtp-session.ts';
import {
  BUCKET_MS,
  COLUMN_WIDTH,
  COLUMNS,
  COUNTS,
  Count,
  DAY_MS,
  DayColumns,
  decodeDay,
  encodeDay,
  Failure,
  FAILURE_FIELDS,
  FAILURE_KINDS,
  FAILURE_STRINGS,
  NO_STRING,
  PER_DAY,
  Tls,
  TLS_FIELDS,
  type EncodedDay,
  type FailureKind,
} from './day-columns.ts';
import { HourBins } from './hour-bins.ts';
import { StringTable } from './string-table.ts';

export { BUCKET_MS, type FailureKind } from './day-columns.ts';
export const HOUR_MS = 3_600_000;

/** One failed connection as evidence: rebuilt from parsed fields, never a raw log line. */
export interface FailureSample {
  readonly at: number;
  readonly mx: string;
  readonly host: string;
  readonly ip: string;
  readonly kind: FailureKind;
  readonly stage: string | null;
}

/** The first successful TLS handshake in a bucket: the evidence of a recovery. */
export interface TlsSample {
  readonly at: number;
  readonly mx: string;
  readonly host: string;
  readonly ip: string;
  readonly protocol: string;
  readonly cipher: string;
}

/** What one sender did in one 5-minute bucket. */
export interface SeriesBucket {
  readonly connections: number;
  readonly tlsOk: number;
  readonly failures: Readonly<Record<FailureKind, number>>;
  readonly accepted: number;
  readonly lastFailureAt: number | null;
  readonly firstFailure: FailureSample | null;
  readonly firstTls: TlsSample | null;
  /** The longest of our delivery delays (seconds) of mail accepted in this bucket. */
  readonly maxDelay: number;
}

/** A bucket's numbers (see SenderSeries.counts); times NaN when there was no failure. */
export interface BucketCounts {
  readonly connections: number;
  readonly tls: number;
  readonly lost: number;
  readonly timeout: number;
  readonly firstFailureAt: number;
  readonly lastFailureAt: number;
}

/**
 * Sending hosts are kept by name, each with the lowest address it was seen with. A server without
 * a name (`unknown[…]`, and every client of postscreen's TLS proxy, which logs addresses only) is
 * kept by its address instead: a hundred of them are a hundred servers, not one called "unknown".
 */
export function hostKey(name: string, ip: string): string {
  return name === 'unknown' ? `unknown[${ip}]` : name;
}

/** The name a hostKey stands for. */
export function hostNameOf(key: string): string {
  return key.startsWith('unknown[') ? 'unknown' : key;
}

/** A sending host: failures per hour (hour index → count), and its latest successful TLS. */
export interface SendingHost {
  /** Of the addresses a name was seen with, the lowest (so that reading order never matters). */
  ip: string;
  readonly failuresByHour: Map<number, number>;
  lastTlsOkAt: number | null;
}

/** A series as plain data for the state of incremental runs: each day's bytes as `encodeDay` gives them. */
export interface SeriesState {
  readonly sender: Sender;
  readonly trackHosts: boolean;
  readonly strings: readonly string[];
  readonly days: readonly (readonly [number, EncodedDay])[];
  /** Per hour [hour, bin, messages, bin, messages, …]: flat, as JSON reads numbers fastest (see migrateStateForms). */
  readonly delays: readonly (readonly number[])[];
  /** Per host its failures by hour as [hour, count, hour, count, …]. */
  readonly hosts: readonly (readonly [string, { readonly ip: string; readonly failuresByHour: readonly number[]; readonly lastTlsOkAt: number | null }])[];
}

/**
 * A saved series without what happened before `before` (the start of a 5-minute bucket): whole
 * days dropped, the buckets of the day it falls in emptied, delays and host failures of earlier
 * hours dropped (they are kept by hour: the hour `before` falls in stays whole). Restored, it is
 * the series of the same sessions and messages from `before` on (but for a host's lowest
 * address, which may come from earlier).
 *
 * @example
 * SenderSeries.restore(pruneSeriesState(series.save(), Date.UTC(2026, 0, 1)))
 */
export function pruneSeriesState(state: SeriesState, before: number): SeriesState {
  const firstDay = Math.floor(before / DAY_MS);
  const firstBucket = Math.floor((before - firstDay * DAY_MS) / BUCKET_MS);
  const firstHour = Math.floor(before / HOUR_MS);
  // The strings still in use get new ids, so that the table does not grow with every name ever seen.
  const strings: string[] = [];
  const newIds = new Map<number, number>();
  const keep = (id: number) => {
    if (id === NO_STRING) return id;
    let kept = newIds.get(id);
    if (kept === undefined) {
      kept = strings.length;
      strings.push(state.strings[id] ?? '');
      newIds.set(id, kept);
    }
    return kept;
  };
  const days = state.days
    .filter(([index]) => index >= firstDay)
    .map(([index, columns]) => {
      const day = restoredDay(state, index, columns);
      if (index === firstDay && firstBucket > 0) {
        // Back to what a new day holds, bucket by bucket, before `before`.
        const fresh = new DayColumns();
        for (const name of COLUMNS) day[name].set(fresh[name].subarray(0, firstBucket * COLUMN_WIDTH[name]));
      }
      for (let i = 0; i < PER_DAY; i++) {
        if (!Number.isNaN(day.failureAt[i]!)) {
          for (const field of FAILURE_STRINGS) day.failureFields[i * FAILURE_FIELDS + field] = keep(day.failureFields[i * FAILURE_FIELDS + field]!);
        }
        if (!Number.isNaN(day.tlsAt[i]!)) {
          for (let k = 0; k < TLS_FIELDS; k++) day.tlsFields[i * TLS_FIELDS + k] = keep(day.tlsFields[i * TLS_FIELDS + k]!);
        }
      }
      return [index, encodeDay(day)] as const;
    });
  const hosts = state.hosts
    .map(([name, h]) => [name, { ip: h.ip, failuresByHour: pairsFrom(h.failuresByHour, 0, firstHour), lastTlsOkAt: h.lastTlsOkAt !== null && h.lastTlsOkAt >= before ? h.lastTlsOkAt : null }] as const)
    .filter(([, h]) => h.failuresByHour.length > 0 || h.lastTlsOkAt !== null);
  return { ...state, strings, days, delays: state.delays.filter(([hour]) => hour! >= firstHour), hosts };
}

/** Flat pairs [key, value, …] as a map. */
function pairMap(flat: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(flat[i]!, flat[i + 1]!);
  return map;
}

/** Of flat pairs [key, value, key, value, …] from index `from`, those whose key is at least `first`. */
function pairsFrom(flat: readonly number[], from: number, first: number): number[] {
  const out: number[] = [];
  for (let i = from; i + 1 < flat.length; i += 2) if (flat[i]! >= first) out.push(flat[i]!, flat[i + 1]!);
  return out;
}

/** A saved day's columns, or an error naming the sender, the day and the column that does not fit. */
function restoredDay(state: SeriesState, index: number, columns: EncodedDay): DayColumns {
  const day = decodeDay(columns);
  if (!(day instanceof DayColumns)) {
    const what = day.bytes < 0 ? 'is not deflated data' : `has ${day.bytes} bytes, expected ${day.expected}`;
    throw new Error(`series of ${state.sender.id}: day ${index} ${day.column === 'all' ? '' : `column ${day.column} `}${what}`);
  }
  // Every string id of a first failure or TLS success names a string of the table.
  const strings = state.strings.length;
  for (let i = 0; i < PER_DAY; i++) {
    const failure = !Number.isNaN(day.failureAt[i]!);
    const tls = !Number.isNaN(day.tlsAt[i]!);
    for (let k = 0; k < FAILURE_FIELDS; k++) {
      if (!failure) break;
      const id = day.failureFields[i * FAILURE_FIELDS + k]!;
      const bad = k === Failure.kind ? !(id >= 0 && id < FAILURE_KINDS.length) : !(id === NO_STRING ? k === Failure.stage : id >= 0 && id < strings);
      if (bad) throw new Error(`series of ${state.sender.id}: day ${index} bucket ${i} names no string`);
    }
    for (let k = 0; k < TLS_FIELDS; k++) {
      if (!tls) break;
      const id = day.tlsFields[i * TLS_FIELDS + k]!;
      if (!(id >= 0 && id < strings)) throw new Error(`series of ${state.sender.id}: day ${index} bucket ${i} names no string`);
    }
  }
  return day;
}

/** Whether a finished session counts against its sender: it failed before a message was through. */
export function failureKindOf(session: SmtpSession): FailureKind | null {
  // Bots that fail at AUTH are noise, not a sender's trouble.
  if (session.authFailed) return null;
  switch (session.outcome) {
    case 'tls-failed':
      return 'tls';
    case 'lost':
      return session.stage === 'AUTH' ? null : 'lost';
    case 'timeout':
      return session.stage === 'AUTH' ? null : 'timeout';
    default:
      return null;
  }
}

/** All failed connections of a bucket, whatever their kind. */
export function failureCount(failures: Readonly<Record<FailureKind, number>>): number {
  return failures.tls + failures.lost + failures.timeout;
}

/**
 * Log-scale bins of about 10 % width: bin b holds delays up to 0.01 s × 1.1^b. Percentiles read
 * from it are exact to within one bin.
 */
export function delayBin(seconds: number): number {
  return seconds <= 0.01 ? 0 : Math.ceil(Math.log(seconds / 0.01) / Math.log(1.1));
}

/**
 * The median, 95th percentile and longest of a delay histogram (bin → messages), in seconds,
 * each at most `max` (the longest known exactly); null without messages.
 *
 * @example
 * delayPercentiles(new Map([[delayBin(2), 9], [delayBin(600), 1]]), 600) // { messages: 10, p50Seconds: 2.x, p95Seconds: 600, maxSeconds: 600 }
 */
export function delayPercentiles(bins: ReadonlyMap<number, number>, max: number): { messages: number; p50Seconds: number; p95Seconds: number; maxSeconds: number } | null {
  let messages = 0;
  for (const n of bins.values()) messages += n;
  if (messages === 0) return null;
  const sorted = [...bins].sort(([a], [b]) => a - b);
  const round2 = (value: number) => Math.round(value * 100) / 100;
  const percentile = (p: number) => {
    let seen = 0;
    for (const [bin, n] of sorted) {
      seen += n;
      if (seen >= p * messages) return round2(Math.min(delayOfBin(bin), max));
    }
    return round2(max);
  };
  return { messages, p50Seconds: percentile(0.5), p95Seconds: percentile(0.95), maxSeconds: round2(max) };
}

export function delayOfBin(bin: number): number {
  return 0.01 * 1.1 ** bin;
}

/**
 * One sender's counters in 5-minute buckets (connections, TLS successes, failures by kind, mail
 * accepted), our delivery delays per hour, and its sending hosts. Series add up: merging the series
 * of two disjoint log sets gives the series of both.
 *
 * @example
 * const series = new SenderSeries(sender, true);
 * series.addSession(session); series.addMessage(message);
 * series.bucket(Date.UTC(2026, 2, 23, 16, 40))?.failures.tls // 57
 */
export class SenderSeries {
  readonly sender: Sender;
  /** Whether sending hosts are kept by name (only for organisations the site may name). */
  readonly trackHosts: boolean;
  readonly hosts = new Map<string, SendingHost>();
  readonly #days = new Map<number, DayColumns>();
  /**
   * Days as the state had them when restored, still unchanged: saved again as they are (an
   * incremental run touches a day or two of a hundred, and encoding them all was a tenth of it).
   */
  readonly #encoded = new Map<number, string>();
  /** Hour index → delay bin → messages. */
  #delays = new HourBins();
  #strings = new StringTable();

  constructor(sender: Sender, trackHosts: boolean) {
    this.sender = sender;
    this.trackHosts = trackHosts;
  }

  addSession(session: SmtpSession): void {
    const at = session.connectedAt;
    const [day, i] = this.#slot(at);
    const counts = i * COUNTS; // this bucket's counters start here
    day.counts[counts + Count.connections]!++;
    const { name, ip } = session.client;
    if (session.tls) {
      day.counts[counts + Count.tlsOk]!++;
      const tls = i * TLS_FIELDS;
      if (isEarlier(at, session.host, name, day.tlsAt[i]!, this.#text(day.tlsFields, tls + Tls.mx), this.#text(day.tlsFields, tls + Tls.host))) {
        day.tlsAt[i] = at;
        this.#setTls(day.tlsFields, tls, session.host, name, ip, session.tls.protocol, session.tls.cipher);
      }
      if (this.trackHosts) {
        const host = this.#host(name, ip);
        if (host.lastTlsOkAt === null || at > host.lastTlsOkAt) host.lastTlsOkAt = at;
      }
    }
    const kind = failureKindOf(session);
    if (!kind) return;
    day.counts[counts + Count[kind]]!++;
    if (!(day.lastFailureAt[i]! >= at)) day.lastFailureAt[i] = at;
    const failure = i * FAILURE_FIELDS;
    if (isEarlier(at, session.host, name, day.failureAt[i]!, this.#text(day.failureFields, failure + Failure.mx), this.#text(day.failureFields, failure + Failure.host))) {
      day.failureAt[i] = at;
      this.#setFailure(day.failureFields, failure, session.host, name, ip, kind, session.stage);
    }
    if (this.trackHosts) {
      const hour = Math.floor(at / HOUR_MS);
      const failures = this.#host(name, ip).failuresByHour;
      failures.set(hour, (failures.get(hour) ?? 0) + 1);
    }
  }

  /** Counts one accepted message and, once delivered, our delay for it. */
  addMessage(message: AcceptedMessage): void {
    const [day, i] = this.#slot(message.acceptedAt);
    day.counts[i * COUNTS + Count.accepted]!++;
    if (message.delay === null) return;
    if (message.delay > day.maxDelay[i]!) day.maxDelay[i] = message.delay;
    this.#delays.add(Math.floor(message.acceptedAt / HOUR_MS), delayBin(message.delay), 1);
  }

  /** Start times of the buckets that hold anything, ascending. */
  bucketStarts(): number[] {
    const starts: number[] = [];
    for (const dayIndex of [...this.#days.keys()].sort((a, b) => a - b)) {
      const day = this.#days.get(dayIndex)!;
      for (let i = 0; i < PER_DAY; i++) {
        if (holdsAnything(day, i)) starts.push(dayIndex * DAY_MS + i * BUCKET_MS);
      }
    }
    return starts;
  }

  /** The bucket that starts at `start`, or null when nothing happened in it. */
  bucket(start: number): SeriesBucket | null {
    const found = this.#filled(start);
    if (!found) return null;
    const [day, i] = found;
    const c = i * COUNTS;
    return {
      connections: day.counts[c + Count.connections]!,
      tlsOk: day.counts[c + Count.tlsOk]!,
      failures: { tls: day.counts[c + Count.tls]!, lost: day.counts[c + Count.lost]!, timeout: day.counts[c + Count.timeout]! },
      accepted: day.counts[c + Count.accepted]!,
      lastFailureAt: Number.isNaN(day.lastFailureAt[i]!) ? null : day.lastFailureAt[i]!,
      firstFailure: this.#firstFailure(day, i),
      firstTls: this.#firstTls(day, i),
      maxDelay: day.maxDelay[i]!,
    };
  }

  /**
   * The numbers of the bucket that starts at `start` (no samples, so no strings and no objects
   * but this one), or null when nothing happened in it: what timelines and daily histories read
   * of every bucket.
   */
  counts(start: number): BucketCounts | null {
    const found = this.#filled(start);
    if (!found) return null;
    const [day, i] = found;
    const c = i * COUNTS;
    return {
      connections: day.counts[c + Count.connections]!,
      tls: day.counts[c + Count.tls]!,
      lost: day.counts[c + Count.lost]!,
      timeout: day.counts[c + Count.timeout]!,
      firstFailureAt: day.failureAt[i]!,
      lastFailureAt: day.lastFailureAt[i]!,
    };
  }

  /** Our delay histogram (bin → messages) of mail accepted in the hours [fromHour, toHour]. */
  delays(fromHour: number, toHour: number): Map<number, number> {
    return this.#delays.sum(fromHour, toHour);
  }

  /** Everything the series holds, as plain sorted data: for comparing series and for saving them. */
  snapshot(): { buckets: [number, SeriesBucket][]; delays: [number, [number, number][]][]; hosts: [string, { ip: string; failuresByHour: [number, number][]; lastTlsOkAt: number | null }][] } {
    return {
      buckets: this.bucketStarts().map((t) => [t, this.bucket(t)!]),
      delays: this.#delays.entries(),
      hosts: [...this.hosts]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, h]) => [name, { ip: h.ip, failuresByHour: [...h.failuresByHour].sort(([a], [b]) => a - b), lastTlsOkAt: h.lastTlsOkAt }]),
    };
  }

  /** Everything the series holds, for the state of incremental runs; `restore` reads it back. */
  save(): SeriesState {
    return {
      sender: this.sender,
      trackHosts: this.trackHosts,
      strings: this.#strings.all(),
      days: [...this.#days].map(([index, day]) => [index, this.#encoded.get(index) ?? encodeDay(day)]),
      delays: this.#delays.rows(),
      hosts: [...this.hosts].map(([name, h]) => [name, { ip: h.ip, failuresByHour: [...h.failuresByHour].flat(), lastTlsOkAt: h.lastTlsOkAt }]),
    };
  }

  /** The series `save` described, exactly. */
  static restore(state: SeriesState): SenderSeries {
    const series = new SenderSeries(state.sender, state.trackHosts);
    series.#strings = StringTable.from(state.strings);
    for (const [index, columns] of state.days) {
      series.#days.set(index, restoredDay(state, index, columns));
      // A day of an older state is saved in today's form (once, at the next save).
      if (typeof columns === 'string') series.#encoded.set(index, columns);
    }
    series.#delays = HourBins.from(state.delays);
    for (const [name, h] of state.hosts) {
      // A state of 0.3 kept every server without a name as one host "unknown" (with all their
      // failures): left out, as a sample of one address would misstate them (see hostKey).
      if (name === 'unknown') continue;
      series.hosts.set(name, { ip: h.ip, failuresByHour: pairMap(h.failuresByHour), lastTlsOkAt: h.lastTlsOkAt });
    }
    return series;
  }

  /** Adds another series of the same sender (from a disjoint set of logs) into this one. */
  merge(other: SenderSeries): void {
    for (const [dayIndex, theirs] of other.#days) {
      for (let i = 0; i < PER_DAY; i++) {
        if (!holdsAnything(theirs, i)) continue;
        const [mine] = this.#slot(dayIndex * DAY_MS + i * BUCKET_MS);
        for (let k = i * COUNTS; k < (i + 1) * COUNTS; k++) mine.counts[k]! += theirs.counts[k]!;
        if (!(mine.lastFailureAt[i]! >= theirs.lastFailureAt[i]!)) {
          if (!Number.isNaN(theirs.lastFailureAt[i]!)) mine.lastFailureAt[i] = theirs.lastFailureAt[i]!;
        }
        mine.maxDelay[i] = Math.max(mine.maxDelay[i]!, theirs.maxDelay[i]!);
        // Their first failure and TLS success, as strings: the two series number them differently.
        const failure = i * FAILURE_FIELDS;
        const f = other.#firstFailure(theirs, i);
        if (f && isEarlier(f.at, f.mx, f.host, mine.failureAt[i]!, this.#text(mine.failureFields, failure + Failure.mx), this.#text(mine.failureFields, failure + Failure.host))) {
          mine.failureAt[i] = f.at;
          this.#setFailure(mine.failureFields, failure, f.mx, f.host, f.ip, f.kind, f.stage);
        }
        const tls = i * TLS_FIELDS;
        const t = other.#firstTls(theirs, i);
        if (t && isEarlier(t.at, t.mx, t.host, mine.tlsAt[i]!, this.#text(mine.tlsFields, tls + Tls.mx), this.#text(mine.tlsFields, tls + Tls.host))) {
          mine.tlsAt[i] = t.at;
          this.#setTls(mine.tlsFields, tls, t.mx, t.host, t.ip, t.protocol, t.cipher);
        }
      }
    }
    this.#delays.merge(other.#delays);
    for (const [name, theirs] of other.hosts) {
      const mine = this.#host(name, theirs.ip);
      for (const [hour, n] of theirs.failuresByHour) mine.failuresByHour.set(hour, (mine.failuresByHour.get(hour) ?? 0) + n);
      if (theirs.lastTlsOkAt !== null && (mine.lastTlsOkAt === null || theirs.lastTlsOkAt > mine.lastTlsOkAt)) mine.lastTlsOkAt = theirs.lastTlsOkAt;
    }
  }

  /** The bucket that starts at `start` (its day and index), or null when nothing happened in it. */
  #filled(start: number): [DayColumns, number] | null {
    const day = this.#days.get(Math.floor(start / DAY_MS));
    if (!day) return null;
    const i = Math.floor((start - Math.floor(start / DAY_MS) * DAY_MS) / BUCKET_MS);
    return holdsAnything(day, i) ? [day, i] : null;
  }

  /** A bucket to write to: its day, and its index in the day. */
  #slot(at: number): [DayColumns, number] {
    const dayIndex = Math.floor(at / DAY_MS);
    this.#encoded.delete(dayIndex);
    let day = this.#days.get(dayIndex);
    if (!day) {
      day = new DayColumns();
      this.#days.set(dayIndex, day);
    }
    return [day, Math.floor((at - dayIndex * DAY_MS) / BUCKET_MS)];
  }

  /** The string whose id is at `offset` of `fields`. */
  #text(fields: Int32Array, offset: number): string {
    return this.#strings.text(fields[offset]!);
  }

  #setFailure(fields: Int32Array, offset: number, mx: string, host: string, ip: string, kind: FailureKind, stage: string | null): void {
    fields[offset + Failure.mx] = this.#strings.id(mx);
    fields[offset + Failure.host] = this.#strings.id(host);
    fields[offset + Failure.ip] = this.#strings.id(ip);
    fields[offset + Failure.kind] = FAILURE_KINDS.indexOf(kind);
    fields[offset + Failure.stage] = stage === null ? NO_STRING : this.#strings.id(stage);
  }

  #setTls(fields: Int32Array, offset: number, mx: string, host: string, ip: string, protocol: string, cipher: string): void {
    fields[offset + Tls.mx] = this.#strings.id(mx);
    fields[offset + Tls.host] = this.#strings.id(host);
    fields[offset + Tls.ip] = this.#strings.id(ip);
    fields[offset + Tls.protocol] = this.#strings.id(protocol);
    fields[offset + Tls.cipher] = this.#strings.id(cipher);
  }

  #firstFailure(day: DayColumns, i: number): FailureSample | null {
    const at = day.failureAt[i]!;
    if (Number.isNaN(at)) return null;
    const fields = day.failureFields;
    const offset = i * FAILURE_FIELDS;
    const stage = fields[offset + Failure.stage]!;
    return {
      at,
      mx: this.#text(fields, offset + Failure.mx),
      host: this.#text(fields, offset + Failure.host),
      ip: this.#text(fields, offset + Failure.ip),
      kind: FAILURE_KINDS[fields[offset + Failure.kind]!]!,
      stage: stage === NO_STRING ? null : this.#strings.text(stage),
    };
  }

  #firstTls(day: DayColumns, i: number): TlsSample | null {
    const at = day.tlsAt[i]!;
    if (Number.isNaN(at)) return null;
    const fields = day.tlsFields;
    const offset = i * TLS_FIELDS;
    return {
      at,
      mx: this.#text(fields, offset + Tls.mx),
      host: this.#text(fields, offset + Tls.host),
      ip: this.#text(fields, offset + Tls.ip),
      protocol: this.#text(fields, offset + Tls.protocol),
      cipher: this.#text(fields, offset + Tls.cipher),
    };
  }

  #host(name: string, ip: string): SendingHost {
    const key = hostKey(name, ip);
    let host = this.hosts.get(key);
    if (!host) {
      host = { ip: this.#strings.text(this.#strings.id(ip)), failuresByHour: new Map(), lastTlsOkAt: null };
      this.hosts.set(this.#strings.text(this.#strings.id(key)), host);
    } else if (ip < host.ip) {
      host.ip = this.#strings.text(this.#strings.id(ip));
    }
    return host;
  }
}

/** Whether anything happened in bucket i: a connection, or mail accepted. */
function holdsAnything(day: DayColumns, i: number): boolean {
  return day.counts[i * COUNTS + Count.connections] !== 0 || day.counts[i * COUNTS + Count.accepted] !== 0;
}

/** Earlier in time, ties broken by MX and host so that the choice never depends on reading order. */
function isEarlier(at: number, mx: string, host: string, otherAt: number, otherMx: string, otherHost: string): boolean {
  if (Number.isNaN(otherAt)) return true;
  return at < otherAt || (at === otherAt && (mx < otherMx || (mx === otherMx && host < otherHost)));
}
