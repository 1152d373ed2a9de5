import type { IncidentRecord } from '../../../src/schemas/incident-record.ts';
import type { HeadersAnalysed } from '../../../src/lib/headers/analyse-headers.ts';
import type { Client } from '../parse/postfix-event.ts';
import type { Sender } from '../senders/classify-sender.ts';

/** Where a mail was handed to us, how long it waited before, and the incident that explains it. */
export interface HandOff {
  /** Number of the hop (1 = oldest) whose sending host belongs to a known organisation, the newest such. */
  readonly hop: number;
  readonly sender: Sender;
  /** When that hop's receiving server logged the mail (UTC ms), if its line has a date. */
  readonly at: number | null;
  /** Seconds the mail waited before that hop, as the hop's delay says. */
  readonly waitedSeconds: number | null;
  /** The sender's (or our own) incident whose window overlaps the wait, if any. */
  readonly incident: Pick<IncidentRecord, 'id' | 'sender' | 'attribution' | 'startedAt' | 'endedAt' | 'status'> | null;
}

/**
 * Finds the hop that handed the mail to us — the newest hop sent from a server of a known sending
 * organisation — and the incident whose window overlaps the time the mail waited before it.
 *
 * @example
 * matchHandOff(analysis, classify, incidents)?.incident?.id // '2026-03-19-microsoft-tls-failure'
 */
export function matchHandOff(
  analysis: HeadersAnalysed,
  classify: (client: Client) => Sender | null,
  incidents: readonly IncidentRecord[],
  asOf: number,
): HandOff | null {
  for (let i = analysis.hops.length - 1; i >= 0; i--) {
    const hop = analysis.hops[i]!;
    const from = hop.received.from;
    if (!from) continue;
    const sender = classify({ name: from.name, ip: from.ip ?? '' }) ?? (from.ip ? classify({ name: 'unknown', ip: from.ip }) : null);
    if (!sender?.known) continue;
    const at = hop.received.date;
    const waited = hop.delaySeconds;
    const waitStart = at !== null && waited !== null ? at - Math.max(0, waited) * 1000 : at;
    const overlaps = (r: IncidentRecord) => {
      if (at === null || waitStart === null) return false;
      const end = r.status === 'ongoing' ? asOf : Date.parse(r.endedAt);
      // The mail waited from waitStart to at; an incident that ended within the hour before the
      // hand-off still explains it: the sender retries on its own schedule after recovering.
      return Date.parse(r.startedAt) <= at && end + 3_600_000 >= waitStart;
    };
    const candidates = incidents.filter((r) => overlaps(r) && (r.sender.id === sender.id || r.attribution === 'ours'));
    const incident = candidates.find((r) => r.sender.id === sender.id) ?? candidates[0] ?? null;
    return {
      hop: hop.number,
      sender,
      at,
      waitedSeconds: waited,
      incident: incident && { id: incident.id, sender: incident.sender, attribution: incident.attribution, startedAt: incident.startedAt, endedAt: incident.endedAt, status: incident.status },
    };
  }
  return null;
}
