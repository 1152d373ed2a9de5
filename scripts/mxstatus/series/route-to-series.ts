import type { SenderRule } from '../../../src/core/schemas/site-config.ts';
import { registrableDomain } from '../../../src/core/senders/registrable-domain.ts';
import { createPublishedHostName, createSenderClassifier, type Sender } from '../../../src/core/senders/classify-sender.ts';
import type { AcceptedMessage, SmtpSession } from '../sessions/smtp-session.ts';
import type { SessionSink } from '../sessions/track-sessions.ts';
import { MxCounts, type MxState } from './mx-counts.ts';
import { SenderSeries, type SeriesState } from './sender-series.ts';
import { OTHER } from '../../../src/core/contract.ts';

/** Every sender outside the catalog, counted as one. */
const OTHER_SENDERS: Sender = { id: OTHER, name: OTHER, statusPage: null, known: false };

/** Where finished sessions and accepted messages go: their sending organisation's series. */
export interface SeriesRouter {
  /** For the session tracker: adds each session and message to its sender's series. */
  readonly sink: SessionSink;
  /** The series, in the order their senders were first seen (those of the last run first). */
  series(): SenderSeries[];
  /** The same sessions counted by our MX host that logged them. */
  readonly mx: MxCounts;
}

/**
 * Routes sessions to series: port 25 only, never our own users' logins; each client classified
 * by the sender rules (our own hosts are no sender); senders outside the catalog into one series
 * "other". The series of the last run (`restored`) go on counting.
 *
 * @example
 * const router = createSeriesRouter(rules, ['example.net'], saved?.series ?? []);
 * const tracker = new SessionTracker(router.sink);
 * … tracker.flush(); router.series() // [SenderSeries(microsoft), SenderSeries(google), SenderSeries(other), …]
 */
export function createSeriesRouter(rules: readonly SenderRule[], ownHosts: readonly string[], restored: readonly SeriesState[], restoredMx: readonly MxState[] = []): SeriesRouter {
  const seriesBySender = new Map<string, SenderSeries>();
  const mx = MxCounts.restore(restoredMx);
  for (const series of restored) seriesBySender.set(series.sender.id, SenderSeries.restore(series));
  const publishedName = createPublishedHostName(rules);
  const classify = createSenderClassifier(rules, { ownHostSuffixes: ownHosts, domainOf: registrableDomain });
  const seriesFor = (session: SmtpSession | AcceptedMessage): SenderSeries | null => {
    // Port 25 only, and never our own users' logins: they are not a sending organisation.
    if (session.service !== 'smtp' || session.authenticated) return null;
    const sender = classify(session.client);
    if (!sender) return null;
    // Senders outside the catalog are counted together, never named: they only help to tell
    // whether a fault is ours.
    const tracked = sender.known ? sender : OTHER_SENDERS;
    let series = seriesBySender.get(tracked.id);
    if (!series) seriesBySender.set(tracked.id, (series = new SenderSeries(tracked, tracked.known)));
    return series;
  };
  return {
    sink: {
      session: (session) => {
        const series = seriesFor(session);
        if (!series) return;
        mx.add(session, series.sender.id);
        // The series keeps host names for the records: only names the organisation's own.
        const name = series.trackHosts ? publishedName(series.sender.id, session.client.name) : session.client.name;
        series.addSession(name === session.client.name ? session : { ...session, client: { name, ip: session.client.ip } });
      },
      message: (message) => seriesFor(message)?.addMessage(message),
    },
    series: () => [...seriesBySender.values()],
    mx,
  };
}
