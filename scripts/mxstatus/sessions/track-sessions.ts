import { detachString } from '../../../src/core/detach-string.ts';
import type { SyslogEnvelope } from '../parse/parse-syslog-line.ts';
import type { Client, PostfixEvent } from '../parse/postfix-event.ts';
import { isHandshakeReason } from './handshake-reasons.ts';
import type { AcceptedMessage, SessionOutcome, SmtpSession } from './smtp-session.ts';

export interface OpenSession {
  host: string;
  pid: number;
  service: string;
  client: Client;
  connectedAt: number;
  tls: SmtpSession['tls'];
  handshakeFailed: boolean;
  abort: { reason: 'lost' | 'timeout' | 'too-many-errors'; stage: string } | null;
  messages: number;
  /** The queue id of the message under way, until the next one. */
  lastQueueId: string | null;
  rejects: number;
  authenticated: boolean;
  authFailed: boolean;
  /**
   * Set for a connection of postscreen's TLS proxy, which names its client by `[IP]:PORT` only
   * (and one process serves many): the session is followed by host, address and this port.
   */
  proxyPort?: number;
}

/** Stages during which a message is still being received: lost there, it was never accepted. */
const IN_MESSAGE_STAGES = new Set(['DATA', 'BDAT']);

export interface OpenMessage {
  host: string;
  client: Client;
  service: string;
  authenticated: boolean;
  acceptedAt: number;
  /** Seconds between the original acceptance and this queue file's (content filter re-injection). */
  carriedDelay: number;
  delay: number | null;
  outcome: AcceptedMessage['outcome'];
  /** Handed to a content filter and re-injected under another queue id: that one reports it. */
  forwarded: boolean;
  /** When it was removed (log time), while it is remembered as removed lately. */
  removedAt?: number;
}

/** What a tracker holds between two incremental runs: plain data, as JSON can carry it. */
export interface TrackerState {
  readonly sessions: readonly (readonly [string, OpenSession])[];
  readonly messages: readonly (readonly [string, OpenMessage])[];
  readonly recent: readonly (readonly [string, OpenMessage])[];
  readonly older: readonly (readonly [string, OpenMessage])[];
  /** Per MX host, the log time of its last sweep. */
  readonly lastSweep: readonly (readonly [string, number])[];
  /**
   * TLS proxy processes (host, pid) whose last line was a TLS library problem, its time, and whether
   * its reason is a handshake's (absent before 0.4).
   */
  readonly proxyProblems?: readonly (readonly [string, number, number, boolean])[];
  /** MX hosts whose TLS proxy logs its good handshakes (absent before 0.4). */
  readonly proxyHosts?: readonly string[];
}

export interface SessionSink {
  session(session: SmtpSession): void;
  message(message: AcceptedMessage): void;
}

/** A session that has not logged a disconnect for this long was cut off (restart, rotation). */
const SESSION_MAX_MS = 3_600_000;
/** A message still queued after this long is reported without a delay (Postfix gives up at 5 days). */
const MESSAGE_MAX_MS = 6 * 86_400_000;
const SWEEP_EVERY_MS = 600_000;
/** The TLS proxy logs a failed handshake's DISCONNECT at once after its problem: one further apart is not its. */
const PROBLEM_MS = 2_000;
/** Above every pid the syslog reader takes (at most 10 digits); 2⁵³ / PID_LIMIT hosts fit in a key. */
const PID_LIMIT = 10_000_000_000;
/**
 * How long a removed message is remembered for a content filter's re-injection logged after the
 * removal (log lines of different processes out of order: seconds), and at most how many.
 */
const RECENT_MS = 600_000;
const RECENT_MESSAGES = 10_000;
/**
 * The most sessions and messages held open at once. Postfix keeps far fewer (a process per
 * session; a queue of 200,000 is a disaster already); beyond it the oldest is given up: reported
 * as cut off (a session) or without a delay (a message), and counted. A log that never logs
 * `disconnect` or `removed` costs memory up to here and no further, and so does the state.
 */
export const MAX_OPEN_SESSIONS = 100_000;
export const MAX_OPEN_MESSAGES = 200_000;

/**
 * Follows smtpd sessions by (host, pid) and messages by (host, queue id), and hands each one to
 * the sink when it ends. Memory stays bounded: sessions and messages that never end are swept.
 *
 * @example
 * const tracker = new SessionTracker({ session: (s) => …, message: (m) => … });
 * tracker.push(envelope, event); … tracker.flush();
 */
export class SessionTracker {
  /** Open sessions by sessionKey (host and pid as one number: no string is made per line). */
  readonly #sessions = new Map<number, OpenSession>();
  /** The TLS proxy's open connections, by proxyKey. */
  readonly #proxied = new Map<string, OpenSession>();
  /** TLS proxy processes (by sessionKey) whose last line was a TLS library problem. */
  readonly #proxyProblems = new Map<number, ProxyProblem>();
  /** MX hosts whose TLS proxy has logged a good handshake (its tlsproxy_tls_loglevel is 1 or more). */
  readonly #proxyHosts = new Set<string>();
  /** Our MX hosts by number, for sessionKey. */
  readonly #hostNumbers = new Map<string, number>();
  readonly #messages = new Map<string, OpenMessage>();
  /**
   * Messages removed lately, for a content filter's re-injection logged after the removal: two
   * for RECENT_MS of their host's log time (RECENT_MESSAGES at most, the oldest forgotten first).
   * A lookup sees only those removed within RECENT_MS of its line, so when they are swept away never
   * changes an answer, and the state carries minutes of them, not thousands.
   */
  readonly #recent = new Map<string, OpenMessage>();
  readonly #sink: SessionSink;
  /**
   * Per MX host, when its sessions were last swept: each host by its own clock, so that how the
   * lines of several hosts interleave (one file after the other, or chunk by chunk in incremental
   * runs) never decides whether a session is cut off.
   */
  readonly #lastSweep = new Map<string, number>();
  /** Sessions and messages given up because too many were open at once (see MAX_OPEN_SESSIONS). */
  readonly givenUp = { sessions: 0, messages: 0 };
  readonly #maxSessions: number;
  readonly #maxMessages: number;

  constructor(sink: SessionSink, limits: { readonly sessions?: number; readonly messages?: number } = {}) {
    this.#maxSessions = limits.sessions ?? MAX_OPEN_SESSIONS;
    this.#maxMessages = limits.messages ?? MAX_OPEN_MESSAGES;
    this.#sink = sink;
  }

  push(envelope: SyslogEnvelope, event: PostfixEvent): void {
    const lastSweep = this.#lastSweep.get(envelope.host);
    // Only forward: a sweep at an earlier time closes nothing a later one would not, and lines
    // jumping back and forth would otherwise sweep every open session on every line.
    if (lastSweep === undefined || envelope.time - lastSweep > SWEEP_EVERY_MS) this.#sweep(envelope.host, envelope.time);
    switch (event.kind) {
      case 'connect': {
        const key = this.#sessionKey(envelope);
        const stale = this.#sessions.get(key);
        // A new connect on a pid whose session never logged a disconnect: the daemon restarted.
        if (stale) this.#close(key, stale, false);
        else if (this.#sessions.size >= this.#maxSessions) this.#giveUpSession();
        this.#sessions.set(key, newSession(envelope, serviceOf(envelope.program), kept(event.client)));
        return;
      }
      case 'tls-established': {
        const open = this.#session(envelope);
        if (open) open.tls = { protocol: detachString(event.protocol), cipher: detachString(event.cipher), bits: event.bits };
        return;
      }
      case 'tls-handshake-failed':
      case 'tls-library-problem': {
        const open = this.#session(envelope);
        if (open && !open.tls) open.handshakeFailed = true;
        return;
      }
      case 'tls-proxy':
        this.#proxy(envelope, event);
        return;
      case 'tls-proxy-problem': {
        // OpenSSL may report several errors of one failure, a line each: any handshake reason counts.
        const key = this.#sessionKey(envelope);
        const handshake = isHandshakeReason(event.reason) || (this.#proxyProblems.get(key)?.handshake ?? false);
        this.#proxyProblems.set(key, { host: envelope.host, pid: envelope.pid, at: envelope.time, handshake });
        return;
      }
      case 'auth-failed': {
        const open = this.#session(envelope);
        if (open) open.authFailed = true;
        return;
      }
      case 'reject': {
        const open = this.#session(envelope);
        if (open) open.rejects++;
        return;
      }
      case 'session-aborted': {
        const open = this.#session(envelope);
        if (!open || open.abort) return;
        open.abort = { reason: event.reason, stage: detachString(event.stage) };
        // Postfix logs `QID: client=` at the first accepted RCPT: a message lost during DATA
        // had a queue id but was never accepted, and cleanup throws it away.
        if (IN_MESSAGE_STAGES.has(event.stage) && open.lastQueueId && open.messages > 0) {
          open.messages--;
          this.#messages.delete(messageKey(envelope.host, open.lastQueueId));
          open.lastQueueId = null;
        }
        return;
      }
      case 'disconnect': {
        const key = this.#sessionKey(envelope);
        const open = this.#sessions.get(key);
        if (!open) return;
        const starttls = event.commands?.starttls;
        // disconnect … starttls=0/1: the handshake was tried and never completed.
        if (starttls && starttls.ok < starttls.tried && !open.tls) open.handshakeFailed = true;
        // disconnect … auth=1: a user logged in (on port 25 too), whether or not a message got
        // through: never a sending organisation's server, and its address is a person's.
        const auth = event.commands?.auth;
        if (auth && auth.ok > 0) open.authenticated = true;
        this.#close(key, open, true);
        return;
      }
      case 'queue-client':
        this.#accept(envelope, event);
        return;
      case 'delivery': {
        const message = this.#messages.get(messageKey(envelope.host, event.queueId));
        if (!message) return;
        if (event.status === 'sent') {
          message.delay = Math.max(message.delay ?? 0, message.carriedDelay + event.delay);
          if (message.outcome === 'unknown') message.outcome = 'delivered';
        } else if (event.status === 'bounced' || event.status === 'expired') {
          message.outcome = event.status;
        }
        return;
      }
      case 'expired': {
        const message = this.#messages.get(messageKey(envelope.host, event.queueId));
        if (message) message.outcome = 'expired';
        return;
      }
      case 'removed': {
        const key = messageKey(envelope.host, event.queueId);
        const message = this.#messages.get(key);
        if (message) this.#finish(key, message, envelope.time);
        return;
      }
      default:
        return;
    }
  }

  /**
   * Everything still open or remembered, as plain data: an incremental run saves it before
   * `flush`, and the next run `restore`s it and goes on as if it had never stopped.
   */
  save(): TrackerState {
    return {
      sessions: [...this.#sessions.values(), ...this.#proxied.values()].map((open) => [`${open.host} ${open.pid}`, open] as const),
      messages: [...this.#messages],
      recent: [...this.#recent],
      older: [],
      lastSweep: [...this.#lastSweep],
      proxyProblems: [...this.#proxyProblems.values()].map(({ host, pid, at, handshake }) => [host, pid, at, handshake] as const),
      proxyHosts: [...this.#proxyHosts],
    };
  }

  /** Takes up what `save` returned; the tracker must be new. */
  restore(state: TrackerState): void {
    for (const [, open] of state.sessions) {
      if (open.proxyPort === undefined) this.#sessions.set(this.#sessionKey(open), open);
      else this.#proxied.set(proxyKey(open.host, open.client.ip, open.proxyPort), open);
    }
    for (const [key, message] of state.messages) this.#messages.set(key, message);
    // A state of an earlier release keeps two generations without removal times: their acceptance stands in.
    for (const [key, message] of [...state.older, ...state.recent]) this.#recent.set(key, { ...message, removedAt: message.removedAt ?? message.acceptedAt });
    for (const [host, time] of state.lastSweep) this.#lastSweep.set(host, time);
    for (const [host, pid, at, handshake] of state.proxyProblems ?? []) this.#proxyProblems.set(this.#sessionKey({ host, pid }), { host, pid, at, handshake });
    for (const host of state.proxyHosts ?? []) this.#proxyHosts.add(host);
  }

  /** Closes every session and message still open (end of the logs). */
  flush(): void {
    for (const [key, open] of this.#sessions) this.#close(key, open, false);
    // Proxied connections still open failed nothing that is known (see #proxy).
    this.#proxied.clear();
    for (const [key, message] of this.#messages) this.#finish(key, message, message.acceptedAt);
  }

  /**
   * A connection of postscreen's TLS proxy: postscreen hands a client that says STARTTLS during
   * its tests to the proxy, and the client reconnects to smtpd later only when the tests pass.
   * One whose handshake failed is a failed session of its own, as `lost connection after
   * STARTTLS` is in smtpd; nothing else of the proxy is counted (a good handshake is a step of
   * postscreen's tests). The proxy logs `warning: TLS library problem` lines right before the
   * DISCONNECT of the connection they belong to (one process, one event at a time), and those say
   * whether it was the handshake that failed:
   * - a reason only a handshake gives (isHandshakeReason) does;
   * - another (`unexpected eof while reading`) comes after a good handshake too, when the client
   *   hangs up after postscreen's 450: it counts only without a completed handshake on a host whose
   *   proxy logs its good handshakes (at Postfix's default tlsproxy_tls_loglevel = 0 it does not,
   *   and then nothing tells the two apart).
   * The proxy names only the address: the sender is known by its published ranges (ipRanges).
   */
  #proxy(envelope: SyslogEnvelope, event: Extract<PostfixEvent, { kind: 'tls-proxy' }>): void {
    const processKey = this.#sessionKey(envelope);
    const problem = this.#proxyProblems.get(processKey);
    this.#proxyProblems.delete(processKey);
    const key = proxyKey(envelope.host, event.ip, event.port);
    const open = this.#proxied.get(key);
    switch (event.action) {
      case 'connect':
        // The same address and port again without a DISCONNECT: the earlier connection is over.
        if (open) this.#proxied.delete(key);
        else if (this.#proxied.size >= this.#maxSessions) this.#giveUpSession(this.#proxied);
        this.#proxied.set(key, { ...newSession(envelope, 'smtp', { name: 'unknown', ip: detachString(event.ip) }), proxyPort: event.port });
        return;
      case 'established':
        if (!this.#proxyHosts.has(envelope.host)) this.#proxyHosts.add(detachString(envelope.host));
        if (open && event.tls) open.tls = { protocol: detachString(event.tls.protocol), cipher: detachString(event.tls.cipher), bits: event.tls.bits };
        return;
      case 'disconnect': {
        if (!open) return;
        this.#proxied.delete(key);
        const failed = problem && envelope.time - problem.at <= PROBLEM_MS && !open.tls && (problem.handshake || this.#proxyHosts.has(envelope.host));
        if (failed) {
          open.handshakeFailed = true;
          this.#report(open, true);
        }
        return;
      }
    }
  }

  #session(envelope: SyslogEnvelope): OpenSession | undefined {
    return this.#sessions.get(this.#sessionKey(envelope));
  }

  /** A session's key: its pid, and its host's number above the largest pid a line can carry (10 digits). */
  #sessionKey({ host, pid }: { readonly host: string; readonly pid: number }): number {
    let number = this.#hostNumbers.get(host);
    if (number === undefined) {
      number = this.#hostNumbers.size;
      this.#hostNumbers.set(detachString(host), number);
    }
    return number * PID_LIMIT + pid;
  }

  #accept(envelope: SyslogEnvelope, event: Extract<PostfixEvent, { kind: 'queue-client' }>): void {
    const key = messageKey(envelope.host, event.queueId);
    const reused = this.#messages.get(key);
    // The same queue id again without a `removed` in between: the earlier message is over.
    if (reused) this.#finish(key, reused, envelope.time);
    else if (this.#messages.size >= this.#maxMessages) this.#giveUpMessage();
    const open = this.#session(envelope);
    if (open) {
      open.messages++;
      open.lastQueueId = detachString(event.queueId);
      if (event.authenticated) open.authenticated = true;
    }
    let message: OpenMessage = {
      host: envelope.host,
      client: open && sameClient(open.client, event.client) ? open.client : kept(event.client),
      service: open?.service ?? serviceOf(envelope.program),
      authenticated: event.authenticated,
      acceptedAt: envelope.time,
      carriedDelay: 0,
      delay: null,
      outcome: 'unknown',
      forwarded: false,
    };
    if (event.origQueueId) {
      // Re-injected by a content filter: the message is the one first accepted as origQueueId.
      const originalKey = messageKey(envelope.host, event.origQueueId);
      const removed = this.#recent.get(originalKey);
      const original = this.#messages.get(originalKey) ?? (removed && envelope.time - removed.removedAt! <= RECENT_MS ? removed : undefined);
      if (original) {
        original.forwarded = true;
        message = { ...message, client: original.client, service: original.service, authenticated: original.authenticated, acceptedAt: original.acceptedAt, carriedDelay: Math.max(0, (envelope.time - original.acceptedAt) / 1000) };
      } else if (event.origClient) {
        message.client = kept(event.origClient);
      }
    }
    this.#messages.set(key, message);
  }

  #finish(key: string, message: OpenMessage, at: number): void {
    this.#messages.delete(key);
    // Again as the newest: a queue id used twice is remembered by its last removal.
    this.#recent.delete(key);
    // A copy: the message may be in a state saved before the flush that finishes it.
    this.#recent.set(key, { ...message, removedAt: at });
    if (this.#recent.size > RECENT_MESSAGES) this.#recent.delete(this.#recent.keys().next().value!);
    if (message.forwarded) return;
    this.#sink.message({
      host: message.host,
      client: message.client,
      service: message.service,
      authenticated: message.authenticated,
      acceptedAt: message.acceptedAt,
      delay: message.delay,
      outcome: message.outcome,
    });
  }

  /**
   * The sessions open longest (maps keep insertion order) are closed as cut off: a tenth of the
   * limit at once, since finding a map's first entry costs as much as the entries deleted before it.
   */
  #giveUpSession(sessions: Map<number, OpenSession> | Map<string, OpenSession> = this.#sessions): void {
    let n = Math.max(1, Math.floor(this.#maxSessions / 10));
    for (const [key, open] of sessions) {
      if (n-- === 0) break;
      this.givenUp.sessions++;
      // A proxied connection is counted only once it failed (see #proxy): given up, it is forgotten.
      if (typeof key === 'number') this.#close(key, open, false);
      else this.#proxied.delete(key);
    }
  }

  /** The messages accepted first are reported as they are (a tenth of the limit at once, as above). */
  #giveUpMessage(): void {
    let n = Math.max(1, Math.floor(this.#maxMessages / 10));
    for (const [key, message] of this.#messages) {
      if (n-- === 0) break;
      this.givenUp.messages++;
      this.#finish(key, message, message.acceptedAt);
    }
  }

  #sweep(host: string, now: number): void {
    this.#lastSweep.set(detachString(host), now);
    for (const [key, open] of this.#sessions) if (open.host === host && now - open.connectedAt > SESSION_MAX_MS) this.#close(key, open, false);
    for (const [key, open] of this.#proxied) if (open.host === host && now - open.connectedAt > SESSION_MAX_MS) this.#proxied.delete(key);
    // A problem the proxy's next line did not follow within seconds belongs to nothing any more.
    for (const [key, problem] of this.#proxyProblems) if (problem.host === host && now - problem.at > PROBLEM_MS) this.#proxyProblems.delete(key);
    for (const [key, message] of this.#messages) if (message.host === host && now - message.acceptedAt > MESSAGE_MAX_MS) this.#finish(key, message, now);
    for (const [key, message] of this.#recent) if (message.host === host && now - message.removedAt! > RECENT_MS) this.#recent.delete(key);
  }

  #close(key: number, open: OpenSession, closed: boolean): void {
    this.#sessions.delete(key);
    this.#report(open, closed);
  }

  #report(open: OpenSession, closed: boolean): void {
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
      rejects: open.rejects,
      authenticated: open.authenticated,
      authFailed: open.authFailed,
      closed,
    });
  }
}

/** A session that has just connected. */
function newSession(envelope: SyslogEnvelope, service: string, client: Client): OpenSession {
  return {
    host: envelope.host,
    pid: envelope.pid,
    service,
    client,
    connectedAt: envelope.time,
    tls: null,
    handshakeFailed: false,
    abort: null,
    messages: 0,
    lastQueueId: null,
    rejects: 0,
    authenticated: false,
    authFailed: false,
  };
}

/**
 * A client as kept while its session or message is open: its strings copied out of the log line,
 * which shares the memory of a whole read chunk (64 KB). A session kept open for minutes, or a
 * message deferred for days, would otherwise keep its chunk alive, and with it every line of it.
 */
function kept(client: Client): Client {
  return { name: detachString(client.name), ip: detachString(client.ip) };
}

function sameClient(a: Client, b: Client): boolean {
  return a.name === b.name && a.ip === b.ip;
}

function outcomeOf(open: OpenSession): SessionOutcome {
  if (open.messages > 0) return 'accepted';
  if (open.handshakeFailed) return 'tls-failed';
  const abort = open.abort;
  if (abort?.stage === 'STARTTLS' && !open.tls) return 'tls-failed';
  if (open.rejects > 0 || abort?.reason === 'too-many-errors') return 'rejected';
  if (!abort) return 'no-mail';
  return abort.reason === 'timeout' ? 'timeout' : 'lost';
}

/** `postfix/submission/smtpd` → "submission"; `postfix/smtpd` and `postfix-in/smtpd` → "smtp". */
function serviceOf(program: string): string {
  const first = program.indexOf('/');
  const last = program.lastIndexOf('/');
  return first < last ? program.slice(first + 1, last) : 'smtp';
}

/** A TLS library problem of a TLS proxy process, waiting for the DISCONNECT it belongs to. */
interface ProxyProblem {
  readonly host: string;
  readonly pid: number;
  readonly at: number;
  /** Whether one of its reasons only a handshake gives. */
  readonly handshake: boolean;
}

function proxyKey(host: string, ip: string, port: number): string {
  return `${host} [${ip}]:${port}`;
}

function messageKey(host: string, queueId: string): string {
  return `${host} ${queueId}`;
}
