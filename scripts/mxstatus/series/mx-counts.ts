import type { SmtpSession } from '../sessions/smtp-session.ts';
import { PER_DAY } from './day-columns.ts';
import { BUCKET_MS, failureKindOf } from './sender-series.ts';

/**
 * The counts of one MX host of ours from one sender (a known organisation's id, or "other"), as
 * plain data for the state: [bucket index since 1970, connections, failures, …] flat, as JSON reads
 * numbers fastest (a state of mxstatus 0.3 has triples: see migrateStateForms).
 */
export interface MxState {
  readonly name: string;
  readonly sender: string;
  readonly buckets: readonly number[];
}

/** One MX host's counts laid on a timeline (see buildTimeline): all its traffic, and each sender's. */
export interface MxLane {
  readonly name: string;
  readonly connections: Int32Array;
  readonly failures: Int32Array;
  readonly senders: readonly { readonly id: string; readonly connections: Int32Array; readonly failures: Int32Array }[];
}

/**
 * Every counted connection (those of the series: port 25, no login) by the MX host of ours that
 * logged it and by sender, per 5-minute bucket: what tells a fault of one of our hosts from a
 * sender's (see detectOurIncidents), and which of our hosts an incident of ours was on.
 *
 * @example
 * const mx = new MxCounts();
 * mx.add(session, 'microsoft'); // session.host 'mx2', failed
 * mx.lanes(origin, count) // [{ name: 'mx2', connections: Int32Array [.., 1, ..], failures: Int32Array [.., 1, ..], senders: [{ id: 'microsoft', … }] }]
 */
export class MxCounts {
  /**
   * Host → sender → UTC day index → its buckets' [connections, failures] pairs (2 × PER_DAY ints):
   * a day of a busy pair is 2.3 KB, where a map entry and a pair per bucket were 40 times that.
   */
  readonly #hosts = new Map<string, Map<string, Map<number, Int32Array>>>();

  add(session: SmtpSession, sender: string): void {
    const index = Math.floor(session.connectedAt / BUCKET_MS);
    const counts = this.#day(session.host, sender, Math.floor(index / PER_DAY));
    const at = (index - Math.floor(index / PER_DAY) * PER_DAY) * 2;
    counts[at]!++;
    if (failureKindOf(session)) counts[at + 1]!++;
  }

  #day(host: string, sender: string, day: number): Int32Array {
    let senders = this.#hosts.get(host);
    if (!senders) this.#hosts.set(host, (senders = new Map()));
    let days = senders.get(sender);
    if (!days) senders.set(sender, (days = new Map()));
    let counts = days.get(day);
    if (!counts) days.set(day, (counts = new Int32Array(PER_DAY * 2)));
    return counts;
  }

  /** Every bucket of one host and sender that holds a connection: [bucket index, connections, failures], in order. */
  *#buckets(days: Map<number, Int32Array>): Generator<readonly [number, number, number]> {
    for (const day of [...days.keys()].sort((a, b) => a - b)) {
      const counts = days.get(day)!;
      for (let i = 0; i < PER_DAY; i++) if (counts[2 * i] !== 0 || counts[2 * i + 1] !== 0) yield [day * PER_DAY + i, counts[2 * i]!, counts[2 * i + 1]!];
    }
  }

  /** Per host, the start of every bucket it logged a connection in (UTC ms). */
  bucketStartsByHost(): Map<string, number[]> {
    const out = new Map<string, number[]>();
    for (const name of this.names()) {
      const starts = new Set<number>();
      for (const days of this.#hosts.get(name)!.values()) for (const [index] of this.#buckets(days)) starts.add(index * BUCKET_MS);
      out.set(name, [...starts]);
    }
    return out;
  }

  /** Our hosts in name order. */
  names(): string[] {
    return [...this.#hosts.keys()].sort();
  }

  /** Connections and failures of each host from `from` to `to` (UTC ms, whole buckets), hosts in name order. */
  between(from: number, to: number): { name: string; connections: number; failures: number }[] {
    const first = Math.floor(from / BUCKET_MS);
    const last = Math.floor(to / BUCKET_MS);
    return this.names().map((name) => {
      let connections = 0;
      let failures = 0;
      for (const days of this.#hosts.get(name)!.values()) {
        for (let day = Math.floor(first / PER_DAY); day <= Math.floor(last / PER_DAY); day++) {
          const counts = days.get(day);
          if (!counts) continue;
          for (let index = Math.max(first, day * PER_DAY); index <= Math.min(last, day * PER_DAY + PER_DAY - 1); index++) {
            connections += counts[2 * (index - day * PER_DAY)]!;
            failures += counts[2 * (index - day * PER_DAY) + 1]!;
          }
        }
      }
      return { name, connections, failures };
    });
  }

  /** Each host's counts on the timeline that starts at `origin` and holds `count` buckets, senders in id order. */
  lanes(origin: number, count: number): MxLane[] {
    const offset = Math.floor(origin / BUCKET_MS);
    return this.names().map((name) => {
      const total = { connections: new Int32Array(count), failures: new Int32Array(count) };
      const senders = [...this.#hosts.get(name)!].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, days]) => {
        const lane = { id, connections: new Int32Array(count), failures: new Int32Array(count) };
        for (const [index, c, f] of this.#buckets(days)) {
          const i = index - offset;
          if (i < 0 || i >= count) continue;
          lane.connections[i] = c;
          lane.failures[i] = f;
          total.connections[i]! += c;
          total.failures[i]! += f;
        }
        return lane;
      });
      return { name, ...total, senders };
    });
  }

  /** As plain data (a copy): hosts, senders and buckets in order, so that the state is deterministic. */
  save(): MxState[] {
    return this.names().flatMap((name) =>
      [...this.#hosts.get(name)!].sort(([a], [b]) => (a < b ? -1 : 1)).map(([sender, days]) => ({ name, sender, buckets: [...this.#buckets(days)].flat() })),
    );
  }

  static restore(state: readonly MxState[]): MxCounts {
    const counts = new MxCounts();
    for (const { name, sender, buckets } of state) {
      for (let k = 0; k + 2 < buckets.length; k += 3) {
        const [index, c, f] = [buckets[k]!, buckets[k + 1]!, buckets[k + 2]!];
        const day = Math.floor(index / PER_DAY);
        const pairs = counts.#day(name, sender, day);
        pairs[2 * (index - day * PER_DAY)] = c;
        pairs[2 * (index - day * PER_DAY) + 1] = f;
      }
    }
    return counts;
  }
}

/** The state without the buckets before `keepFrom` (UTC ms), as the series are cut (see retentionStart). */
export function pruneMxState(state: readonly MxState[], keepFrom: number): MxState[] {
  const first = Math.floor(keepFrom / BUCKET_MS);
  return state
    .map((host) => {
      const buckets: number[] = [];
      for (let k = 0; k + 2 < host.buckets.length; k += 3) if (host.buckets[k]! >= first) buckets.push(host.buckets[k]!, host.buckets[k + 1]!, host.buckets[k + 2]!);
      return { ...host, buckets };
    })
    .filter((host) => host.buckets.length > 0);
}
