import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { dottedQuadValue, parseIpAddress, mayBeInternal } from './ip-address.ts';

/** What ipaddr.js, which the hand-written reader replaced, says of a string: the reference. */
function reference(text: string): { family: 4; value: number; internal: boolean } | null {
  if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(text) || !ipaddr.IPv4.isValidFourPartDecimal(text)) return null;
  const v4 = ipaddr.IPv4.parse(text);
  const [a, b, c, d] = v4.octets as [number, number, number, number];
  const internal = ['unspecified', 'broadcast', 'multicast', 'linkLocal', 'loopback', 'private', 'carrierGradeNat'].includes(v4.range());
  return { family: 4, value: a * 2 ** 24 + b * 2 ** 16 + c * 2 ** 8 + d, internal };
}

describe('parseIpAddress (IPv4)', () => {
  test('reads dotted quads and nothing else', () => {
    assert.deepEqual(parseIpAddress('40.107.22.71'), { family: 4, value: 678106695, internal: false });
    assert.deepEqual(parseIpAddress('255.255.255.255'), { family: 4, value: 4294967295, internal: true });
    assert.deepEqual(parseIpAddress('0.0.0.0'), { family: 4, value: 0, internal: true });
    for (const text of ['unknown', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.256', '1..2.3', '1.2.3.4 ', '', '1.2.3.', '.1.2.3', '1.2.3.-4', '1234.1.1.1', '0x7f.0.0.1', '١.٢.٣.٤']) {
      assert.equal(parseIpAddress(text), null, text);
      assert.equal(dottedQuadValue(text), -1, text);
    }
  });

  test('the edges of every internal network, as ipaddr.js draws them', () => {
    for (const text of [
      '0.255.255.255', '1.0.0.0', '9.255.255.255', '10.0.0.0', '10.255.255.255', '11.0.0.0', '100.63.255.255', '100.64.0.0',
      '100.127.255.255', '100.128.0.0', '126.255.255.255', '127.0.0.0', '127.255.255.255', '128.0.0.0', '169.253.255.255',
      '169.254.0.0', '169.254.255.255', '169.255.0.0', '172.15.255.255', '172.16.0.0', '172.31.255.255', '172.32.0.0',
      '192.167.255.255', '192.168.0.0', '192.168.255.255', '192.169.0.0', '223.255.255.255', '224.0.0.0', '239.255.255.255',
      '240.0.0.0', '255.255.255.254', '192.0.2.1', '198.51.100.23', '203.0.113.9',
    ]) {
      assert.deepEqual(parseIpAddress(text), reference(text), text);
    }
  });

  test('agrees with ipaddr.js on any address and on near-addresses', () => {
    const octet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.constantFrom('256', '00', '007', '999', '', 'a', ' 1'));
    const quad = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
    const anyText = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', 'x', ' '), maxLength: 16 });
    fc.assert(
      fc.property(fc.oneof(quad, anyText, fc.ipV4()), (text) => {
        assert.deepEqual(parseIpAddress(text), reference(text));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('mayBeInternal', () => {
  test('never false for an address parseIpAddress calls internal', () => {
    for (const ip of ['10.0.3.7', '100.64.1.1', '127.0.0.1', '169.254.1.1', '172.16.0.1', '192.168.1.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) {
      assert.equal(parseIpAddress(ip)?.internal, true, ip);
      assert.equal(mayBeInternal(ip), true, ip);
    }
    for (const ip of ['52.101.68.12', '142.250.102.27', '17.57.155.1', '2a01:111:f403::1', '80.67.18.126']) assert.equal(mayBeInternal(ip), false, ip);
  });
});
