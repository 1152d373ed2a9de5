import { detachString } from '../../../src/core/detach-string.ts';
import type { ReceiverClassifier } from '../../../src/core/senders/classify-receiver.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import { parseIpAddress } from '../../../src/core/senders/ip-address.ts';
import { relayAt } from '../parse/parse-relay.ts';
import type { SyslogEnvelope } from '../parse/parse-syslog-line.ts';
import type { DeliveryStatus, PostfixEvent, RelayProblem } from '../parse/postfix-event.ts';
import { problemClass, RECEIVER_CLASSES, type ProblemClass } from './problem-class.ts';

/** One delivery attempt of our SMTP client for one recipient, as the receiving organisation saw it. */
export interface OutboundAttempt {
  /** Our relay host that logged it. */
  readonly host: string;
  readonly at: number;
  /** The receiving organisation; null for any other receiver (never named). */
  readonly receiver: Sender | null;
  readonly status: DeliveryStatus;
  /** Why it did not go through (deferred, bounced); null when it did, or nothing was said. */
  readonly problemClass: ProblemClass | null;
  readonly problem: RelayProblem | null;
  /** Seconds since the message came in (`delay=`), the total of all its tries; null for an expiry. */
  readonly delaySeconds: number | null;
  /** Whether the attempt's connection had TLS (the client's `TLS connection established to …` before it). */
  readonly tls: boolean;
}

export interface OutboundSink {
  attempt(attempt: OutboundAttempt): void;
}

/** What the tracker carries from one incremental run to the next: plain data. */
export interface OutboundState {
  /**
   * Per message still queued ("host queueId"), the receivers of its recipients still deferred at
   * their last attempt (a receiver's id; null: another).
   */
  readonly receivers: readonly (readonly [string, readonly (string | null)[]])[];
  /** Per SMTP client process ("host pid"), the relay its last TLS handshake was with, for the delivery that follows it. */
  readonly tls: readonly (readonly [string, string])[];
}

/** Messages remembered at most (a deferred queue of 200,000 is a disaster already); beyond, the oldest are forgotten. */
export const MAX_OUTBOUND_MESSAGES = 200_000;

/**
 * Follows the SMTP client's deliveries: every attempt (one line per recipient and try: deferred
 * again and again, then sent, bounced or expired) goes to the sink with its receiving
 * organisation, the class of its problem and whether it was encrypted. A message's total delay
 * is the `delay=` of its last attempt, which Postfix counts from the message's arrival, so no
 * history is needed for it; what is kept is each queued message's receiver, for the queue
 * manager's `status=expired` (which names no receiver), until `removed`. Deliveries to ourselves
 * (a content filter on 127.0.0.1, a relay on a private address, our own hosts) are not outbound.
 *
 * @example
 * const tracker = new OutboundTracker(sink, createReceiverClassifier(rules), ownHostMatcher(ownHosts));
 * tracker.push(envelope, event); // … sink.attempt({ receiver: microsoft, status: 'deferred', problemClass: 'rate-limit', … })
 */
export class OutboundTracker {
  readonly #sink: OutboundSink;
  readonly #receiverOf: ReceiverClassifier;
  readonly #isOwnHost: (hostName: string) => boolean;
  /**
   * Per message ("host queueId"), each receiver of its recipients (by id, "" for another) and
   * whether its last attempt there was deferred: the queue manager's `status=expired` names no
   * receiver, and a message may have recipients at several.
   */
  readonly #receivers = new Map<string, Map<string, { readonly receiver: Sender | null; deferred: boolean }>>();
  /** Per SMTP client process ("host pid"), the relay it established TLS with last. */
  readonly #tls = new Map<string, string>();
  readonly #maxMessages: number;

  constructor(
    sink: OutboundSink,
    receiverOf: ReceiverClassifier,
    isOwnHost: (hostName: string) => boolean = () => false,
    limits: { readonly messages?: number } = {},
  ) {
    this.#sink = sink;
    this.#receiverOf = receiverOf;
    this.#isOwnHost = isOwnHost;
    this.#maxMessages = limits.messages ?? MAX_OUTBOUND_MESSAGES;
  }

  push(envelope: SyslogEnvelope, event: PostfixEvent): void {
    switch (event.kind) {
      case 'relay-tls':
        // Both detached: kept past the line, a slice of it would keep its whole read chunk alive.
        this.#tls.set(detachString(`${envelope.host} ${envelope.pid}`), detachString(`${event.relay.name}[${event.relay.ip}]`));
        if (this.#tls.size > 10_000) this.#tls.delete(this.#tls.keys().next().value!);
        return;
      case 'delivery': {
        if (event.agent !== 'smtp' && event.agent !== 'error' && event.agent !== 'retry') return;
        // relay=none: the server it could not reach is in the problem (`connect to HOST[IP]:25: …`).
        const problemRelay = event.problem && event.problem.kind !== 'other' ? event.problem.relay : null;
        const relay = event.relay === 'none' ? problemRelay : (relayAt(event.relay, 0)?.relay ?? null);
        if (relay && (this.#isInternal(relay.ip) || this.#isOwnHost(relay.name))) return;
        const relayName = relay && relay.name !== 'unknown' ? relay.name : null;
        const receiver = this.#receiverOf(relayName, event.recipientDomain);
        // Known by the recipient's domain alone, behind a server that is not its own (a relay host
        // in between): what that server answered is its own, not the receiver's.
        const inBetween = receiver !== null && relayName !== null && this.#receiverOf.byRelay(relayName) === null;
        const processKey = `${envelope.host} ${envelope.pid}`;
        const tlsRelay = this.#tls.get(processKey);
        const tls = relay !== null && tlsRelay === `${relay.name}[${relay.ip}]`;
        if (tlsRelay !== undefined && !tls) this.#tls.delete(processKey);
        const key = `${envelope.host} ${event.queueId}`;
        let byReceiver = this.#receivers.get(key);
        if (event.status === 'deferred' && !byReceiver) {
          if (this.#receivers.size >= this.#maxMessages) this.#receivers.delete(this.#receivers.keys().next().value!);
          this.#receivers.set(detachString(key), (byReceiver = new Map()));
        }
        if (byReceiver) {
          const id = receiver?.id ?? '';
          const entry = byReceiver.get(id);
          if (entry) entry.deferred = event.status === 'deferred';
          else if (event.status === 'deferred') byReceiver.set(id, { receiver, deferred: true });
        }
        const klass = event.problem && event.status !== 'sent' ? problemClass(event.problem, event.dsn) : null;
        this.#sink.attempt({
          host: envelope.host,
          at: envelope.time,
          receiver,
          status: event.status,
          problemClass: klass && inBetween && RECEIVER_CLASSES.has(klass) ? 'other' : klass,
          problem: event.status === 'sent' ? null : event.problem,
          delaySeconds: event.delay,
          tls,
        });
        return;
      }
      case 'expired': {
        const key = `${envelope.host} ${event.queueId}`;
        const byReceiver = this.#receivers.get(key);
        if (!byReceiver) return;
        this.#receivers.delete(key);
        // One expiry for each receiver that still had a recipient of it deferred.
        for (const { receiver, deferred } of [...byReceiver.values()].sort((a, b) => (a.receiver?.id ?? '').localeCompare(b.receiver?.id ?? ''))) {
          if (deferred) this.#sink.attempt({ host: envelope.host, at: envelope.time, receiver, status: 'expired', problemClass: null, problem: null, delaySeconds: null, tls: false });
        }
        return;
      }
      case 'removed':
        this.#receivers.delete(`${envelope.host} ${event.queueId}`);
        return;
      default:
        return;
    }
  }

  save(): OutboundState {
    return {
      receivers: [...this.#receivers].map(([key, byReceiver]) => [key, [...byReceiver.values()].filter((e) => e.deferred).map((e) => e.receiver?.id ?? null)] as const),
      tls: [...this.#tls],
    };
  }

  /** Takes up what `save` returned (the tracker must be new); a receiver no longer known is "another". */
  restore(state: OutboundState): void {
    for (const [key, ids] of state.receivers) {
      const byReceiver = new Map<string, { receiver: Sender | null; deferred: boolean }>();
      for (const id of ids) {
        const receiver = id === null ? null : this.#receiverOf.byId(id);
        byReceiver.set(receiver?.id ?? '', { receiver, deferred: true });
      }
      this.#receivers.set(key, byReceiver);
    }
    for (const [key, relay] of state.tls) this.#tls.set(key, relay);
  }

  /** A loopback or private address: a content filter or a hop inside our network, not a receiver. */
  #isInternal(ip: string): boolean {
    return parseIpAddress(ip)?.internal === true;
  }
}
