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
  /** Per relay host of ours, its newest mail line (see OutboundRouter.asOf), by host. */
  readonly lastLines: readonly (readonly [string, number])[];
}

/**
 * A relay that logged deliveries within this long before the newest line of any relay is one the
 * outbound side waits for: while its log has stopped, what the site says of our mail to others is
 * as old as its last line. A relay taken out of service stops counting after it.
 */
export const ACTIVE_RELAY_MS = 2 * 86_400_000;

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
  /** Per relay host, its newest mail line (of any kind) as `noteLineTimes` was told. */
  readonly #lastLines = new Map<string, number>();

  constructor(rules: readonly SenderRule[], ownHosts: readonly string[], restored: OutboundRunState | null = null) {
    const receiverOf = createReceiverClassifier(rules);
    this.tracker = new OutboundTracker({ attempt: (attempt) => this.#add(attempt) }, receiverOf, ownHostMatcher(ownHosts));
    if (!restored) return;
    for (const state of restored.series) {
      // Named as the catalog names it now, never as the state says (a state edited by hand).
      const receiver = state.receiver ? receiverOf.byId(state.receiver.id) : null;
      const series = ReceiverSeries.restore({ ...state, receiver });
      const id = receiver?.id ?? OTHER;
      const known = this.#series.get(id);
      if (known) known.merge(series);
      else this.#series.set(id, series);
    }
    for (const [host, buckets] of restored.relays) this.#relays.set(host, new Set(buckets));
    this.tracker.restore(restored.tracker);
    for (const [host, time] of restored.lastLines) this.#lastLines.set(host, time);
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
   * What the site says of our mail to others is as of this: the newest mail line of the relay
   * (any host of ours that logged deliveries, an MX host that forwards included) whose log is
   * furthest behind, among those that delivered within ACTIVE_RELAY_MS of the newest line of any.
   * So one relay whose log stops makes the outbound side stale, however busy an MX host that
   * forwards a little stays. Null without relays.
   */
  get asOf(): number | null {
    let newest = Number.NEGATIVE_INFINITY;
    for (const time of this.#lastLines.values()) newest = Math.max(newest, time);
    if (!Number.isFinite(newest)) return null;
    let asOf = newest;
    for (const [host, time] of this.#lastLines) {
      const buckets = this.#relays.get(host);
      if (!buckets || buckets.size === 0) continue;
      let lastBucket = Number.NEGATIVE_INFINITY;
      for (const index of buckets) if (index > lastBucket) lastBucket = index;
      const lastDelivery = lastBucket * BUCKET_MS;
      if (newest - lastDelivery <= ACTIVE_RELAY_MS) asOf = Math.min(asOf, time);
    }
    return asOf;
  }

  /** Takes the newest mail line of each host read (ParseStats.hosts): a relay host's is kept. */
  noteLineTimes(hosts: ReadonlyMap<string, { readonly last: number | null }>): void {
    for (const [host, { last }] of hosts) {
      if (last === null || !this.#relays.has(host)) continue;
      const known = this.#lastLines.get(host);
      if (known === undefined) this.#lastLines.set(detachString(host), last);
      else if (last > known) this.#lastLines.set(host, last);
    }
  }

  /** As plain data: the tracker's open messages, the series and the relays' buckets, sorted. */
  save(): OutboundRunState {
    return {
      tracker: this.tracker.save(),
      series: this.series().map((series) => series.save()),
      relays: [...this.#relays].sort(([a], [b]) => (a < b ? -1 : 1)).map(([host, buckets]) => [host, [...buckets].sort((a, b) => a - b)] as const),
      lastLines: [...this.#lastLines].sort(([a], [b]) => (a < b ? -1 : 1)),
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
      lastLines: states.flatMap((s) => s.lastLines),
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
    lastLines: state.lastLines,
    series: state.series.map((series) => pruneReceiverSeriesState(series, before)).filter((series) => series.buckets.length > 0),
    relays: state.relays.map(([host, buckets]) => [host, buckets.filter((index) => index >= firstBucket)] as const).filter(([, buckets]) => buckets.length > 0),
  };
}
