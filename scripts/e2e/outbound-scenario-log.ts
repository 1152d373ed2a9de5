/**
 * Generated logs of an outbound relay of ours whose truth is known (issue 19): our users' mail to
 * the big receivers, each message tried as Postfix's queue manager tries it (again after 5, 10,
 * 20… minutes up to maximal_backoff_time, given up after maximal_queue_lifetime), and episodes in
 * which a receiver throttles us, refuses us, cannot be reached or has trouble of its own — beside
 * the recipient problems (no such user, a full mailbox, a small domain's greylisting) that must
 * never read as a receiver's.
 *
 * @example
 * const log = generateOutboundLog({ seed: 7, timeZone: 'Europe/Berlin', from: '2026-03-23 08:00', to: '2026-03-23 20:00',
 *   receivers: [{ id: 'microsoft', perHour: 60 }],
 *   episodes: [{ receiver: 'microsoft', from: '2026-03-23 12:00', to: '2026-03-23 14:00', kind: 'rate-limit', share: 0.8 }] });
 * log.text      // "Mar 23 08:00:41 out1 postfix/smtp[4120]: 3A1F…: to=<…@hotmail.com>, relay=hotmail-com.olc…, status=sent (250 …)\n…"
 * log.attempts  // every attempt: time, receiver, status, class
 */
import { Random } from '../mxstatus/demo/random.ts';
import { ZoneClock } from '../mxstatus/parse/zone-clock.ts';
import type { ProblemClass } from '../mxstatus/outbound/problem-class.ts';
import { bsdStamp, seconds, wallToUtc, type WallTime } from './scenario-log.ts';

export type EpisodeKind = 'rate-limit' | 'reputation' | 'unreachable' | 'temporary';

export interface OutboundScenario {
  readonly seed: number;
  readonly timeZone: string;
  readonly from: WallTime;
  readonly to: WallTime;
  /** Mail to each receiving organisation, messages per hour (one recipient each). */
  readonly receivers: readonly { readonly id: ReceiverId; readonly perHour: number }[];
  /** A receiver's trouble: a share of the attempts inside the window fail so. */
  readonly episodes?: readonly { readonly receiver: ReceiverId; readonly from: WallTime; readonly to: WallTime; readonly kind: EpisodeKind; readonly share: number }[];
  /** Shares of all messages with a recipient problem: no such user (bounced), a full mailbox or greylisting (deferred once or twice). */
  readonly recipientProblems?: { readonly unknownUser: number; readonly mailboxFull: number; readonly greylisted: number };
}

export interface TruthAttempt {
  readonly at: number;
  readonly receiver: ReceiverId | 'other';
  readonly status: 'sent' | 'deferred' | 'bounced' | 'expired';
  readonly problemClass: ProblemClass | null;
  /** Seconds since the message came in, for mail sent. */
  readonly delaySeconds: number | null;
}

export interface OutboundLog {
  readonly text: string;
  readonly mtimeMs: number;
  readonly attempts: readonly TruthAttempt[];
}

type ReceiverId = keyof typeof RECEIVERS;

/** How each receiver is reached and how it answers (its real MX names and reply texts). */
const RECEIVERS = {
  microsoft: {
    domains: ['hotmail.com', 'outlook.com', 'hotmail.de'],
    relay: (r: Random) => `hotmail-com.olc.protection.outlook.com[52.101.${r.int(40, 90)}.${r.int(1, 250)}]`,
    replies: {
      'rate-limit': '451 4.7.650 The mail server [203.0.113.5] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775) (in reply to MAIL FROM command)',
      reputation: '550 5.7.606 Access denied, banned sending IP [203.0.113.5]. To request removal from this list please visit https://sender.office.com/ (in reply to MAIL FROM command)',
      temporary: '451 4.7.500 Server busy. Please try again later from [203.0.113.5]. (S77714) (in reply to MAIL FROM command)',
    },
  },
  google: {
    domains: ['gmail.com', 'googlemail.com'],
    relay: (r: Random) => `${r.pick(['', 'alt1.', 'alt2.'])}gmail-smtp-in.l.google.com[142.250.${r.int(100, 160)}.${r.int(1, 250)}]`,
    replies: {
      'rate-limit': '421-4.7.28 [203.0.113.5 15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. (in reply to end of DATA command)',
      reputation: '550-5.7.1 [203.0.113.5 15] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address. (in reply to end of DATA command)',
      temporary: '421-4.3.0 Temporary System Problem.  Try again later (10). (in reply to RCPT TO command)',
    },
  },
  yahoo: {
    domains: ['yahoo.com', 'aol.com'],
    relay: (r: Random) => `mta${r.int(5, 7)}.am0.yahoodns.net[67.195.${r.int(200, 230)}.${r.int(1, 250)}]`,
    replies: {
      'rate-limit': '421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)',
      reputation: '553 5.7.2 [TSS09] All messages from 203.0.113.5 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)',
      temporary: '451 4.3.2 Internal error, please try again later (in reply to end of DATA command)',
    },
  },
  't-online': {
    domains: ['t-online.de'],
    relay: (r: Random) => `mx0${r.int(0, 3)}.t-online.de[194.25.134.${r.int(8, 11)}]`,
    replies: {
      'rate-limit': '421 4.7.0 Too many connections (in reply to MAIL FROM command)',
      reputation: '554 IP=203.0.113.5 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)',
      temporary: '451 4.3.0 Temporary local problem - please try later (in reply to end of DATA command)',
    },
  },
  other: {
    domains: ['example.org', 'example.com', 'beispiel.de'],
    relay: (r: Random) => `mx${r.int(1, 3)}.example.org[203.0.113.${r.int(20, 90)}]`,
    replies: {
      'rate-limit': '450 4.7.1 Too many messages, slow down (in reply to RCPT TO command)',
      reputation: '554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org (in reply to RCPT TO command)',
      temporary: '451 4.3.0 Temporary system problem (in reply to end of DATA command)',
    },
  },
} as const;

const MINUTE = 60_000;
/** Postfix's defaults: minimal_backoff_time 300 s, maximal_backoff_time 4000 s, maximal_queue_lifetime 5 d. */
const MIN_BACKOFF = 300_000;
const MAX_BACKOFF = 4_000_000;
const LIFETIME = 5 * 86_400_000;
const HEX = '0123456789ABCDEF';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

interface Line {
  readonly at: number;
  readonly seq: number;
  readonly text: string;
}

/** Writes the outbound relay `out1`'s log of a scenario; see the module comment. */
export function generateOutboundLog(scenario: OutboundScenario): OutboundLog {
  const clock = new ZoneClock(scenario.timeZone);
  const utc = (wall: WallTime) => wallToUtc(clock, wall);
  const r = new Random(scenario.seed);
  const from = utc(scenario.from);
  const to = utc(scenario.to);
  const episodes = (scenario.episodes ?? []).map((e) => ({ ...e, from: utc(e.from), to: utc(e.to) }));
  const lines: Line[] = [];
  const attempts: TruthAttempt[] = [];
  const add = (at: number, program: string, pid: number, text: string) => lines.push({ at, seq: lines.length, text: `out1 ${program}[${pid}]: ${text}` });
  const smtpPid = () => 4100 + r.int(0, 40);

  for (const receiver of scenario.receivers) {
    const profile = RECEIVERS[receiver.id];
    for (let minute = from; minute < to; minute += MINUTE) {
      for (let n = r.poisson(receiver.perHour / 60); n > 0; n--) {
        const arrived = minute + r.int(0, MINUTE - 1);
        const queueId = r.chars(HEX, 10);
        const recipient = `${r.chars(LOWER, r.int(3, 8))}@${r.pick(profile.domains)}`;
        const problems = scenario.recipientProblems;
        const roll = r.next();
        const recipientProblem =
          problems && roll < problems.unknownUser ? 'unknown-user' : problems && roll < problems.unknownUser + problems.mailboxFull ? 'mailbox-full' : problems && roll < problems.unknownUser + problems.mailboxFull + problems.greylisted ? 'greylisted' : null;
        let tries = 0;
        let at = arrived + r.between(200, 3000);
        let backoff = MIN_BACKOFF;
        for (;;) {
          const relay = profile.relay(r);
          const relayName = relay.slice(0, relay.indexOf('['));
          const pid = smtpPid();
          const delay = (at - arrived) / 1000;
          const head = `${queueId}: to=<${recipient}>, relay=${relay}:25, delay=${seconds(delay * 1000)}, delays=0.1/${seconds(Math.max(0, delay - 1.5) * 1000)}/0.4/1, `;
          const episode = episodes.find((e) => e.receiver === receiver.id && at >= e.from && at < e.to);
          const failing = episode && r.chance(episode.share) ? episode.kind : null;
          const truthReceiver = receiver.id;
          if (failing === 'unreachable') {
            add(at, 'postfix/smtp', pid, `connect to ${relay}:25: Connection timed out`);
            add(at + 30_000, 'postfix/smtp', pid, `${queueId}: to=<${recipient}>, relay=none, delay=${seconds((delay + 30) * 1000)}, delays=0.1/${seconds(Math.max(0, delay - 1.5) * 1000)}/30/0, dsn=4.4.1, status=deferred (connect to ${relay}:25: Connection timed out)`);
            attempts.push({ at: at + 30_000, receiver: truthReceiver, status: 'deferred', problemClass: 'unreachable', delaySeconds: null });
          } else if (failing) {
            const reply = profile.replies[failing];
            const permanent = reply.startsWith('5');
            const dsn = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})/.exec(reply)?.[1] ?? (permanent ? '5.0.0' : '4.0.0');
            add(at, 'postfix/smtp', pid, `${head}dsn=${dsn}, status=${permanent ? 'bounced' : 'deferred'} (host ${relay} said: ${reply})`);
            attempts.push({ at, receiver: truthReceiver, status: permanent ? 'bounced' : 'deferred', problemClass: failing === 'rate-limit' ? 'rate-limit' : failing === 'reputation' ? 'reputation' : 'temporary', delaySeconds: null });
            if (permanent) break;
          } else if (recipientProblem === 'unknown-user') {
            add(at, 'postfix/smtp', pid, `${head}dsn=5.1.1, status=bounced (host ${relay} said: 550 5.1.1 <${recipient}>: Recipient address rejected: User unknown (in reply to RCPT TO command))`);
            attempts.push({ at, receiver: truthReceiver, status: 'bounced', problemClass: 'recipient', delaySeconds: null });
            break;
          } else if ((recipientProblem === 'mailbox-full' || recipientProblem === 'greylisted') && tries < (recipientProblem === 'greylisted' ? 1 : 2)) {
            const said = recipientProblem === 'greylisted' ? `450 4.2.0 <${recipient}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/${recipient.slice(recipient.indexOf('@') + 1)}.html (in reply to RCPT TO command)` : `452 4.2.2 <${recipient}>: Mailbox full (in reply to RCPT TO command)`;
            add(at, 'postfix/smtp', pid, `${head}dsn=${recipientProblem === 'greylisted' ? '4.2.0' : '4.2.2'}, status=deferred (host ${relay} said: ${said})`);
            attempts.push({ at, receiver: truthReceiver, status: 'deferred', problemClass: recipientProblem === 'greylisted' ? 'greylisted' : 'recipient', delaySeconds: null });
          } else {
            add(at - 400, 'postfix/smtp', pid, `Trusted TLS connection established to ${relay}:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`);
            add(at, 'postfix/smtp', pid, `${head}dsn=2.0.0, status=sent (250 2.0.0 OK ${r.chars(LOWER + HEX, 12)} - ${relayName.includes('google') ? 'gsmtp' : 'ok'})`);
            attempts.push({ at, receiver: truthReceiver, status: 'sent', problemClass: null, delaySeconds: Number(seconds(delay * 1000)) });
            break;
          }
          tries++;
          at += backoff + r.between(0, 30_000);
          backoff = Math.min(backoff * 2, MAX_BACKOFF);
          if (at - arrived > LIFETIME) {
            add(at, 'postfix/qmgr', 3001, `${queueId}: from=<${r.chars(LOWER, 6)}@example.net>, status=expired, returned to sender`);
            attempts.push({ at, receiver: truthReceiver, status: 'expired', problemClass: null, delaySeconds: null });
            break;
          }
        }
        add(at + 500, 'postfix/qmgr', 3001, `${queueId}: removed`);
      }
    }
  }
  lines.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const text = lines.map((line) => `${bsdStamp(clock, line.at)} ${line.text}\n`).join('');
  attempts.sort((a, b) => a.at - b.at);
  return { text, mtimeMs: Math.floor((lines.at(-1)?.at ?? to) / 1000) * 1000, attempts };
}
