import { OTHER } from '../../../src/core/contract.ts';
import type { SenderRule } from '../../../src/core/schemas/site-config.ts';
import { createReceiverClassifier } from '../../../src/core/senders/classify-receiver.ts';
import { ownHostMatcher } from '../../../src/core/senders/classify-sender.ts';
import { detachString } from '../../../src/core/detach-string.ts';
import { BUCKET_MS } from '../series/day-columns.ts';
import { pruneReceiverSeriesState, ReceiverSeries, type ReceiverSeriesState } from './receiver-series.ts';
import { OutboundTracker, type OutboundAttempt, type OutboundState } from './track-outbound.ts';

/** What the outbound side carries from one incremental run to the next: plain data. */
export interface OutboundRunState {
  readonly tracker: OutboundState;
  /** One per receiver (by id; OTHER for everyone else together), sorted by id. */
  readonly series: readonly ReceiverSeriesState[];
  /** Per relay host of ours, the 5-minute buckets (indexes since 1970) it logged a delivery in, ascending. */
  readonly relays: readonly (readonly [string, readonly number[]])[];
  /** The newest mail line of a relay host of ours (see OutboundRouter.asOf). */
  readonly asOf: number | null;
}

/**
 * The outbound side of a run: the tracker of our SMTP client's deliveries and, fed by it, one
 * ReceiverSeries per receiving organisation (mail to everyone else counted together, never
 * named), and which 5-minute buckets each relay host of ours logged deliveries in (what the
 * relays' logs cover, for the records as the MX hosts' counts are for inbound ones).
 *
 * @example
 * const outbound = new OutboundRouter(rules, ['example.net']);
 * outbound.tracker.push(envelope, event); // for every mail line
 * outbound.series() // [ReceiverSeries(google), ReceiverSeries(microsoft), ReceiverSeries(other)]
 */
export class OutboundRouter {
  readonly tracker: OutboundTracker;
  readonly #series = new Map<string, ReceiverSeries>();
  readonly #relays = new Map<string, Set<number>>();
  /** The last relay host's buckets, for the next attempt (one relay logs thousands in a row). */
  #lastRelay: { host: string; buckets: Set<number> } | null = null;
  #asOf: number | null = null;

  constructor(rules: readonly SenderRule[], ownHosts: readonly string[], restored: OutboundRunState | null = null) {
    const receiverOf = createReceiverClassifier(rules);
    this.tracker = new OutboundTracker({ attempt: (attempt) => this.#add(attempt) }, receiverOf, ownHostMatcher(ownHosts));
    if (!restored) return;
    for (const state of restored.series) this.#series.set(state.receiver?.id ?? OTHER, ReceiverSeries.restore(state));
    for (const [host, buckets] of restored.relays) this.#relays.set(host, new Set(buckets));
    this.tracker.restore(restored.tracker);
    this.#asOf = restored.asOf;
  }

  #add(attempt: OutboundAttempt): void {
    const id = attempt.receiver?.id ?? OTHER;
    let series = this.#series.get(id);
    if (!series) this.#series.set(id, (series = new ReceiverSeries(attempt.receiver)));
    series.add(attempt);
    if (this.#lastRelay?.host !== attempt.host) {
      let buckets = this.#relays.get(attempt.host);
      if (!buckets) this.#relays.set(detachString(attempt.host), (buckets = new Set()));
      this.#lastRelay = { host: attempt.host, buckets };
    }
    this.#lastRelay.buckets.add(Math.floor(attempt.at / BUCKET_MS));
  }

  /** The series, by receiver id (OTHER among them), so that the order never depends on the logs'. */
  series(): ReceiverSeries[] {
    return [...this.#series].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, series]) => series);
  }

  /** Per relay host, the start times of the buckets it logged deliveries in: what its log covers. */
  relayBuckets(): Map<string, number[]> {
    return new Map([...this.#relays].map(([host, buckets]) => [host, [...buckets].map((index) => index * BUCKET_MS)]));
  }

  /**
   * The newest mail line (of any kind) of a relay host of ours — one that logged deliveries — as
   * far as `noteLineTimes` was told: what the site says of our mail to others is as of this. Null
   * without relays.
   */
  get asOf(): number | null {
    return this.#asOf;
  }

  /** Takes the newest mail line of each host read (ParseStats.hosts): a relay host's moves `asOf` on. */
  noteLineTimes(hosts: ReadonlyMap<string, { readonly last: number | null }>): void {
    for (const [host, { last }] of hosts) {
      if (last !== null && this.#relays.has(host) && (this.#asOf === null || last > this.#asOf)) this.#asOf = last;
    }
  }

  /** As plain data: the tracker's open messages, the series and the relays' buckets, sorted. */
  save(): OutboundRunState {
    return {
      tracker: this.tracker.save(),
      series: this.series().map((series) => series.save()),
      relays: [...this.#relays].sort(([a], [b]) => (a < b ? -1 : 1)).map(([host, buckets]) => [host, [...buckets].sort((a, b) => a - b)] as const),
      asOf: this.#asOf,
    };
  }

  /**
   * The outbound sides of disjoint sets of logs (one per relay host, read in worker threads) as
   * one: series merged by receiver, relays' buckets and open messages joined (their keys name
   * their host).
   */
  static merge(rules: readonly SenderRule[], ownHosts: readonly string[], states: readonly OutboundRunState[]): OutboundRouter {
    const series = new Map<string, ReceiverSeries>();
    for (const state of states) {
      for (const one of state.series) {
        const restored = ReceiverSeries.restore(one);
        const id = one.receiver?.id ?? OTHER;
        const known = series.get(id);
        if (known) known.merge(restored);
        else series.set(id, restored);
      }
    }
    const relays = new Map<string, Set<number>>();
    for (const state of states) {
      for (const [host, buckets] of state.relays) {
        const known = relays.get(host) ?? new Set<number>();
        for (const index of buckets) known.add(index);
        relays.set(host, known);
      }
    }
    return new OutboundRouter(rules, ownHosts, {
      tracker: { receivers: states.flatMap((s) => s.tracker.receivers), tls: states.flatMap((s) => s.tracker.tls), senders: states.flatMap((s) => s.tracker.senders ?? []) },
      series: [...series.values()].map((s) => s.save()),
      relays: [...relays].map(([host, buckets]) => [host, [...buckets]] as const),
      asOf: states.reduce<number | null>((last, s) => (s.asOf !== null && (last === null || s.asOf > last) ? s.asOf : last), null),
    });
  }
}

/**
 * The state without what is older than `before` (see retentionStart): buckets, delays and
 * relays' buckets before it go; what the tracker holds of messages still queued stays.
 *
 * @example
 * pruneOutboundState(router.save(), keepFrom)
 */
export function pruneOutboundState(state: OutboundRunState, before: number): OutboundRunState {
  const firstBucket = Math.floor(before / BUCKET_MS);
  return {
    tracker: state.tracker,
    asOf: state.asOf,
    series: state.series.map((series) => pruneReceiverSeriesState(series, before)).filter((series) => series.buckets.length > 0),
    relays: state.relays.map(([host, buckets]) => [host, buckets.filter((index) => index >= firstBucket)] as const).filter(([, buckets]) => buckets.length > 0),
  };
}
