import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AXIS_WIDTHS, timeAxis, valueTicks } from './chart-axis.ts';

/** `count` hour starts from `first` (UTC). */
const hoursFrom = (first: string, count: number) => Array.from({ length: count }, (_, i) => new Date(Date.parse(first) + i * 3_600_000).toISOString());

describe('timeAxis', () => {
  // The demo incident: 105 hours from 19 March 09:00 CET.
  const demo = hoursFrom('2026-03-19T08:00:00Z', 105);

  test('a line at every local midnight, and each whole day labelled where a phone has room', () => {
    const axis = timeAxis(demo, 'de', 'Europe/Berlin', AXIS_WIDTHS.narrow);
    assert.deepEqual(axis.dayStarts, [15, 39, 63, 87]);
    assert.deepEqual(axis.labels, [{ index: 15, text: 'Fr 20.3.' }, { index: 39, text: 'Sa 21.3.' }, { index: 63, text: 'So 22.3.' }]);
  });

  test('a wide chart labels the first and last part-days too, in the page language', () => {
    const axis = timeAxis(demo, 'en', 'Europe/Berlin', AXIS_WIDTHS.wide);
    assert.deepEqual(axis.labels.map((l) => l.text), ['Thu 19 Mar', 'Fri 20 Mar', 'Sat 21 Mar', 'Sun 22 Mar', 'Mon 23 Mar']);
  });

  test('labels never overlap: a long incident labels every few days', () => {
    const axis = timeAxis(hoursFrom('2026-03-01T00:00:00Z', 30 * 24), 'en', 'Europe/Berlin', AXIS_WIDTHS.narrow);
    assert.equal(axis.dayStarts.length, 30);
    const gaps = axis.labels.slice(1).map((l, i) => l.index - axis.labels[i]!.index);
    assert.ok(axis.labels.length >= 3 && gaps.every((g) => g >= 68 * (720 / AXIS_WIDTHS.narrow)), JSON.stringify(axis.labels));
  });

  test('a chart of a day or less marks hours between the dates, in the site zone', () => {
    const axis = timeAxis(hoursFrom('2026-03-19T15:00:00Z', 12), 'de', 'Europe/Berlin', AXIS_WIDTHS.wide);
    assert.deepEqual(axis.dayStarts, [8]);
    assert.deepEqual(axis.labels.map((l) => [l.index, l.text]), [[0, 'Do 19.3.'], [2, '18:00'], [4, '20:00'], [6, '22:00'], [8, 'Fr 20.3.'], [10, '02:00']]);
  });

  describe('edge cases', () => {
    test('the change to summer time: still one line a midnight', () => {
      const hours = hoursFrom('2026-03-28T12:00:00Z', 48);
      const axis = timeAxis(hours, 'en', 'Europe/Berlin', AXIS_WIDTHS.wide);
      assert.deepEqual(axis.dayStarts.map((i) => hours[i]), ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    });

    test('a single hour is labelled with its day', () => {
      assert.deepEqual(timeAxis(['2026-03-19T08:00:00Z'], 'en', 'UTC', AXIS_WIDTHS.narrow), { dayStarts: [], labels: [{ index: 0, text: 'Thu 19 Mar' }] });
    });
  });
});

describe('valueTicks', () => {
  test('about three round steps from zero to at least the peak', () => {
    assert.deepEqual(valueTicks(409), [0, 200, 400, 600]);
    assert.deepEqual(valueTicks(540), [0, 200, 400, 600]);
    assert.deepEqual(valueTicks(12_345), [0, 5000, 10_000, 15_000]);
  });

  describe('edge cases', () => {
    test('counts are whole: a peak of one or two gives steps of one', () => {
      assert.deepEqual(valueTicks(1), [0, 1]);
      assert.deepEqual(valueTicks(2), [0, 1, 2]);
      assert.deepEqual(valueTicks(0), [0, 1]);
    });
  });
});
