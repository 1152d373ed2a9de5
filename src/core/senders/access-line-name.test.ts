import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { looksLikeAccessLine, spellsAddressInHex } from './access-line-name.ts';
import { parseIpAddress } from './ip-address.ts';

describe('looksLikeAccessLine', () => {
  test('the labels of access lines and generic machines read like one', () => {
    for (const labels of [
      'arennes-651-1-97-34.w2-3.abo',
      'lfbn-idf1-1-123-45.w86-195.abo',
      'p5b0c1a2b.dip0',
      'ip-188-100-1-2.um20.pools',
      'c-73-12-34-56.hsd1.ca',
      'static.88-198-1-1.clients',
      'adsl-84-227-1-2',
      'x2f7fa21.dyn',
      'cpe-24-28-1-2.austin.res',
      '93-184-216-34',
      '34.216.184.93',
      'h091198007025',
      'dslb-088-070-012-034.088.070.pools',
    ]) {
      assert.ok(looksLikeAccessLine(labels), labels);
    }
  });

  test('the labels of real outbound mail servers do not', () => {
    for (const labels of [
      'sonic305-21.consmr.mail.ir2',
      'sonic-euwe1-0017.asd.mail',
      'mout1',
      'sender4-op-o12',
      'sender11-op-o11',
      'forward502a.mail',
      'fallback22.i',
      'smtp-81.smtpout',
      'mo4-p01-ob.smtp',
      'mail.w13',
      'smtp07-ia2-sp4.mta',
      'sc-ord-mta120',
      'mta-174-84-143.intercom.com',
      'bd77e74.bf05.eu1',
      'mail321',
      'mx1.phx',
      'fhigh-b8-smtp',
      'mxd-2-a73',
    ]) {
      assert.ok(!looksLikeAccessLine(labels), labels);
    }
  });

  describe('edge cases', () => {
    test('a word counts only as a whole part of a label', () => {
      assert.ok(!looksLikeAccessLine('homepages-relay'));
      assert.ok(!looksLikeAccessLine('dynamo.mail'));
      assert.ok(!looksLikeAccessLine('poolside'));
      assert.ok(looksLikeAccessLine('pool7'));
    });

    test('three numbers in a row, or numbers above 255, are no address', () => {
      assert.ok(!looksLikeAccessLine('relay-2-1-3'));
      assert.ok(!looksLikeAccessLine('node-651-1-97-34'));
      assert.ok(!looksLikeAccessLine('h091198007925'));
    });

    test('no labels read like nothing', () => {
      assert.equal(looksLikeAccessLine(''), false);
    });
  });
});

describe('spellsAddressInHex', () => {
  test('a label holding the client\'s IPv4 address in hexadecimal spells it', () => {
    assert.ok(spellsAddressInHex('p5b0c1a2b.dip0', parseIpAddress('91.12.26.43')!));
    assert.ok(spellsAddressInHex('ac9c4d21.ipt', parseIpAddress('172.156.77.33')!));
  });

  test('another address, or an IPv6 one, is not spelled', () => {
    assert.ok(!spellsAddressInHex('p5b0c1a2b.dip0', parseIpAddress('91.12.26.44')!));
    assert.ok(!spellsAddressInHex('p5b0c1a2b.dip0', parseIpAddress('2001:db8::5b0c:1a2b')!));
  });
});
