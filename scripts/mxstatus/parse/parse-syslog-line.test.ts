import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSyslogReader, parseSyslogLine, type EnvelopeContext } from './parse-syslog-line.ts';
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

  test('rolls over at New Year inside a file written in January', () => {
    const reader = createSyslogReader(context('2027-01-01T06:00:00Z'));
    const times = ['Dec 31 23:59:58', 'Jan  1 00:00:01'].map((stamp) => reader.read(`${stamp} mx1 postfix/smtpd[1]: x`)!.time);
    assert.deepEqual(times, [Date.parse('2026-12-31T22:59:58Z'), Date.parse('2026-12-31T23:00:01Z')]);
  });

  test('reads lines behind container and supervisor prefixes', () => {
    const expected = Date.parse('2026-03-23T16:02:35Z');
    const cri = '2026-03-23T16:02:35.123456789Z stdout F Mar 23 17:02:35 mx2 postfix/smtpd[1]: connect from x[192.0.2.1]';
    const compose = 'postfix-1  | Mar 23 17:02:35 mx2 postfix/smtpd[1]: connect from x[192.0.2.1]';
    for (const line of [cri, compose]) {
      const envelope = parseSyslogLine(line, context('2026-03-24T12:00:00Z'));
      assert.deepEqual([envelope?.time, envelope?.host, envelope?.program], [expected, 'mx2', 'postfix/smtpd'], line);
    }
  });

  describe('summer time', () => {
    test('the repeated autumn hour is read forward, in the order of the file (each line taken in turn)', () => {
      const reader = createSyslogReader(context('2026-10-26T00:00:00Z'));
      const times = ['Oct 25 02:30:00', 'Oct 25 02:59:59', 'Oct 25 02:00:05', 'Oct 25 02:30:00', 'Oct 25 03:10:00'].map((stamp) => {
        const { time } = reader.read(`${stamp} mx1 postfix/smtpd[1]: x`)!;
        reader.advance(time);
        return new Date(time).toISOString();
      });
      assert.deepEqual(times, ['2026-10-25T00:30:00.000Z', '2026-10-25T00:59:59.000Z', '2026-10-25T01:00:05.000Z', '2026-10-25T01:30:00.000Z', '2026-10-25T02:10:00.000Z']);
    });

    test('a file that starts inside the repeated hour takes its first occurrence', () => {
      const line = 'Oct 25 02:15:00 mx1 postfix/smtpd[1]: x';
      assert.equal(parseSyslogLine(line, context('2026-10-26T00:00:00Z'))?.time, Date.parse('2026-10-25T00:15:00Z'));
    });

    test('the skipped spring hour is read forward', () => {
      const before = parseSyslogLine('Mar 29 01:59:59 mx1 postfix/smtpd[1]: x', context('2026-03-30T00:00:00Z'))!.time;
      const after = parseSyslogLine('Mar 29 03:00:00 mx1 postfix/smtpd[1]: x', context('2026-03-30T00:00:00Z'))!.time;
      assert.equal(after - before, 1000);
    });
  });

  describe('a reader per file', () => {
    const autumn = ['Oct 25 02:30:00', 'Oct 25 02:10:00'].map((stamp) => `${stamp} mx1 postfix/smtpd[1]: x`);

    test('a line read on its own is the first of its file: the first of the repeated autumn hour', () => {
      const times = autumn.map((line) => new Date(parseSyslogLine(line, context('2026-10-26T00:00:00Z'))!.time).toISOString());
      assert.deepEqual(times, ['2026-10-25T00:30:00.000Z', '2026-10-25T00:10:00.000Z']);
    });

    test('two files read at once each go forward from their own previous line', () => {
      const [a, b] = [createSyslogReader(context('2026-10-26T00:00:00Z')), createSyslogReader(context('2026-10-26T00:00:00Z'))];
      a.advance(a.read(autumn[0]!)!.time);
      assert.equal(new Date(b.read(autumn[1]!)!.time).toISOString(), '2026-10-25T00:10:00.000Z', 'the other file has read nothing yet');
      assert.equal(new Date(a.read(autumn[1]!)!.time).toISOString(), '2026-10-25T01:10:00.000Z', 'after 02:30 summer time, 02:10 is winter time');
    });

    test('goes on from the last time an earlier run read from the file', () => {
      const reader = createSyslogReader({ ...context('2026-10-26T00:00:00Z'), lastTime: Date.parse('2026-10-25T00:30:00Z') });
      assert.equal(new Date(reader.read(autumn[1]!)!.time).toISOString(), '2026-10-25T01:10:00.000Z');
    });

    test('remembers the latest time of a line taken, for the next run; never writes to its context', () => {
      const fixed = Object.freeze(context('2026-10-26T00:00:00Z'));
      const reader = createSyslogReader(fixed);
      assert.equal(reader.lastTime, undefined);
      for (const line of [...autumn, 'Oct 25 01:00:00 mx1 postfix/smtpd[1]: x']) reader.advance(reader.read(line)!.time);
      assert.equal(reader.lastTime, Date.parse('2026-10-25T01:10:00Z'));
      assert.equal(reader.context, fixed);
      assert.deepEqual(Object.keys(fixed), ['clock', 'referenceMs']);
    });

    test('reading a line never moves the latest time: only a line taken does (a stray line left out cannot)', () => {
      const reader = createSyslogReader(context('2026-10-26T00:00:00Z'));
      reader.read('2026-10-25T02:30:00+02:00 mx1 postfix/smtpd[1]: x');
      reader.read('2026-10-25 02:30:00 mx1 postfix/smtpd[1]: x');
      assert.equal(reader.lastTime, undefined);
      // A stray line of the second 02:50 read first would otherwise make 02:10 the second one too.
      reader.read('Oct 25 02:50:00 mx9 kernel: x');
      assert.equal(new Date(reader.read(autumn[1]!)!.time).toISOString(), '2026-10-25T00:10:00.000Z');
    });
  });

  describe('journald JSON', () => {
    test('reads journalctl -o json with MESSAGE as a string', () => {
      const line = '{"__REALTIME_TIMESTAMP":"1774281755123456","_HOSTNAME":"mx2","SYSLOG_IDENTIFIER":"postfix/smtpd","_PID":"25931","MESSAGE":"connect from x[192.0.2.1]"}';
      assert.deepEqual(parseSyslogLine(line, context('2026-03-24T12:00:00Z')), {
        time: 1774281755123,
        host: 'mx2',
        program: 'postfix/smtpd',
        pid: 25931,
        message: 'connect from x[192.0.2.1]',
      });
    });

    test('reads MESSAGE as an array of bytes', () => {
      const bytes = [...Buffer.from('connect from h\u00e9[192.0.2.1]')];
      const line = JSON.stringify({ __REALTIME_TIMESTAMP: '1774281755000000', _HOSTNAME: 'mx2', SYSLOG_IDENTIFIER: 'postfix/smtpd', SYSLOG_PID: '7', MESSAGE: bytes });
      assert.equal(parseSyslogLine(line, context('2026-03-24T12:00:00Z'))?.message, 'connect from h\u00e9[192.0.2.1]');
    });

    test('lines that are not journald entries are not envelopes', () => {
      for (const line of ['{', '{"MESSAGE":"x"}', '{"__REALTIME_TIMESTAMP":"x","_HOSTNAME":"a","SYSLOG_IDENTIFIER":"b","MESSAGE":"c"}', '{"__REALTIME_TIMESTAMP":"1","_HOSTNAME":"a","SYSLOG_IDENTIFIER":"b","MESSAGE":null}']) {
        assert.equal(parseSyslogLine(line, context('2026-03-24T12:00:00Z')), null, line);
      }
    });
  });

  describe('invalid input', () => {
    for (const line of ['', 'garbage', 'Mar 23 17:02', 'Foo 23 17:02:35 mx2 postfix/smtpd[1]: x', '2026-13-01T00:00:00Z mx postfix/smtpd[1]: x', 'Mar 23 17:02:35 mx2 postfix/smtpd[x]: y']) {
      test(JSON.stringify(line), () => assert.equal(parseSyslogLine(line, context('2026-03-24T12:00:00Z')), null));
    }
  });
});
