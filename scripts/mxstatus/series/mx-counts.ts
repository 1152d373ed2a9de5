import type { SmtpSession } from '../sessions/smtp-session.ts';
import { BUCKET_MS, failureKindOf } from './sender-series.ts';

/** The counts of one MX host of ours, as plain data for the state: [bucket index since 1970, connections, failures]. */
export interface MxState {
  readonly name: string;
  readonly buckets: readonly (readonly [number, number, number])[];
}

/** One MX host's counts laid on a timeline (see buildTimeline). */
export interface MxLane {
  readonly name: string;
  readonly connections: Int32Array;
  readonly failures: Int32Array;
}

/**
 * Every counted connection (those of the series: port 25, no login, any sender) by the MX host of
 * ours that logged it, per 5-minute bucket: what tells a fault of one of our hosts from a sender's
 * (see detectOurIncidents), and which of our hosts an incident of ours was on.
 *
 * @example
 * const mx = new MxCounts();
 * mx.add(session); // session.host 'mx2', failed
 * mx.lanes(origin, count) // [{ name: 'mx2', connections: Int32Array [.., 1, ..], failures: Int32Array [.., 1, ..] }]
 */
export class MxCounts {
  /** Host → bucket index → [connections, failures]. */
  readonly #hosts = new Map<string, Map<number, [number, number]>>();

  add(session: SmtpSession): void {
    let buckets = this.#hosts.get(session.host);
    if (!buckets) this.#hosts.set(session.host, (buckets = new Map()));
    const index = Math.floor(session.connectedAt / BUCKET_MS);
    let counts = buckets.get(index);
    if (!counts) buckets.set(index, (counts = [0, 0]));
    counts[0]++;
    if (failureKindOf(session)) counts[1]++;
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
      for (const [index, [c, f]] of this.#hosts.get(name)!) {
        if (index < first || index > last) continue;
        connections += c;
        failures += f;
      }
      return { name, connections, failures };
    });
  }

  /** Each host's counts on the timeline that starts at `origin` and holds `count` buckets. */
  lanes(origin: number, count: number): MxLane[] {
    const offset = Math.floor(origin / BUCKET_MS);
    return this.names().map((name) => {
      const lane = { name, connections: new Int32Array(count), failures: new Int32Array(count) };
      for (const [index, [c, f]] of this.#hosts.get(name)!) {
        const i = index - offset;
        if (i < 0 || i >= count) continue;
        lane.connections[i] = c;
        lane.failures[i] = f;
      }
      return lane;
    });
  }

  /** As plain data (a copy): hosts and buckets in order, so that the state is deterministic. */
  save(): MxState[] {
    return this.names().map((name) => ({
      name,
      buckets: [...this.#hosts.get(name)!].sort(([a], [b]) => a - b).map(([index, [c, f]]) => [index, c, f] as const),
    }));
  }

  static restore(state: readonly MxState[]): MxCounts {
    const counts = new MxCounts();
    for (const host of state) counts.#hosts.set(host.name, new Map(host.buckets.map(([index, c, f]) => [index, [c, f]])));
    return counts;
  }
}

/** The state without the buckets before `keepFrom` (UTC ms), as the series are cut (see retentionStart). */
export function pruneMxState(state: readonly MxState[], keepFrom: number): MxState[] {
  const first = Math.floor(keepFrom / BUCKET_MS);
  return state.map((host) => ({ name: host.name, buckets: host.buckets.filter(([index]) => index >= first) })).filter((host) => host.buckets.length > 0);
}
