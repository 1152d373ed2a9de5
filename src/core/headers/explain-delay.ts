import type { HeadersAnalysed, Hop } from './analyse-headers.ts';

/** A sending organisation as the classifier names it (`known`: of the catalog or the site's rules). */
export interface SendingOrganisation {
  readonly id: string;
  readonly name: string;
  readonly known: boolean;
}

/** The part of an incident record a delay is matched against. */
export interface IncidentWindow {
  readonly id: string;
  /** Only incidents of mail to us explain a wait before it reached us; those of our mail to others never do. */
  readonly direction: 'inbound' | 'outbound';
  readonly sender: { readonly id: string; readonly name: string };
  readonly attribution: 'sender' | 'receiver' | 'ours';
  readonly status: 'ongoing' | 'resolved';
  /** UTC ISO times of the first and last failure. */
  readonly startedAt: string;
  readonly endedAt: string;
}

/** The hop on which the mail reached us. */
export interface HandOff {
  /** Its number, 1 for the oldest hop. */
  readonly hop: number;
  /** The known organisation that handed it over; null when the sending host is none we know. */
  readonly sender: SendingOrganisation | null;
  /** When our server logged it (UTC ms), if the line has a date. */
  readonly at: number | null;
  /** Seconds the mail waited before that hop, as the hop's delay says. */
  readonly waitedSeconds: number | null;
}

/**
 * Where the time went, in seconds; null where the headers do not tell.
 * `beforeSending`: from the Date: field to the first server (the sender's outbox);
 * `atSender`: between the sender's own servers; `handOff`: from the sender's last server to ours;
 * `ours`: between our servers.
 */
export interface DelaySplit {
  readonly beforeSending: number | null;
  readonly atSender: number | null;
  readonly handOff: number | null;
  readonly ours: number | null;
}

/** The one-sentence answer, as data; the CLI and the page word it. */
export type Verdict =
  | { readonly kind: 'incident'; readonly incident: IncidentWindow; readonly waitedSeconds: number | null }
  | { readonly kind: 'waited-at-sender'; readonly waitedSeconds: number }
  | { readonly kind: 'delayed-before-sending'; readonly seconds: number }
  | { readonly kind: 'delayed-at-sender'; readonly seconds: number }
  | { readonly kind: 'delayed-ours'; readonly seconds: number }
  | { readonly kind: 'no-delay'; readonly totalSeconds: number | null }
  /** Servers' clocks disagree (a negative delay): only the whole journey is certain, and it is notable. */
  | { readonly kind: 'clocks-disagree'; readonly totalSeconds: number | null }
  /** Hops out of order or years apart (headers spliced together): no delay can be read from them. */
  | { readonly kind: 'inconsistent' }
  | { readonly kind: 'no-hand-off' };

export interface DelayExplanation {
  readonly handOff: HandOff | null;
  readonly split: DelaySplit | null;
  readonly verdict: Verdict;
  /**
   * The time of the last log line read (`asOf`) when the mail reached us after it: our logs do not
   * cover that moment yet, so no incident can be ruled out. Null when they do.
   */
  readonly dataUntil: number | null;
}

export interface ExplainOptions {
  /** The summarizer's classifier: a host name and address to its organisation, or null. */
  readonly classify: (client: { readonly name: string; readonly ip: string }) => SendingOrganisation | null;
  /** Whether a host name is one of our own servers (`ownHosts` of site.yaml). */
  readonly isOwnHost: (hostName: string) => boolean;
  readonly incidents: readonly IncidentWindow[];
  /** Until when ongoing incidents last (UTC ms): the time of the last log line. */
  readonly asOf: number;
}

/** A delay shorter than this is normal mail handling, not worth a verdict of its own. */
export const NOTABLE_DELAY_SECONDS = 15 * 60;

/** A sender retries on its own schedule after recovering, so an incident explains mail handed over up to this long after it ended. */
const RETRY_GRACE_MS = 3_600_000;

/**
 * Finds the hop on which the mail reached us, splits the delay into before sending, at the
 * sender, at the hand-off and inside our systems, and matches the wait before the hand-off to an
 * incident of that sender (or one of ours) whose window covers it.
 *
 * The hand-off is the oldest hop received by one of our own hosts from a host that is not ours;
 * without such a hop (no `ownHosts`, or the mail came in another way), the newest hop sent by a
 * known organisation.
 *
 * @example
 * const e = explainDelay(analysis, { classify, isOwnHost: (h) => h.endsWith('.example.net'), incidents, asOf });
 * e.verdict.kind === 'incident' && e.verdict.incident.id // '2026-03-19-microsoft-tls-failure'
 */
export function explainDelay(analysis: HeadersAnalysed, options: ExplainOptions): DelayExplanation {
  const hops = analysis.hops;
  const handOffIndex = findHandOff(hops, options);
  if (handOffIndex < 0) return { handOff: null, split: null, verdict: { kind: 'no-hand-off' }, dataUntil: null };

  const hop = hops[handOffIndex]!;
  const from = hop.received.from;
  const sender = from ? knownSender(from.reverseName, from.ip, options) : null;
  if (isSpliced(analysis)) return { handOff: { hop: hop.number, sender, at: hop.received.date, waitedSeconds: null }, split: null, verdict: { kind: 'inconsistent' }, dataUntil: null };

  // A delay next to a clock that is wrong is wrong by as much: such hops count for no segment.
  const uncertain = uncertainHops(hops);
  const certain = (h: Hop) => (uncertain.has(h.number) ? null : h.delaySeconds);
  const total = analysis.totalSeconds;
  const split: DelaySplit = clampToTotal(
    {
      beforeSending: handOffIndex > 0 && hops[0]!.delayFrom === 'origin' ? certain(hops[0]!) : null,
      atSender: sumDelays(hops.slice(1, handOffIndex), uncertain),
      handOff: certain(hop),
      ours: sumDelays(hops.slice(handOffIndex + 1), uncertain),
    },
    total,
  );
  const handOff: HandOff = { hop: hop.number, sender, at: hop.received.date, waitedSeconds: split.handOff };

  const incident = matchIncident(handOff, split, hops, options);
  const verdict: Verdict = incident
    ? { kind: 'incident', incident, waitedSeconds: incident.attribution === 'ours' ? largest(split.handOff, split.ours) : handOff.waitedSeconds }
    : plainVerdict(analysis, split, uncertain.size > 0);
  const dataUntil = !incident && handOff.at !== null && handOff.at > options.asOf ? options.asOf : null;
  return { handOff, split, verdict, dataUntil };
}

/** Hops further apart than this, either way, are no journey of one mail but headers spliced together. */
const SPLICED_SECONDS = 30 * 86_400;

/** Dates years apart or running far backwards (two 2018 hops inside a 2016 chain). */
function isSpliced(analysis: HeadersAnalysed): boolean {
  return analysis.hops.some((h) => h.delaySeconds !== null && Math.abs(h.delaySeconds) > SPLICED_SECONDS);
}

/**
 * The hops whose delay a wrong clock makes uncertain: each hop with a negative delay, and the next
 * dated hop after it (whose delay is measured from the wrong time).
 */
function uncertainHops(hops: readonly Hop[]): ReadonlySet<number> {
  const out = new Set<number>();
  for (const [i, hop] of hops.entries()) {
    if (!hop.clockSkew) continue;
    out.add(hop.number);
    const next = hops.slice(i + 1).find((h) => h.delaySeconds !== null);
    if (next) out.add(next.number);
  }
  // The first hop is measured from the Date: field, which the sender's device sets: when that is
  // ahead, the first hop is negative and the one after it carries the catch-up; both are covered above.
  return out;
}

/** No segment is longer than the whole journey, nor negative: such a figure is the clocks', not the mail's. */
function clampToTotal(split: DelaySplit, total: number | null): DelaySplit {
  const keep = (seconds: number | null) => (seconds === null || seconds < 0 || (total !== null && seconds > Math.max(0, total)) ? null : seconds);
  return { beforeSending: keep(split.beforeSending), atSender: keep(split.atSender), handOff: keep(split.handOff), ours: keep(split.ours) };
}

function findHandOff(hops: readonly Hop[], options: ExplainOptions): number {
  const isOwn = (name: string | undefined) => name !== undefined && options.isOwnHost(name);
  const intoUs = hops.findIndex((h) => isOwn(h.received.by?.name) && !isOwn(h.received.from?.name));
  if (intoUs >= 0) return intoUs;
  for (let i = hops.length - 1; i >= 0; i--) {
    const from = hops[i]!.received.from;
    if (from && knownSender(from.reverseName, from.ip, options)) return i;
  }
  return -1;
}

/**
 * The known organisation of a sending host, as the log classifier would name it: by the name the
 * receiving server looked up for its address, or by its address alone — never by the HELO name,
 * which is the sender's own claim (`from yahoo.com (…dialinx.net [4.48.136.190])` is no Yahoo).
 */
function knownSender(reverseName: string | null, ip: string | null, options: ExplainOptions): SendingOrganisation | null {
  const byName = reverseName ? options.classify({ name: reverseName, ip: ip ?? '' }) : null;
  if (byName?.known) return byName;
  const byAddress = ip ? options.classify({ name: 'unknown', ip }) : null;
  return byAddress?.known ? byAddress : null;
}

/** The sum of the hops' delays; null when none is known, or when one of them is uncertain. */
function sumDelays(hops: readonly Hop[], uncertain: ReadonlySet<number>): number | null {
  let sum: number | null = null;
  for (const hop of hops) {
    if (uncertain.has(hop.number)) return null;
    if (hop.delaySeconds !== null) sum = (sum ?? 0) + hop.delaySeconds;
  }
  return sum;
}

function largest(...values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

/**
 * The sender's incident whose window covers the wait before the hand-off, else one of ours that
 * covers the hand-off or the time inside our systems; only for a notable delay, since a mail that
 * came through in seconds during an incident was not held up by it.
 */
function matchIncident(handOff: HandOff, split: DelaySplit, hops: readonly Hop[], options: ExplainOptions): IncidentWindow | null {
  const endOf = (r: IncidentWindow) => (r.status === 'ongoing' ? options.asOf : Date.parse(r.endedAt));
  const covers = (r: IncidentWindow, from: number, to: number) => Date.parse(r.startedAt) <= to && endOf(r) + RETRY_GRACE_MS >= from;
  const notable = (seconds: number | null) => seconds !== null && seconds >= NOTABLE_DELAY_SECONDS;
  const at = handOff.at;
  if (at !== null && handOff.sender && notable(handOff.waitedSeconds)) {
    const waitStart = at - Math.max(0, handOff.waitedSeconds ?? 0) * 1000;
    const own = options.incidents.find((r) => r.direction === 'inbound' && r.attribution === 'sender' && r.sender.id === handOff.sender!.id && covers(r, waitStart, at));
    if (own) return own;
  }
  if (!notable(split.handOff) && !notable(split.ours)) return null;
  const times = hops.slice(handOff.hop - 1).map((h) => h.received.date).filter((t): t is number => t !== null);
  if (times.length === 0) return null;
  const from = Math.min(...times) - Math.max(0, split.handOff ?? 0) * 1000;
  const to = Math.max(...times);
  return options.incidents.find((r) => r.direction === 'inbound' && r.attribution === 'ours' && covers(r, from, to)) ?? null;
}

function plainVerdict(analysis: HeadersAnalysed, split: DelaySplit, clocksDisagree: boolean): Verdict {
  const parts = [
    { kind: 'waited-at-sender', seconds: split.handOff },
    { kind: 'delayed-ours', seconds: split.ours },
    { kind: 'delayed-at-sender', seconds: split.atSender },
    { kind: 'delayed-before-sending', seconds: split.beforeSending },
  ] as const;
  let worst: (typeof parts)[number] | null = null;
  for (const part of parts) if (part.seconds !== null && part.seconds >= NOTABLE_DELAY_SECONDS && part.seconds > (worst?.seconds ?? 0)) worst = part;
  if (!worst) {
    // Wrong clocks leave the segments open; what is certain is the whole journey. "No delay" only
    // when that is short too; else say that the clocks disagree, with the total.
    const total = analysis.totalSeconds;
    if (clocksDisagree && (total === null || total >= NOTABLE_DELAY_SECONDS)) return { kind: 'clocks-disagree', totalSeconds: total };
    return { kind: 'no-delay', totalSeconds: total };
  }
  if (worst.kind === 'waited-at-sender') return { kind: worst.kind, waitedSeconds: worst.seconds! };
  return { kind: worst.kind, seconds: worst.seconds! };
}
