import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IncidentRecord } from '../../../src/core/schemas/incident-record.ts';
import type { SenderRecord } from '../../../src/core/schemas/sender-record.ts';
import { keepEarlierDays, sawMore } from './write-records.ts';

const day = (date: string, connections: number) => ({ date, connections, failures: 0, worst: 'none' as const });
const record = (days: SenderRecord['days']): SenderRecord => ({ id: 'google', name: 'Gmail / Google', statusPage: null, days });
/** The days every host's log covers whole. */
const covers = (...dates: string[]) => ({ coversDay: (date: string) => dates.includes(date) });

describe('keepEarlierDays', () => {
  test('keeps the days before the logs of this run begin, and takes the covered days from the run', () => {
    const previous = record([day('2026-03-01', 5), day('2026-03-02', 6), day('2026-03-03', 7)]);
    const fresh = record([day('2026-03-03', 9), day('2026-03-04', 10)]);
    assert.deepEqual(keepEarlierDays(previous, fresh, covers('2026-03-03', '2026-03-04'), (d) => d.connections).days.map((d) => [d.date, d.connections]), [
      ['2026-03-01', 5],
      ['2026-03-02', 6],
      ['2026-03-03', 9],
      ['2026-03-04', 10],
    ]);
  });

  test('a day the logs cover only in part keeps what saw more of it: the record before, or this run', () => {
    const previous = record([day('2026-03-01', 50), day('2026-03-02', 6)]);
    // Neither day covered whole: 1 March this run saw 30 of the 50 seen before; 2 March it saw more.
    const fresh = record([day('2026-03-01', 30), day('2026-03-02', 8)]);
    assert.deepEqual(keepEarlierDays(previous, fresh, covers(), (d) => d.connections).days.map((d) => [d.date, d.connections]), [
      ['2026-03-01', 50],
      ['2026-03-02', 8],
    ]);
  });

  test('a covered day the run no longer finds for this sender is gone; an uncovered one (a hole in the logs) stays', () => {
    const previous = record([day('2026-03-01', 5), day('2026-03-02', 6), day('2026-03-03', 7), day('2026-03-04', 8)]);
    const fresh = record([day('2026-03-01', 9), day('2026-03-04', 10)]);
    // 2 March has no log this time; 3 March was read and this sender sent nothing on it.
    assert.deepEqual(keepEarlierDays(previous, fresh, covers('2026-03-01', '2026-03-03', '2026-03-04'), (d) => d.connections).days.map((d) => [d.date, d.connections]), [
      ['2026-03-01', 9],
      ['2026-03-02', 6],
      ['2026-03-04', 10],
    ]);
  });

  test('keeps at most 90 days', () => {
    const previous = record(Array.from({ length: 100 }, (_, i) => day(new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10), i)));
    const fresh = record([day('2025-06-01', 1)]);
    const days = keepEarlierDays(previous, fresh, covers('2025-06-01'), (d) => d.connections).days;
    assert.equal(days.length, 90);
    assert.equal(days.at(-1)!.date, '2025-06-01');
  });

  test('without an earlier record the run decides alone', () => {
    const fresh = record([day('2026-03-04', 10)]);
    assert.equal(keepEarlierDays(null, fresh, covers('2026-03-04'), (d) => d.connections), fresh);
  });
});

describe('sawMore: an incident record written before stays when this run saw less of it', () => {
  const incident = (startedAt: string, endedAt: string, failures: number, status: 'ongoing' | 'resolved' = 'resolved') =>
    ({ startedAt, endedAt, failures, status, direction: 'inbound', sender: { id: 'microsoft', name: 'Microsoft' } }) as IncidentRecord;
  const before = incident('2026-03-19T16:00:00Z', '2026-03-23T16:43:00Z', 13_138);
  const partly = { coversSpan: () => false, hosts: new Set(['mx1', 'mx2']) };
  const whole = { coversSpan: () => true, hosts: new Set(['mx1', 'mx2']) };
  test('a part of it, fewer failures, its span not covered: the record before stays', () => {
    assert.equal(sawMore(before, incident('2026-03-19T16:05:00Z', '2026-03-23T16:43:00Z', 10_056), partly, []), true);
  });
  test('this run split it: its parts are the run\'s, and the record before must not count the same failures again', () => {
    const first = incident('2026-03-19T16:05:00Z', '2026-03-20T02:00:00Z', 2_938);
    const second = incident('2026-03-20T09:00:00Z', '2026-03-21T04:00:00Z', 1_500);
    const elsewhere = { ...incident('2026-03-20T09:00:00Z', '2026-03-21T04:00:00Z', 1_500), sender: { id: 'google', name: 'Google' } } as IncidentRecord;
    assert.equal(sawMore(before, first, partly, [first, second]), false);
    assert.equal(sawMore(before, first, partly, [first, elsewhere]), true);
  });

  test('this run covered all of its span: this run decides, also with fewer failures', () => {
    assert.equal(sawMore(before, incident('2026-03-19T16:05:00Z', '2026-03-23T16:43:00Z', 10_056), whole, []), false);
  });
  test('an outbound incident of a relay whose log this run did not read: the span of the others is not its span', () => {
    const relayed = { ...before, outbound: { relays: ['out1'] } } as IncidentRecord;
    assert.equal(sawMore(relayed, incident('2026-03-19T16:05:00Z', '2026-03-23T16:43:00Z', 10_056), whole, []), true);
    assert.equal(sawMore(relayed, incident('2026-03-19T16:05:00Z', '2026-03-23T16:43:00Z', 10_056), { ...whole, hosts: new Set(['mx1', 'out1']) }, []), false);
  });
  test('a later end, an earlier start, more failures, or a record before that was still going on: this run decides', () => {
    assert.equal(sawMore(before, incident('2026-03-19T16:05:00Z', '2026-03-23T17:10:00Z', 10_056), partly, []), false);
    assert.equal(sawMore(before, incident('2026-03-19T15:55:00Z', '2026-03-23T16:43:00Z', 10_056), partly, []), false);
    assert.equal(sawMore(before, incident('2026-03-19T16:05:00Z', '2026-03-23T16:43:00Z', 13_200), partly, []), false);
    assert.equal(sawMore(incident('2026-03-19T16:00:00Z', '2026-03-23T16:43:00Z', 13_138, 'ongoing'), incident('2026-03-19T16:05:00Z', '2026-03-23T16:40:00Z', 10_056), partly, []), false);
    assert.equal(sawMore(before, incident('2026-03-19T16:05:00Z', '2026-03-23T16:40:00Z', 10_056, 'ongoing'), partly, []), false);
  });
});

