import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { overallWords } from './overall-words.ts';
import { ongoing, refused, resolved, throttled } from './test-fixtures.ts';

describe('overallWords', () => {
  test('a site without relay logs speaks of mail to us only', () => {
    assert.deepEqual(overallWords([ongoing, resolved], { showsOutbound: false, outboundStale: false }).now, ['status.overall.minor']);
  });

  test('each direction from its own worst ongoing incident', () => {
    const words = overallWords([ongoing, refused, throttled], { showsOutbound: true, outboundStale: false });
    assert.deepEqual(words.now, ['status.overall.minor', 'status.outbound.critical']);
    assert.deepEqual(words.lastKnown, ['status.lastKnown.minor', 'status.lastKnownOutbound.critical']);
    assert.deepEqual(overallWords([throttled], { showsOutbound: true, outboundStale: false }).now, ['status.overall.none', 'status.outbound.none']);
  });

  test('an ongoing outbound incident is told even where no receiver record is', () => {
    assert.deepEqual(overallWords([refused], { showsOutbound: false, outboundStale: false }).now, ['status.overall.none', 'status.outbound.critical']);
  });

  test('when only our relays are stale, our mail to others is told as last known', () => {
    assert.deepEqual(overallWords([refused], { showsOutbound: true, outboundStale: true }).now, ['status.overall.none', 'status.lastKnownOutbound.critical']);
  });
});
