import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RECORDS_VERSION } from '../contract.ts';
import { refused, resolved, throttled } from '../testing/records.ts';
import { incidentRecordSchema } from './incident-record.ts';
import { statusRecordSchema } from './status-record.ts';

describe('incident records across versions', () => {
  test('a record of version 1 (no version, no direction) reads as an inbound record of version 1', () => {
    const { version: _v, direction: _d, ...old } = resolved;
    const read = incidentRecordSchema.parse(old);
    assert.equal(read.version, 1);
    assert.equal(read.direction, 'inbound');
  });

  test('outbound records of this version read back as written', () => {
    for (const record of [throttled, refused]) assert.deepEqual(incidentRecordSchema.parse(JSON.parse(JSON.stringify(record))), record);
  });

  test('a status record of version 1 has no receivers and no outbound time', () => {
    const read = statusRecordSchema.parse({ asOf: '2026-03-24T11:48:22.106Z', overall: 'none', senders: [] });
    assert.deepEqual([read.receivers, read.outboundAsOf], [[], null]);
  });

  describe('edge cases', () => {
    test('a record of a later version is refused with the fix', () => {
      const result = incidentRecordSchema.safeParse({ ...throttled, version: RECORDS_VERSION + 1 });
      assert.equal(result.success, false);
      assert.match(result.error!.issues[0]!.message, /newer mxstatus.*upgrade mxstatus/);
    });

    test('direction, kind, attribution and evidence must agree', () => {
      const { outbound: _o, ...noEvidence } = throttled;
      for (const bad of [noEvidence, { ...resolved, outbound: throttled.outbound }, { ...throttled, kind: 'tls-failure' }, { ...resolved, kind: 'rate-limit' }, { ...resolved, attribution: 'receiver' }]) {
        assert.equal(incidentRecordSchema.safeParse(bad).success, false, JSON.stringify(bad).slice(0, 120));
      }
    });
  });
});
