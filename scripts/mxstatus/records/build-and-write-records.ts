import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import type { SiteConfig } from '../../../src/core/schemas/site-config.ts';
import type { Incident } from '../detect/incident.ts';
import type { ZoneClock } from '../parse/zone-clock.ts';
import type { MxCounts } from '../series/mx-counts.ts';
import type { SenderSeries } from '../series/sender-series.ts';
import { describeWriteError } from '../describe-write-error.ts';
import { buildRecords } from './build-records.ts';
import { NO_OUTBOUND, type OutboundInput } from './build-outbound-records.ts';
import { coveredPeriod } from './covered-period.ts';
import { writeRecords, type WriteReport } from './write-records.ts';

/**
 * Builds the records of the incidents and series and writes them, with draft notes, into the
 * content directory (see writeRecords: what the series do not cover is history earlier runs
 * wrote, and stays); a file that cannot be written is exit 6.
 *
 * @example
 * await buildAndWriteRecords('content', seriesList, incidents, config, clock, { first, last }, router.mx)
 * // ok({ created: 13, updated: 0, unchanged: 0, removed: 0, notesCreated: 2 })
 */
export async function buildAndWriteRecords(
  contentDir: string,
  seriesList: readonly SenderSeries[],
  incidents: readonly Incident[],
  config: SiteConfig,
  clock: ZoneClock,
  covered: { readonly first: number; readonly last: number },
  mx: MxCounts,
  outbound: OutboundInput = NO_OUTBOUND,
): Promise<Result<WriteReport>> {
  const records = buildRecords(seriesList, incidents, config.detection, clock, covered.last, config.name, mx, outbound);
  // Each direction's history is replaced only where its own hosts' logs cover it: the MX hosts' for mail to us, the relays' for ours to others.
  const coverage = {
    inbound: coveredPeriod(mx.bucketStartsByHost(), clock, covered.last),
    outbound: coveredPeriod(outbound.relayBuckets, clock, outbound.asOf ?? Number.NEGATIVE_INFINITY),
  };
  try {
    return ok(await writeRecords(contentDir, records, coverage, config.locales));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return fail(exitCodes.output, `${e.path ?? contentDir}: cannot write, ${describeWriteError(e)}`);
  }
}
