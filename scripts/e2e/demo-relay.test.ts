/**
 * The demo's outbound relay (out1/mail.log) read as a run reads it: Microsoft's throttling on 23
 * March is its one incident, from its first deferral to its last, with nothing lost; the
 * recipients' own trouble all along (unknown users, full mailboxes, greylisting) opens none; and
 * every line is one the parser knows.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectionSchema } from '../../src/core/schemas/site-config.ts';
import {
  DEMO_PERIOD,
  DEMO_ZONE,
  generateDemoRelayLog,
  MICROSOFT_FIRST_DEFERRAL,
  MICROSOFT_LAST_DEFERRAL,
  MICROSOFT_THROTTLE,
} from '../mxstatus/demo/generate-demo-logs.ts';
import { detectOutboundIncidents } from '../mxstatus/outbound/detect-outbound-incidents.ts';
import { summarizeOutboundIncident } from '../mxstatus/outbound/summarize-outbound-incident.ts';
import type { PostfixEventKind } from '../mxstatus/parse/postfix-event.ts';
import { readOutbound } from './read-outbound.ts';

const MINUTE = 60_000;

describe('the demo relay: Microsoft throttles us on 23 March, and nothing else is an incident', () => {
  const log = generateDemoRelayLog();
  const kinds = new Map<PostfixEventKind, number>();
  const series = readOutbound(log, { zone: DEMO_ZONE, kinds });
  const incidents = detectOutboundIncidents([...series.values()], detectionSchema.parse({}), log.mtimeMs, 'Example Mail');

  test('nine days of a relay with its recipients\' own trouble, every line a shape the parser knows', () => {
    const lines = log.text.split('\n').length - 1;
    assert.ok(lines > 50_000 && lines < 200_000, `${lines} lines`);
    assert.equal(kinds.get('unrecognised') ?? 0, 0);
    assert.equal(kinds.get('known') ?? 0, 0);
    assert.ok(log.text.startsWith('Mar 16 00:'), log.text.slice(0, 40));
    assert.ok(log.mtimeMs <= DEMO_PERIOD.end && log.mtimeMs > DEMO_PERIOD.end - 10 * MINUTE);
    for (const shape of [
      /^Mar \d\d \d\d:\d\d:\d\d out1 postfix\/smtp\[\d+\]: Trusted TLS connection established to gmail-smtp-in\.l\.google\.com\[[\d.]+\]:25: TLSv1\.3 with cipher /m,
      /^Mar \d\d \d\d:\d\d:\d\d out1 postfix\/qmgr\[\d+\]: 4\w+: from=<\w+@example\.net>, size=\d+, nrcpt=1 \(queue active\)$/m,
      /: to=<[\w.]+@hotmail\.com>, relay=hotmail-com\.olc\.protection\.outlook\.com\[[\d.]+\]:25, delay=\d+, delays=[\d.]+\/[\d.]+\/[\d.]+\/[\d.]+, dsn=4\.7\.650, status=deferred \(host \S+ said: 451 4\.7\.650 The mail server \[203\.0\.113\.5\] has been temporarily rate limited due to IP reputation\. For e-mail delivery information, see https:\/\/aka\.ms\/postmaster \(S775\) \(in reply to MAIL FROM command\)\)$/m,
      /dsn=5\.1\.1, status=bounced \(host \S+ said: 550 5\.1\.1 <[\w.]+@[\w.]+>: Recipient address rejected: User unknown/,
      /dsn=4\.2\.2, status=deferred \(host \S+ said: 452 4\.2\.2 /,
      /dsn=4\.2\.0, status=deferred \(host \S+ said: 450 4\.2\.0 <[\w.]+@[\w.]+>: Recipient address rejected: Greylisted, see http:\/\/postgrey/,
      /postfix\/qmgr\[\d+\]: 4\w+: from=<\w+@example\.net>, status=expired, returned to sender$/m,
      /postfix\/bounce\[\d+\]: 4\w+: sender non-delivery notification: 4\w+$/m,
    ]) {
      assert.match(log.text, shape);
    }
  });

  test('one incident: Microsoft\'s rate limit, from its first deferral to its last', () => {
    assert.deepEqual(incidents.map((i) => [i.receiver.id, i.problemClass, i.ongoing]), [['microsoft', 'rate-limit', false]]);
    const [microsoft] = incidents;
    assert.ok(Math.abs(microsoft!.startedAt - MICROSOFT_FIRST_DEFERRAL) <= 3 * MINUTE, new Date(microsoft!.startedAt).toISOString());
    assert.ok(Math.abs(microsoft!.endedAt - MICROSOFT_LAST_DEFERRAL) <= 3 * MINUTE, new Date(microsoft!.endedAt).toISOString());
    assert.ok(microsoft!.startedAt >= MICROSOFT_THROTTLE.from && microsoft!.endedAt <= MICROSOFT_THROTTLE.to);
  });

  test('nothing is lost: the mail it held up went out after it, some of it hours late', () => {
    const summary = summarizeOutboundIncident(series.get('microsoft')!, incidents[0]!);
    assert.equal(summary.lost, 0);
    assert.equal(summary.bounced, 0);
    assert.deepEqual(Object.keys(summary.byClass), ['rate-limit']);
    assert.deepEqual(summary.replies.map((r) => [r.code, r.enhanced]), [[451, '4.7.650']]);
    assert.ok(summary.delay && summary.delay.maxSeconds > 3 * 3600, JSON.stringify(summary.delay));
    assert.ok(summary.recovery && summary.recovery.tls);
  });

  test('the relay log as it stood at a moment: the same lines up to then', () => {
    const until = MICROSOFT_THROTTLE.from + 17 * MINUTE;
    const cut = generateDemoRelayLog(undefined, { until });
    assert.ok(cut.text.length > 0 && log.text.startsWith(cut.text));
    assert.ok(cut.mtimeMs <= until && cut.mtimeMs > until - MINUTE);
  });
});
