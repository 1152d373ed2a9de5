/**
 * What the banner says about the site as a whole: one answer across both directions, the same on
 * the home page and in the Statuspage API's status description.
 */
import type { MessageKey } from '../core/i18n/translate.ts';
import { worstImpact, type Impact, type IncidentRecord } from '../core/schemas/incident-record.ts';

export interface OverallWords {
  /** The worst ongoing incident of mail to us, and of our mail to others. */
  readonly inbound: Impact;
  readonly outbound: Impact;
  /** Sentences for now: how mail reaches us, then (on a site that tracks it) how our mail reaches others. */
  readonly now: readonly MessageKey[];
  /** The same as the last state known, for a page without current data. */
  readonly lastKnown: readonly MessageKey[];
}

/**
 * The banner's sentences, each direction from its own worst ongoing incident: "E-Mails aller
 * Absender erreichen uns normal. Unsere E-Mails an andere Anbieter kommen teils kaum an." A site
 * without relay logs (no receivers, no outbound incident) says nothing of our mail to others.
 * When only our relays' logs are too old (`outboundStale`), the second sentence is the last known.
 *
 * @example
 * overallWords([{ direction: 'outbound', status: 'ongoing', impact: 'critical' }], { showsOutbound: true, outboundStale: false }).now
 * // ['status.overall.none', 'status.outbound.critical']
 */
export function overallWords(
  incidents: readonly Pick<IncidentRecord, 'direction' | 'status' | 'impact'>[],
  { showsOutbound, outboundStale }: { readonly showsOutbound: boolean; readonly outboundStale: boolean },
): OverallWords {
  const worst = (direction: IncidentRecord['direction']) => worstImpact(incidents.filter((i) => i.status === 'ongoing' && i.direction === direction).map((i) => i.impact));
  const inbound = worst('inbound');
  const outbound = worst('outbound');
  const withOutbound = showsOutbound || outbound !== 'none';
  const lastKnownOutbound = `status.lastKnownOutbound.${outbound}` as const;
  return {
    inbound,
    outbound,
    now: [`status.overall.${inbound}`, ...(withOutbound ? [outboundStale ? lastKnownOutbound : (`status.outbound.${outbound}` as const)] : [])],
    lastKnown: [`status.lastKnown.${inbound}`, ...(withOutbound ? [lastKnownOutbound] : [])],
  };
}
