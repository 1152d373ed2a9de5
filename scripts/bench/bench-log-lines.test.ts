import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePostfixEvent } from '../mxstatus/parse/parse-postfix-event.ts';
import { createSyslogReader } from '../mxstatus/parse/parse-syslog-line.ts';
import { ZoneClock } from '../mxstatus/parse/zone-clock.ts';
import { benchLogLines } from './bench-log-lines.ts';

/** The first `count` lines of the outbound-only bench log of a small relay (fast: a few thousand lines a seed). */
function outboundLines(count: number): string[] {
  const lines = benchLogLines('outbound', { outboundPeakPerHour: 12 });
  return Array.from({ length: count }, () => lines.next().value.text);
}

test('the outbound bench log: the same lines every time, in time order, as mx1\'s in UTC, the relay\'s pids moved up', () => {
  const lines = outboundLines(3000);
  assert.deepEqual(outboundLines(3000), lines);
  assert.match(lines[0]!, /^Mar 15 23:\d\d:\d\d mx1 postfix\/cleanup\[20\d{4}\]: 4\w{14}: message-id=<[\w.]+@example\.net>$/);
  for (const line of lines) assert.match(line, /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d mx1 postfix\/(?:smtp|qmgr|cleanup|bounce)\[2\d{5}\]: /);
});

test('the outbound bench log parses into the relay\'s events, none unrecognised', () => {
  const reader = createSyslogReader({ clock: new ZoneClock('UTC'), referenceMs: Date.UTC(2026, 3, 1) });
  const kinds = new Map<string, number>();
  let last = 0;
  for (const line of outboundLines(6000)) {
    const envelope = reader.read(line);
    assert.ok(envelope, line);
    assert.ok(envelope.time >= last, line);
    last = envelope.time;
    const kind = parsePostfixEvent(envelope.program, envelope.message).kind;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  assert.deepEqual([...kinds.keys()].sort(), ['cleanup', 'delivery', 'queued', 'relay-tls', 'removed'].concat(kinds.has('notification') ? ['notification'] : []).concat(kinds.has('expired') ? ['expired'] : []).sort());
  assert.ok(kinds.get('delivery')! > 1000 && kinds.get('relay-tls')! > 1000, JSON.stringify([...kinds]));
});
