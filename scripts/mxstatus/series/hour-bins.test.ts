import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HourBins } from './hour-bins.ts';

describe('HourBins', () => {
  test('adds up per hour and bin, keeps bins in order whatever order they come in, and sums a span of hours', () => {
    const bins = new HourBins();
    for (const [hour, bin, n] of [[10, 30, 1], [10, 2, 1], [10, 30, 2], [10, 17, 5], [11, 2, 4], [9, 0, 1], [13, 2, 7]] as const) bins.add(hour, bin, n);
    assert.deepEqual(bins.rows(), [[9, 0, 1], [10, 2, 1, 17, 5, 30, 3], [11, 2, 4], [13, 2, 7]]);
    assert.deepEqual([...bins.sum(10, 11)].sort(([a], [b]) => a - b), [[2, 5], [17, 5], [30, 3]]);
    assert.deepEqual(bins.sum(12, 12), new Map());
    assert.deepEqual(bins.entries()[1], [10, [[2, 1], [17, 5], [30, 3]]]);
  });

  test('from(rows) gives the same counts, also from rows of an older state with bins out of order or named twice', () => {
    const bins = HourBins.from([[5, 9, 1, 3, 2, 9, 4]]);
    assert.deepEqual(bins.rows(), [[5, 3, 2, 9, 5]]);
    const a = HourBins.from([[1, 1, 1], [2, 5, 5]]);
    a.merge(HourBins.from([[2, 5, 1, 6, 1], [3, 0, 2]]));
    assert.deepEqual(a.rows(), [[1, 1, 1], [2, 5, 6, 6, 1], [3, 0, 2]]);
  });
});
