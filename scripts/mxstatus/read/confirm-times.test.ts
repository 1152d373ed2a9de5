import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AHEAD_TOLERANCE_MS, BACK_TOLERANCE_MS, CONFIRMING_LINES, ConfirmTimes, MAX_QUIET_MS, WRITE_SLACK_MS } from './confirm-times.ts';

const MIN = 60_000;
const T = Date.parse('2026-03-23T12:00:00Z');
/** Written long after every line of these tables unless a row says otherwise. */
const LATER = T + 400 * 24 * 60 * MIN;

/**
 * Feeds minutes after T (each a line named by its index) to a stream whose trusted time is T (an
 * earlier run's, or its own first lines') unless `anchor` says otherwise, and tells what was taken
 * and left out.
 */
function run(minutes: readonly number[], options: { anchor?: number | null; mode?: 'hold' | 'drop'; writtenBy?: number } = {}) {
  const taken: number[] = [];
  const left: number[] = [];
  const writtenBy = options.writtenBy ?? LATER;
  const times = new ConfirmTimes<number>(options.anchor === undefined ? T : options.anchor, { take: (i) => taken.push(i), leave: (i) => left.push(i) });
  minutes.forEach((m, i) => times.push(T + m * MIN, i, writtenBy));
  const held = times.finish(options.mode ?? 'drop', writtenBy);
  return { taken, left: left.sort((a, b) => a - b), held, anchor: times.anchor };
}

const steady = (from: number, count: number, step = 1) => Array.from({ length: count }, (_, i) => from + i * step);
/** A session: eight lines within a second or so. */
const session = (at: number) => Array.from({ length: 8 }, () => at);

describe('ConfirmTimes', () => {
  test('a steady log passes whole, in order', () => {
    const { taken, left } = run(steady(0, 30));
    assert.deepEqual([taken, left], [steady(0, 30), []]);
  });

  test('one stray line before the log begins is left out (a kernel clock three weeks behind)', () => {
    const { taken, left } = run([-21 * 24 * 60, ...steady(0, 30)], { anchor: null });
    assert.deepEqual([left, taken.length], [[0], 30]);
  });

  test('one line two days ahead in the middle is left out, and the log goes on', () => {
    const { taken, left, anchor } = run([...steady(0, 10), 2 * 24 * 60, ...steady(10, 10)]);
    assert.deepEqual([left, taken.length, anchor], [[10], 20, T + 19 * MIN]);
  });

  test('a misdated session (eight lines) a year behind or thirty hours ahead is left out', () => {
    assert.deepEqual(run([...steady(0, 10), ...session(-365 * 24 * 60), ...steady(10, 10)]).left, steady(10, 8));
    assert.deepEqual(run([...steady(0, 10), ...session(30 * 60), ...steady(10, 10)]).left, steady(10, 8));
  });

  test('a quiet server: a session every 20 to 50 minutes, each a few lines, all taken', () => {
    const minutes = [...steady(0, 10), ...[40, 61, 110, 135, 180].flatMap((m) => [m, m, m, m])];
    const { taken, left } = run(minutes, { writtenBy: T + 180 * MIN });
    assert.deepEqual([taken.length, left], [minutes.length, []]);
  });

  test('a quiet spell longer than MAX_QUIET_MS after one session: that session is not confirmed by the next', () => {
    const quiet = MAX_QUIET_MS / MIN;
    const { left } = run([...steady(0, 10), ...session(60), ...session(60 + quiet + 60), ...steady(60 + quiet + 61, 30)]);
    assert.deepEqual(left, steady(10, 8));
  });

  test('a clock set back and going on from there is believed once enough lines over a quarter of an hour say so', () => {
    const back = steady(-120, CONFIRMING_LINES, 1);
    assert.deepEqual(run([...steady(0, 10), ...back]).left, []);
  });

  test('lines just inside the tolerances pass at once; just outside they wait', () => {
    const inside = [0, AHEAD_TOLERANCE_MS / MIN, AHEAD_TOLERANCE_MS / MIN - BACK_TOLERANCE_MS / MIN];
    assert.deepEqual(run(inside, { mode: 'hold', writtenBy: T + 20 * MIN }).held, []);
    // Just outside, a line waits, and the log going on at the trusted time leaves it out.
    assert.deepEqual(run([0, AHEAD_TOLERANCE_MS / MIN + 1, 1]).left, [1]);
    assert.deepEqual(run([0, -BACK_TOLERANCE_MS / MIN - 1, 1]).left, [1]);
  });

  test('a line dated after its file was written (beyond the slack) is never taken', () => {
    const { taken, left } = run([0, 1, 2, 3 + WRITE_SLACK_MS / MIN + 1], { anchor: T, writtenBy: T + 3 * MIN });
    assert.deepEqual([taken, left], [[0, 1, 2], [3]]);
  });

  test('a stream too short to confirm anything trusts its longest run a file could hold', () => {
    assert.deepEqual(run([0, 1, 2], { anchor: null }).taken, [0, 1, 2]);
    assert.deepEqual(run([-9000, 0, 1, 2], { anchor: null }), { taken: [1, 2, 3], left: [0], held: [], anchor: T + 2 * MIN });
    // A new file's only line, dated a day and a half after the file was written: nothing.
    assert.deepEqual(run([36 * 60], { anchor: null, writtenBy: T }).taken, []);
  });

  test('a quiet server\'s first sessions, with no trusted time yet, confirm each other', () => {
    const minutes = [0, 0, 0, 40, 40, 40, 95, 95];
    assert.deepEqual(run(minutes, { anchor: null, writtenBy: T + 95 * MIN }).taken, steady(0, 8));
  });

  test('an earlier run\'s trusted time decides the first lines of the next: days ahead of a file written now, nothing', () => {
    const { taken, left } = run([3 * 24 * 60, 3 * 24 * 60 + 1], { anchor: T - MIN, writtenBy: T });
    assert.deepEqual([taken, left], [[], [0, 1]]);
  });

  test('many short detours at once: the oldest are given up, and lines back at the trusted time still pass', () => {
    const { taken, left } = run([...steady(0, 10), -1000, -3000, -5000, -7000, -9000, -11000, 10, 11]);
    assert.deepEqual(left, [10, 11, 12, 13, 14, 15]);
    assert.deepEqual(taken, [...steady(0, 10), 16, 17]);
  });
});

describe('ConfirmTimes at the end of a stream', () => {
  test('a host\'s first lines, with no trusted time, are taken only near the other hosts\' (a stray host line weeks away is not)', () => {
    const finish = (minutes: readonly number[], near: number) => {
      const taken: number[] = [];
      const times = new ConfirmTimes<number>(null, { take: (i) => taken.push(i), leave: () => {} });
      minutes.forEach((m, i) => times.push(T + m * MIN, i, LATER));
      times.finish('drop', LATER, near);
      return taken;
    };
    assert.deepEqual(finish([0, 1], T + 30 * MIN), [0, 1]);
    assert.deepEqual(finish([-21 * 24 * 60], T), []);
  });

  test('the last lines after a quiet spell are taken when dated no later than the file was written', () => {
    for (const mode of ['hold', 'drop'] as const) {
      const { taken, left, held } = run([...steady(0, 10), 48, 48], { mode, writtenBy: T + 48 * MIN });
      assert.deepEqual([taken, left, held], [steady(0, 12), [], []]);
    }
  });

  test('a line behind the trusted time waits: held for the next run, or left out', () => {
    assert.deepEqual(run([...steady(0, 10), -600], { mode: 'hold' }).held, [10]);
    assert.deepEqual(run([...steady(0, 10), -600]).left, [10]);
  });
});
