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

/** One recipient's or one domain's own policy, even in words that sound like a block: never the receiver's. */
const RECIPIENT_POLICY = /for RCPT domain|Customer Block list|RESOLVER\.RST|TenantAttribution|no mail-enabled subscriptions|User Entry|Messages to \S+ deferred due to excessive volume|Relay access denied|Recipient address rejected|recipient has blocked|blocked the sender/i;
const AUTHENTICATION = /unauthenticated|not authenticated|\bSPF\b|\bDKIM\b|\bDMARC\b|reverse DNS|\bPTR\b|cannot find your (?:reverse )?hostname|unresolvable|sender domain/i;
const REPUTATION = /reputation|block ?list|black ?list|blocked using|banned|spamhaus|\bRBL\b|\bDNSBL\b|listed (?:at|on|by)|\(BL\)|\bIP=\S+ - A problem occurred|permanently deferred|policy restrictions/i;
const RATE_LIMIT = /rate.?limit|throttl|too many (?:connections|messages|concurrent)|concurrent (?:server )?connections|unusual rate|unexpected volume|temporarily deferred due to|exceeded the rate|sending rate|slow down|\bTS[S]0[1-4]\b|\(S775\)/i;
const GREYLIST = /gr[ae]y.?list/i;
const RECIPIENT = /user unknown|no such user|does not exist|doesn't exist|unknown user|mailbox (?:unavailable|full|is full|disabled|not found)|quota|over ?quota|out of storage|account (?:disabled|is disabled|inactive)|recipient not found|invalid recipient|no mailbox/i;
const CONTENT = /spam|virus|malware|content|message (?:size|too large|too big)|size limit|RFC ?5322|likely unsolicited|suspicious|security issue|links within|too many recipients|rejected due to|not accepted for policy reasons|\[PH0\d\]|contains a URL|URL listed|\bDBL\b/i;
const TEMPORARY = /temporary (?:system |local )?(?:problem|failure|error)|server busy|try again later|service (?:temporarily )?unavailable|not accepting|resources|system (?:problem|error)|internal error/i;

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
      // A domain that does not exist is the recipient's; one whose name cannot be looked up now
      // (4.4.3, "try again") cannot be reached: the receiver's DNS, or ours when every receiver's fails.
      if (/host (?:or domain name )?not found|Name service error|domain (?:does not exist|not found)/i.test(problem.text)) return dsn?.startsWith('5.') ? 'recipient' : 'unreachable';
      if (/certificate|TLS is required|STARTTLS/i.test(problem.text)) return 'other';
      return textClass(problem.text, dsn);
    case 'reply':
    case 'refused':
      return replyClass(problem.reply.code, problem.reply.enhanced ?? dsn, problem.reply.text, problem.kind === 'refused');
  }
}

function replyClass(code: number | null, enhanced: string | null, text: string, refused: boolean): ProblemClass {
  if (GREYLIST.test(text)) return 'greylisted';
  const [klass, subject, detail] = (enhanced ?? '').split('.').map(Number) as [number?, number?, number?];
  // Codes that say it all: Microsoft's 5.7.606–649 (an address of ours banned), 4.7.650 (rate
  // limited), 5.7.509/515 (DMARC), 5.7.64/133/134/510 (one tenant's own policy), 5.7.512 (the
  // message's headers); Gmail's 4.7.25–27/30/32/40 (authentication, even "rate limited because of
  // SPF"), 4.7.28 (an unusual rate).
  if (subject === 7 && detail !== undefined) {
    if (detail >= 606 && detail <= 649) return 'reputation';
    if ([25, 26, 27, 30, 32, 40, 509, 515].includes(detail)) return 'authentication';
    if (detail === 28 || detail === 650) return 'rate-limit';
    if ([64, 133, 134, 510].includes(detail)) return 'recipient';
    if (detail === 512) return 'content';
  }
  // Then the words, the most specific first: a domain's own policy may say "blocked" or "access
  // denied", an authentication failure "blocked" too, an IP's reputation "suspicious".
  // An address's or a mailbox's status (X.1.x, X.2.x) is one recipient's, whatever the words.
  if (RECIPIENT_POLICY.test(text) || subject === 1 || subject === 2) return 'recipient';
  if (/contains a URL|URL listed|\bDBL\b/i.test(text)) return 'content';
  if (AUTHENTICATION.test(text)) return 'authentication';
  if (REPUTATION.test(text)) return 'reputation';
  if (RATE_LIMIT.test(text)) return 'rate-limit';
  if (CONTENT.test(text) || (subject === 3 && detail === 4)) return 'content';
  if (RECIPIENT.test(text)) return 'recipient';
  if (/blocked/i.test(text)) return 'reputation';
  // A permanent refusal of the whole conversation is a block; other permanent replies say too little.
  if (klass === 5 || (klass === undefined && code !== null && code >= 500)) return refused ? 'reputation' : 'other';
  if (subject === 3 || subject === 4 || TEMPORARY.test(text) || code === 421 || refused) return 'temporary';
  return 'other';
}

function textClass(text: string, dsn: string | null): ProblemClass {
  if (GREYLIST.test(text)) return 'greylisted';
  if (RECIPIENT_POLICY.test(text)) return 'recipient';
  if (REPUTATION.test(text)) return 'reputation';
  if (RATE_LIMIT.test(text)) return 'rate-limit';
  if (RECIPIENT.test(text)) return 'recipient';
  if (dsn?.startsWith('5.1.') || dsn?.startsWith('4.2.') || dsn?.startsWith('5.2.')) return 'recipient';
  return 'other';
}
