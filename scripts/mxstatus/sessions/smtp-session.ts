import type { Client } from '../parse/postfix-event.ts';

/** How an inbound SMTP session ended, from the sender's point of view. */
export type SessionOutcome =
  /** At least one message was accepted (`QID: client=`). */
  | 'accepted'
  /** The TLS handshake failed: an `SSL_accept error`, or the connection ended during STARTTLS. */
  | 'tls-failed'
  /** The client dropped the connection after a stage, before a message was through. */
  | 'lost'
  /** The session timed out after a stage, before a message was through. */
  | 'timeout'
  /** We refused: a reject, or too many errors. */
  | 'rejected'
  /** The session ended cleanly without a message (a probe, a QUIT after EHLO). */
  | 'no-mail';

export interface SmtpSession {
  /** The MX host that logged the session. */
  readonly host: string;
  readonly pid: number;
  /** Postfix service of the smtpd (`smtp` for port 25, `submission`, `smtps`…). */
  readonly service: string;
  readonly client: Client;
  /** When the client connected; a session is timed by its connect. */
  readonly connectedAt: number;
  readonly outcome: SessionOutcome;
  /** The stage after which it was lost or timed out, e.g. "STARTTLS". */
  readonly stage: string | null;
  readonly tls: { readonly protocol: string; readonly cipher: string; readonly bits: number } | null;
  readonly messages: number;
  /** Rejects we logged during the session (NOQUEUE reject: …). */
  readonly rejects: number;
  /** The client logged in with SASL, or tried to: one of our own users or a bot, never a sending organisation. */
  readonly authenticated: boolean;
  readonly authFailed: boolean;
  /** False when no `disconnect` was seen (daemon restart, pid reuse, end of the logs). */
  readonly closed: boolean;
}

/** A message we accepted, from its `client=` line to `removed`. */
export interface AcceptedMessage {
  readonly host: string;
  readonly client: Client;
  readonly service: string;
  readonly authenticated: boolean;
  /** When the first of our smtpd processes accepted it (before any content filter). */
  readonly acceptedAt: number;
  /** Our own delivery delay in seconds: the largest `delay=` of its successful deliveries, content filter included. */
  readonly delay: number | null;
  /** How its last recipient ended: delivered, bounced, expired — or unknown when `removed` was never seen. */
  readonly outcome: 'delivered' | 'bounced' | 'expired' | 'unknown';
}
