import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseIpAddress, parseIpRange } from './ip-address.ts';
import { IpRangeTable } from './ip-range-table.ts';

function table(...ranges: readonly [cidr: string, owner: number][]): IpRangeTable {
  return new IpRangeTable(ranges.map(([cidr, owner]) => ({ range: parseIpRange(cidr)!, owner })));
}

function ownerOf(t: IpRangeTable, ip: string): number {
  return t.ownerOf(parseIpAddress(ip)!);
}

describe('IpRangeTable', () => {
  test('an address inside a range belongs to its owner, one outside to nobody', () => {
    const t = table(['40.107.0.0/16', 0], ['2a01:111:f403::/48', 1]);
    assert.equal(ownerOf(t, '40.107.22.71'), 0);
    assert.equal(ownerOf(t, '40.108.0.1'), -1);
    assert.equal(ownerOf(t, '2a01:111:f403:2614::61a'), 1);
    assert.equal(ownerOf(t, '2a01:111:f404::1'), -1);
  });

  test('the first address of a range is in it and the one after its last is not', () => {
    const t = table(['198.51.100.0/24', 3]);
    assert.equal(ownerOf(t, '198.51.99.255'), -1);
    assert.equal(ownerOf(t, '198.51.100.0'), 3);
    assert.equal(ownerOf(t, '198.51.100.255'), 3);
    assert.equal(ownerOf(t, '198.51.101.0'), -1);
  });

  test('the most specific range wins, on both sides of a nested one', () => {
    const t = table(['209.85.128.0/17', 0], ['209.85.221.0/24', 1], ['2a00:1450::/32', 0], ['2a00:1450:4864::/48', 1]);
    assert.equal(ownerOf(t, '209.85.220.255'), 0);
    assert.equal(ownerOf(t, '209.85.221.41'), 1);
    assert.equal(ownerOf(t, '209.85.222.0'), 0);
    assert.equal(ownerOf(t, '2a00:1450:4864:20::62c'), 1);
    assert.equal(ownerOf(t, '2a00:1450:4865::1'), 0);
  });

  test('between equally specific ranges the higher owner wins', () => {
    const t = table(['87.253.232.0/21', 4], ['87.253.232.0/21', 2]);
    assert.equal(ownerOf(t, '87.253.233.1'), 4);
  });

  describe('edge cases', () => {
    test('single addresses and the whole address space are ranges too', () => {
      const t = table(['0.0.0.0/0', 0], ['185.48.116.13/32', 1], ['::/0', 2]);
      assert.equal(ownerOf(t, '185.48.116.13'), 1);
      assert.equal(ownerOf(t, '185.48.116.14'), 0);
      assert.equal(ownerOf(t, '255.255.255.255'), 0);
      assert.equal(ownerOf(t, '0.0.0.0'), 0);
      assert.equal(ownerOf(t, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'), 2);
    });

    test('host bits after the prefix are ignored', () => {
      assert.deepEqual(parseIpRange('40.107.22.71/16'), parseIpRange('40.107.0.0/16'));
    });

    test('an empty table owns nothing', () => {
      const t = table();
      assert.ok(t.isEmpty);
      assert.equal(ownerOf(t, '40.107.22.71'), -1);
    });
  });

  describe('invalid input', () => {
    test('malformed ranges are not read', () => {
      for (const text of ['40.107.0.0/33', '40.107/16', '40.107.0.0', '010.0.0.0/8', '0x28.107.0.0/16', '2a01:111:f403::/129', 'outlook.com', '']) {
        assert.equal(parseIpRange(text), null, text);
      }
    });

    test('malformed addresses are not read', () => {
      for (const text of ['unknown', '', '999.1.1.1', '1.2.3', '010.1.1.1', '2001:db8::g', '[40.107.22.71]', 'mail.example.org']) {
        assert.equal(parseIpAddress(text), null, text);
      }
    });
  });
});
