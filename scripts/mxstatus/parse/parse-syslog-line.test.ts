import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSyslogLine, type EnvelopeContext } from './parse-syslog-line.ts';
import { ZoneClock } from './zone-clock.ts';

const berlin = new ZoneClock('Europe/Berlin');
const context = (reference: string, year?: number): EnvelopeContext => ({
  clock: berlin,
  referenceMs: Date.parse(reference),
  ...(year ? { year } : {}),
});

describe('parseSyslogLine', () => {
  test('reads a BSD line in the site zone, with the year of the file', () => {
    const line = 'Mar 23 17:02:35 mx2 postfix/smtpd[25931]: lost connection after STARTTLS from x[192.0.2.1]';
    assert.deepEqual(parseSyslogLine(line, context('2026-03-24T12:00:00Z')), {
      time: Date.parse('2026-03-23T16:02:35Z'),
      host: 'mx2',
      program: 'postfix/smtpd',
      pid: 25931,
      message: 'lost connection after STARTTLS from x[192.0.2.1]',
    });
  });

  test('reads days padded with a space or a zero', () => {
    const spaced = parseSyslogLine('Mar  3 07:00:01 mx2 postfix/smtpd[811]: x', context('2026-03-24T12:00:00Z'));
    const zeroed = parseSyslogLine('Mar 03 07:00:01 mx2 postfix/smtpd[811]: x', context('2026-03-24T12:00:00Z'));
    assert.equal(spaced?.time, Date.parse('2026-03-03T06:00:01Z'));
    assert.equal(zeroed?.time, spaced?.time);
  });

  test('gives December lines of a January file the year before', () => {
    const line = 'Dec 31 23:59:59 mx1 postfix/smtpd[1]: x';
    assert.equal(parseSyslogLine(line, context('2027-01-01T06:00:00Z'))?.time, Date.parse('2026-12-31T22:59:59Z'));
  });

  test('--year overrides the inferred year', () => {
    const line = 'Mar 23 17:02:35 mx2 postfix/smtpd[1]: x';
    assert.equal(parseSyslogLine(line, context('2026-03-24T12:00:00Z', 2024))?.time, Date.parse('2024-03-23T16:02:35Z'));
  });

  test('reads RFC 3339 with fractions and an offset', () => {
    const line = '2026-03-23T17:02:35.123456+01:00 mx2 postfix/submission/smtpd[25931]: connect from x[192.0.2.1]';
    const envelope = parseSyslogLine(line, context('2026-03-24T12:00:00Z'));
    assert.equal(envelope?.time, Date.parse('2026-03-23T16:02:35.123Z'));
    assert.equal(envelope?.program, 'postfix/submission/smtpd');
  });

  test('reads a zone-less ISO time in the site zone, summer time included', () => {
    const line = '2026-07-01 12:00:00 mx2 postfix/smtpd[1]: x';
    assert.equal(parseSyslogLine(line, context('2026-07-02T00:00:00Z'))?.time, Date.parse('2026-07-01T10:00:00Z'));
  });

  describe('invalid input', () => {
    for (const line of ['', 'garbage', 'Mar 23 17:02', 'Foo 23 17:02:35 mx2 postfix/smtpd[1]: x', '2026-13-01T00:00:00Z mx postfix/smtpd[1]: x', 'Mar 23 17:02:35 mx2 postfix/smtpd[x]: y']) {
      test(JSON.stringify(line), () => assert.equal(parseSyslogLine(line, context('2026-03-24T12:00:00Z')), null));
    }
  });
});
