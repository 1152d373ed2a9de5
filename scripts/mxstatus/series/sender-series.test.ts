import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SmtpSession } from '../sessions/smtp-session.ts';
import { deflateRawSync } from 'node:zlib';
import { COLUMNS, DAY_BYTES, DayColumns, decodeDay, type ColumnName, type EncodedDay } from './day-columns.ts';
import { BUCKET_MS, SenderSeries, delayBin, delayOfBin, hostKey, hostNameOf, pruneSeriesState } from './sender-series.ts';

const microsoft = { id: 'microsoft', name: 'Outlook.com', statusPage: null, known: true };
const T0 = Date.parse('2026-03-23T16:00:00Z');

function session(at: number, mx: string, host: string, ip: string, outcome: SmtpSession['outcome'], tls = false): SmtpSession {
  return {
    host: mx,
    pid: 1,
    service: 'smtp',
    client: { name: host, ip },
    connectedAt: at,
    outcome,
    stage: outcome === 'tls-failed' || outcome === 'lost' ? 'STARTTLS' : null,
    tls: tls ? { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-SHA384', bits: 256 } : null,
    messages: outcome === 'accepted' ? 1 : 0,
    rejects: 0,
    authenticated: false,
    authFailed: false,
    closed: true,
  };
}

/** A day of sessions and messages from 40 hosts on two MX hosts, failing now and then. */
function traffic(seed: number) {
  const sessions: SmtpSession[] = [];
  const messages = [];
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 3000; i++) {
    const at = T0 + Math.floor(next() * 86_400_000);
    const n = Math.floor(next() * 40);
    const mx = next() < 0.5 ? 'mx1' : 'mx2';
    const failed = next() < 0.3;
    sessions.push(session(at, mx, `mail-eur0${n % 5}on2${n}.outbound.protection.outlook.com`, `40.107.${n}.${n % 7}`, failed ? 'tls-failed' : 'accepted', !failed));
    if (!failed) {
      messages.push({ host: mx, client: { name: 'x', ip: 'y' }, service: 'smtp', authenticated: false, acceptedAt: at + 500, delay: next() * 3, outcome: 'delivered' as const });
    }
  }
  return { sessions, messages };
}

function seriesOf(parts: ReturnType<typeof traffic>[]): SenderSeries {
  const series = new SenderSeries(microsoft, true);
  for (const part of parts) {
    part.sessions.forEach((s) => series.addSession(s));
    part.messages.forEach((m) => series.addMessage(m));
  }
  return series;
}

describe('SenderSeries', () => {
  test('counts a session into its 5-minute bucket, by failure kind', () => {
    const series = seriesOf([]);
    series.addSession(session(T0 + 61_000, 'mx2', 'a.outbound.protection.outlook.com', '40.107.1.1', 'tls-failed'));
    series.addSession(session(T0 + 62_000, 'mx1', 'b.outbound.protection.outlook.com', '40.107.1.2', 'accepted', true));
    const bucket = series.bucket(T0)!;
    assert.deepEqual([bucket.connections, bucket.tlsOk, bucket.failures.tls, bucket.lastFailureAt], [2, 1, 1, T0 + 61_000]);
    assert.deepEqual(bucket.firstFailure, { at: T0 + 61_000, mx: 'mx2', host: 'a.outbound.protection.outlook.com', ip: '40.107.1.1', kind: 'tls', stage: 'STARTTLS' });
    assert.equal(bucket.firstTls?.cipher, 'ECDHE-RSA-AES256-SHA384');
    assert.equal(series.bucket(T0 + BUCKET_MS), null);
    assert.deepEqual(series.bucketStarts(), [T0]);
  });

  test('hosts by name, each with its lowest address; servers without a name each by their address', () => {
    const series = seriesOf([]);
    series.addSession(session(T0, 'mx1', 'a.outbound.protection.outlook.com', '40.107.1.9', 'tls-failed'));
    series.addSession(session(T0, 'mx1', 'a.outbound.protection.outlook.com', '40.107.1.3', 'tls-failed'));
    series.addSession(session(T0, 'mx1', 'unknown', '40.107.2.1', 'tls-failed'));
    series.addSession(session(T0, 'mx1', 'unknown', '40.107.2.2', 'tls-failed'));
    series.addSession(session(T0, 'mx1', 'unknown', '40.107.2.2', 'tls-failed'));
    const hosts = [...series.hosts].map(([key, host]) => [hostNameOf(key), host.ip, [...host.failuresByHour.values()][0]]);
    assert.deepEqual(hosts, [['a.outbound.protection.outlook.com', '40.107.1.3', 2], ['unknown', '40.107.2.1', 1], ['unknown', '40.107.2.2', 2]]);
    assert.deepEqual([hostKey('unknown', '40.107.2.1'), hostKey('a.example', '192.0.2.1'), hostNameOf('a.example')], ['unknown[40.107.2.1]', 'a.example', 'a.example']);
  });

  test('merging the series of two disjoint log sets equals the series of both (the merge law)', () => {
    const a = traffic(1);
    const b = traffic(2);
    const merged = seriesOf([a]);
    merged.merge(seriesOf([b]));
    assert.deepEqual(merged.snapshot(), seriesOf([a, b]).snapshot());
    const other = seriesOf([b]);
    other.merge(seriesOf([a]));
    assert.deepEqual(other.snapshot(), seriesOf([a, b]).snapshot(), 'merging is commutative');
  });

  test('the same data in another order gives the same series', () => {
    const a = traffic(3);
    const reversed = { sessions: [...a.sessions].reverse(), messages: [...a.messages].reverse() };
    assert.deepEqual(seriesOf([reversed]).snapshot(), seriesOf([a]).snapshot());
  });

  describe('edge cases', () => {
    test('keeps the fields of a first failure and of a first TLS success apart, through save and restore', () => {
      const series = seriesOf([]);
      // SSL_accept error from mail-…outlook.com[40.107.1.1]: a TLS failure without a stage
      series.addSession({ ...session(T0 + 1_000, 'mx1', 'a.outbound.protection.outlook.com', '40.107.1.1', 'tls-failed'), stage: null });
      series.addSession({ ...session(T0 + 2_000, 'mx2', 'b.outbound.protection.outlook.com', '40.107.1.2', 'accepted', true), tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256 } });
      // timeout after EHLO from mail-…outlook.com[40.107.1.3]
      series.addSession({ ...session(T0 + BUCKET_MS, 'mx1', 'c.outbound.protection.outlook.com', '40.107.1.3', 'timeout'), stage: 'EHLO' });
      for (const s of [series, SenderSeries.restore(JSON.parse(JSON.stringify(series.save())))]) {
        assert.deepEqual([s.bucket(T0)?.firstFailure?.kind, s.bucket(T0)?.firstFailure?.stage], ['tls', null]);
        assert.deepEqual([s.bucket(T0)?.firstTls?.protocol, s.bucket(T0)?.firstTls?.cipher], ['TLSv1.3', 'TLS_AES_256_GCM_SHA384']);
        assert.deepEqual(s.bucket(T0 + BUCKET_MS)?.firstFailure, { at: T0 + BUCKET_MS, mx: 'mx1', host: 'c.outbound.protection.outlook.com', ip: '40.107.1.3', kind: 'timeout', stage: 'EHLO' });
      }
    });

    test('a delay bin holds the delays up to its bound, within 10 %', () => {
      for (const seconds of [0.011, 0.42, 1, 59.9, 3600, 432000]) {
        const bound = delayOfBin(delayBin(seconds));
        assert.ok(bound >= seconds && bound < seconds * 1.1 + 1e-9, `${seconds} → ${bound}`);
      }
    });
  });
});

describe('SenderSeries.save and restore', () => {
  test('a restored series holds exactly what was saved, through JSON, and goes on adding up the same', () => {
    const [a, b] = [traffic(7), traffic(8)];
    const original = seriesOf([a]);
    const restored = SenderSeries.restore(JSON.parse(JSON.stringify(original.save())));
    assert.deepEqual(restored.snapshot(), original.snapshot());
    for (const series of [original, restored]) {
      b.sessions.forEach((s) => series.addSession(s));
      b.messages.forEach((m) => series.addMessage(m));
    }
    assert.deepEqual(restored.snapshot(), original.snapshot());
    assert.deepEqual(restored.snapshot(), seriesOf([a, b]).snapshot());
  });

  test('a damaged day is refused, naming the sender and the day', () => {
    const saved = seriesOf([traffic(9)]).save();
    const [day, encoded] = saved.days[0]!;
    const restoreWith = (broken: EncodedDay) => () => SenderSeries.restore({ ...saved, days: [[day, broken]] });
    assert.throws(restoreWith('AAAA'), new RegExp(`series of microsoft: day ${day} is not deflated data`));
    assert.throws(restoreWith(deflateRawSync(Buffer.alloc(100)).toString('base64')), new RegExp(`series of microsoft: day ${day} has 100 bytes, expected ${DAY_BYTES}`));
    // A deflate bomb stops at a day's size.
    assert.throws(restoreWith(deflateRawSync(Buffer.alloc(50_000_000)).toString('base64')), new RegExp(`series of microsoft: day ${day} (is not deflated data|has ${DAY_BYTES + 1} bytes)`));
    assert.equal(typeof encoded, 'string');
  });

  test('a state of 0.3, each column apart in base64, is read the same, and saved in the deflated form', () => {
    const original = seriesOf([traffic(9)]);
    const saved = original.save();
    const columnsOf = (encoded: EncodedDay) => {
      const day = decodeDay(encoded) as DayColumns;
      return Object.fromEntries(COLUMNS.map((name) => [name, Buffer.from(day[name].buffer, day[name].byteOffset, day[name].byteLength).toString('base64')])) as Record<ColumnName, string>;
    };
    const old = { ...saved, days: saved.days.map(([index, encoded]) => [index, columnsOf(encoded)] as const) };
    const restored = SenderSeries.restore(JSON.parse(JSON.stringify(old)));
    assert.deepEqual(restored.snapshot(), original.snapshot());
    assert.deepEqual(restored.save(), saved);
    const broken = { ...old, days: [[old.days[0]![0], { ...old.days[0]![1], counts: 'AAAA' }] as const] };
    assert.throws(() => SenderSeries.restore(broken), new RegExp(`series of microsoft: day ${old.days[0]![0]} column counts has 3 bytes`));
  });

  test('a state of 0.3 kept every server without a name as one host "unknown": left out, the others kept', () => {
    const series = seriesOf([]);
    series.addSession(session(T0, 'mx1', 'a.outbound.protection.outlook.com', '40.107.1.3', 'tls-failed'));
    const saved = series.save();
    const old = { ...saved, hosts: [...saved.hosts, ['unknown', { ip: '40.107.9.9', failuresByHour: [Math.floor(T0 / 3_600_000), 40], lastTlsOkAt: null }] as const] };
    assert.deepEqual([...SenderSeries.restore(old).hosts.keys()], ['a.outbound.protection.outlook.com']);
  });

  test('a string id outside the string table is refused', () => {
    const saved = seriesOf([traffic(9)]).save();
    assert.ok(saved.strings.length > 0);
    assert.throws(() => SenderSeries.restore({ ...saved, strings: saved.strings.slice(0, 1) }), /series of microsoft: day \d+ bucket \d+ names no string/);
  });
});

describe('pruneSeriesState', () => {
  test('restored, a pruned series is the series of what happened from the cut on (a cut on the hour: delays and host failures are kept by hour)', () => {
    const all = traffic(11);
    const cut = T0 + 6 * 3_600_000;
    const pruned = SenderSeries.restore(pruneSeriesState(seriesOf([all]).save(), cut));
    const later = { sessions: all.sessions.filter((s) => s.connectedAt >= cut), messages: all.messages.filter((m) => m.acceptedAt >= cut) };
    assert.deepEqual(pruned.snapshot(), seriesOf([later]).snapshot());
    assert.ok(pruned.bucketStarts()[0]! >= cut);
    // Only the names and addresses still in use stay in the string table.
    const early = seriesOf([all]);
    early.addSession(session(T0 + 60_000, 'mx1', 'mail-gone.outbound.protection.outlook.com', '40.107.99.99', 'tls-failed'));
    const saved = early.save();
    assert.ok(saved.strings.includes('mail-gone.outbound.protection.outlook.com'));
    assert.ok(!pruneSeriesState(saved, cut).strings.includes('mail-gone.outbound.protection.outlook.com'));
    assert.deepEqual(pruneSeriesState(saved, T0 + 3 * 86_400_000).strings, []);
  });

  test('a cut inside an hour empties the buckets before it', () => {
    const all = traffic(13);
    const cut = T0 + 6 * 3_600_000 + 25 * 60_000;
    const pruned = SenderSeries.restore(pruneSeriesState(seriesOf([all]).save(), cut));
    const later = seriesOf([{ sessions: all.sessions.filter((s) => s.connectedAt >= cut), messages: all.messages.filter((m) => m.acceptedAt >= cut) }]);
    assert.deepEqual(pruned.snapshot().buckets, later.snapshot().buckets);
  });

  test('a cut before everything keeps everything; one after everything keeps nothing', () => {
    const series = seriesOf([traffic(12)]);
    assert.deepEqual(SenderSeries.restore(pruneSeriesState(series.save(), T0 - 86_400_000)).snapshot(), series.snapshot());
    const empty = SenderSeries.restore(pruneSeriesState(series.save(), T0 + 3 * 86_400_000));
    assert.deepEqual(empty.snapshot(), { buckets: [], delays: [], hosts: [] });
  });
});
