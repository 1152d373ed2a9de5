/**
 * An outbound relay's log read as a run reads it: syslog reader → parsePostfixEvent →
 * OutboundTracker → one ReceiverSeries per receiving organisation (`other` for the rest), for the
 * outbound tests (outbound-scenarios.test.ts, demo-relay.test.ts).
 *
 * @example
 * const series = readOutbound(generateOutboundLog(scenario));
 * detectOutboundIncidents([...series.values()], detectionSchema.parse({}), log.mtimeMs, 'Example Mail') // [{ receiver: microsoft, problemClass: 'rate-limit', … }]
 */
import assert from 'node:assert/strict';
import { createReceiverClassifier } from '../../src/core/senders/classify-receiver.ts';
import { ownHostMatcher } from '../../src/core/senders/classify-sender.ts';
import { builtInSenderRules } from '../../src/core/senders/sender-catalog.ts';
import { ReceiverSeries } from '../mxstatus/outbound/receiver-series.ts';
import { OutboundTracker, type OutboundState } from '../mxstatus/outbound/track-outbound.ts';
import { parsePostfixEvent } from '../mxstatus/parse/parse-postfix-event.ts';
import { createSyslogReader } from '../mxstatus/parse/parse-syslog-line.ts';
import type { PostfixEventKind } from '../mxstatus/parse/postfix-event.ts';
import { ZoneClock } from '../mxstatus/parse/zone-clock.ts';

const receiverOf = createReceiverClassifier(builtInSenderRules);

/**
 * The log's lines through reader, parser and tracker into one series per receiver; with `cut`, in
 * two runs (the tracker saved as JSON and restored at that line). `kinds`, when given, counts the
 * parsed events by kind.
 */
export function readOutbound(
  log: { readonly text: string; readonly mtimeMs: number },
  options: { readonly cut?: number; readonly zone?: string; readonly kinds?: Map<PostfixEventKind, number> } = {},
): Map<string, ReceiverSeries> {
  const series = new Map<string, ReceiverSeries>();
  const sink = {
    attempt: (a: Parameters<ReceiverSeries['add']>[0]) => {
      const id = a.receiver?.id ?? 'other';
      let s = series.get(id);
      if (!s) series.set(id, (s = new ReceiverSeries(a.receiver)));
      s.add(a);
    },
  };
  const reader = createSyslogReader({ clock: new ZoneClock(options.zone ?? 'Europe/Berlin'), referenceMs: log.mtimeMs });
  const make = () => new OutboundTracker(sink, receiverOf, ownHostMatcher(['example.net']));
  let tracker = make();
  const lines = log.text.split('\n').filter((line) => line.length > 0);
  lines.forEach((line, i) => {
    if (i === options.cut) {
      const saved = JSON.parse(JSON.stringify(tracker.save())) as OutboundState;
      tracker = make();
      tracker.restore(saved);
    }
    const envelope = reader.read(line);
    assert.ok(envelope, line);
    const event = parsePostfixEvent(envelope.program, envelope.message);
    options.kinds?.set(event.kind, (options.kinds.get(event.kind) ?? 0) + 1);
    tracker.push(envelope, event);
  });
  return series;
}
