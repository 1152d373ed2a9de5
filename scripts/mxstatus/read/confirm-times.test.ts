import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AHEAD_TOLERANCE_MS, BACK_TOLERANCE_MS, CONFIRMING_LINES, ConfirmTimes } from './confirm-times.ts';

const MIN = 60_000;
const T = Date.parse('2026-03-23T12:00:00Z');

/** Feeds minutes after T (each a line named by its index) and tells what was taken and left out. */
function run(minutes: readonly number[], options: { anchor?: number | null; mode?: 'hold' | 'drop'; writtenBy?: number } = {}) {
  const taken: number[] = [];
  const left: number[] = [];
  const times = new ConfirmTimes<number>(options.anchor ?? null, { take: (i) => taken.push(i), leave: (i) => left.push(i) });
  minutes.forEach((m, i) => times.push(T + m * MIN, i));
  const held = times.finish(options.mode ?? 'drop', options.writtenBy ?? null);
  return { taken, left, held, anchor: times.anchor };
}

const steady = (from: number, count: number, step = 1) => Array.from({ length: count }, (_, i) => from + i * step);

describe('ConfirmTimes', () => {
  test('a steady log passes whole, in order', () => {
    const { taken, left } = run(steady(0, 30));
    assert.deepEqual([taken, left], [steady(0, 30), []]);
  });

  test('one stray line before the log begins is left out (a kernel clock three weeks behind)', () => {
    const { taken, left } = run([-21 * 24 * 60, ...steady(0, 20)]);
    assert.deepEqual(left, [0]);
    assert.equal(taken.length, 20);
  });

  test('one line two days ahead in the middle is left out, and the log goes on', () => {
    const minutes = [...steady(0, 10), 2 * 24 * 60, ...steady(10, 10)];
    const { taken, left, anchor } = run(minutes);
    assert.deepEqual(left, [10]);
    assert.equal(taken.length, 20);
    assert.equal(anchor, T + 19 * MIN);
  });

  test('a handful of lines a year behind (a BSD line put in the wrong year) are left out', () => {
    const minutes = [...steady(0, 10), ...steady(-365 * 24 * 60, CONFIRMING_LINES - 1), ...steady(10, 10)];
    const { left } = run(minutes);
    assert.deepEqual(left, steady(10, CONFIRMING_LINES - 1));
  });

  test('a real gap (a quiet night) is believed once lines go on from there', () => {
    const minutes = [...steady(0, 10), ...steady(180, 12)];
    const { taken, left } = run(minutes);
    assert.deepEqual([taken, left], [steady(0, 22), []]);
  });

  test('a clock set back and going on from there is believed too', () => {
    const minutes = [...steady(0, 10), ...steady(-120, 12)];
    assert.deepEqual(run(minutes).left, []);
  });

  test('lines just inside the tolerances pass at once; just outside they wait', () => {
    const inside = [0, AHEAD_TOLERANCE_MS / MIN, AHEAD_TOLERANCE_MS / MIN - BACK_TOLERANCE_MS / MIN];
    assert.deepEqual(run(inside, { anchor: T, mode: 'hold' }).held, []);
    const outside = [0, AHEAD_TOLERANCE_MS / MIN + 1];
    assert.deepEqual(run(outside, { anchor: T, mode: 'hold' }).held, [1]);
  });

  test('at the end, lines after a jump are held for the next run, or left out', () => {
    const minutes = [...steady(0, 10), ...steady(180, 3)];
    const held = run(minutes, { mode: 'hold' });
    assert.deepEqual([held.taken, held.held, held.anchor], [steady(0, 10), [10, 11, 12], T + 9 * MIN]);
    const dropped = run(minutes, { mode: 'drop' });
    assert.deepEqual(dropped.left, [10, 11, 12]);
  });

  test('a stream too short to confirm anything trusts its longest run', () => {
    assert.deepEqual(run([0, 1, 2]).taken, [0, 1, 2]);
    const { taken, left } = run([-9000, 0, 1, 2]);
    assert.deepEqual([taken, left], [[1, 2, 3], [0]]);
  });

  test('an earlier run\'s trusted time decides the first lines of the next', () => {
    // Without the anchor, two lines far ahead would be trusted as the only run.
    const { taken, left } = run([3 * 24 * 60, 3 * 24 * 60 + 1], { anchor: T - MIN });
    assert.deepEqual([taken, left], [[], [0, 1]]);
  });

  test('many short detours at once: the oldest are given up, and lines back at the trusted time still pass', () => {
    const minutes = [...steady(0, 10), 1000, 3000, 5000, 7000, 9000, 11000, 10, 11];
    const { taken, left } = run(minutes);
    assert.deepEqual(left.sort((a, b) => a - b), [10, 11, 12, 13, 14, 15]);
    assert.deepEqual(taken, [...steady(0, 10), 16, 17]);
  });
});

describe('ConfirmTimes at the end of a stream', () => {
  test('the last lines after a quiet spell are trusted when dated no later than the file was written', () => {
    const minutes = [...steady(0, 10), 48, 48];
    for (const mode of ['hold', 'drop'] as const) {
      const { taken, left, held } = run(minutes, { mode, writtenBy: T + 48 * MIN });
      assert.deepEqual([taken, left, held], [steady(0, 12), [], []]);
    }
  });

  test('a line dated after the file was written is not (a clock two days ahead)', () => {
    const minutes = [...steady(0, 10), 2 * 24 * 60];
    assert.deepEqual(run(minutes, { writtenBy: T + 10 * MIN }).left, [10]);
    assert.deepEqual(run(minutes, { writtenBy: T + 10 * MIN, mode: 'hold' }).held, [10]);
  });

  test('a line behind the trusted time is never trusted at the end', () => {
    assert.deepEqual(run([...steady(0, 10), -600], { writtenBy: T + 10 * MIN }).left, [10]);
  });
});
