import { detachString } from '../../../src/core/detach-string.ts';
import type { ReceiverClassifier } from '../../../src/core/senders/classify-receiver.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import { mayBeInternal, parseIpAddress } from '../../../src/core/senders/ip-address.ts';
import { relayAt, withoutDomains } from '../parse/parse-relay.ts';
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
  /** Mail sent: whether this receiver had deferred it before (mail an incident held up, not mail that went at once). */
  readonly heldUp: boolean;
}

export interface OutboundSink {
  attempt(attempt: OutboundAttempt): void;
}

/** What the tracker carries from one incremental run to the next: plain data. */
export interface OutboundState {
  /**
   * Per message still queued ("host queueId"), per receiver of its recipients (its id; null:
   * another): its last deferral's and last delivery's or bounce's time, and the deferral's class.
   */
  readonly receivers: readonly (readonly [string, readonly (readonly [string | null, number, number, ProblemClass | null])[]])[];
  /** Per SMTP client process ("host pid"), the relay its last TLS handshake was with, for the delivery that follows it. */
  readonly tls: readonly (readonly [string, string])[];
  /** Per message still queued ("host queueId"), its envelope sender's domain (absent in a state of 0.4 before it). */
  readonly senders?: readonly (readonly [string, string])[];
}

interface PendingReceiver {
  readonly receiver: Sender | null;
  deferredAt: number;
  finishedAt: number;
  problemClass: ProblemClass | null;
}

/** Entries a cache of the tracker holds at most (relays, addresses and domains seen): then it starts again. */
const MAX_CACHED = 20_000;

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
  readonly #receivers = new Map<string, Map<string, PendingReceiver>>();
  /** Per SMTP client process ("host pid"), the relay it established TLS with last. */
  readonly #tls = new Map<string, string>();
  /** Per message queued ("host queueId"), its envelope sender's domain: taken out of what receivers answer about it. */
  readonly #senders = new Map<string, string>();
  readonly #maxMessages: number;
  /** Caches of #isInternal and #receiverFor. */
  readonly #internal = new Map<string, boolean>();
  readonly #own = new Map<string, boolean>();
  readonly #byRelayAndDomain = new Map<string, { receiver: Sender | null; inBetween: boolean }>();

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
      case 'relay-tls-failed':
        // What this process delivers next goes without TLS (or not at all).
        this.#tls.delete(`${envelope.host} ${envelope.pid}`);
        return;
      case 'queued': {
        if (event.senderDomain === null) return;
        if (this.#senders.size >= this.#maxMessages) this.#senders.delete(this.#senders.keys().next().value!);
        this.#senders.set(detachString(`${envelope.host} ${event.queueId}`), detachString(event.senderDomain));
        return;
      }
      case 'delivery': {
        if (event.agent !== 'smtp' && event.agent !== 'error' && event.agent !== 'retry') return;
        // relay=none: the server it could not reach is in the problem (`connect to HOST[IP]:25: …`).
        const problemRelay = event.problem && event.problem.kind !== 'other' ? event.problem.relay : null;
        const relay = event.relay === 'none' ? problemRelay : (relayAt(event.relay, 0)?.relay ?? null);
        if (relay && (this.#isInternal(relay.ip) || this.#isOwn(relay.name))) return;
        const relayName = relay && relay.name !== 'unknown' ? relay.name : null;
        const { receiver, inBetween } = this.#receiverFor(relayName, relayName !== null && (relay!.port === null || relay!.port === 25), event.recipientDomain);
        const processKey = `${envelope.host} ${envelope.pid}`;
        const tlsRelay = this.#tls.get(processKey);
        const tls = relay !== null && tlsRelay !== undefined && isRelay(tlsRelay, relay.name, relay.ip);
        if (tlsRelay !== undefined && !tls) this.#tls.delete(processKey);
        const key = `${envelope.host} ${event.queueId}`;
        let byReceiver = this.#receivers.get(key);
        if (event.status === 'deferred' && !byReceiver) {
          if (this.#receivers.size >= this.#maxMessages) this.#receivers.delete(this.#receivers.keys().next().value!);
          this.#receivers.set(detachString(key), (byReceiver = new Map()));
        }
        const klass = event.problem && event.status !== 'sent' ? problemClass(event.problem, event.dsn) : null;
        const heldUp = event.status === 'sent' && (byReceiver?.get(receiver?.id ?? '')?.deferredAt ?? -1) >= 0;
        const counted = klass && inBetween && RECEIVER_CLASSES.has(klass) ? 'other' : klass;
        if (byReceiver) {
          // Per receiver, its last deferral and its last delivery or bounce: recipients of one
          // attempt are logged one after the other, so a deferral as late as the last success means
          // one is still waiting there.
          const id = receiver?.id ?? '';
          let entry = byReceiver.get(id);
          if (!entry && event.status === 'deferred') byReceiver.set(id, (entry = { receiver, deferredAt: -1, finishedAt: -1, problemClass: null }));
          if (entry && event.status === 'deferred') {
            entry.deferredAt = envelope.time;
            entry.problemClass = counted;
          } else if (entry) entry.finishedAt = envelope.time;
        }
        this.#sink.attempt({
          host: envelope.host,
          at: envelope.time,
          receiver,
          status: event.status,
          problemClass: counted,
          problem: event.status === 'sent' ? null : this.#withoutSender(event.problem, key),
          delaySeconds: event.delay,
          tls,
          heldUp,
        });
        return;
      }
      case 'expired': {
        const key = `${envelope.host} ${event.queueId}`;
        const byReceiver = this.#receivers.get(key);
        if (!byReceiver) return;
        this.#receivers.delete(key);
        // One expiry for each receiver that still had a recipient of it deferred, with the class of
        // its last deferral (a full mailbox's expiry is no receiver's problem).
        for (const entry of [...byReceiver.values()].sort((a, b) => (a.receiver?.id ?? '').localeCompare(b.receiver?.id ?? ''))) {
          if (entry.deferredAt >= entry.finishedAt) this.#sink.attempt({ host: envelope.host, at: envelope.time, receiver: entry.receiver, status: 'expired', problemClass: entry.problemClass, problem: null, delaySeconds: null, tls: false, heldUp: false });
        }
        return;
      }
      case 'removed': {
        const key = `${envelope.host} ${event.queueId}`;
        this.#receivers.delete(key);
        this.#senders.delete(key);
        return;
      }
      default:
        return;
    }
  }

  /**
   * Messages still queued that a receiver (by id; null: any) deferred last at or after `since`
   * and has neither delivered nor refused since: mail still waiting at the end of the logs.
   */
  waiting(receiverId: string | null, since: number): number {
    let count = 0;
    for (const byReceiver of this.#receivers.values()) {
      for (const [id, entry] of byReceiver) {
        if ((receiverId === null || id === receiverId) && entry.deferredAt >= entry.finishedAt && entry.deferredAt >= since) {
          count++;
          break;
        }
      }
    }
    return count;
  }

  save(): OutboundState {
    return {
      receivers: [...this.#receivers].map(([key, byReceiver]) => [key, [...byReceiver.values()].map((e) => [e.receiver?.id ?? null, e.deferredAt, e.finishedAt, e.problemClass] as const)] as const),
      tls: [...this.#tls],
      senders: [...this.#senders],
    };
  }

  /** The problem with the message's sender domain taken out of the receiver's words. */
  #withoutSender(problem: RelayProblem | null, key: string): RelayProblem | null {
    const domain = this.#senders.get(key);
    if (!problem || domain === undefined) return problem;
    if (problem.kind === 'reply' || problem.kind === 'refused') return { ...problem, reply: { ...problem.reply, text: withoutDomains(problem.reply.text, [domain]) } };
    if (problem.kind === 'other') return { ...problem, text: withoutDomains(problem.text, [domain]) };
    return problem;
  }

  /** Takes up what `save` returned (the tracker must be new); a receiver no longer known is "another". */
  restore(state: OutboundState): void {
    for (const [key, entries] of state.receivers) {
      const byReceiver = new Map<string, PendingReceiver>();
      for (const [id, deferredAt, finishedAt, klass] of entries) {
        const receiver = id === null ? null : this.#receiverOf.byId(id);
        byReceiver.set(receiver?.id ?? '', { receiver, deferredAt, finishedAt, problemClass: klass });
      }
      this.#receivers.set(key, byReceiver);
    }
    for (const [key, relay] of state.tls) this.#tls.set(key, relay);
    for (const [key, domain] of state.senders ?? []) this.#senders.set(key, domain);
    // Bounded as when they were read: the oldest beyond the limit are forgotten.
    for (const map of [this.#receivers, this.#senders, this.#tls] as Map<string, unknown>[]) {
      const limit = map === this.#tls ? 10_000 : this.#maxMessages;
      for (const key of map.keys()) {
        if (map.size <= limit) break;
        map.delete(key);
      }
    }
  }

  /** A loopback or private address: a content filter or a hop inside our network, not a receiver. */
  #isInternal(ip: string): boolean {
    if (!mayBeInternal(ip)) return false;
    let internal = this.#internal.get(ip);
    if (internal === undefined) {
      internal = parseIpAddress(ip)?.internal === true;
      if (this.#internal.size >= MAX_CACHED) this.#internal.clear();
      this.#internal.set(detachString(ip), internal);
    }
    return internal;
  }

  /** Whether a relay is one of our own hosts (cached: a relay delivers to the same few relays). */
  #isOwn(name: string): boolean {
    let own = this.#own.get(name);
    if (own === undefined) {
      own = this.#isOwnHost(name);
      if (this.#own.size >= MAX_CACHED) this.#own.clear();
      this.#own.set(detachString(name), own);
    }
    return own;
  }

  /**
   * The receiver of a delivery by its relay (`onPort25`: the relay took it on port 25, as an MX
   * does) and the recipient's domain, and whether the relay is a host in between (what it answers
   * is its own, not the receiver's). Cached: a relay delivers to the same few relays and domains.
   */
  #receiverFor(relayName: string | null, onPort25: boolean, recipientDomain: string | null): { receiver: Sender | null; inBetween: boolean } {
    const key = `${onPort25 ? 1 : 0}${relayName ?? ''} ${recipientDomain ?? ''}`;
    let known = this.#byRelayAndDomain.get(key);
    if (known) return known;
    // A receiver's MX takes mail on port 25; on another (587, 465) it is a relay host, even one of
    // the receiver's own (smtp.ionos.de as our smarthost is no IONOS MX).
    const asPort25 = onPort25 ? relayName : null;
    // One organisation's server on port 25 for a recipient at another's public domain (IONOS's
    // mout.kundenserver.de as our smarthost, for a hotmail.com recipient) is a relay host in between.
    const byDomain = recipientDomain ? this.#receiverOf(null, recipientDomain) : null;
    const mxOrganisation = asPort25 ? this.#receiverOf.byRelay(asPort25) : null;
    const asMx = mxOrganisation && byDomain && mxOrganisation.id !== byDomain.id ? null : asPort25;
    const receiver = this.#receiverOf(asMx, recipientDomain);
    // Known by the recipient's domain alone, behind a server that is not its own (a relay host in
    // between): what that server answered is its own, not the receiver's.
    const inBetween = receiver !== null && relayName !== null && (asMx === null || this.#receiverOf.byRelay(asMx) === null);
    known = { receiver, inBetween };
    if (this.#byRelayAndDomain.size >= MAX_CACHED) this.#byRelayAndDomain.clear();
    this.#byRelayAndDomain.set(detachString(key), known);
    return known;
  }
}

/** Whether `saved` (`name[ip]`, as the TLS line gave it) is this relay, without making the string to compare. */
function isRelay(saved: string, name: string, ip: string): boolean {
  return saved.length === name.length + ip.length + 2 && saved.startsWith(name) && saved.charCodeAt(name.length) === 91 && saved.startsWith(ip, name.length + 1) && saved.charCodeAt(saved.length - 1) === 93;
}
