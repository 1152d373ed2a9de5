import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { calendarDate, formatDateTime, formatSeconds, formatShare } from './format-time.ts';

describe('calendarDate', () => {
  test('the day of an instant in the zone, not in UTC', () => {
    assert.equal(calendarDate('2026-03-23T23:30:00Z', 'Europe/Berlin'), '2026-03-24');
    assert.equal(calendarDate(Date.parse('2026-03-23T23:30:00Z'), 'America/New_York'), '2026-03-23');
  });
});

describe('formatShare', () => {
  test('rounds down to a tenth of a percent, in the page language', () => {
    assert.equal(formatShare(0.99996, 'de'), '99,9\u00a0%');
    assert.equal(formatShare(0.985, 'en'), '98.5%');
    assert.equal(formatShare(1, 'de'), '100\u00a0%');
  });

  describe('edge cases', () => {
    test('a ratio stored a hair below its tenth keeps it', () => {
      assert.equal(formatShare(0.29, 'en'), '29%');
      assert.equal(formatShare(197 / 200, 'en'), '98.5%');
    });
  });
});

describe('formatDateTime for a chart axis', () => {
  test('weekday and date, and the hour, without the zone (the caption names it once)', () => {
    assert.equal(formatDateTime('2026-03-19T23:00:00Z', 'de', 'Europe/Berlin', 'weekday'), 'Fr 20.3.');
    assert.equal(formatDateTime('2026-03-19T23:00:00Z', 'en', 'Europe/Berlin', 'weekday'), 'Fri 20 Mar');
    assert.equal(formatDateTime('2026-03-19T23:00:00Z', 'en', 'Europe/Berlin', 'hour'), '00:00');
  });
});

describe('formatDateTime for a table of days', () => {
  test('a compact date without the zone, the month by name in English', () => {
    assert.equal(formatDateTime('2026-03-24T12:00:00Z', 'de', 'Europe/Berlin', 'compactDate'), '24.3.2026');
    assert.equal(formatDateTime('2026-03-24T12:00:00Z', 'en', 'Europe/Berlin', 'compactDate'), '24 Mar 2026');
  });
});

describe('formatSeconds', () => {
  test('a value that rounds to a minute reads as one, never "60 s"', () => {
    assert.equal(formatSeconds(59.4, 'en'), '59 s');
    assert.equal(formatSeconds(59.6, 'en'), '1 min');
    assert.equal(formatSeconds(0.84, 'de'), '0,8 s');
    assert.equal(formatSeconds(3_407, 'de'), '56 min 47 s');
  });
});
