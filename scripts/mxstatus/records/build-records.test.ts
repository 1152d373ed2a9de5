import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectionSchema } from '../../../src/core/schemas/site-config.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import type { Incident } from '../detect/incident.ts';
import { ZoneClock } from '../parse/zone-clock.ts';
import { BUCKET_MS, HOUR_MS, type SenderSeries } from '../series/sender-series.ts';
import { DAY, google, message, microsoft, MIN, other, perMinute, seriesOf, session, T0 } from '../series/series-fixture.ts';
import { buildRecords } from './build-records.ts';

/**
 * The records built from small in-memory series: one sender's sessions and messages around
 * 23 March 2026, 16:00 UTC (17:00 in Berlin), with the default detection settings (impact from a
 * failure ratio of 0.1 minor, 0.4 major, 0.8 critical; major only from 30 minutes on, critical
 * only from two hours on).
 */
const settings = detectionSchema.parse({});
const clock = new ZoneClock('Europe/Berlin');

function incident(sender: Sender, startedAt: number, endedAt: number, more: Partial<Incident> = {}): Incident {
  return { sender, kind: 'tls-failure', attribution: 'sender', ongoing: false, startedAt, endedAt, ...more };
}

/** The one incident record of one sender's series. */
function recordOf(fill: (series: SenderSeries) => void, startedAt: number, endedAt: number, more: Partial<Incident> = {}) {
  const series = seriesOf(microsoft, fill);
  const records = buildRecords([series], [incident(microsoft, startedAt, endedAt, more)], settings, clock, endedAt, 'Example Mail');
  assert.equal(records.incidents.length, 1);
  return records.incidents[0]!;
}

describe('buildRecords: an incident record from a small series', () => {
  type Row = readonly [what: string, failed: number, ok: number, expected: { failures: number; connections: number; failureRatio: number; impact: string }];
  const rows: readonly Row[] = [
    ['a ratio of exactly 0.1 is minor (the threshold just met)', 1, 9, { failures: 1, connections: 10, failureRatio: 0.1, impact: 'minor' }],
    ['a ratio just under 0.1 is no impact (the threshold just missed)', 1, 10, { failures: 1, connections: 11, failureRatio: 0.0909, impact: 'none' }],
    ['a ratio of exactly 0.4 is major', 4, 6, { failures: 4, connections: 10, failureRatio: 0.4, impact: 'major' }],
    ['a ratio just under 0.8 is major, rounded to four digits', 39, 10, { failures: 39, connections: 49, failureRatio: 0.7959, impact: 'major' }],
    ['a ratio of exactly 0.8 is critical', 4, 1, { failures: 4, connections: 5, failureRatio: 0.8, impact: 'critical' }],
    ['every connection failed', 20, 0, { failures: 20, connections: 20, failureRatio: 1, impact: 'critical' }],
  ];
  // Each incident lasts three hours: its duration allows any impact.
  for (const [what, failed, ok, expected] of rows) {
    test(`counts failures and connections: ${what}`, () => {
      const record = recordOf((s) => perMinute(s, T0, failed, ok), T0, T0 + 180 * MIN);
      const { failures, connections, failureRatio, impact } = record;
      assert.deepEqual({ failures, connections, failureRatio, impact }, expected);
    });
  }

  type DurationRow = readonly [what: string, minutes: number, impact: string];
  const durations: readonly DurationRow[] = [
    ['every connection failing for 29 minutes is minor: a blip, however total', 29, 'minor'],
    ['… for 30 minutes, major (impact.majorAfterMinutes)', 30, 'major'],
    ['… for 119 minutes, still major', 119, 'major'],
    ['… for two hours, critical (impact.criticalAfterMinutes)', 120, 'critical'],
  ];
  for (const [what, minutes, expected] of durations) {
    test(`the duration caps the impact: ${what}`, () => {
      const record = recordOf((s) => perMinute(s, T0, 20, 0), T0, T0 + minutes * MIN);
      assert.equal(record.impact, expected);
    });
  }

  test('counts whole 5-minute buckets, from the bucket of the start through the bucket of the end', () => {
    const record = recordOf(
      (s) => {
        s.addSession(session(T0 - MIN, 'tls')); // the bucket before the start's: not counted
        s.addSession(session(T0 + 1 * MIN, 'tls')); // in the start's bucket, before the start: counted
        s.addSession(session(T0 + 3 * MIN, 'tls'));
        s.addSession(session(T0 + 12 * MIN, 'accepted'));
        s.addSession(session(T0 + 14 * MIN, 'tls')); // in the end's bucket, after the end: counted
        s.addSession(session(T0 + 15 * MIN, 'tls')); // the bucket after the end's: not counted
      },
      T0 + 3 * MIN,
      T0 + 12 * MIN,
    );
    assert.deepEqual([record.failures, record.connections], [3, 4]);
  });

  test('copies who, what and when, in ISO time', () => {
    const record = recordOf((s) => perMinute(s, T0, 10, 0), T0, T0 + 9 * MIN, { kind: 'connection-loss' });
    assert.deepEqual(
      { sender: record.sender, kind: record.kind, attribution: record.attribution, startedAt: record.startedAt, endedAt: record.endedAt },
      { sender: { id: 'microsoft', name: 'Outlook.com / Microsoft 365' }, kind: 'connection-loss', attribution: 'sender', startedAt: '2026-03-23T16:00:00.000Z', endedAt: '2026-03-23T16:09:00.000Z' },
    );
  });

  test('names the failing hosts, most failures first, at most ten of them, with the count of all', () => {
    const record = recordOf(
      (s) => {
        for (let h = 0; h < 12; h++) perMinute(s, T0 + h * MIN, h < 2 ? 3 : 1, 0, { host: `mail-${String(h).padStart(2, '0')}.outbound.protection.outlook.com`, ip: `40.107.0.${h}` });
      },
      T0,
      T0 + 20 * MIN,
    );
    assert.equal(record.hosts.count, 12);
    assert.equal(record.hosts.sample.length, 10);
    assert.deepEqual(record.hosts.sample.slice(0, 3), [
      { name: 'mail-00.outbound.protection.outlook.com', ip: '40.107.0.0', failures: 3 },
      { name: 'mail-01.outbound.protection.outlook.com', ip: '40.107.0.1', failures: 3 },
      { name: 'mail-02.outbound.protection.outlook.com', ip: '40.107.0.2', failures: 1 },
    ]);
  });

  test('of two names with the same lowest address, the first in order takes the address\'s failures, whatever order they were met in', () => {
    for (const order of [['b', 'a'], ['a', 'b']]) {
      const record = recordOf(
        (s) => {
          for (const h of order) perMinute(s, T0, 1, 0, { host: `${h}.outbound.protection.outlook.com`, ip: '40.107.5.1' });
          perMinute(s, T0 + MIN, 3, 0, { host: 'unknown', ip: '40.107.5.1' });
        },
        T0,
        T0 + 20 * MIN,
      );
      assert.deepEqual(record.hosts.sample.map((h) => [h.name, h.failures]), [['a.outbound.protection.outlook.com', 4], ['b.outbound.protection.outlook.com', 1]], order.join());
    }
  });

  test('servers without a name count one each; one that failed by its name and by its address alone (postscreen\'s TLS proxy) once, by its name', () => {
    const record = recordOf(
      (s) => {
        perMinute(s, T0, 2, 0, { host: 'a.outbound.protection.outlook.com', ip: '40.107.3.1' });
        perMinute(s, T0 + MIN, 3, 0, { host: 'unknown', ip: '40.107.3.1' });
        perMinute(s, T0 + 2 * MIN, 1, 0, { host: 'unknown', ip: '40.107.3.2' });
        perMinute(s, T0 + 3 * MIN, 1, 0, { host: 'unknown', ip: '40.107.3.3' });
      },
      T0,
      T0 + 20 * MIN,
    );
    assert.deepEqual(record.hosts, {
      count: 3,
      sample: [
        { name: 'a.outbound.protection.outlook.com', ip: '40.107.3.1', failures: 5 },
        { name: 'unknown', ip: '40.107.3.2', failures: 1 },
        { name: 'unknown', ip: '40.107.3.3', failures: 1 },
      ],
    });
  });
});

describe('buildRecords: incident ids', () => {
  type Row = readonly [what: string, starts: readonly number[], expected: readonly string[]];
  const rows: readonly Row[] = [
    ['the start date in the site zone, the sender and the kind', [T0], ['2026-03-23-microsoft-tls-failure']],
    ['a start late in the UTC evening is the next day in Berlin', [Date.parse('2026-03-23T23:30:00Z')], ['2026-03-24-microsoft-tls-failure']],
    ['a second incident of the same day, sender and kind gets -2, a third -3', [T0, T0 + 4 * HOUR_MS, T0 + 6 * HOUR_MS], ['2026-03-23-microsoft-tls-failure', '2026-03-23-microsoft-tls-failure-2', '2026-03-23-microsoft-tls-failure-3']],
    ['the suffix follows the order of the starts, not the order given', [T0 + 4 * HOUR_MS, T0], ['2026-03-23-microsoft-tls-failure', '2026-03-23-microsoft-tls-failure-2']],
  ];
  for (const [what, starts, expected] of rows) {
    test(what, () => {
      const series = seriesOf(microsoft, (s) => perMinute(s, T0, 5, 5));
      const incidents = starts.map((start) => incident(microsoft, start, start + 10 * MIN));
      const records = buildRecords([series], incidents, settings, clock, T0 + DAY, 'Example Mail');
      assert.deepEqual(
        records.incidents.map((r) => [r.id, r.startedAt]),
        expected.map((id, i) => [id, new Date([...starts].sort((a, b) => a - b)[i]!).toISOString()]),
      );
    });
  }

  test('incidents of another sender or kind on the same day keep their plain id', () => {
    const series = [seriesOf(microsoft, (s) => perMinute(s, T0, 5, 5)), seriesOf(google)];
    const incidents = [incident(microsoft, T0, T0 + MIN), incident(google, T0, T0 + MIN, { kind: 'silence' }), incident(microsoft, T0 + HOUR_MS, T0 + HOUR_MS, { kind: 'timeout' })];
    const ids = buildRecords(series, incidents, settings, clock, T0 + DAY, 'Example Mail').incidents.map((r) => r.id);
    assert.deepEqual(ids, ['2026-03-23-google-silence', '2026-03-23-microsoft-tls-failure', '2026-03-23-microsoft-timeout']);
  });
});

describe('buildRecords: hourly counts', () => {
  test('connections and failures per hour (UTC hour start), from the hour of the start to that of the end', () => {
    const record = recordOf(
      (s) => {
        perMinute(s, T0 + 30 * MIN, 3, 2);
        perMinute(s, T0 + HOUR_MS + 10 * MIN, 1, 4);
        perMinute(s, T0 + 2 * HOUR_MS + 5 * MIN, 2, 0);
      },
      T0 + 30 * MIN,
      T0 + 2 * HOUR_MS + 6 * MIN,
    );
    assert.deepEqual(record.hourly, [
      { hour: '2026-03-23T16:00:00.000Z', connections: 5, failures: 3 },
      { hour: '2026-03-23T17:00:00.000Z', connections: 5, failures: 1 },
      { hour: '2026-03-23T18:00:00.000Z', connections: 2, failures: 2 },
    ]);
  });

  test('an hour without any traffic has no entry', () => {
    const record = recordOf(
      (s) => {
        perMinute(s, T0, 2, 0);
        perMinute(s, T0 + 2 * HOUR_MS, 2, 0);
      },
      T0,
      T0 + 2 * HOUR_MS + MIN,
    );
    assert.deepEqual(record.hourly.map((h) => h.hour), ['2026-03-23T16:00:00.000Z', '2026-03-23T18:00:00.000Z']);
  });
});

describe('buildRecords: excerpts', () => {
  /** One failure in each of `buckets` buckets from T0 on, from host mail-<bucket>. */
  const failingBuckets = (buckets: number) => (s: SenderSeries) => {
    for (let b = 0; b < buckets; b++) s.addSession(session(T0 + b * BUCKET_MS + MIN, 'tls', { host: `mail-${b}.outbound.protection.outlook.com`, ip: `40.107.1.${b}` }));
  };
  type Row = readonly [what: string, buckets: number, picked: readonly number[]];
  const rows: readonly Row[] = [
    ['one failing bucket: its first failure', 1, [0]],
    ['six failing buckets: one excerpt each', 6, [0, 1, 2, 3, 4, 5]],
    ['seven: the first, the last and four spread between', 7, [0, 1, 2, 4, 5, 6]],
    ['eleven: every second one', 11, [0, 2, 4, 6, 8, 10]],
    ['a hundred: the first, the last and evenly between', 100, [0, 20, 40, 59, 79, 99]],
  ];
  for (const [what, buckets, picked] of rows) {
    test(`spread over the incident: ${what}`, () => {
      const record = recordOf(failingBuckets(buckets), T0, T0 + buckets * BUCKET_MS);
      assert.deepEqual(
        record.excerpts.map((e) => e.host),
        picked.map((b) => `mail-${b}.outbound.protection.outlook.com`),
      );
    });
  }

  test('an excerpt is the first failure of its bucket, rebuilt from parsed fields', () => {
    const record = recordOf(
      (s) => {
        s.addSession(session(T0 + 3 * MIN, 'tls', { mx: 'mx1', host: 'late.outbound.protection.outlook.com' }));
        s.addSession(session(T0 + 2 * MIN, 'tls', { mx: 'mx2', host: 'mail-am6eur05on2071.outbound.protection.outlook.com', ip: '40.107.22.71' }));
      },
      T0,
      T0 + 4 * MIN,
    );
    assert.deepEqual(record.excerpts, [{ at: '2026-03-23T16:02:00.000Z', mx: 'mx2', host: 'mail-am6eur05on2071.outbound.protection.outlook.com', ip: '40.107.22.71', failure: 'tls', stage: 'STARTTLS' }]);
  });

  test('our own incident takes each bucket\'s earliest failure across the senders the site may name, never from "other"', () => {
    const series = [
      seriesOf(microsoft, (s) => s.addSession(session(T0 + 2 * MIN, 'tls', { host: 'mail.outbound.protection.outlook.com' }))),
      seriesOf(google, (s) => s.addSession(session(T0 + 1 * MIN, 'tls', { host: 'mail-ed1-f41.google.com', ip: '209.85.208.41' }))),
      seriesOf(other, (s) => s.addSession(session(T0, 'tls', { host: 'mail.example.org', ip: '192.0.2.1' }))),
    ];
    const ours = incident({ id: 'ours', name: 'Example Mail', statusPage: null, known: true }, T0, T0 + 3 * MIN, { attribution: 'ours' });
    const [record] = buildRecords(series, [ours], settings, clock, T0 + HOUR_MS, 'Example Mail').incidents;
    assert.deepEqual(record!.excerpts.map((e) => e.host), ['mail-ed1-f41.google.com']);
    assert.deepEqual([record!.failures, record!.connections], [3, 3], 'the counts are of every sender, "other" included');
  });
});

describe('buildRecords: recovery', () => {
  const END = T0 + 20 * MIN;
  type Row = readonly [what: string, fill: (s: SenderSeries) => void, more: Partial<Incident>, expected: { at: string; host: string } | null];
  const failing = (s: SenderSeries) => perMinute(s, T0, 21, 0, { host: 'failing.outbound.protection.outlook.com' });
  const rows: readonly Row[] = [
    [
      'the first successful TLS after the end',
      (s) => {
        failing(s);
        s.addSession(session(END + 40 * MIN, 'accepted', { host: 'later.outbound.protection.outlook.com' }));
        s.addSession(session(END + 12 * MIN, 'accepted', { host: 'first.outbound.protection.outlook.com' }));
      },
      {},
      { at: '2026-03-23T16:32:00.000Z', host: 'first.outbound.protection.outlook.com' },
    ],
    [
      'TLS at the very end is no recovery: it must come after it',
      (s) => {
        failing(s);
        s.addSession(session(END, 'accepted', { host: 'at-the-end.outbound.protection.outlook.com' }));
        s.addSession(session(END + 6 * MIN, 'accepted', { host: 'after.outbound.protection.outlook.com' }));
      },
      {},
      { at: '2026-03-23T16:26:00.000Z', host: 'after.outbound.protection.outlook.com' },
    ],
    [
      'a TLS success a day or more after the end is none',
      (s) => {
        failing(s);
        s.addSession(session(END + DAY + BUCKET_MS, 'accepted'));
      },
      {},
      null,
    ],
    [
      'an ongoing incident has not recovered',
      (s) => {
        failing(s);
        s.addSession(session(END + 5 * MIN, 'accepted'));
      },
      { ongoing: true },
      null,
    ],
    [
      'a silence has no recovery',
      (s) => s.addSession(session(END + 5 * MIN, 'accepted')),
      { kind: 'silence' },
      null,
    ],
  ];
  for (const [what, fill, more, expected] of rows) {
    test(what, () => {
      const record = recordOf(fill, T0, END, more);
      assert.deepEqual(record.recovery && { at: record.recovery.at, host: record.recovery.host }, expected);
    });
  }

  test('carries the protocol and cipher, and how many of the failing hosts have negotiated TLS since', () => {
    const record = recordOf(
      (s) => {
        for (const h of ['a', 'b', 'c']) perMinute(s, T0, 2, 0, { host: `${h}.outbound.protection.outlook.com`, ip: `40.107.2.${h.charCodeAt(0)}` });
        s.addSession(session(END + 2 * MIN, 'accepted', { host: 'a.outbound.protection.outlook.com', ip: '40.107.2.97' }));
        s.addSession(session(END + 3 * MIN, 'accepted', { host: 'b.outbound.protection.outlook.com', ip: '40.107.2.98' }));
        s.addSession(session(END + 4 * MIN, 'accepted', { host: 'never-failed.outbound.protection.outlook.com', ip: '40.107.2.1' }));
      },
      T0,
      END,
    );
    assert.deepEqual(record.recovery, {
      at: '2026-03-23T16:22:00.000Z',
      host: 'a.outbound.protection.outlook.com',
      ip: '40.107.2.97',
      protocol: 'TLSv1.2',
      cipher: 'ECDHE-RSA-AES256-GCM-SHA384',
      hostsRecovered: 2,
    });
  });

  test('a server that failed by its address alone recovered when its address got through again under its name', () => {
    const record = recordOf(
      (s) => {
        perMinute(s, T0, 2, 0, { host: 'unknown', ip: '40.107.4.1' });
        perMinute(s, T0, 2, 0, { host: 'unknown', ip: '40.107.4.2' });
        s.addSession(session(END + 2 * MIN, 'accepted', { host: 'a.outbound.protection.outlook.com', ip: '40.107.4.1' }));
      },
      T0,
      END,
    );
    assert.equal(record.recovery?.hostsRecovered, 1);
    assert.equal(record.hosts.count, 2);
  });
});

describe('buildRecords: our delivery', () => {
  // Delays are kept in bins about 10 % wide: 1 s reads as 1.07 s (its bin's upper bound).
  type Row = readonly [what: string, delays: readonly (number | null)[], expected: { messages: number; p50Seconds: number; p95Seconds: number; maxSeconds: number } | null];
  const rows: readonly Row[] = [
    ['ten quick and one slow delivery: the median is quick, the 95th percentile the slow one', [...Array<number>(10).fill(1), 100], { messages: 11, p50Seconds: 1.07, p95Seconds: 100, maxSeconds: 100 }],
    ['two deliveries: the median is the quicker one (half the messages are at or below it)', [100, 1], { messages: 2, p50Seconds: 1.07, p95Seconds: 100, maxSeconds: 100 }],
    ['a percentile never exceeds the longest delay', [0.5], { messages: 1, p50Seconds: 0.5, p95Seconds: 0.5, maxSeconds: 0.5 }],
    ['a delay of zero', [0], { messages: 1, p50Seconds: 0, p95Seconds: 0, maxSeconds: 0 }],
    ['messages not yet delivered have no delay', [null, null], null],
    ['no mail accepted', [], null],
  ];
  for (const [what, delays, expected] of rows) {
    test(what, () => {
      const record = recordOf(
        (s) => {
          perMinute(s, T0, 5, 0);
          delays.forEach((delay, i) => s.addMessage(message(T0 + i * 10_000, delay)));
        },
        T0,
        T0 + 10 * MIN,
      );
      assert.deepEqual(record.ourDelivery, expected);
    });
  }

  test('counts the mail accepted in the hours of the incident, from the hour of the start to that of the end', () => {
    const record = recordOf(
      (s) => {
        perMinute(s, T0 + 50 * MIN, 5, 0);
        s.addMessage(message(T0 - MIN, 1000)); // the hour before
        s.addMessage(message(T0 + 5 * MIN, 2)); // the start's hour, before the start
        s.addMessage(message(T0 + HOUR_MS + 59 * MIN, 4)); // the end's hour, after the end
        s.addMessage(message(T0 + 2 * HOUR_MS, 1000)); // the hour after
      },
      T0 + 50 * MIN,
      T0 + HOUR_MS + 5 * MIN,
    );
    assert.equal(record.ourDelivery?.messages, 2);
  });
});

describe('buildRecords: sender records', () => {
  test('a day of history per local date, with its connections, failures and the worst impact of the sender\'s incidents', () => {
    const series = seriesOf(microsoft, (s) => {
      perMinute(s, Date.parse('2026-03-22T22:30:00Z'), 0, 3); // 23:30 in Berlin: the 22nd
      perMinute(s, Date.parse('2026-03-22T23:30:00Z'), 4, 1); // 00:30 in Berlin: the 23rd
      perMinute(s, T0, 1, 9);
    });
    const incidents = [incident(microsoft, Date.parse('2026-03-22T23:30:00Z'), Date.parse('2026-03-23T01:30:00Z'))];
    const [record] = buildRecords([series], incidents, settings, clock, T0 + DAY, 'Example Mail').senders;
    assert.deepEqual(record, {
      id: 'microsoft',
      name: 'Outlook.com / Microsoft 365',
      statusPage: 'https://portal.office.com/servicestatus',
      days: [
        { date: '2026-03-22', connections: 3, failures: 0, worst: 'none' },
        { date: '2026-03-23', connections: 15, failures: 5, worst: 'critical' },
      ],
    });
  });

  test('the history is cut to the last 90 days', () => {
    const first = Date.parse('2025-12-01T12:00:00Z');
    const series = seriesOf(microsoft, (s) => {
      for (let d = 0; d < 100; d++) perMinute(s, first + d * DAY, 0, 1);
    });
    const [record] = buildRecords([series], [], settings, clock, first + 100 * DAY, 'Example Mail').senders;
    assert.equal(record!.days.length, 90);
    assert.deepEqual([record!.days[0]!.date, record!.days.at(-1)!.date], ['2025-12-11', '2026-03-10']);
  });

  test('only organisations the site may name get a record, and our own servers one of every connection, in the order of their ids', () => {
    const series = [seriesOf(microsoft, (s) => perMinute(s, T0, 0, 1)), seriesOf(other, (s) => perMinute(s, T0, 0, 1)), seriesOf(google, (s) => perMinute(s, T0, 0, 1))];
    const records = buildRecords(series, [], settings, clock, T0 + HOUR_MS, 'Example Mail');
    assert.deepEqual(records.senders.map((s) => s.id), ['google', 'microsoft', 'ours']);
    const ours = records.senders.find((s) => s.id === 'ours')!;
    assert.equal(ours.name, 'Example Mail');
    const perSender = records.senders.find((s) => s.id === 'google')!.days.reduce((n, d) => n + d.connections, 0);
    assert.equal(ours.days.reduce((n, d) => n + d.connections, 0), 3 * perSender, 'other senders counted too');
    assert.deepEqual(records.status.senders.map((s) => s.id), ['google', 'microsoft']);
    assert.equal(records.status.asOf, '2026-03-23T17:00:00.000Z');
  });
});

describe('buildRecords: edge cases', () => {
  test('a silence is major, with a failure ratio of 0, whatever the counts', () => {
    const record = recordOf((s) => perMinute(s, T0, 5, 0), T0, T0 + 10 * MIN, { kind: 'silence' });
    assert.deepEqual([record.impact, record.failureRatio, record.failures], ['major', 0, 5]);
  });

  test('an incident whose window holds no traffic has no counts, hours, excerpts or delivery', () => {
    const record = recordOf((s) => perMinute(s, T0 - DAY, 5, 5), T0, T0 + HOUR_MS);
    assert.deepEqual(
      { failures: record.failures, connections: record.connections, failureRatio: record.failureRatio, impact: record.impact, hosts: record.hosts, hourly: record.hourly, excerpts: record.excerpts, ourDelivery: record.ourDelivery },
      { failures: 0, connections: 0, failureRatio: 0, impact: 'none', hosts: { count: 0, sample: [] }, hourly: [], excerpts: [], ourDelivery: null },
    );
  });

  test('a series of mail accepted without sessions counts no connections', () => {
    const record = recordOf((s) => s.addMessage(message(T0, 3)), T0, T0 + MIN);
    assert.deepEqual([record.connections, record.failureRatio, record.ourDelivery?.messages], [0, 0, 1]);
  });
});

describe('buildRecords: invalid input', () => {
  test('no series and no incidents: no records but the status and our servers without days', () => {
    const records = buildRecords([], [], settings, clock, T0, 'Example Mail');
    assert.deepEqual([records.incidents, records.senders, records.status.senders, records.status.asOf], [[], [{ id: 'ours', name: 'Example Mail', statusPage: null, days: [] }], [], '2026-03-23T16:00:00.000Z']);
  });

  test('an incident that ends before it starts counts nothing', () => {
    const record = recordOf((s) => perMinute(s, T0, 5, 5), T0 + 10 * MIN, T0);
    assert.deepEqual([record.failures, record.connections, record.hourly, record.excerpts], [0, 0, [], []]);
  });
});
