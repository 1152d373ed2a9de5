import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ZoneClock } from '../parse/zone-clock.ts';
import { BUCKET_MS } from '../series/sender-series.ts';
import { coveredPeriod } from './covered-period.ts';

const clock = new ZoneClock('Europe/Berlin');
/** Buckets every five minutes from `from` to `to` (ISO, UTC), both included. */
const buckets = (from: string, to: string) => {
  const out: number[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += BUCKET_MS) out.push(t);
  return out;
};
const at = (iso: string) => Date.parse(iso);

describe('coveredPeriod', () => {
  // 17 March local is 16 March 23:00 UTC to 17 March 23:00 UTC.
  const whole = buckets('2026-03-16T00:00:00Z', '2026-03-19T12:00:00Z');
  const last = at('2026-03-19T12:00:00Z');

  test('two hosts that logged the whole days: covered, up to the last line', () => {
    const covered = coveredPeriod(new Map([['mx1', whole], ['mx2', whole]]), clock, last);
    assert.deepEqual(['2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20'].map(covered.coversDay), [true, true, true, false]);
    assert.equal(covered.coversTime(at('2026-03-17T03:00:00Z')), true);
    assert.equal(covered.coversTime(last + 1), false);
  });

  test('one host\'s older file is gone: the days only the other covers are not covered', () => {
    const mx2 = buckets('2026-03-18T00:00:00Z', '2026-03-19T12:00:00Z');
    const covered = coveredPeriod(new Map([['mx1', whole], ['mx2', mx2]]), clock, last);
    assert.deepEqual(['2026-03-17', '2026-03-18', '2026-03-19'].map(covered.coversDay), [false, false, true]);
    assert.equal(covered.coversTime(at('2026-03-17T03:00:00Z')), false);
    // A span is covered only whole: from the 18th on, not from the 17th, and never past the last line.
    assert.equal(covered.coversSpan(at('2026-03-18T06:00:00Z'), at('2026-03-19T03:00:00Z')), true);
    assert.equal(covered.coversSpan(at('2026-03-17T22:00:00Z'), at('2026-03-19T03:00:00Z')), false);
    assert.equal(covered.coversSpan(at('2026-03-18T06:00:00Z'), last + 1), false);
  });

  test('a file that begins at 06:25 covers neither that day nor 03:00 of it', () => {
    const covered = coveredPeriod(new Map([['mx1', buckets('2026-03-18T05:25:00Z', '2026-03-19T12:00:00Z')]]), clock, last);
    assert.deepEqual([covered.coversDay('2026-03-18'), covered.coversTime(at('2026-03-18T02:00:00Z')), covered.coversTime(at('2026-03-18T08:00:00Z'))], [false, false, true]);
  });

  test('a quiet night of up to two hours is covered; a longer gap (a missing file) is not', () => {
    const night = [...buckets('2026-03-16T00:00:00Z', '2026-03-17T01:00:00Z'), ...buckets('2026-03-17T03:00:00Z', '2026-03-19T12:00:00Z')];
    assert.equal(coveredPeriod(new Map([['mx1', night]]), clock, last).coversDay('2026-03-17'), true);
    const hole = [...buckets('2026-03-16T00:00:00Z', '2026-03-17T01:00:00Z'), ...buckets('2026-03-17T04:00:00Z', '2026-03-19T12:00:00Z')];
    assert.equal(coveredPeriod(new Map([['mx1', hole]]), clock, last).coversDay('2026-03-17'), false);
  });

  test('a stray or misdated session (minutes of log, days from the rest) covers nothing', () => {
    const stray = [at('2026-03-12T11:00:00Z'), ...buckets('2026-03-16T00:00:00Z', '2026-03-19T12:00:00Z')];
    const covered = coveredPeriod(new Map([['mx1', stray]]), clock, last);
    assert.deepEqual([covered.coversTime(at('2026-03-12T11:00:00Z')), covered.coversDay('2026-03-12')], [false, false]);
  });

  test('no log at all covers nothing', () => {
    assert.equal(coveredPeriod(new Map(), clock, last).coversTime(at('2026-03-17T00:00:00Z')), false);
  });
});
