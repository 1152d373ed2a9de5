import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeSenderRules } from '../../../src/core/senders/classify-sender.ts';
import { builtInSenderRules } from '../../../src/core/senders/sender-catalog.ts';
import type { SmtpSession } from '../sessions/smtp-session.ts';
import { createSeriesRouter } from './route-to-series.ts';
import { message, microsoft, seriesOf, session, T0 } from './series-fixture.ts';
import { hostNameOf } from './sender-series.ts';

/** The built-in catalog, our own hosts under example.net. */
const rules = mergeSenderRules(builtInSenderRules, []);
const OUTLOOK = { name: 'mail-am6eur05on2071.outbound.protection.outlook.com', ip: '40.107.22.71' };

/** The series each session went to, as [sender id, connections, host names kept]. */
function routed(sessions: readonly SmtpSession[]): [string, number, string[]][] {
  const router = createSeriesRouter(rules, ['example.net'], []);
  for (const s of sessions) router.sink.session(s);
  return router.series().map((series) => [series.sender.id, series.bucket(T0)?.connections ?? 0, [...series.hosts.keys()].map(hostNameOf)]);
}

const from = (client: { name: string; ip: string }, more: Partial<SmtpSession> = {}): SmtpSession => ({ ...session(T0, 'accepted', { host: client.name, ip: client.ip }), ...more });

describe('createSeriesRouter', () => {
  type Row = readonly [what: string, session: SmtpSession, expected: ReturnType<typeof routed>];
  const rows: readonly Row[] = [
    ['an Outlook.com server on port 25: Microsoft\'s series, with its host name', from(OUTLOOK), [['microsoft', 1, [OUTLOOK.name]]]],
    ['a Gmail server: Google\'s series', from({ name: 'mail-ed1-f41.google.com', ip: '209.85.208.41' }), [['google', 1, ['mail-ed1-f41.google.com']]]],
    ['a host outside the catalog: the series "other", which keeps no host names', from({ name: 'mail.example.org', ip: '192.0.2.1' }), [['other', 1, []]]],
    ['a Microsoft server with a name Microsoft\'s would never have: counted, published as "unknown"', from({ name: '<b>x</b>.outbound.protection.outlook.com', ip: '40.107.22.71' }), [['microsoft', 1, ['unknown']]]],
    ['the submission port: no sender', from(OUTLOOK, { service: 'submission' }), []],
    ['our own users logged in: no sender', from(OUTLOOK, { authenticated: true }), []],
    ['our own hosts: no sender', from({ name: 'mx2.example.net', ip: '198.51.100.2' }), []],
  ];
  for (const [what, s, expected] of rows) test(what, () => assert.deepEqual(routed([s]), expected));

  test('messages go to the series of their client, on port 25 only', () => {
    const router = createSeriesRouter(rules, ['example.net'], []);
    router.sink.message({ ...message(T0, 1), client: OUTLOOK });
    router.sink.message({ ...message(T0, 1), client: OUTLOOK, service: 'submission' });
    router.sink.message({ ...message(T0, 1), client: OUTLOOK, authenticated: true });
    assert.deepEqual(router.series().map((s) => [s.sender.id, s.bucket(T0)?.accepted]), [['microsoft', 1]]);
  });

  test('the last run\'s series go on counting, first in the order, then senders as first seen', () => {
    const saved = seriesOf(microsoft, (s) => s.addSession(session(T0, 'tls')));
    const router = createSeriesRouter(rules, ['example.net'], [saved.save()]);
    router.sink.session(from({ name: 'mail-ed1-f41.google.com', ip: '209.85.208.41' }));
    router.sink.session(from(OUTLOOK));
    assert.deepEqual(router.series().map((s) => [s.sender.id, s.bucket(T0)?.connections]), [['microsoft', 2], ['google', 1]]);
  });

  describe('invalid input', () => {
    test('a session without a client name or address is no sender', () => {
      assert.deepEqual(routed([from({ name: '', ip: '' })]), []);
    });
  });
});
