/**
 * The log lines of an outbound relay of ours (issue 19), as Postfix writes them: each message
 * our users send comes in (`cleanup` message-id, `qmgr` from=… queue active), is tried by the SMTP
 * client (`Trusted TLS connection established to …`, then `to=<…>, relay=…, delay=…, delays=…,
 * dsn=…, status=…`), and when deferred is tried again as the queue manager does it: after 300 s,
 * then twice as long each time up to 4,000 s (minimal_backoff_time, maximal_backoff_time), until
 * it goes, bounces (`postfix/bounce` sender non-delivery notification) or expires after five days
 * (maximal_queue_lifetime: `status=expired, returned to sender`). What goes wrong is the
 * receiver's (an episode: it throttles us, refuses us, cannot be reached, has trouble of its own)
 * or the recipient's (no such user, a full mailbox, a small domain's greylisting). Every attempt
 * is also returned as the truth a test holds the reading against.
 *
 * Shared by the demo's relay (generate-demo-logs.ts) and the end-to-end outbound scenarios
 * (scripts/e2e/outbound-scenario-log.ts).
 *
 * @example
 * const relay = new RelayLog(new Random(7));
 * relay.send({ arrived: Date.parse('2026-03-23T08:00:00Z'), receiver: 'microsoft', recipientProblem: null, failing: () => 'rate-limit' });
 * relay.sortedEntries()[0].message // '4Bf…: message-id=<…@example.net>'
 * relay.attempts[0]                // { at, receiver: 'microsoft', status: 'deferred', problemClass: 'rate-limit', delaySeconds: null }
 */
import type { ProblemClass } from '../outbound/problem-class.ts';
import type { Random } from './random.ts';

/** Our relay's public address, as the receivers name it in their replies (a documentation address). */
export const OUR_RELAY_IP = '203.0.113.5';

export type EpisodeKind = 'rate-limit' | 'reputation' | 'unreachable' | 'temporary';

/**
 * A recipient's own trouble: `unknown-user` bounces (550 5.1.1), `mailbox-full` (452 4.2.2) and
 * `greylisted` (450 4.2.0) are deferred, for as many attempts as `RelayMessage.recipientTries` says.
 */
export type RecipientProblem = 'unknown-user' | 'mailbox-full' | 'greylisted';

const TLS13 = 'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256';
const TLS12 = 'TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)';

/** How each receiver is reached (its real MX names), how its handshake goes, and how it answers in trouble (its reply texts). */
export const RELAY_RECEIVERS = {
  microsoft: {
    domains: ['hotmail.com', 'outlook.com', 'hotmail.de', 'outlook.de', 'live.com'],
    relay: (r: Random) => `hotmail-com.olc.protection.outlook.com[52.101.${r.int(40, 90)}.${r.int(1, 250)}]`,
    tls: TLS12,
    replies: {
      'rate-limit': `451 4.7.650 The mail server [${OUR_RELAY_IP}] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775) (in reply to MAIL FROM command)`,
      reputation: `550 5.7.606 Access denied, banned sending IP [${OUR_RELAY_IP}]. To request removal from this list please visit https://sender.office.com/ (in reply to MAIL FROM command)`,
      temporary: `451 4.7.500 Server busy. Please try again later from [${OUR_RELAY_IP}]. (S77714) (in reply to MAIL FROM command)`,
    },
  },
  google: {
    domains: ['gmail.com', 'googlemail.com'],
    relay: (r: Random) => `${r.pick(['', 'alt1.', 'alt2.'])}gmail-smtp-in.l.google.com[142.250.${r.int(100, 160)}.${r.int(1, 250)}]`,
    tls: 'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature ECDSA (P-256) server-digest SHA256',
    replies: {
      'rate-limit': `421-4.7.28 [${OUR_RELAY_IP} 15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. (in reply to end of DATA command)`,
      reputation: `550-5.7.1 [${OUR_RELAY_IP} 15] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address. (in reply to end of DATA command)`,
      temporary: '421-4.3.0 Temporary System Problem.  Try again later (10). (in reply to RCPT TO command)',
    },
  },
  yahoo: {
    domains: ['yahoo.com', 'aol.com'],
    relay: (r: Random) => `mta${r.int(5, 7)}.am0.yahoodns.net[67.195.${r.int(200, 230)}.${r.int(1, 250)}]`,
    tls: TLS12,
    replies: {
      'rate-limit': `421 4.7.0 [TSS04] Messages from ${OUR_RELAY_IP} temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)`,
      reputation: `553 5.7.2 [TSS09] All messages from ${OUR_RELAY_IP} will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)`,
      temporary: '451 4.3.2 Internal error, please try again later (in reply to end of DATA command)',
    },
  },
  't-online': {
    domains: ['t-online.de'],
    relay: (r: Random) => `mx0${r.int(0, 3)}.t-online.de[194.25.134.${r.int(8, 11)}]`,
    tls: TLS13,
    replies: {
      'rate-limit': '421 4.7.0 Too many connections (in reply to MAIL FROM command)',
      reputation: `554 IP=${OUR_RELAY_IP} - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)`,
      temporary: '451 4.3.0 Temporary local problem - please try later (in reply to end of DATA command)',
    },
  },
  'united-internet': {
    domains: ['gmx.de', 'web.de', 'gmx.net'],
    relay: (r: Random, domain: string) => (domain === 'web.de' ? `mx-ha0${r.int(2, 3)}.web.de[212.227.17.${r.int(8, 9)}]` : `mx0${r.int(0, 1)}.emig.gmx.net[212.227.15.${r.int(9, 10)}]`),
    tls: TLS13,
    replies: {
      'rate-limit': `421 gmx.net (mxgmx016) Nemesis ESMTP Service not available; Requested action aborted: too many connections from ${OUR_RELAY_IP} (in reply to MAIL FROM command)`,
      reputation: `554-gmx.net (mxgmx117) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is block listed. 554 For explanation visit https://postmaster.gmx.net/en/case?c=r0701 (in reply to MAIL FROM command)`,
      temporary: '451 4.3.0 Temporary failure, please try again later (in reply to end of DATA command)',
    },
  },
  apple: {
    domains: ['icloud.com', 'me.com'],
    relay: (r: Random) => `mx0${r.int(1, 2)}.mail.icloud.com[17.57.${r.int(152, 156)}.${r.int(4, 40)}]`,
    tls: TLS12,
    replies: {
      'rate-limit': `421 4.7.0 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137 (in reply to MAIL FROM command)`,
      reputation: `554 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137 (in reply to end of DATA command)`,
      temporary: '451 4.3.0 Temporary failure, please try again later (in reply to end of DATA command)',
    },
  },
  other: {
    domains: ['example.org', 'example.com', 'beispiel.de'],
    relay: (r: Random) => `mx${r.int(1, 3)}.example.org[203.0.113.${r.int(20, 90)}]`,
    tls: TLS13,
    replies: {
      'rate-limit': '450 4.7.1 Too many messages, slow down (in reply to RCPT TO command)',
      reputation: `554 5.7.1 Service unavailable; Client host [${OUR_RELAY_IP}] blocked using zen.spamhaus.org (in reply to RCPT TO command)`,
      temporary: '451 4.3.0 Temporary system problem (in reply to end of DATA command)',
    },
  },
} as const;

export type RelayReceiverId = keyof typeof RELAY_RECEIVERS;

/** One message of our users to one recipient. */
export interface RelayMessage {
  /** When it came in (UTC ms). */
  readonly arrived: number;
  readonly receiver: RelayReceiverId;
  readonly recipientProblem: RecipientProblem | null;
  /** For how many attempts the recipient problem lasts (default: greylisting 1, a full mailbox 2; Infinity: until it expires). */
  readonly recipientTries?: number;
  /** The receiver's trouble at an attempt's time, asked once per attempt; null: none. */
  readonly failing: (at: number) => EpisodeKind | null;
  /** The first attempt's time (default: a few seconds after it came in). */
  readonly firstAttemptAt?: number;
}

/** One attempt as it truly went (or the queue manager's expiry). */
export interface RelayAttempt {
  readonly at: number;
  readonly receiver: RelayReceiverId;
  readonly status: 'sent' | 'deferred' | 'bounced' | 'expired';
  readonly problemClass: ProblemClass | null;
  /** Seconds since the message came in, as logged (`delay=`), for mail sent. */
  readonly delaySeconds: number | null;
}

/** One log line before its timestamp and host are written. */
export interface RelayEntry {
  readonly at: number;
  readonly seq: number;
  readonly program: string;
  readonly pid: number;
  readonly message: string;
}

/** Postfix's defaults: minimal_backoff_time 300 s, maximal_backoff_time 4000 s, maximal_queue_lifetime 5 d. */
export const MIN_BACKOFF_MS = 300_000;
export const MAX_BACKOFF_MS = 4_000_000;
export const QUEUE_LIFETIME_MS = 5 * 86_400_000;
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const SMTP_PROCESSES = 40;

const CLASS_OF_EPISODE: Record<Exclude<EpisodeKind, 'unreachable'>, ProblemClass> = { 'rate-limit': 'rate-limit', reputation: 'reputation', temporary: 'temporary' };

/**
 * The relay: its processes, queue ids (long ones, enable_long_queue_ids) and the lines it logs;
 * see the module comment. Nothing is logged after `until` (a message still queued then stays so).
 */
export class RelayLog {
  readonly attempts: RelayAttempt[] = [];
  readonly #entries: RelayEntry[] = [];
  readonly #random: Random;
  readonly #until: number;
  readonly #queueIds = new Set<string>();
  readonly #qmgr: number;
  readonly #cleanup: readonly number[];
  readonly #bounce: number;
  readonly #firstSmtp: number;

  constructor(random: Random, options: { readonly until?: number; readonly firstPid?: number } = {}) {
    this.#random = random;
    this.#until = options.until ?? Infinity;
    const first = options.firstPid ?? 4100;
    this.#qmgr = first - 1099;
    this.#cleanup = [first - 310, first - 287, first - 205];
    this.#bounce = first - 150;
    this.#firstSmtp = first;
  }

  /** The lines in the order they were logged. */
  sortedEntries(): RelayEntry[] {
    return this.#entries.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  #log(at: number, program: string, pid: number, message: string): void {
    if (at <= this.#until) this.#entries.push({ at: Math.round(at), seq: this.#entries.length, program, pid, message });
  }

  #queueId(): string {
    const r = this.#random;
    for (;;) {
      const id = `4${r.chars('BCDFGHJKLMNPQRSTVWXYZ', 1)}${r.chars('0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz', 13)}`;
      if (!this.#queueIds.has(id)) {
        this.#queueIds.add(id);
        return id;
      }
    }
  }

  /** Logs one message from its arrival to its end: every attempt, the retries between them, its removal. */
  send(message: RelayMessage): void {
    const r = this.#random;
    const { arrived, receiver } = message;
    const profile = RELAY_RECEIVERS[receiver];
    const queueId = this.#queueId();
    const domain = r.pick(profile.domains);
    const recipient = `${r.chars(LOWER, r.int(3, 8))}${r.chance(0.3) ? `.${r.chars(LOWER, r.int(3, 7))}` : ''}@${domain}`;
    const sender = `${r.chars(LOWER, r.int(3, 8))}@example.net`;
    const size = Math.round(Math.exp(r.between(7.5, 13)));
    const recipientTries = message.recipientTries ?? (message.recipientProblem === 'greylisted' ? 1 : 2);
    const queued = `${queueId}: from=<${sender}>, size=${size}, nrcpt=1 (queue active)`;
    const beforeQueue = r.between(20, 300);
    this.#log(arrived, 'postfix/cleanup', r.pick(this.#cleanup), `${queueId}: message-id=<${r.chars(HEX, 16)}.${r.chars(HEX, 8)}@example.net>`);
    this.#log(arrived + beforeQueue, 'postfix/qmgr', this.#qmgr, queued);
    let at = message.firstAttemptAt ?? arrived + beforeQueue + r.between(600, 3000);
    let backoff = MIN_BACKOFF_MS;
    for (let tries = 0; ; tries++) {
      if (at > this.#until) return;
      const relay = profile.relay(r, domain);
      const pid = this.#firstSmtp + r.int(0, SMTP_PROCESSES);
      const connect = r.between(80, 900);
      const transmit = r.between(50, 1500);
      const delay = (at - arrived) / 1000;
      const delays = [beforeQueue, Math.max(0, at - arrived - beforeQueue - connect - transmit), connect, transmit].map((ms) => postfixSeconds(ms / 1000)).join('/');
      const head = `${queueId}: to=<${recipient}>, relay=${relay}:25, delay=${postfixSeconds(delay)}, delays=${delays}, `;
      const failing = message.failing(at);
      const record = (status: RelayAttempt['status'], problemClass: ProblemClass | null, when = at) =>
        this.attempts.push({ at: when, receiver, status, problemClass, delaySeconds: status === 'sent' ? Number(postfixSeconds(delay)) : null });
      if (failing === 'unreachable') {
        this.#log(at, 'postfix/smtp', pid, `connect to ${relay}:25: Connection timed out`);
        this.#log(at + 30_000, 'postfix/smtp', pid, `${queueId}: to=<${recipient}>, relay=none, delay=${postfixSeconds(delay + 30)}, delays=${postfixSeconds(beforeQueue / 1000)}/${postfixSeconds(Math.max(0, delay - beforeQueue / 1000))}/30/0, dsn=4.4.1, status=deferred (connect to ${relay}:25: Connection timed out)`);
        record('deferred', 'unreachable', at + 30_000);
      } else {
        // The handshake comes before MAIL FROM: whatever the receiver answers then, it answers encrypted.
        const trust = receiver === 'other' ? r.pick(['Trusted', 'Trusted', 'Untrusted', 'Verified'] as const) : 'Trusted';
        this.#log(at - connect / 2, 'postfix/smtp', pid, `${trust} TLS connection established to ${relay}:25: ${profile.tls}`);
        if (failing) {
          const reply = profile.replies[failing];
          const permanent = reply.startsWith('5');
          const dsn = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})/.exec(reply)?.[1] ?? (permanent ? '5.0.0' : '4.0.0');
          this.#log(at, 'postfix/smtp', pid, `${head}dsn=${dsn}, status=${permanent ? 'bounced' : 'deferred'} (host ${relay} said: ${reply})`);
          record(permanent ? 'bounced' : 'deferred', CLASS_OF_EPISODE[failing]);
          if (permanent) return this.#returnToSender(at, queueId, sender);
        } else if (message.recipientProblem === 'unknown-user') {
          this.#log(at, 'postfix/smtp', pid, `${head}dsn=5.1.1, status=bounced (host ${relay} said: 550 5.1.1 <${recipient}>: Recipient address rejected: User unknown (in reply to RCPT TO command))`);
          record('bounced', 'recipient');
          return this.#returnToSender(at, queueId, sender);
        } else if (message.recipientProblem !== null && tries < recipientTries) {
          const greylisted = message.recipientProblem === 'greylisted';
          const said = greylisted ? `450 4.2.0 <${recipient}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/${domain}.html (in reply to RCPT TO command)` : `452 4.2.2 <${recipient}>: Mailbox full (in reply to RCPT TO command)`;
          this.#log(at, 'postfix/smtp', pid, `${head}dsn=${greylisted ? '4.2.0' : '4.2.2'}, status=deferred (host ${relay} said: ${said})`);
          record('deferred', greylisted ? 'greylisted' : 'recipient');
        } else {
          this.#log(at, 'postfix/smtp', pid, `${head}dsn=2.0.0, status=sent (250 2.0.0 OK ${r.chars(LOWER + HEX, 12)} - ${relay.includes('google') ? 'gsmtp' : 'ok'})`);
          record('sent', null);
          this.#log(at + r.between(1, 400), 'postfix/qmgr', this.#qmgr, `${queueId}: removed`);
          return;
        }
      }
      // Deferred: back to the deferred queue, taken up again after the backoff time.
      const next = at + backoff + r.between(0, 30_000);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      if (next - arrived > QUEUE_LIFETIME_MS) {
        this.#log(next, 'postfix/qmgr', this.#qmgr, `${queueId}: from=<${sender}>, status=expired, returned to sender`);
        if (next <= this.#until) this.attempts.push({ at: next, receiver, status: 'expired', problemClass: null, delaySeconds: null });
        return this.#returnToSender(next, queueId, sender);
      }
      this.#log(next - r.between(50, 400), 'postfix/qmgr', this.#qmgr, queued);
      at = next;
    }
  }

  /** The non-delivery notification to our user (delivered to our own MX, no receiver's), and the message's removal. */
  #returnToSender(at: number, queueId: string, sender: string): void {
    const r = this.#random;
    const notice = this.#queueId();
    this.#log(at + 2, 'postfix/cleanup', r.pick(this.#cleanup), `${notice}: message-id=<${r.chars(HEX, 14)}.${notice}@out1.example.net>`);
    this.#log(at + 4, 'postfix/bounce', this.#bounce, `${queueId}: sender non-delivery notification: ${notice}`);
    this.#log(at + 5, 'postfix/qmgr', this.#qmgr, `${notice}: from=<>, size=${r.int(2500, 9000)}, nrcpt=1 (queue active)`);
    this.#log(at + 6, 'postfix/qmgr', this.#qmgr, `${queueId}: removed`);
    const done = at + r.between(200, 900);
    this.#log(done, 'postfix/smtp', this.#firstSmtp + r.int(0, SMTP_PROCESSES), `${notice}: to=<${sender}>, relay=mx1.example.net[10.0.1.10]:25, delay=${postfixSeconds((done - at) / 1000)}, delays=0.01/0.01/0.05/${postfixSeconds((done - at - 70) / 1000)}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${r.chars('0123456789ABCDEF', 10)})`);
    this.#log(done + 2, 'postfix/qmgr', this.#qmgr, `${notice}: removed`);
  }
}

/**
 * Seconds as Postfix prints a delay: two decimals below 1 s, one below 10 s, whole seconds above.
 *
 * @example
 * postfixSeconds(0.314) // '0.31'
 * postfixSeconds(3.14)  // '3.1'
 * postfixSeconds(31.4)  // '31'
 */
export function postfixSeconds(seconds: number): string {
  if (seconds >= 10) return String(Math.round(seconds));
  return String(Number(seconds.toFixed(seconds < 1 ? 2 : 1)));
}
