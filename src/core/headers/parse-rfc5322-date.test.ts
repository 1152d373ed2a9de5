import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseIsoLikeDate, parseRfc5322Date } from './parse-rfc5322-date.ts';

const TEN = Date.UTC(2024, 0, 1, 10, 0, 0);

describe('parseRfc5322Date', () => {
  test('reads a modern date with a numeric offset', () => {
    assert.deepEqual(parseRfc5322Date('Mon, 1 Jan 2024 11:00:00 +0100'), { ms: TEN, notes: [] });
    assert.deepEqual(parseRfc5322Date('Mon, 01 Jan 2024 02:00:00 -0800 (PST)'), { ms: TEN, notes: [] });
  });

  test('lets the numeric offset win over a zone name in a comment', () => {
    assert.equal(parseRfc5322Date('Mon, 1 Jan 2024 10:00:00 +0000 (CET)')?.ms, TEN);
  });

  describe('edge cases', () => {
    const cases: [string, number, string[]][] = [
      ['1 Jan 24 05:00 EST', TEN, ['two-digit-year', 'no-seconds', 'obsolete-zone']],
      ['Fri, 1 Jan 99 10:00:00 GMT', Date.UTC(1999, 0, 1, 10), ['two-digit-year']],
      ['Mon, 1 Jan 124 10:00:00 +0000', TEN, ['three-digit-year']],
      ['Mon, 1 Jan 2024 10:00:00 -0000', TEN, ['unknown-local-offset']],
      ['Mon, 1 Jan 2024 10:00:00 Z', TEN, []],
      ['Mon, 1 Jan 2024 10:00:00 A', TEN, ['military-zone']],
      ['Mon, 1 Jan 2024 11:00:00 CET', TEN, ['non-standard-zone']],
      ['Mon, 1 Jan 2024 10:00:00 UT', TEN, []],
      ['Mon, 1 Jan 2024 10:00:00 XYZ', TEN, ['unknown-zone']],
      ['Mon, 1 Jan 2024 10:00:00', TEN, ['no-zone']],
      ['Mon, 1 Jan 2024 10:00:00 (UTC)', TEN, ['zone-from-comment']],
      ['01 Jan 2024 10:00:00.2500 (UTC)', TEN + 250, ['fractional-seconds', 'zone-from-comment']],
      ['Mon, 1 Jan 2024 11:00:00 +01:00', TEN, ['malformed-offset']],
      ['Mon, 1 Jan 2024 10:00:00 +9999', TEN, ['malformed-offset']],
      ['Mon, 1 Jan 2024 11:00:00 GMT+1', TEN, ['malformed-offset']],
      ['Tue, 1 Jan 2024 10:00:00 +0000', TEN, ['weekday-mismatch']],
      ['Mon Jan  1 10:00:00 2024', TEN, ['asctime-order', 'no-zone']],
      ['  Mon ,1 jan 2024 10:00:00 +0000 ', TEN, []],
      ['Monday, 1 January 2024 10:00:00 +0000', TEN, []],
      ['Sat, 31 Dec 2016 23:59:60 +0000', Date.UTC(2016, 11, 31, 23, 59, 59), ['leap-second']],
      ['Mon, (a comment (nested)) 1 Jan 2024 10:00:00 +0000', TEN, []],
      // Real shapes read wrong before (issue 18): the offset glued to the time, letters glued to the offset.
      ['Thu, 6 May 2004 17:40:44-0500', Date.UTC(2004, 4, 6, 22, 40, 44), ['zone-glued-to-time']],
      ['Mon, 1 Jan 2024 11:00:00+01:00', TEN, ['zone-glued-to-time', 'malformed-offset']],
      ['Wed, 24 Jun 2020 15:56:03 +0200S', Date.UTC(2020, 5, 24, 13, 56, 3), ['malformed-offset']],
      ['Sun Nov 13 15:38:52 2005', Date.UTC(2005, 10, 13, 15, 38, 52), ['asctime-order', 'no-zone']],
    ];
    for (const [text, ms, notes] of cases) {
      test(`reads ${JSON.stringify(text)} with notes ${notes.join(', ') || 'none'}`, () => {
        assert.deepEqual(parseRfc5322Date(text), { ms, notes });
      });
    }
  });

  describe('invalid input', () => {
    for (const text of ['', 'yesterday', 'Mon, 31 Feb 2024 10:00:00 +0000', 'Mon, 1 Foo 2024 10:00:00 +0000', '1 Jan 2024 25:00:00 +0000', '1 Jan 2024', '2024-01-01T10:00:00Z']) {
      test(`returns null for ${JSON.stringify(text)}`, () => {
        assert.equal(parseRfc5322Date(text), null);
      });
    }
  });
});

describe('parseIsoLikeDate', () => {
  const cases: [string, number, string[]][] = [
    ['2018-04-22 02:54:17.028704749 +0000 UTC', Date.UTC(2018, 3, 22, 2, 54, 17, 29), ['iso-date', 'fractional-seconds']],
    ['2023-05-03 04:15:10.212017597 +0000 UTC m=+658646.845444971', Date.UTC(2023, 4, 3, 4, 15, 10, 212), ['iso-date', 'fractional-seconds']],
    ['2024-01-01T11:00:00+01:00', TEN, ['iso-date']],
    ['2024-01-01 05:00:00 -0500 EST', TEN, ['iso-date']],
    ['2024-01-01T10:00:00Z', TEN, ['iso-date']],
    [' 2024-01-01 10:00:00 ', TEN, ['iso-date', 'no-zone']],
  ];
  for (const [text, ms, notes] of cases) {
    test(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseIsoLikeDate(text), { ms, notes }));
  }
  for (const text of ['', '2024-02-30 10:00:00 +0000', '2024-01-01 25:00:00 Z', 'Mon, 1 Jan 2024 10:00:00 +0000', '2024-01-01 10:00:00 +0000 and more words', '2024-01-01 10:00:00 +2500']) {
    test(`returns null for ${JSON.stringify(text)}`, () => assert.equal(parseIsoLikeDate(text), null));
  }
});
