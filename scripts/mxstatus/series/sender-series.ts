import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import type { AcceptedMessage, SmtpSession } from '../sessions/smtp-session.ts';
import { StringTable } from './string-table.ts';

export const BUCKET_MS = 5 * 60_000;
export const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const PER_DAY = DAY_MS / BUCKET_MS;

export type FailureKind = 'tls' | 'lost' | 'timeout';
const FAILURE_KINDS: readonly FailureKind[] = ['tls', 'lost', 'timeout'];

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

/** A sending host: failures per hour (hour index → count), and its latest successful TLS. */
export interface SendingHost {
  /** Of the addresses a name was seen with, the lowest (so that reading order never matters). */
  ip: string;
  readonly failuresByHour: Map<number, number>;
  lastTlsOkAt: number | null;
}

/** A series as plain data for the state of incremental runs: each day's columns as base64 bytes. */
export interface SeriesState {
  readonly sender: Sender;
  readonly trackHosts: boolean;
  readonly strings: readonly string[];
  readonly days: readonly (readonly [number, Readonly<Record<ColumnName, string>>])[];
  readonly delays: readonly (readonly [number, readonly (readonly [number, number])[]])[];
  readonly hosts: readonly (readonly [string, { readonly ip: string; readonly failuresByHour: readonly (readonly [number, number])[]; readonly lastTlsOkAt: number | null }])[];
}

const COLUMNS = ['counts', 'lastFailureAt', 'maxDelay', 'failureAt', 'failureIds', 'tlsAt', 'tlsIds'] as const;
type ColumnName = (typeof COLUMNS)[number];

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
  const perBucket = { counts: 6, lastFailureAt: 1, maxDelay: 1, failureAt: 1, failureIds: 4, tlsAt: 1, tlsIds: 4 } as const;
  // The strings still in use get new ids, so that the table does not grow with every name ever seen.
  const strings: string[] = [];
  const newIds = new Map<number, number>();
  const keep = (id: number) => {
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
      const day = new DayColumns();
      for (const name of COLUMNS) {
        const bytes = Buffer.from(columns[name], 'base64');
        new Uint8Array(day[name].buffer, day[name].byteOffset, day[name].byteLength).set(bytes);
      }
      if (index === firstDay && firstBucket > 0) {
        // Back to what a new day holds, bucket by bucket, before `before`.
        const fresh = new DayColumns();
        for (const name of COLUMNS) day[name].set(fresh[name].subarray(0, firstBucket * perBucket[name]));
      }
      for (let i = 0; i < PER_DAY; i++) {
        if (!Number.isNaN(day.failureAt[i]!)) for (let k = 0; k < 4; k++) day.failureIds[i * 4 + k] = keep(day.failureIds[i * 4 + k]!);
        if (!Number.isNaN(day.tlsAt[i]!)) for (let k = 0; k < 4; k++) day.tlsIds[i * 4 + k] = keep(day.tlsIds[i * 4 + k]!);
      }
      return [index, Object.fromEntries(COLUMNS.map((name) => [name, base64Of(day[name])])) as Record<ColumnName, string>] as const;
    });
  const hosts = state.hosts
    .map(([name, h]) => [name, { ip: h.ip, failuresByHour: h.failuresByHour.filter(([hour]) => hour >= firstHour), lastTlsOkAt: h.lastTlsOkAt !== null && h.lastTlsOkAt >= before ? h.lastTlsOkAt : null }] as const)
    .filter(([, h]) => h.failuresByHour.length > 0 || h.lastTlsOkAt !== null);
  return { ...state, strings, days, delays: state.delays.filter(([hour]) => hour >= firstHour), hosts };
}

function base64Of(column: Int32Array | Float64Array | Float32Array): string {
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength).toString('base64');
}

/** One UTC day of buckets, as columns: a bucket costs bytes, not objects. */
class DayColumns {
  readonly counts = new Int32Array(PER_DAY * 6); // connections, tlsOk, tls, lost, timeout, accepted
  readonly lastFailureAt = new Float64Array(PER_DAY).fill(Number.NaN);
  readonly maxDelay = new Float32Array(PER_DAY);
  /** First failure: at, then mx, host, ip, kind+stage as string ids. */
  readonly failureAt = new Float64Array(PER_DAY).fill(Number.NaN);
  readonly failureIds = new Int32Array(PER_DAY * 4);
  /** First TLS success: at, then mx, host, ip, suite as string ids. */
  readonly tlsAt = new Float64Array(PER_DAY).fill(Number.NaN);
  readonly tlsIds = new Int32Array(PER_DAY * 4);
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
  /** Hour index → delay bin → messages. */
  readonly #delays = new Map<number, Map<number, number>>();
  #strings = new StringTable();

  constructor(sender: Sender, trackHosts: boolean) {
    this.sender = sender;
    this.trackHosts = trackHosts;
  }

  addSession(session: SmtpSession): void {
    const at = session.connectedAt;
    const [day, i] = this.#slot(at);
    day.counts[i * 6]!++;
    const { name, ip } = session.client;
    if (session.tls) {
      day.counts[i * 6 + 1]!++;
      const suite = `${session.tls.protocol} ${session.tls.cipher}`;
      if (isEarlier(at, session.host, name, day.tlsAt[i]!, this.#strings.text(day.tlsIds[i * 4]!), this.#strings.text(day.tlsIds[i * 4 + 1]!))) {
        day.tlsAt[i] = at;
        this.#setIds(day.tlsIds, i, session.host, name, ip, suite);
      }
      if (this.trackHosts) {
        const host = this.#host(name, ip);
        if (host.lastTlsOkAt === null || at > host.lastTlsOkAt) host.lastTlsOkAt = at;
      }
    }
    const kind = failureKindOf(session);
    if (!kind) return;
    day.counts[i * 6 + 2 + FAILURE_KINDS.indexOf(kind)]!++;
    if (!(day.lastFailureAt[i]! >= at)) day.lastFailureAt[i] = at;
    if (isEarlier(at, session.host, name, day.failureAt[i]!, this.#strings.text(day.failureIds[i * 4]!), this.#strings.text(day.failureIds[i * 4 + 1]!))) {
      day.failureAt[i] = at;
      this.#setIds(day.failureIds, i, session.host, name, ip, `${kind} ${session.stage ?? ''}`);
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
    day.counts[i * 6 + 5]!++;
    if (message.delay === null) return;
    if (message.delay > day.maxDelay[i]!) day.maxDelay[i] = message.delay;
    this.#addDelays(Math.floor(message.acceptedAt / HOUR_MS), delayBin(message.delay), 1);
  }

  /** Start times of the buckets that hold anything, ascending. */
  bucketStarts(): number[] {
    const starts: number[] = [];
    for (const dayIndex of [...this.#days.keys()].sort((a, b) => a - b)) {
      const day = this.#days.get(dayIndex)!;
      for (let i = 0; i < PER_DAY; i++) {
        if (day.counts[i * 6] !== 0 || day.counts[i * 6 + 5] !== 0) starts.push(dayIndex * DAY_MS + i * BUCKET_MS);
      }
    }
    return starts;
  }

  /** The bucket that starts at `start`, or null when nothing happened in it. */
  bucket(start: number): SeriesBucket | null {
    const day = this.#days.get(Math.floor(start / DAY_MS));
    if (!day) return null;
    const i = Math.floor((start - Math.floor(start / DAY_MS) * DAY_MS) / BUCKET_MS);
    const c = day.counts;
    if (c[i * 6] === 0 && c[i * 6 + 5] === 0) return null;
    const text = (ids: Int32Array, k: number) => this.#strings.text(ids[i * 4 + k]!);
    const failureAt = day.failureAt[i]!;
    const tlsAt = day.tlsAt[i]!;
    const [kind, stage] = Number.isNaN(failureAt) ? ['tls', ''] : text(day.failureIds, 3).split(' ');
    const [protocol, cipher] = Number.isNaN(tlsAt) ? ['', ''] : text(day.tlsIds, 3).split(' ');
    return {
      connections: c[i * 6]!,
      tlsOk: c[i * 6 + 1]!,
      failures: { tls: c[i * 6 + 2]!, lost: c[i * 6 + 3]!, timeout: c[i * 6 + 4]! },
      accepted: c[i * 6 + 5]!,
      lastFailureAt: Number.isNaN(day.lastFailureAt[i]!) ? null : day.lastFailureAt[i]!,
      firstFailure: Number.isNaN(failureAt)
        ? null
        : { at: failureAt, mx: text(day.failureIds, 0), host: text(day.failureIds, 1), ip: text(day.failureIds, 2), kind: kind as FailureKind, stage: stage || null },
      firstTls: Number.isNaN(tlsAt)
        ? null
        : { at: tlsAt, mx: text(day.tlsIds, 0), host: text(day.tlsIds, 1), ip: text(day.tlsIds, 2), protocol: protocol ?? '', cipher: cipher ?? '' },
      maxDelay: day.maxDelay[i]!,
    };
  }

  /** Our delay histogram (bin → messages) of mail accepted in the hours [fromHour, toHour]. */
  delays(fromHour: number, toHour: number): Map<number, number> {
    const sum = new Map<number, number>();
    for (const [hour, bins] of this.#delays) {
      if (hour < fromHour || hour > toHour) continue;
      for (const [bin, n] of bins) sum.set(bin, (sum.get(bin) ?? 0) + n);
    }
    return sum;
  }

  /** Everything the series holds, as plain sorted data: for comparing series and for saving them. */
  snapshot(): { buckets: [number, SeriesBucket][]; delays: [number, [number, number][]][]; hosts: [string, { ip: string; failuresByHour: [number, number][]; lastTlsOkAt: number | null }][] } {
    return {
      buckets: this.bucketStarts().map((t) => [t, this.bucket(t)!]),
      delays: [...this.#delays].sort(([a], [b]) => a - b).map(([hour, bins]) => [hour, [...bins].sort(([a], [b]) => a - b)]),
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
      days: [...this.#days].map(([index, day]) => [index, Object.fromEntries(COLUMNS.map((name) => [name, base64Of(day[name])])) as Record<ColumnName, string>]),
      delays: [...this.#delays].map(([hour, bins]) => [hour, [...bins]]),
      hosts: [...this.hosts].map(([name, h]) => [name, { ip: h.ip, failuresByHour: [...h.failuresByHour], lastTlsOkAt: h.lastTlsOkAt }]),
    };
  }

  /** The series `save` described, exactly (the columns' bytes are the platform's, little-endian everywhere Node runs). */
  static restore(state: SeriesState): SenderSeries {
    const series = new SenderSeries(state.sender, state.trackHosts);
    series.#strings = StringTable.from(state.strings);
    for (const [index, columns] of state.days) {
      const day = new DayColumns();
      for (const name of COLUMNS) {
        const bytes = Buffer.from(columns[name], 'base64');
        const target = day[name];
        if (bytes.length !== target.byteLength) throw new Error(`series state of ${state.sender.id}: day ${index} column ${name} has ${bytes.length} bytes, expected ${target.byteLength}`);
        new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes);
      }
      series.#days.set(index, day);
    }
    for (const [hour, bins] of state.delays) series.#delays.set(hour, new Map(bins));
    for (const [name, h] of state.hosts) series.hosts.set(name, { ip: h.ip, failuresByHour: new Map(h.failuresByHour), lastTlsOkAt: h.lastTlsOkAt });
    return series;
  }

  /** Adds another series of the same sender (from a disjoint set of logs) into this one. */
  merge(other: SenderSeries): void {
    for (const [dayIndex, theirs] of other.#days) {
      for (let i = 0; i < PER_DAY; i++) {
        if (theirs.counts[i * 6] === 0 && theirs.counts[i * 6 + 5] === 0) continue;
        const [mine] = this.#slot(dayIndex * DAY_MS + i * BUCKET_MS);
        for (let k = 0; k < 6; k++) mine.counts[i * 6 + k]! += theirs.counts[i * 6 + k]!;
        if (!(mine.lastFailureAt[i]! >= theirs.lastFailureAt[i]!)) {
          if (!Number.isNaN(theirs.lastFailureAt[i]!)) mine.lastFailureAt[i] = theirs.lastFailureAt[i]!;
        }
        mine.maxDelay[i] = Math.max(mine.maxDelay[i]!, theirs.maxDelay[i]!);
        const t = (ids: Int32Array, k: number) => other.#strings.text(ids[i * 4 + k]!);
        const m = (ids: Int32Array, k: number) => this.#strings.text(ids[i * 4 + k]!);
        if (!Number.isNaN(theirs.failureAt[i]!) && isEarlier(theirs.failureAt[i]!, t(theirs.failureIds, 0), t(theirs.failureIds, 1), mine.failureAt[i]!, m(mine.failureIds, 0), m(mine.failureIds, 1))) {
          mine.failureAt[i] = theirs.failureAt[i]!;
          this.#setIds(mine.failureIds, i, t(theirs.failureIds, 0), t(theirs.failureIds, 1), t(theirs.failureIds, 2), t(theirs.failureIds, 3));
        }
        if (!Number.isNaN(theirs.tlsAt[i]!) && isEarlier(theirs.tlsAt[i]!, t(theirs.tlsIds, 0), t(theirs.tlsIds, 1), mine.tlsAt[i]!, m(mine.tlsIds, 0), m(mine.tlsIds, 1))) {
          mine.tlsAt[i] = theirs.tlsAt[i]!;
          this.#setIds(mine.tlsIds, i, t(theirs.tlsIds, 0), t(theirs.tlsIds, 1), t(theirs.tlsIds, 2), t(theirs.tlsIds, 3));
        }
      }
    }
    for (const [hour, bins] of other.#delays) for (const [bin, n] of bins) this.#addDelays(hour, bin, n);
    for (const [name, theirs] of other.hosts) {
      const mine = this.#host(name, theirs.ip);
      for (const [hour, n] of theirs.failuresByHour) mine.failuresByHour.set(hour, (mine.failuresByHour.get(hour) ?? 0) + n);
      if (theirs.lastTlsOkAt !== null && (mine.lastTlsOkAt === null || theirs.lastTlsOkAt > mine.lastTlsOkAt)) mine.lastTlsOkAt = theirs.lastTlsOkAt;
    }
  }

  #slot(at: number): [DayColumns, number] {
    const dayIndex = Math.floor(at / DAY_MS);
    let day = this.#days.get(dayIndex);
    if (!day) {
      day = new DayColumns();
      this.#days.set(dayIndex, day);
    }
    return [day, Math.floor((at - dayIndex * DAY_MS) / BUCKET_MS)];
  }

  #setIds(ids: Int32Array, i: number, a: string, b: string, c: string, d: string): void {
    ids[i * 4] = this.#strings.id(a);
    ids[i * 4 + 1] = this.#strings.id(b);
    ids[i * 4 + 2] = this.#strings.id(c);
    ids[i * 4 + 3] = this.#strings.id(d);
  }

  #host(name: string, ip: string): SendingHost {
    let host = this.hosts.get(name);
    if (!host) {
      host = { ip: this.#strings.text(this.#strings.id(ip)), failuresByHour: new Map(), lastTlsOkAt: null };
      this.hosts.set(this.#strings.text(this.#strings.id(name)), host);
    } else if (ip < host.ip) {
      host.ip = this.#strings.text(this.#strings.id(ip));
    }
    return host;
  }

  #addDelays(hour: number, bin: number, n: number): void {
    let bins = this.#delays.get(hour);
    if (!bins) this.#delays.set(hour, (bins = new Map()));
    bins.set(bin, (bins.get(bin) ?? 0) + n);
  }
}

/** Earlier in time, ties broken by MX and host so that the choice never depends on reading order. */
function isEarlier(at: number, mx: string, host: string, otherAt: number, otherMx: string, otherHost: string): boolean {
  if (Number.isNaN(otherAt)) return true;
  return at < otherAt || (at === otherAt && (mx < otherMx || (mx === otherMx && host < otherHost)));
}
