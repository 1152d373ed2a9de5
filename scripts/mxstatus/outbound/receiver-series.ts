import { detachString } from '../../../src/core/detach-string.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import { BUCKET_MS } from '../series/day-columns.ts';
import { HourBins } from '../series/hour-bins.ts';
import { delayBin, HOUR_MS } from '../series/sender-series.ts';
import type { ConnectFailure } from '../parse/postfix-event.ts';
import type { OutboundAttempt } from './track-outbound.ts';
import { RECEIVER_CLASSES, type ProblemClass } from './problem-class.ts';

/** The classes in the order of their counters. */
export const PROBLEM_CLASSES: readonly ProblemClass[] = ['rate-limit', 'reputation', 'authentication', 'temporary', 'unreachable', 'recipient', 'greylisted', 'content', 'other'];

/** A bucket's counters: offsets into its FIELDS ints; then one counter per problem class of deferrals and bounces. */
const Field = { attempts: 0, sent: 1, sentTls: 2, deferred: 3, bounced: 4, expired: 5, receiverProblems: 6, receiverBounced: 7, receiverExpired: 8 } as const;
const CLASS_AT = 9;
const FIELDS = CLASS_AT + PROBLEM_CLASSES.length;

/** One 5-minute bucket of deliveries to one receiving organisation. */
export interface ReceiverBucket {
  readonly attempts: number;
  readonly sent: number;
  readonly sentTls: number;
  readonly deferred: number;
  readonly bounced: number;
  readonly expired: number;
  /** Deferrals and bounces of the receiver's classes (RECEIVER_CLASSES): what may open an incident. */
  readonly receiverProblems: number;
  /** Of those, the bounces: mail the receiver refused for good. */
  readonly receiverBounced: number;
  /** Mail given up whose last deferral was for the receiver's reasons. */
  readonly receiverExpired: number;
  readonly byClass: Readonly<Record<ProblemClass, number>>;
  /** The first of its receiver's problems, in the receiver's words. */
  readonly sample: ProblemSample | null;
  /** When the first and the last of its receiver's problems were (NaN: none). */
  readonly firstProblemAt: number;
  readonly lastProblemAt: number;
}

/** A receiver's problem in its own words (no addresses, no IPs): the first of its bucket. */
export interface ProblemSample {
  readonly at: number;
  readonly problemClass: ProblemClass;
  readonly code: number | null;
  readonly enhanced: string | null;
  readonly text: string;
}

/** A series as plain data for the state: buckets as [index since 1970, …counters], delays as [hour, bin, count…]. */
export interface ReceiverSeriesState {
  readonly receiver: Sender | null;
  readonly buckets: readonly (readonly number[])[];
  /** [index, first, last] of the buckets with a receiver's problem. */
  readonly times: readonly (readonly [number, number, number])[];
  /** [index, sample] of the buckets with a receiver's problem. */
  readonly samples: readonly (readonly [number, ProblemSample])[];
  readonly delays: readonly (readonly number[])[];
  /** As `delays`, of the mail the receiver had deferred before it went (see OutboundAttempt.heldUp). */
  readonly heldDelays: readonly (readonly number[])[];
  /** [hour, seconds] of the longest of that mail per hour: the exact figure, where a bin gives its upper edge. */
  readonly heldLongest: readonly (readonly [number, number])[];
}

/**
 * The deliveries to one receiving organisation (or, with `receiver` null, to everyone else
 * together) per 5-minute bucket: attempts, sent (and how many with TLS), deferred, bounced,
 * expired, and the deferrals and bounces by problem class; and, per hour, the total delay of the
 * mail that went through (log-scale bins, as SenderSeries keeps ours).
 *
 * @example
 * const series = new ReceiverSeries(microsoft);
 * series.add(attempt); series.bucket(start)?.byClass['rate-limit'] // 57
 */
export class ReceiverSeries {
  readonly receiver: Sender | null;
  /**
   * Bucket index → where its FIELDS counters start in `#store`: one growing array for all
   * buckets, as an array per bucket cost ten times the counters (a relay's 222 days held
   * 122,000 of them, 50 MB).
   */
  readonly #slots = new Map<number, number>();
  #store = new Int32Array(64 * FIELDS);
  /** Bucket index → [first, last] time of a receiver's problem. */
  readonly #times = new Map<number, [number, number]>();
  /** Bucket index → the first receiver's problem in it, in its words. */
  readonly #samples = new Map<number, ProblemSample>();
  /** Hour index → delay bin → mail sent. */
  #delays = new HourBins();
  /** The same, of the mail the receiver had deferred before. */
  #heldDelays = new HourBins();
  /** Hour index → the longest delay of that mail (seconds). */
  readonly #heldLongest = new Map<number, number>();

  constructor(receiver: Sender | null) {
    this.receiver = receiver;
  }

  add(attempt: OutboundAttempt): void {
    const index = Math.floor(attempt.at / BUCKET_MS);
    const at = this.#slot(index);
    const counts = this.#store;
    if (attempt.status === 'expired') {
      counts[at + Field.expired]!++;
      if (attempt.problemClass && RECEIVER_CLASSES.has(attempt.problemClass)) counts[at + Field.receiverExpired]!++;
      return;
    }
    counts[at + Field.attempts]!++;
    if (attempt.status === 'sent') {
      counts[at + Field.sent]!++;
      if (attempt.tls) counts[at + Field.sentTls]!++;
      if (attempt.delaySeconds !== null) {
        const hour = Math.floor(attempt.at / HOUR_MS);
        const bin = delayBin(attempt.delaySeconds);
        this.#delays.add(hour, bin, 1);
        if (attempt.heldUp) {
          this.#heldDelays.add(hour, bin, 1);
          this.#heldLongest.set(hour, Math.max(this.#heldLongest.get(hour) ?? 0, attempt.delaySeconds));
        }
      }
      return;
    }
    counts[at + (attempt.status === 'deferred' ? Field.deferred : Field.bounced)]!++;
    const klass = attempt.problemClass ?? 'other';
    counts[at + CLASS_AT + PROBLEM_CLASSES.indexOf(klass)]!++;
    if (RECEIVER_CLASSES.has(klass)) {
      counts[at + Field.receiverProblems]!++;
      if (attempt.status === 'bounced') counts[at + Field.receiverBounced]!++;
      const times = this.#times.get(index);
      if (!times) this.#times.set(index, [attempt.at, attempt.at]);
      else {
        if (attempt.at < times[0]) times[0] = attempt.at;
        if (attempt.at > times[1]) times[1] = attempt.at;
      }
      const sample = sampleOf(attempt, klass);
      if (isEarlier(sample, this.#samples.get(index))) this.#samples.set(index, sample);
    }
  }

  /** Where the counters of bucket `index` start in `#store`; a bucket of zeros first when it has none. */
  #slot(index: number): number {
    let at = this.#slots.get(index);
    if (at === undefined) {
      at = this.#slots.size * FIELDS;
      if (at + FIELDS > this.#store.length) {
        const grown = new Int32Array(this.#store.length * 2);
        grown.set(this.#store);
        this.#store = grown;
      }
      this.#slots.set(index, at);
    }
    return at;
  }

  /** Start times of the buckets that hold anything, ascending. */
  bucketStarts(): number[] {
    return [...this.#slots.keys()].sort((a, b) => a - b).map((index) => index * BUCKET_MS);
  }

  /**
   * Each bucket in time order: its start, attempts, the receiver's problems and the times of the
   * first and last of them (NaN: none) — without an object per bucket, for reading them all
   * (detection, day histories) on every run.
   */
  eachBucket(visit: (start: number, attempts: number, receiverProblems: number, firstProblemAt: number, lastProblemAt: number) => void): void {
    const counts = this.#store;
    for (const index of [...this.#slots.keys()].sort((a, b) => a - b)) {
      const at = this.#slots.get(index)!;
      const times = this.#times.get(index);
      visit(index * BUCKET_MS, counts[at + Field.attempts]!, counts[at + Field.receiverProblems]!, times ? times[0] : Number.NaN, times ? times[1] : Number.NaN);
    }
  }

  /** The bucket that starts at `start`, or null when nothing happened in it. */
  bucket(start: number): ReceiverBucket | null {
    const at = this.#slots.get(Math.floor(start / BUCKET_MS));
    if (at === undefined) return null;
    const counts = this.#store.subarray(at, at + FIELDS);
    return {
      attempts: counts[Field.attempts]!,
      sent: counts[Field.sent]!,
      sentTls: counts[Field.sentTls]!,
      deferred: counts[Field.deferred]!,
      bounced: counts[Field.bounced]!,
      expired: counts[Field.expired]!,
      receiverProblems: counts[Field.receiverProblems]!,
      receiverBounced: counts[Field.receiverBounced]!,
      receiverExpired: counts[Field.receiverExpired]!,
      byClass: Object.fromEntries(PROBLEM_CLASSES.map((klass, i) => [klass, counts[CLASS_AT + i]!])) as Record<ProblemClass, number>,
      sample: this.#samples.get(Math.floor(start / BUCKET_MS)) ?? null,
      firstProblemAt: this.#times.get(Math.floor(start / BUCKET_MS))?.[0] ?? Number.NaN,
      lastProblemAt: this.#times.get(Math.floor(start / BUCKET_MS))?.[1] ?? Number.NaN,
    };
  }

  /** The delay histogram (bin → mail sent) of the hours [fromHour, toHour]. */
  delays(fromHour: number, toHour: number): Map<number, number> {
    return this.#delays.sum(fromHour, toHour);
  }

  /** The same, of the mail the receiver had deferred before it went: what its trouble held up. */
  heldDelays(fromHour: number, toHour: number): Map<number, number> {
    return this.#heldDelays.sum(fromHour, toHour);
  }

  /** The longest delay of that mail in the hours [fromHour, toHour] (seconds; 0 for none). */
  heldLongest(fromHour: number, toHour: number): number {
    let longest = 0;
    for (const [hour, seconds] of this.#heldLongest) if (hour >= fromHour && hour <= toHour && seconds > longest) longest = seconds;
    return longest;
  }

  /** Adds another series of the same receiver (from a disjoint set of logs) into this one. */
  merge(other: ReceiverSeries): void {
    for (const [index, theirs] of other.#slots) {
      const mine = this.#slot(index);
      for (let i = 0; i < FIELDS; i++) this.#store[mine + i]! += other.#store[theirs + i]!;
    }
    for (const [index, [first, last]] of other.#times) {
      const mine = this.#times.get(index);
      if (!mine) this.#times.set(index, [first, last]);
      else this.#times.set(index, [Math.min(mine[0], first), Math.max(mine[1], last)]);
    }
    for (const [index, sample] of other.#samples) if (isEarlier(sample, this.#samples.get(index))) this.#samples.set(index, sample);
    this.#delays.merge(other.#delays);
    this.#heldDelays.merge(other.#heldDelays);
    for (const [hour, seconds] of other.#heldLongest) this.#heldLongest.set(hour, Math.max(this.#heldLongest.get(hour) ?? 0, seconds));
  }

  /** As plain data, sorted, so that the same counts always give the same state. */
  save(): ReceiverSeriesState {
    return {
      receiver: this.receiver,
      buckets: [...this.#slots].sort(([a], [b]) => a - b).map(([index, at]) => [index, ...this.#store.subarray(at, at + FIELDS)]),
      times: [...this.#times].sort(([a], [b]) => a - b).map(([index, [first, last]]) => [index, first, last] as const),
      samples: [...this.#samples].sort(([a], [b]) => a - b),
      delays: this.#delays.rows(),
      heldDelays: this.#heldDelays.rows(),
      heldLongest: [...this.#heldLongest].sort(([a], [b]) => a - b),
    };
  }

  /** The series `save` described; throws on counters of another length (a state of another version). */
  static restore(state: ReceiverSeriesState): ReceiverSeries {
    const series = new ReceiverSeries(state.receiver);
    for (const [index, ...counts] of state.buckets) {
      if (counts.length !== FIELDS) throw new Error(`outbound series of ${state.receiver?.id ?? 'other receivers'}: a bucket has ${counts.length} counters, expected ${FIELDS}`);
      const at = series.#slot(index!); // first: it may replace the store with a larger one
      series.#store.set(counts, at);
    }
    for (const [index, first, last] of state.times) series.#times.set(index, [first, last]);
    for (const [index, sample] of state.samples) series.#samples.set(index, sample);
    series.#delays = HourBins.from(state.delays);
    series.#heldDelays = HourBins.from(state.heldDelays);
    for (const [hour, seconds] of state.heldLongest) series.#heldLongest.set(hour, seconds);
    return series;
  }
}

/** A failed connection in the words of the system call Postfix quotes (`connect to HOST[IP]:25: Connection timed out`). */
const CONNECT_WORDS: Readonly<Record<ConnectFailure, string>> = {
  'timed-out': 'Connection timed out',
  refused: 'Connection refused',
  unreachable: 'Network is unreachable',
  'no-route': 'No route to host',
  other: 'connection failed',
};

function sampleOf(attempt: OutboundAttempt, problemClass: ProblemClass): ProblemSample {
  const problem = attempt.problem;
  const reply = problem?.kind === 'reply' || problem?.kind === 'refused' ? problem.reply : null;
  const text = reply?.text ?? (problem?.kind === 'connect' ? CONNECT_WORDS[problem.failure] : problem?.kind === 'lost' ? `lost connection during ${problem.stage}` : problem?.kind === 'timeout' ? `conversation timed out during ${problem.stage}` : problem?.kind === 'other' ? problem.text : '');
  // Detached: a series keeps it for months, and a slice of a log line keeps the line's read chunk.
  return { at: attempt.at, problemClass, code: reply?.code ?? null, enhanced: reply?.enhanced === undefined || reply.enhanced === null ? null : detachString(reply.enhanced), text: detachString(text) };
}

/** Whether `a` comes before `b` (or there is no `b`): by time, then by its words, so that reading order never matters. */
export function isEarlier(a: ProblemSample, b: ProblemSample | undefined): boolean {
  return !b || a.at < b.at || (a.at === b.at && `${a.problemClass} ${a.code} ${a.enhanced} ${a.text}` < `${b.problemClass} ${b.code} ${b.enhanced} ${b.text}`);
}

/**
 * A series' state without what lies before `before` (see retentionStart): its buckets, problem
 * times and samples before that bucket, its delays before that hour.
 *
 * @example
 * ReceiverSeries.restore(pruneReceiverSeriesState(series.save(), Date.UTC(2026, 0, 1)))
 */
export function pruneReceiverSeriesState(state: ReceiverSeriesState, before: number): ReceiverSeriesState {
  const firstBucket = Math.floor(before / BUCKET_MS);
  const firstHour = Math.floor(before / HOUR_MS);
  return {
    receiver: state.receiver,
    buckets: state.buckets.filter(([index]) => index! >= firstBucket),
    times: state.times.filter(([index]) => index >= firstBucket),
    samples: state.samples.filter(([index]) => index >= firstBucket),
    delays: state.delays.filter(([hour]) => hour! >= firstHour),
    heldDelays: state.heldDelays.filter(([hour]) => hour! >= firstHour),
    heldLongest: state.heldLongest.filter(([hour]) => hour >= firstHour),
  };
}
