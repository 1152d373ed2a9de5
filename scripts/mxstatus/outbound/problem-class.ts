import type { RelayProblem } from '../parse/postfix-event.ts';

/**
 * Why a receiver did not take a delivery, grouped by what it means for the people waiting:
 * - `rate-limit`: the receiver accepts our mail, but only so fast (Microsoft's 4.7.650 "rate
 *   limited", Yahoo's TSS04 "unexpected volume", Gmail's 4.7.28 "unusual rate", "too many
 *   connections"); mail waits and goes through;
 * - `reputation`: the receiver refuses our servers (a blocklist, a bad reputation, Microsoft's
 *   5.7.606–649 banned address, T-Online's `(BL)`);
 * - `authentication`: the receiver wants SPF, DKIM, DMARC or reverse DNS we do not pass (Gmail's
 *   5.7.26, Microsoft's 5.7.509/5.7.515): our setup, not their outage;
 * - `temporary`: the receiver's own trouble (4.3.0 "Temporary System Problem", 4.7.500 "Server
 *   busy", 4.3.2 "not accepting messages");
 * - `unreachable`: no conversation at all (a connection timed out, refused, no route; lost or
 *   timed out before the greeting);
 * - `recipient`: one recipient's problem (5.1.1 no such user, 4.2.2/5.2.2 mailbox full, 5.2.1
 *   disabled, a domain that does not exist): never the receiver's outage;
 * - `greylisted`: a small domain's first "try again later" (4.2.0/4.7.1 with "greylist"), which
 *   passes after minutes;
 * - `content`: the message itself (spam, a virus, too big);
 * - `other`: everything else.
 */
export type ProblemClass = 'rate-limit' | 'reputation' | 'authentication' | 'temporary' | 'unreachable' | 'recipient' | 'greylisted' | 'content' | 'other';

/** The classes that speak of the receiver (or of us, as senders), not of one recipient or one message. */
export const RECEIVER_CLASSES: ReadonlySet<ProblemClass> = new Set(['rate-limit', 'reputation', 'authentication', 'temporary', 'unreachable']);

const RATE_LIMIT = /rate.?limit|throttl|too many (?:connections|messages|recipients|concurrent)|unusual rate|unexpected volume|temporarily deferred due to|exceeded the rate|sending rate|slow down|\bTS[S]0[1-4]\b|\(S775\)/i;
const REPUTATION = /reputation|block ?list|black ?list|blocked|banned|spamhaus|\bRBL\b|\bDNSBL\b|listed (?:at|in|on|by)|\(BL\)|\bIP=[^ ]+ - A problem occurred|poor reputation|not permitted to relay|access denied|not accepted for policy reasons/i;
const AUTHENTICATION = /unauthenticated|authentication|\bSPF\b|\bDKIM\b|\bDMARC\b|reverse DNS|\bPTR\b|sender domain|not authenticated/i;
const GREYLIST = /gr[ae]y.?list/i;
const RECIPIENT = /user unknown|no such user|does not exist|doesn't exist|unknown user|recipient (?:address )?rejected|mailbox (?:unavailable|full|is full|disabled|not found)|quota|over ?quota|account (?:disabled|is disabled|inactive)|recipient not found|invalid recipient|no mailbox/i;
const CONTENT = /spam|virus|malware|content|message (?:size|too large|too big)|size limit|rejected due to|suspicious/i;
const TEMPORARY = /temporary (?:system )?(?:problem|failure|error)|server busy|try again later|service (?:temporarily )?unavailable|not accepting|resources|system (?:problem|error)|internal error/i;

/**
 * The class of a problem, from its enhanced status (the delivery's `dsn=` where the reply has none)
 * and the receiver's words.
 *
 * @example
 * problemClass({ kind: 'reply', relay, reply: { code: 451, enhanced: '4.7.650', text: 'The mail server [IP] has been temporarily rate limited due to IP reputation. … (S775)', stage: 'MAIL FROM' } }, '4.7.650')
 * // 'rate-limit'
 */
export function problemClass(problem: RelayProblem, dsn: string | null = null): ProblemClass {
  switch (problem.kind) {
    case 'connect':
      return 'unreachable';
    case 'lost':
    case 'timeout':
      // Before the greeting, there was no conversation; later, the receiver hung up on us.
      return /greeting|CONNECT/i.test(problem.stage) ? 'unreachable' : 'temporary';
    case 'other':
      if (/host (?:or domain name )?not found|Name service error|domain (?:does not exist|not found)/i.test(problem.text)) return dsn?.startsWith('5.') ? 'recipient' : 'other';
      if (/certificate|TLS is required|STARTTLS/i.test(problem.text)) return 'other';
      return textClass(problem.text, dsn);
    case 'reply':
    case 'refused':
      return replyClass(problem.reply.code, problem.reply.enhanced ?? dsn, problem.reply.text, problem.kind === 'refused');
  }
}

function replyClass(code: number | null, enhanced: string | null, text: string, refused: boolean): ProblemClass {
  // The receiver's words first where they are specific: a 4.7.x may be a limit or a block.
  if (GREYLIST.test(text)) return 'greylisted';
  if (RATE_LIMIT.test(text)) return 'rate-limit';
  const [klass, subject, detail] = (enhanced ?? '').split('.').map(Number) as [number?, number?, number?];
  if (subject === 7 && detail !== undefined) {
    // Microsoft: 5.7.606–5.7.649 an address banned; 5.7.509, 5.7.515 DMARC/authentication; Gmail 5.7.25–5.7.27 authentication.
    if (detail >= 606 && detail <= 649) return 'reputation';
    if (detail === 25 || detail === 26 || detail === 27 || detail === 509 || detail === 515 || detail === 30) return 'authentication';
    if (detail === 28 || detail === 650) return 'rate-limit';
  }
  if (REPUTATION.test(text)) return 'reputation';
  if (subject === 1 || subject === 2) return 'recipient';
  if (RECIPIENT.test(text)) return 'recipient';
  if (AUTHENTICATION.test(text)) return 'authentication';
  if (CONTENT.test(text) || (subject === 3 && detail === 4)) return 'content';
  // A permanent refusal of the whole conversation is a block; other permanent replies say too little.
  if (klass === 5 || (klass === undefined && code !== null && code >= 500)) return refused ? 'reputation' : 'other';
  if (subject === 3 || subject === 4 || TEMPORARY.test(text) || code === 421 || refused) return 'temporary';
  return 'other';
}

function textClass(text: string, dsn: string | null): ProblemClass {
  if (GREYLIST.test(text)) return 'greylisted';
  if (RATE_LIMIT.test(text)) return 'rate-limit';
  if (REPUTATION.test(text)) return 'reputation';
  if (RECIPIENT.test(text)) return 'recipient';
  if (dsn?.startsWith('5.1.') || dsn?.startsWith('4.2.') || dsn?.startsWith('5.2.')) return 'recipient';
  return 'other';
}
