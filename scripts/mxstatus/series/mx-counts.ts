import type { SmtpSession } from '../sessions/smtp-session.ts';
import { BUCKET_MS, failureKindOf } from './sender-series.ts';

/**
 * The counts of one MX host of ours from one sender (a known organisation's id, or "other"), as
 * plain data for the state: [bucket index since 1970, connections, failures].
 */
export interface MxState {
  readonly name: string;
  readonly sender: string;
  readonly buckets: readonly (readonly [number, number, number])[];
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
  /** Host → sender → bucket index → [connections, failures]. */
  readonly #hosts = new Map<string, Map<string, Map<number, [number, number]>>>();

  add(session: SmtpSession, sender: string): void {
    let senders = this.#hosts.get(session.host);
    if (!senders) this.#hosts.set(session.host, (senders = new Map()));
    let buckets = senders.get(sender);
    if (!buckets) senders.set(sender, (buckets = new Map()));
    const index = Math.floor(session.connectedAt / BUCKET_MS);
    let counts = buckets.get(index);
    if (!counts) buckets.set(index, (counts = [0, 0]));
    counts[0]++;
    if (failureKindOf(session)) counts[1]++;
  }

  /** Per host, the start of every bucket it logged a connection in (UTC ms). */
  bucketStartsByHost(): Map<string, number[]> {
    const out = new Map<string, number[]>();
    for (const name of this.names()) {
      const starts = new Set<number>();
      for (const buckets of this.#hosts.get(name)!.values()) for (const index of buckets.keys()) starts.add(index * BUCKET_MS);
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
      for (const buckets of this.#hosts.get(name)!.values()) {
        for (const [index, [c, f]] of buckets) {
          if (index < first || index > last) continue;
          connections += c;
          failures += f;
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
      const senders = [...this.#hosts.get(name)!].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, buckets]) => {
        const lane = { id, connections: new Int32Array(count), failures: new Int32Array(count) };
        for (const [index, [c, f]] of buckets) {
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
      [...this.#hosts.get(name)!]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([sender, buckets]) => ({ name, sender, buckets: [...buckets].sort(([a], [b]) => a - b).map(([index, [c, f]]) => [index, c, f] as const) })),
    );
  }

  static restore(state: readonly MxState[]): MxCounts {
    const counts = new MxCounts();
    for (const { name, sender, buckets } of state) {
      let senders = counts.#hosts.get(name);
      if (!senders) counts.#hosts.set(name, (senders = new Map()));
      senders.set(sender, new Map(buckets.map(([index, c, f]) => [index, [c, f]])));
    }
    return counts;
  }
}

/** The state without the buckets before `keepFrom` (UTC ms), as the series are cut (see retentionStart). */
export function pruneMxState(state: readonly MxState[], keepFrom: number): MxState[] {
  const first = Math.floor(keepFrom / BUCKET_MS);
  return state.map((host) => ({ ...host, buckets: host.buckets.filter(([index]) => index >= first) })).filter((host) => host.buckets.length > 0);
}
