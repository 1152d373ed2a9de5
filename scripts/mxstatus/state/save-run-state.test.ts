import assert from 'node:assert/strict';
import { MxCounts } from '../series/mx-counts.ts';
import { OutboundRouter } from '../outbound/route-outbound.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { detectionSchema } from '../../../src/core/schemas/site-config.ts';
import { ZoneClock } from '../parse/zone-clock.ts';
import { DAY, microsoft, perBucket, seriesOf, T0 } from '../series/series-fixture.ts';
import { SessionTracker } from '../sessions/track-sessions.ts';
import { carryState, saveRunState } from './save-run-state.ts';
import { FilePositions, loadState, STATE_VERSION } from './summarize-state.ts';

const detection = detectionSchema.parse({});
const clock = new ZoneClock('Europe/Berlin');

/** Saves a run whose logs cover five days of Outlook.com traffic from T0, and reads the state back. */
async function savedRun(retainDays: number) {
  const path = join(await mkdtemp(join(tmpdir(), 'mxstatus-save-run-state-')), 'mxstatus.state');
  const series = seriesOf(microsoft, (s) => {
    for (let d = 0; d < 5; d++) perBucket(s, T0 + d * DAY, 1, { connections: 2 });
  });
  const tracker = new SessionTracker({ session: () => {}, message: () => {} });
  const carried = carryState(tracker, [series], new MxCounts(), new OutboundRouter([], []));
  const covered = { first: T0, last: T0 + 4 * DAY };
  const state = { path, settings: 'settings-hash', saved: null, positions: new FilePositions([]) };
  assert.ok((await saveRunState(state, carried, { nowMs: T0 + 4 * DAY, covered, incidents: [], detection, clock, retainDays })).ok);
  const loaded = await loadState(path, 'settings-hash');
  assert.ok(loaded.ok && loaded.value);
  return loaded.value;
}

describe('saveRunState', () => {
  test('keeps all the counts while they are younger than retainDays', async () => {
    const state = await savedRun(100);
    assert.deepEqual([state.version, state.firstTime, state.lastTime, state.series[0]?.days.length], [STATE_VERSION, T0, T0 + 4 * DAY, 5]);
  });

  test('cuts older counts at a local midnight, and the covered time with them', async () => {
    const state = await savedRun(2);
    // 2 days before the last log line (27 March, 16:00 UTC) is 25 March; its local midnight 23:00 UTC the day before.
    assert.deepEqual([new Date(state.firstTime!).toISOString(), state.series[0]?.days.map(([day]) => new Date(day * DAY).toISOString().slice(0, 10))], [
      '2026-03-24T23:00:00.000Z',
      ['2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27'],
    ]);
  });
});
