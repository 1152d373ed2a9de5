import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectionSchema } from '../../../src/core/schemas/site-config.ts';
import type { Incident } from '../detect/incident.ts';
import { ZoneClock } from '../parse/zone-clock.ts';
import { microsoft } from '../series/series-fixture.ts';
import { retentionStart } from './retention-start.ts';

/**
 * Where the state cuts its series, in Europe/Berlin with the default settings: a new wave joins
 * an incident up to the merge gap (12 h) plus the quiet period (1 h) after its end.
 */
const detection = detectionSchema.parse({});
const clock = new ZoneClock('Europe/Berlin');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const LAST = Date.parse('2026-07-01T00:00:00Z');
/** 100 days before the last log line. */
const HORIZON = Date.parse('2026-03-23T00:00:00Z');
const GAP = 13 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const incident = (startedAt: number, endedAt: number): Incident => ({ sender: microsoft, kind: 'tls-failure', attribution: 'sender', ongoing: false, startedAt, endedAt });

describe('retentionStart', () => {
  type Row = readonly [what: string, incidents: readonly Incident[], cut: string];
  const rows: readonly Row[] = [
    ['no incidents: the local midnight of the day 100 days before the last log line', [], '2026-03-22T23:00:00.000Z'],
    ['an incident well after the cut leaves it', [incident(HORIZON + 5 * DAY, HORIZON + 6 * DAY)], '2026-03-22T23:00:00.000Z'],
    ['an incident across the cut moves it to the local midnight before a day before its start', [incident(Date.parse('2026-03-20T10:00:00Z'), Date.parse('2026-03-25T00:00:00Z'))], '2026-03-18T23:00:00.000Z'],
    ['an incident ending the merge gap, the quiet period and a day before the cut: a new wave could still join it', [incident(HORIZON - 3 * DAY, HORIZON - GAP - DAY)], '2026-03-18T23:00:00.000Z'],
    ['an incident ending 1 ms earlier is history', [incident(HORIZON - 3 * DAY, HORIZON - GAP - DAY - 1)], '2026-03-22T23:00:00.000Z'],
    ['an incident starting less than a day after the cut moves it to a day before that start', [incident(HORIZON + 2 * HOUR, HORIZON + 2 * DAY)], '2026-03-21T23:00:00.000Z'],
    ['an incident starting a day after the cut leaves it', [incident(HORIZON + DAY, HORIZON + 2 * DAY)], '2026-03-22T23:00:00.000Z'],
    [
      'incidents near each new cut move it again',
      [incident(Date.parse('2026-03-22T12:00:00Z'), Date.parse('2026-03-23T12:00:00Z')), incident(Date.parse('2026-03-19T00:00:00Z'), Date.parse('2026-03-21T00:00:00Z'))],
      '2026-03-17T23:00:00.000Z',
    ],
  ];
  for (const [what, incidents, cut] of rows) test(what, () => assert.equal(iso(retentionStart(incidents, LAST, detection, clock, 100)), cut));

  test('the cut is a local midnight in summer time too', () => {
    assert.equal(iso(retentionStart([], Date.parse('2026-10-01T12:00:00Z'), detection, clock, 100)), '2026-06-22T22:00:00.000Z');
  });

  describe('edge cases', () => {
    test('retainDays 0: the local midnight of the last log line\'s day', () => {
      assert.equal(iso(retentionStart([], LAST, detection, clock, 0)), '2026-06-30T22:00:00.000Z');
    });
  });
});
