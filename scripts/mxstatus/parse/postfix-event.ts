/**
 * What one Postfix log line says, as a discriminated union on `kind`.
 * Times are UTC epoch milliseconds; nothing private (addresses, logins, message-ids) is kept.
 */

/** The remote side of a connection: reverse-DNS name (or "unknown") and address. */
export interface Client {
  readonly name: string;
  readonly ip: string;
}

export type SessionStage = string;

export type PostfixEvent =
  | { readonly kind: 'connect'; readonly client: Client }
  | {
      readonly kind: 'disconnect';
      readonly client: Client;
      /** `ehlo=2 starttls=1 … commands=7`; "0/1" pairs become {ok: 0, tried: 1}; absent before Postfix 3.0. */
      readonly commands: Readonly<Record<string, { ok: number; tried: number }>> | null;
    }
  | {
      readonly kind: 'session-aborted';
      /** lost connection / timeout / too many errors, after the named SMTP stage. */
      readonly reason: 'lost' | 'timeout' | 'too-many-errors';
      readonly stage: SessionStage;
      readonly client: Client;
    }
  | {
      readonly kind: 'tls-established';
      readonly client: Client;
      readonly trust: 'Anonymous' | 'Untrusted' | 'Trusted' | 'Verified';
      readonly protocol: string;
      readonly cipher: string;
      readonly bits: number;
    }
  | { readonly kind: 'tls-handshake-failed'; readonly client: Client; readonly reason: string }
  | { readonly kind: 'queue-client'; readonly queueId: string; readonly client: Client; readonly authenticated: boolean }
  | {
      readonly kind: 'delivery';
      readonly queueId: string;
      readonly relay: string;
      /** Seconds the message spent in our hands (`delay=`). */
      readonly delay: number;
      readonly status: 'sent' | 'deferred' | 'bounced' | 'expired';
    }
  | { readonly kind: 'removed'; readonly queueId: string }
  | { readonly kind: 'unrecognised' };

export type PostfixEventKind = PostfixEvent['kind'];
