import type { Result } from '../../../src/core/problem.ts';
import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { Incident } from '../detect/incident.ts';
import type { ZoneClock } from '../parse/zone-clock.ts';
import { pruneSeriesState, type SenderSeries, type SeriesState } from '../series/sender-series.ts';
import type { SessionTracker, TrackerState } from '../sessions/track-sessions.ts';
import { pruneMxState, type MxCounts, type MxState } from '../series/mx-counts.ts';
import { retentionStart } from './retention-start.ts';
import { pruneOutboundState, type OutboundRouter, type OutboundRunState } from '../outbound/route-outbound.ts';
import { saveState, STATE_VERSION, type FilePositions, type SummarizeState } from './summarize-state.ts';

/** Where the state of incremental runs is kept, and what the last run left in it. */
export interface RunState {
  readonly path: string;
  /** Hash of the settings the series are counted under (see settingsHash). */
  readonly settings: string;
  /** Null on the first run. */
  readonly saved: SummarizeState | null;
  /** How far each file was read, updated as this run reads. */
  readonly positions: FilePositions;
}

/** What the next run goes on with: the sessions and messages still open, the series, and the counts by our MX host. */
export interface CarriedState {
  readonly tracker: TrackerState;
  readonly series: readonly SeriesState[];
  readonly mx: readonly MxState[];
  readonly outbound: OutboundRunState;
}

/**
 * Takes what the next run goes on with. Before the tracker is flushed: the next run goes on with
 * the open sessions open. (Plain data: the series as copies, the tracker's open sessions and
 * messages as they are.)
 *
 * @example
 * const carried = carryState(tracker, router.series(), router.mx, outbound);
 * tracker.flush();
 */
export function carryState(tracker: SessionTracker, series: readonly SenderSeries[], mx: MxCounts, outbound: OutboundRouter): CarriedState {
  return { tracker: tracker.save(), series: series.map((s) => s.save()), mx: mx.save(), outbound: outbound.save() };
}

export interface RunOutcome {
  readonly nowMs: number;
  /** The first and last log time the records cover, earlier runs included. */
  readonly covered: { readonly first: number; readonly last: number };
  /** Inbound and outbound incidents: the state keeps what they may still need. */
  readonly incidents: readonly Pick<Incident, 'startedAt' | 'endedAt'>[];
  readonly detection: DetectionSettings;
  readonly clock: ZoneClock;
  /** How many days of series to keep (RETAIN_DAYS). */
  readonly retainDays: number;
}

/**
 * Writes the state for the next run: how far each file was read and what `carryState` took, cut
 * to what later runs can still need (see retentionStart); what is older lives on in the records.
 * Call it only after the records are written: a crash before leaves the old state, and the next
 * run reads the same lines again and writes the same records.
 *
 * @example
 * await saveRunState(run.state, carried, { nowMs, covered, incidents, detection, clock, retainDays: RETAIN_DAYS })
 * // ok(undefined): /var/lib/mxstatus/state replaced
 */
export async function saveRunState(state: RunState, carried: CarriedState, outcome: RunOutcome): Promise<Result<void>> {
  const { covered } = outcome;
  const keepFrom = retentionStart(outcome.incidents, covered.last, outcome.detection, outcome.clock, outcome.retainDays);
  const prune = keepFrom > covered.first;
  return saveState(
    state.path,
    {
      version: STATE_VERSION,
      settings: state.settings,
      files: state.positions.list(outcome.nowMs),
      firstTime: prune ? keepFrom : covered.first,
      lastTime: covered.last,
      tracker: carried.tracker,
      series: prune ? carried.series.map((series) => pruneSeriesState(series, keepFrom)) : carried.series,
      mx: prune ? pruneMxState(carried.mx, keepFrom) : carried.mx,
      outbound: prune ? pruneOutboundState(carried.outbound, keepFrom) : carried.outbound,
    },
  );
}
