import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SenderDay } from '../core/schemas/sender-record.ts';
import { daySlots, deliveryDays, historyEnd, historyFigure, periodShare } from './day-bars.ts';
import { outboundComponent } from '../core/contract.ts';

const day = (date: string, connections: number, failures = 0, worst: SenderDay['worst'] = 'none'): SenderDay => ({ date, connections, failures, worst });

describe('daySlots', () => {
  test('ninety days ending on the last day, the oldest first', () => {
    const slots = daySlots([day('2026-03-24', 10)], '2026-03-24');
    assert.equal(slots.length, 90);
    assert.equal(slots[0]!.date, '2025-12-25');
    assert.deepEqual(slots.at(-1), { date: '2026-03-24', day: day('2026-03-24', 10) });
  });

  test('a day the records leave out is an empty bar in its place, not a shift of the others', () => {
    const slots = daySlots([day('2026-03-21', 5), day('2026-03-23', 7)], '2026-03-24');
    assert.deepEqual(slots.slice(-4).map((s) => [s.date, s.day?.connections ?? null]), [['2026-03-21', 5], ['2026-03-22', null], ['2026-03-23', 7], ['2026-03-24', null]]);
  });

  describe('edge cases', () => {
    test('across the change to summer time and a leap day, every date comes once', () => {
      const dates = daySlots([], '2028-03-27').map((s) => s.date);
      assert.equal(new Set(dates).size, 90);
      assert.ok(dates.includes('2028-02-29') && dates.includes('2028-03-26'));
    });

    test('days older than the ninety are left out', () => {
      assert.ok(daySlots([day('2025-12-24', 3)], '2026-03-24').every((s) => s.day === null));
    });
  });
});

describe('periodShare', () => {
  test('the connections that did not fail, of all connections of the days with data', () => {
    const share = periodShare(daySlots([day('2026-03-23', 150, 3), day('2026-03-24', 50, 0, 'minor')], '2026-03-24'));
    assert.deepEqual(share, { daysWithData: 2, connections: 200, gotThrough: 197, ratio: 0.985 });
  });

  test('without a single connection there is no share', () => {
    assert.deepEqual(periodShare(daySlots([], '2026-03-24')), { daysWithData: 0, connections: 0, gotThrough: 0, ratio: null });
    assert.equal(periodShare(daySlots([day('2026-03-24', 0)], '2026-03-24')).ratio, null);
  });
});

describe('historyFigure', () => {
  const demoWeek = daySlots([day('2026-03-19', 5_904, 2_065), day('2026-03-20', 7_129, 3_189)], '2026-03-24');

  test('a sender shows the share of its connections that got through', () => {
    assert.deepEqual(historyFigure('microsoft', demoWeek), { kind: 'share', ratio: 7_779 / 13_033, connections: 13_033, daysWithData: 2, someDays: true });
  });

  test('our own servers show their count of connections, never a share: senders\' aborted connections count in their failures', () => {
    assert.deepEqual(historyFigure('ours', demoWeek), { kind: 'connections', connections: 13_033, daysWithData: 2, someDays: true });
  });

  test('on how many days there is data is said only when it is fewer than ninety', () => {
    const everyDay = daySlots(daySlots([], '2026-03-24').map((s) => day(s.date, 10)), '2026-03-24');
    const someDays = (figure: ReturnType<typeof historyFigure>) => figure.kind !== 'noConnections' && figure.someDays;
    assert.equal(someDays(historyFigure('ours', everyDay)), false);
    assert.equal(someDays(historyFigure('microsoft', everyDay)), false);
    assert.equal(someDays(historyFigure('microsoft', demoWeek)), true);
  });

  test('without a single connection there is nothing to show but that', () => {
    assert.deepEqual(historyFigure('ours', daySlots([], '2026-03-24')), { kind: 'noConnections' });
    assert.deepEqual(historyFigure('google', daySlots([day('2026-03-24', 0)], '2026-03-24')), { kind: 'noConnections' });
  });
});

describe('historyEnd', () => {
  test('the day of the newest log line in the site zone, today when the site is built that day', () => {
    assert.deepEqual(historyEnd('2026-03-23T23:30:00Z', Date.parse('2026-03-24T08:00:00Z'), 'Europe/Berlin'), { date: '2026-03-24', today: true });
    assert.deepEqual(historyEnd('2026-03-23T23:30:00Z', Date.parse('2026-03-24T08:00:00Z'), 'UTC'), { date: '2026-03-23', today: false });
  });

  test('before any log was read, the bars end on the day of the build', () => {
    assert.deepEqual(historyEnd(null, Date.parse('2026-12-06T20:00:00Z'), 'Europe/Berlin'), { date: '2026-12-06', today: true });
  });
});

describe('deliveryDays', () => {
  test("a receiver's bars share out our attempts it accepted; our outgoing mail as a whole shows a share too", () => {
    const days = deliveryDays([{ date: '2026-03-24', attempts: 200, problems: 30, worst: 'minor' }]);
    assert.deepEqual(days, [day('2026-03-24', 200, 30, 'minor')]);
    const figure = historyFigure(outboundComponent('ours'), daySlots(days, '2026-03-24'));
    assert.equal(figure.kind, 'share');
    assert.equal(figure.kind === 'share' && figure.ratio, 0.85);
  });
});
