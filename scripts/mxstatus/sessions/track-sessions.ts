import type { SyslogEnvelope } from '../parse/parse-syslog-line.ts';
import type { Client, PostfixEvent } from '../parse/postfix-event.ts';
import type { AcceptedMessage, SessionOutcome, SmtpSession } from './smtp-session.ts';

interface OpenSession {
  host: string;
  pid: number;
  service: string;
  client: Client;
  connectedAt: number;
  tls: SmtpSession['tls'];
  handshakeFailed: boolean;
  abort: { reason: 'lost' | 'timeout' | 'too-many-errors'; stage: string } | null;
  messages: number;
  authenticated: boolean;
}

interface OpenMessage {
  host: string;
  client: Client;
  service: string;
  authenticated: boolean;
  acceptedAt: number;
  delay: number | null;
}

export interface SessionSink {
  session(session: SmtpSession): void;
  message(message: AcceptedMessage): void;
}

/**
 * Follows smtpd sessions by (host, pid) and messages by (host, queue id), and hands each one to
 * the sink when it ends.
 *
 * @example
 * const tracker = new SessionTracker({ session: (s) => …, message: (m) => … });
 * tracker.push(envelope, event); … tracker.flush();
 */
export class SessionTracker {
  readonly #sessions = new Map<string, OpenSession>();
  readonly #messages = new Map<string, OpenMessage>();
  readonly #sink: SessionSink;

  constructor(sink: SessionSink) {
    this.#sink = sink;
  }

  push(envelope: SyslogEnvelope, event: PostfixEvent): void {
    switch (event.kind) {
      case 'connect': {
        const key = sessionKey(envelope);
        const stale = this.#sessions.get(key);
        // A new connect on a pid whose session never logged a disconnect: the daemon restarted.
        if (stale) this.#close(key, stale, false);
        this.#sessions.set(key, {
          host: envelope.host,
          pid: envelope.pid,
          service: serviceOf(envelope.program),
          client: event.client,
          connectedAt: envelope.time,
          tls: null,
          handshakeFailed: false,
          abort: null,
          messages: 0,
          authenticated: false,
        });
        return;
      }
      case 'tls-established': {
        const open = this.#sessions.get(sessionKey(envelope));
        if (open) open.tls = { protocol: event.protocol, cipher: event.cipher, bits: event.bits };
        return;
      }
      case 'tls-handshake-failed': {
        const open = this.#sessions.get(sessionKey(envelope));
        if (open) open.handshakeFailed = true;
        return;
      }
      case 'session-aborted': {
        const open = this.#sessions.get(sessionKey(envelope));
        if (open && !open.abort) open.abort = { reason: event.reason, stage: event.stage };
        return;
      }
      case 'disconnect': {
        const key = sessionKey(envelope);
        const open = this.#sessions.get(key);
        if (open) this.#close(key, open, true);
        return;
      }
      case 'queue-client': {
        const open = this.#sessions.get(sessionKey(envelope));
        if (open) {
          open.messages++;
          if (event.authenticated) open.authenticated = true;
        }
        this.#messages.set(messageKey(envelope.host, event.queueId), {
          host: envelope.host,
          client: event.client,
          service: open?.service ?? serviceOf(envelope.program),
          authenticated: event.authenticated,
          acceptedAt: envelope.time,
          delay: null,
        });
        return;
      }
      case 'delivery': {
        const message = this.#messages.get(messageKey(envelope.host, event.queueId));
        if (message && event.status === 'sent') message.delay = Math.max(message.delay ?? 0, event.delay);
        return;
      }
      case 'removed': {
        const key = messageKey(envelope.host, event.queueId);
        const message = this.#messages.get(key);
        if (message) {
          this.#messages.delete(key);
          this.#sink.message(message);
        }
        return;
      }
      case 'unrecognised':
        return;
    }
  }

  /** Closes every session still open (end of the logs). */
  flush(): void {
    for (const [key, open] of this.#sessions) this.#close(key, open, false);
  }

  #close(key: string, open: OpenSession, closed: boolean): void {
    this.#sessions.delete(key);
    this.#sink.session({
      host: open.host,
      pid: open.pid,
      service: open.service,
      client: open.client,
      connectedAt: open.connectedAt,
      outcome: outcomeOf(open),
      stage: open.abort?.stage ?? null,
      tls: open.tls,
      messages: open.messages,
      authenticated: open.authenticated,
      closed,
    });
  }
}

function outcomeOf(open: OpenSession): SessionOutcome {
  if (open.messages > 0) return 'accepted';
  if (open.handshakeFailed) return 'tls-failed';
  const abort = open.abort;
  if (!abort) return 'no-mail';
  if (abort.reason === 'too-many-errors') return 'rejected';
  if (abort.stage === 'STARTTLS' && !open.tls) return 'tls-failed';
  return abort.reason;
}

/** `postfix/submission/smtpd` → "submission"; `postfix/smtpd` and `postfix-in/smtpd` → "smtp". */
function serviceOf(program: string): string {
  const first = program.indexOf('/');
  const last = program.lastIndexOf('/');
  return first < last ? program.slice(first + 1, last) : 'smtp';
}

function sessionKey(envelope: SyslogEnvelope): string {
  return `${envelope.host} ${envelope.pid}`;
}

function messageKey(host: string, queueId: string): string {
  return `${host} ${queueId}`;
}
