import { detachString } from '../../../src/core/detach-string.ts';
import type { ReceiverClassifier } from '../../../src/core/senders/classify-receiver.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import { parseIpAddress } from '../../../src/core/senders/ip-address.ts';
import { relayAt } from '../parse/parse-relay.ts';
import type { SyslogEnvelope } from '../parse/parse-syslog-line.ts';
import type { DeliveryStatus, PostfixEvent, RelayProblem } from '../parse/postfix-event.ts';
import { problemClass, type ProblemClass } from './problem-class.ts';

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
  /** Per message still queued ("host queueId"), the receiver of its last attempt (null: another). */
  readonly receivers: readonly (readonly [string, string | null])[];
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
  /** Per message ("host queueId"), the receiver of its last attempt. */
  readonly #receivers = new Map<string, Sender | null>();
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
        const relay = event.relay === 'none' ? null : relayAt(event.relay, 0)?.relay ?? null;
        if (relay && (this.#isInternal(relay.ip) || this.#isOwnHost(relay.name))) return;
        const receiver = this.#receiverOf(relay && relay.name !== 'unknown' ? relay.name : null, event.recipientDomain);
        const processKey = `${envelope.host} ${envelope.pid}`;
        const tls = relay !== null && this.#tls.get(processKey) === `${relay.name}[${relay.ip}]`;
        if (event.agent === 'smtp') this.#tls.delete(processKey);
        const key = `${envelope.host} ${event.queueId}`;
        this.#receivers.delete(key);
        if (event.status === 'deferred') {
          if (this.#receivers.size >= this.#maxMessages) this.#receivers.delete(this.#receivers.keys().next().value!);
          this.#receivers.set(detachString(key), receiver);
        }
        this.#sink.attempt({
          host: envelope.host,
          at: envelope.time,
          receiver,
          status: event.status,
          problemClass: event.problem && event.status !== 'sent' ? problemClass(event.problem, event.dsn) : null,
          problem: event.status === 'sent' ? null : event.problem,
          delaySeconds: event.delay,
          tls,
        });
        return;
      }
      case 'expired': {
        const key = `${envelope.host} ${event.queueId}`;
        if (!this.#receivers.has(key)) return;
        const receiver = this.#receivers.get(key)!;
        this.#receivers.delete(key);
        this.#sink.attempt({ host: envelope.host, at: envelope.time, receiver, status: 'expired', problemClass: null, problem: null, delaySeconds: null, tls: false });
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
    return { receivers: [...this.#receivers].map(([key, receiver]) => [key, receiver?.id ?? null] as const), tls: [...this.#tls] };
  }

  /** Takes up what `save` returned (the tracker must be new); a receiver no longer known is "another". */
  restore(state: OutboundState): void {
    for (const [key, id] of state.receivers) this.#receivers.set(key, id === null ? null : this.#receiverOf.byId(id));
    for (const [key, relay] of state.tls) this.#tls.set(key, relay);
  }

  /** A loopback or private address: a content filter or a hop inside our network, not a receiver. */
  #isInternal(ip: string): boolean {
    return parseIpAddress(ip)?.internal === true;
  }
}
