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
 * log.text      // "Mar 23 08:00:41 out1 postfix/smtp[4120]: 4Kq…: to=<…@hotmail.com>, relay=hotmail-com.olc…, status=sent (250 …)\n…"
 * log.attempts  // every attempt: time, receiver, status, class
 */
import { Random } from '../mxstatus/demo/random.ts';
import { RelayLog, type EpisodeKind, type RelayAttempt, type RelayReceiverId } from '../mxstatus/demo/relay-log.ts';
import { ZoneClock } from '../mxstatus/parse/zone-clock.ts';
import { bsdStamp, wallToUtc, type WallTime } from './scenario-log.ts';

export type { EpisodeKind } from '../mxstatus/demo/relay-log.ts';

export interface OutboundScenario {
  readonly seed: number;
  readonly timeZone: string;
  readonly from: WallTime;
  readonly to: WallTime;
  /** Mail to each receiving organisation, messages per hour (one recipient each). */
  readonly receivers: readonly { readonly id: RelayReceiverId; readonly perHour: number }[];
  /** A receiver's trouble: a share of the attempts inside the window fail so. */
  readonly episodes?: readonly { readonly receiver: RelayReceiverId; readonly from: WallTime; readonly to: WallTime; readonly kind: EpisodeKind; readonly share: number }[];
  /** Shares of all messages with a recipient problem: no such user (bounced), a full mailbox or greylisting (deferred once or twice). */
  readonly recipientProblems?: { readonly unknownUser: number; readonly mailboxFull: number; readonly greylisted: number };
}

/** One attempt as it truly went (see RelayAttempt). */
export type TruthAttempt = RelayAttempt;

export interface OutboundLog {
  readonly text: string;
  readonly mtimeMs: number;
  readonly attempts: readonly TruthAttempt[];
}

const MINUTE = 60_000;

/** Writes the outbound relay `out1`'s log of a scenario; see the module comment. */
export function generateOutboundLog(scenario: OutboundScenario): OutboundLog {
  const clock = new ZoneClock(scenario.timeZone);
  const utc = (wall: WallTime) => wallToUtc(clock, wall);
  const r = new Random(scenario.seed);
  const from = utc(scenario.from);
  const to = utc(scenario.to);
  const episodes = (scenario.episodes ?? []).map((e) => ({ ...e, from: utc(e.from), to: utc(e.to) }));
  const relay = new RelayLog(r);
  for (const receiver of scenario.receivers) {
    const failing = (at: number) => {
      const episode = episodes.find((e) => e.receiver === receiver.id && at >= e.from && at < e.to);
      return episode && r.chance(episode.share) ? episode.kind : null;
    };
    for (let minute = from; minute < to; minute += MINUTE) {
      for (let n = r.poisson(receiver.perHour / 60); n > 0; n--) {
        const arrived = minute + r.int(0, MINUTE - 1);
        const problems = scenario.recipientProblems;
        const roll = r.next();
        const recipientProblem =
          problems && roll < problems.unknownUser ? 'unknown-user' : problems && roll < problems.unknownUser + problems.mailboxFull ? 'mailbox-full' : problems && roll < problems.unknownUser + problems.mailboxFull + problems.greylisted ? 'greylisted' : null;
        relay.send({ arrived, receiver: receiver.id, recipientProblem, failing });
      }
    }
  }
  const lines = relay.sortedEntries();
  const text = lines.map((line) => `${bsdStamp(clock, line.at)} out1 ${line.program}[${line.pid}]: ${line.message}\n`).join('');
  const attempts = [...relay.attempts].sort((a, b) => a.at - b.at);
  return { text, mtimeMs: Math.floor((lines.at(-1)?.at ?? to) / 1000) * 1000, attempts };
}
