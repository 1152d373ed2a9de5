import { BUCKET_MS } from '../series/day-columns.ts';
import { delayPercentiles, HOUR_MS } from '../series/sender-series.ts';
import type { OutboundIncident } from './detect-outbound-incidents.ts';
import { RECEIVER_CLASSES, type ProblemClass } from './problem-class.ts';
import { isEarlier, type ProblemSample, type ReceiverSeries } from './receiver-series.ts';

/** What an outbound incident's record will say (issue 19, point 3), from its receiver's series. */
export interface OutboundIncidentSummary {
  /** Attempts from its start to its end (whole buckets), and how they ended. */
  readonly attempts: number;
  readonly sent: number;
  readonly deferred: number;
  readonly bounced: number;
  /**
   * Mail lost: refused for good for the receiver's reasons during it, and given up (expired, its
   * last deferral for the receiver's reasons) from its start until five days after it (or the
   * receiver's next incident) — never more than it refused or deferred for the receiver's reasons.
   */
  readonly lost: number;
  /** The receiver's problems by class. */
  readonly byClass: Readonly<Partial<Record<ProblemClass, number>>>;
  /** Its replies, one per class and code, in the receiver's words, the earliest first (at most five). */
  readonly replies: readonly ProblemSample[];
  /** The total delay of the mail sent from its start until six hours after its end (what it held up went then). */
  readonly delay: { readonly messages: number; readonly p50Seconds: number; readonly p95Seconds: number; readonly maxSeconds: number } | null;
  /** The first 5-minute bucket after its end with a delivery that went through (its start), and whether with TLS; null while it goes on. */
  readonly recovery: { readonly at: number; readonly tls: boolean } | null;
}

/** How long after an incident the mail it held up is still counted as delayed by it. */
const AFFECTED_AFTER_MS = 6 * HOUR_MS;
/** Postfix's maximal_queue_lifetime (5 days), and an hour: mail deferred during an incident expires by then. */
const EXPIRES_WITHIN_MS = 5 * 86_400_000 + HOUR_MS;
const MAX_REPLIES = 5;

/**
 * Sums up an outbound incident from its receiver's series: attempts and outcomes, mail lost
 * apart from mail delayed, the receiver's replies in its own words, the delay of the mail it held
 * up, and the recovery.
 *
 * @example
 * summarizeOutboundIncident(microsoftSeries, incident)
 * // { attempts: 412, sent: 80, deferred: 332, bounced: 0, lost: 0, byClass: { 'rate-limit': 332 },
 * //   replies: [{ problemClass: 'rate-limit', code: 451, enhanced: '4.7.650', text: 'The mail server [IP] has been temporarily rate limited …' }],
 * //   delay: { messages: 310, p50Seconds: 1815, p95Seconds: 7210, maxSeconds: 7930 }, recovery: { at: …, tls: true } }
 */
export function summarizeOutboundIncident(evidence: ReceiverSeries | readonly ReceiverSeries[], incident: Pick<OutboundIncident, 'startedAt' | 'endedAt' | 'ongoing'>, nextStart = Number.POSITIVE_INFINITY): OutboundIncidentSummary {
  const seriesList = Array.isArray(evidence) ? (evidence as readonly ReceiverSeries[]) : [evidence as ReceiverSeries];
  const first = Math.floor(incident.startedAt / BUCKET_MS) * BUCKET_MS;
  let attempts = 0;
  let sent = 0;
  let deferred = 0;
  let bounced = 0;
  let refused = 0;
  let expired = 0;
  let receiverProblems = 0;
  const byClass: Partial<Record<ProblemClass, number>> = {};
  const replies = new Map<string, ProblemSample>();
  // The first bucket after the end with mail sent, of any series, and whether any of that bucket's went with TLS.
  let recoveryAt = Number.POSITIVE_INFINITY;
  let recoveryTls = false;
  const bins = new Map<number, number>();
  let longest = 0;
  for (const series of seriesList) {
    for (const start of series.bucketStarts()) {
      if (start < first) continue;
      // Past what can still count (expiries) and the recovery, nothing more is read.
      if (start > incident.endedAt + EXPIRES_WITHIN_MS && (incident.ongoing || start > recoveryAt)) break;
      const bucket = series.bucket(start)!;
      if (start <= incident.endedAt) {
        attempts += bucket.attempts;
        sent += bucket.sent;
        deferred += bucket.deferred;
        bounced += bucket.bounced;
        for (const klass of RECEIVER_CLASSES) if (bucket.byClass[klass] > 0) byClass[klass] = (byClass[klass] ?? 0) + bucket.byClass[klass];
        // Only named receivers' words: everyone else's servers name themselves, and their domain is never published.
        const sample = series.receiver?.known ? bucket.sample : null;
        const key = sample && `${sample.problemClass} ${sample.code} ${sample.enhanced}`;
        if (sample && key && isEarlier(sample, replies.get(key))) replies.set(key, sample);
        // Refused for the receiver's reasons during it (and below, expired after it): mail that never arrived.
        refused += bucket.receiverBounced;
        receiverProblems += bucket.receiverProblems;
      }
      if (start <= incident.endedAt + EXPIRES_WITHIN_MS && start < nextStart) expired += bucket.receiverExpired;
      if (!incident.ongoing && start > incident.endedAt && bucket.sent > 0 && start <= recoveryAt) {
        recoveryTls = (start === recoveryAt && recoveryTls) || bucket.sentTls > 0;
        recoveryAt = start;
      }
    }
    const [fromHour, toHour] = [Math.floor(incident.startedAt / HOUR_MS), Math.floor((incident.endedAt + AFFECTED_AFTER_MS) / HOUR_MS)];
    for (const [bin, n] of series.heldDelays(fromHour, toHour)) bins.set(bin, (bins.get(bin) ?? 0) + n);
    longest = Math.max(longest, series.heldLongest(fromHour, toHour));
  }
  return {
    attempts,
    sent,
    deferred,
    bounced,
    lost: Math.min(refused + expired, receiverProblems),
    byClass,
    replies: [...replies.values()].sort((a, b) => (isEarlier(a, b) ? -1 : 1)).slice(0, MAX_REPLIES),
    delay: delayPercentiles(bins, longest),
    recovery: Number.isFinite(recoveryAt) ? { at: recoveryAt, tls: recoveryTls } : null,
  };
}
