import type { HeadersReport } from './run-headers.ts';

/**
 * `mxstatus headers --json`: every hop with its delay in seconds, where the time went, the verdict
 * and the matched incident's id. Only host names and times of the Received: lines appear, never
 * the addresses, subject or message id of the mail.
 */
export function headersJson(report: HeadersReport): Record<string, unknown> {
  const { analysis, explanation } = report;
  const hops = analysis.hops.map((hop) => ({
    number: hop.number,
    from: hop.received.from?.name ?? null,
    by: hop.received.by?.name ?? null,
    at: hop.received.date === null ? null : new Date(hop.received.date).toISOString(),
    delaySeconds: hop.delaySeconds,
    clockSkew: hop.clockSkew,
    tls: hop.received.tls,
  }));
  const { handOff, split, verdict } = explanation;
  const matched = handOff && {
    hop: handOff.hop,
    sender: handOff.sender && { id: handOff.sender.id, name: handOff.sender.name },
    waitedSeconds: handOff.waitedSeconds,
    incidentId: verdict.kind === 'incident' ? verdict.incident.id : null,
  };
  // When the mail reached us after the last log line read: how far the data reaches (no incident can be ruled out beyond it).
  const dataUntil = explanation.dataUntil === null ? null : new Date(explanation.dataUntil).toISOString();
  return { hops, totalSeconds: analysis.totalSeconds, split, verdict: verdict.kind, notes: analysis.notes, authentication: analysis.authentication, handOff: matched, dataUntil };
}
