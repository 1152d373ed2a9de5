/**
 * What one Postfix log line says, as a discriminated union on `kind`. Addresses, recipients,
 * SASL logins and message-ids are recognised only to be dropped: no event carries them.
 */

import type { Client } from '../../../src/core/senders/client.ts';

export type { Client };

/** SMTP stage names as Postfix writes them: CONNECT, EHLO, STARTTLS, AUTH, RCPT, DATA, END-OF-MESSAGE… */
export type SmtpStage = string;

export type AbortReason = 'lost' | 'timeout' | 'too-many-errors';

export type TlsTrust = 'Anonymous' | 'Untrusted' | 'Trusted' | 'Verified';

/** Why a reject happened, grouped so that the site can count without quoting anyone's address. */
export type RejectClass =
  | 'unknown-recipient'
  | 'relay-denied'
  | 'dnsbl'
  | 'client-host'
  | 'helo'
  | 'sender'
  | 'recipient'
  | 'greylisted'
  | 'content'
  | 'policy'
  | 'other';

export type DeliveryStatus = 'sent' | 'deferred' | 'bounced' | 'expired';

/** A receiving server as Postfix's SMTP client names it: `mx.example.org[203.0.113.5]:25`. */
export interface Relay {
  readonly name: string;
  readonly ip: string;
  readonly port: number | null;
}

/** What a receiving server answered, its words without addresses or IPs (see sanitizeReplyText). */
export interface RelayReply {
  /** 451; null when the reply had no SMTP code. */
  readonly code: number | null;
  /** 4.7.650 */
  readonly enhanced: string | null;
  readonly text: string;
  /** The command it answered: "MAIL FROM", "RCPT TO", "end of DATA"… */
  readonly stage: string | null;
}

export type ConnectFailure = 'timed-out' | 'refused' | 'unreachable' | 'no-route' | 'other';

/** Why an outbound attempt did not go through (see parseRelayProblem). */
export type RelayProblem =
  | { readonly kind: 'connect'; readonly relay: Relay; readonly failure: ConnectFailure }
  | { readonly kind: 'reply'; readonly relay: Relay; readonly reply: RelayReply }
  | { readonly kind: 'refused'; readonly relay: Relay; readonly reply: RelayReply }
  | { readonly kind: 'lost'; readonly relay: Relay; readonly stage: string }
  | { readonly kind: 'timeout'; readonly relay: Relay; readonly stage: string }
  | { readonly kind: 'other'; readonly text: string };

/** `delays=a/b/c/d`: before the queue manager, in it, connection set-up, transmission (seconds). */
export interface DeliveryDelays {
  readonly beforeQueue: number;
  readonly inQueue: number;
  readonly connect: number;
  readonly transmit: number;
}

export type PostscreenAction =
  | 'connect'
  | 'pass-new'
  | 'pass-old'
  | 'allowlisted'
  | 'denylisted'
  | 'dnsbl'
  | 'pregreet'
  | 'hangup'
  | 'pipelining'
  | 'violation'
  | 'disconnect';

export type PostfixEvent =
  // smtpd: one inbound session
  | { readonly kind: 'connect'; readonly client: Client }
  | {
      readonly kind: 'disconnect';
      readonly client: Client;
      /** `ehlo=2 starttls=0/1 … commands=2/3` as {ok, tried}; null before Postfix 3.0, which wrote no counts. */
      readonly commands: Readonly<Record<string, { readonly ok: number; readonly tried: number }>> | null;
    }
  | { readonly kind: 'session-aborted'; readonly reason: AbortReason; readonly stage: SmtpStage; readonly client: Client }
  | {
      readonly kind: 'tls-established';
      readonly client: Client;
      /** null for Postfix 2.x, which wrote "TLS connection established from …" without it. */
      readonly trust: TlsTrust | null;
      readonly protocol: string;
      readonly cipher: string;
      readonly bits: number;
      /** The tail of newer releases: `key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256`. */
      readonly keyExchange: string | null;
      readonly serverSignature: string | null;
      readonly serverDigest: string | null;
    }
  | { readonly kind: 'tls-handshake-failed'; readonly client: Client; readonly reason: string }
  | { readonly kind: 'tls-library-problem'; readonly reason: string }
  | { readonly kind: 'auth-failed'; readonly client: Client }
  | { readonly kind: 'pipelining'; readonly stage: SmtpStage; readonly client: Client }
  | {
      readonly kind: 'queue-client';
      readonly queueId: string;
      readonly client: Client;
      /** The client logged in with SASL (method and login are dropped). */
      readonly authenticated: boolean;
      /** Set when a content filter re-injected the message: the queue id and client it had before. */
      readonly origQueueId: string | null;
      readonly origClient: Client | null;
    }
  | {
      readonly kind: 'reject';
      /** null for NOQUEUE. */
      readonly queueId: string | null;
      /** RCPT, CONNECT, DATA, END-OF-MESSAGE, or `header` / `body` from cleanup. */
      readonly stage: SmtpStage;
      /** null when cleanup rejects content without naming a client. */
      readonly client: Client | null;
      readonly code: number;
      readonly enhancedStatus: string | null;
      readonly reasonClass: RejectClass;
      readonly milter: boolean;
    }
  // postscreen: in front of smtpd; it names only addresses
  | {
      readonly kind: 'postscreen';
      readonly action: PostscreenAction;
      readonly ip: string;
      /** DNSBL rank, or the PREGREET byte count. */
      readonly count: number | null;
    }
  // tlsproxy: postscreen's TLS proxy, one connection by [IP]:PORT (one process serves many at once)
  | {
      readonly kind: 'tls-proxy';
      /** `CONNECT from`, `… TLS connection established from`, `DISCONNECT`. */
      readonly action: 'connect' | 'established' | 'disconnect';
      readonly ip: string;
      readonly port: number;
      /** What was agreed, on `established`. */
      readonly tls: { readonly protocol: string; readonly cipher: string; readonly bits: number } | null;
    }
  /**
   * The TLS proxy's `warning: TLS library problem: …`, which names no client: the proxy logs it
   * when a handshake fails, right before that connection's DISCONNECT (see SessionTracker).
   */
  | { readonly kind: 'tls-proxy-problem'; readonly reason: string }
  // cleanup, qmgr and the delivery agents: one message by queue id
  | { readonly kind: 'cleanup'; readonly queueId: string }
  | {
      readonly kind: 'queued';
      readonly queueId: string;
      readonly size: number;
      readonly nrcpt: number;
      /** The domain of the envelope sender (`from=<…>`), lower case; null for the null sender or none that reads as a domain. Kept only to take it out of receivers' replies. */
      readonly senderDomain: string | null;
    }
  | { readonly kind: 'expired'; readonly queueId: string }
  | { readonly kind: 'removed'; readonly queueId: string }
  | {
      readonly kind: 'delivery';
      readonly queueId: string;
      /** smtp, lmtp, local, virtual, pipe, error, retry… (the daemon that logged it). */
      readonly agent: string;
      readonly relay: string;
      /** Seconds the message had spent in our hands. */
      readonly delay: number;
      readonly delays: DeliveryDelays | null;
      readonly dsn: string | null;
      readonly status: DeliveryStatus;
      /** Postfix 3.11's TLS feature status (`tls=dane`, `tls=may`…), when logged. */
      readonly tls: string | null;
      /** Why it was not delivered (deferred, bounced), as the SMTP or LMTP client says; null otherwise. */
      readonly problem: RelayProblem | null;
      /** The recipient's domain, for the SMTP client's deliveries (never the address); null otherwise. */
      readonly recipientDomain: string | null;
    }
  /**
   * The SMTP client about a receiving server, on a line of its own: `connect to …: Connection
   * timed out` (no queue id), `QID: host … said: …`, `QID: lost connection with … while …`.
   */
  | { readonly kind: 'relay-problem'; readonly queueId: string | null; readonly problem: RelayProblem }
  /**
   * The SMTP client's TLS handshake failed (`SSL_connect error to HOST[IP]:25: …`, `QID: Cannot start
   * TLS: handshake failure`; the relay when the line names it): what the process delivers next
   * goes without TLS, or not at all.
   */
  | { readonly kind: 'relay-tls-failed'; readonly relay: Relay | null }
  /** `Verified TLS connection established to HOST[IP]:25: TLSv1.3 with cipher …` */
  | {
      readonly kind: 'relay-tls';
      readonly relay: Relay;
      readonly trust: TlsTrust | null;
      readonly protocol: string;
      readonly cipher: string;
      readonly bits: number;
    }
  | {
      readonly kind: 'notification';
      readonly queueId: string;
      readonly type: 'non-delivery' | 'delay' | 'success';
      readonly notificationQueueId: string;
    }
  /**
   * A line of a shape Postfix writes that mxstatus knows and does not use (yet): the TLS proxy's
   * other warnings and client-side lines, NOQUEUE actions other than reject, some warnings. Counted apart
   * from `unrecognised`, which are the shapes nobody has looked at; like those, it gives no time covered.
   */
  | { readonly kind: 'known' }
  | { readonly kind: 'unrecognised' };

export type PostfixEventKind = PostfixEvent['kind'];

/** Every kind, in the order reports list them. */
export const postfixEventKinds: readonly PostfixEventKind[] = [
  'connect',
  'disconnect',
  'session-aborted',
  'tls-established',
  'tls-handshake-failed',
  'tls-library-problem',
  'auth-failed',
  'pipelining',
  'queue-client',
  'reject',
  'postscreen',
  'tls-proxy',
  'tls-proxy-problem',
  'cleanup',
  'queued',
  'expired',
  'removed',
  'delivery',
  'relay-problem',
  'relay-tls',
  'relay-tls-failed',
  'notification',
  'known',
  'unrecognised',
];
