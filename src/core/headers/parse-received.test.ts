import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseReceived } from './parse-received.ts';

const TEN = Date.UTC(2024, 0, 1, 10, 0, 0);

describe('parseReceived', () => {
  test('reads the clauses, comments and date of a Postfix line', () => {
    const r = parseReceived(
      'from mail.example.org (mail.example.org [192.0.2.10]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) (No client certificate requested) by mx.example.net (Postfix) with ESMTPS id 4TBq2x0Z1Tz9sT for <user@example.net>; Mon, 1 Jan 2024 10:00:00 +0000 (UTC)',
    );
    assert.deepEqual(r.from, { name: 'mail.example.org', ip: '192.0.2.10', text: 'mail.example.org (mail.example.org [192.0.2.10]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) (No client certificate requested)', reverseName: 'mail.example.org' });
    assert.equal(r.by?.name, 'mx.example.net');
    assert.equal(r.with, 'ESMTPS');
    assert.equal(r.id, '4TBq2x0Z1Tz9sT');
    assert.equal(r.for, '<user@example.net>');
    assert.deepEqual(r.tls, { state: 'encrypted', version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' });
    assert.equal(r.date, TEN);
    assert.equal(r.dateSource, 'after-last-semicolon');
  });

  test('reads TLS from a Gmail-style version= cipher= comment', () => {
    const r = parseReceived('from mail-sor-f41.google.com (mail-sor-f41.google.com. [198.51.100.41]) by mx.google.com with SMTPS id a1sor; (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Mon, 01 Jan 2024 02:00:00 -0800 (PST)');
    assert.deepEqual(r.tls, { state: 'encrypted', version: 'TLS1_3', cipher: 'TLS_AES_256_GCM_SHA384' });
    assert.equal(r.from?.ip, '198.51.100.41');
    assert.equal(r.date, TEN);
  });

  test('reads Microsoft SMTP Server and mapi hops', () => {
    const smtp = parseReceived('from AM0PR01MB1234.eurprd01.prod.exchangelabs.com (2603:10a6:208:1::12) by DB9PR01MB5678.eurprd01.prod.exchangelabs.com (2603:10a6:10:2::34) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7633.12; Mon, 1 Jan 2024 10:00:00 +0000');
    assert.equal(smtp.with, 'Microsoft SMTP Server');
    assert.equal(smtp.id, '15.20.7633.12');
    assert.equal(smtp.from?.ip, '2603:10a6:208:1::12');
    assert.deepEqual(smtp.tls, { state: 'encrypted', version: 'TLS1_2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' });
    const mapi = parseReceived('from AM0PR01MB1234.eurprd01.prod.exchangelabs.com ([fe80::1234:5678:9abc:def0]) by AM0PR01MB1234.eurprd01.prod.exchangelabs.com ([fe80::1234:5678:9abc:def0%5]) with mapi id 15.20.7633.012; Mon, 1 Jan 2024 10:00:00 +0000');
    assert.equal(mapi.with, 'mapi');
    assert.equal(mapi.by?.ip, 'fe80::1234:5678:9abc:def0', 'the zone %5 is not part of the address');
    assert.equal(mapi.tls.state, 'unstated');
    assert.equal(mapi.date, TEN);
  });

  test("reads T-Online's (TLSv1.3:CIPHER encrypted) comment before a plain protocol word as encrypted", () => {
    assert.deepEqual(parseReceived('from [192.0.2.20] ([198.51.100.144]) by fwd73.aul.t-online.de with (TLSv1.3:TLS_AES_256_GCM_SHA384 encrypted) esmtp id 1roVqE-0c4Zfa0; Sun, 24 Mar 2024 19:48:22 +0100').tls, { state: 'encrypted', version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' });
  });

  test('calls plain ESMTP between two machines plain and Exim tls words encrypted', () => {
    assert.equal(parseReceived('from a.example.org ([192.0.2.7]) by b.example.net with ESMTP id 1; Mon, 1 Jan 2024 10:00:00 +0000').tls.state, 'plain');
  });

  test('says nothing of encryption on an internal hop: no address it came from, the loopback, or LMTP', () => {
    for (const line of [
      'from a.example.org by b.example.net with ESMTP id 1; Mon, 1 Jan 2024 10:00:00 +0000',
      'by 2002:a05:6a10:8a4c:b0:5a1:2c3d:4e5f with SMTP id x12csp123456; Mon, 1 Jan 2024 10:00:00 -0800 (PST)',
      'from lists.example.org (localhost [127.0.0.1]) by lists.example.org (Postfix) with ESMTP id 4AB; Mon, 1 Jan 2024 10:00:00 +0000',
      'from mail.lists.example.org (localhost [IPv6:::1]) by mail.lists.example.org (Postfix) with ESMTP id 4AB; Mon, 1 Jan 2024 10:00:00 +0000',
      'from mx1.example.net (mx1.example.net [192.0.2.25]) by imap.example.net with LMTP id 5CD; Mon, 1 Jan 2024 10:00:00 +0000',
    ]) {
      assert.equal(parseReceived(line).tls.state, 'unstated', line);
    }
    assert.deepEqual(parseReceived('from a.example.org ([192.0.2.7]) by b.example.net with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <a@example.org>) id 1rKx-000; Mon, 01 Jan 2024 10:00:00 +0000').tls, { state: 'encrypted', version: 'TLS1.3', cipher: 'TLS_AES_256_GCM_SHA384' });
  });

  describe('edge cases', () => {
    test('ignores a semicolon inside a comment or quoted string', () => {
      const r = parseReceived('from a.example.org (helo "x;y"; odd) by b.example.net (comment; with semicolon) id "q;1"; Mon, 1 Jan 2024 10:00:00 +0000');
      assert.equal(r.date, TEN);
      assert.equal(r.id, '"q;1"');
      assert.equal(r.by?.name, 'b.example.net');
    });

    test('falls back to an earlier semicolon when the last is not followed by a date', () => {
      const r = parseReceived('from a.example.org by b.example.net; Mon, 1 Jan 2024 10:00:00 +0000; extra');
      assert.equal(r.date, TEN);
      assert.equal(r.dateSource, 'after-earlier-semicolon');
    });

    test('finds a date when the semicolon was lost', () => {
      const r = parseReceived('from a.example.org by b.example.net id 77 Mon, 1 Jan 2024 10:00:00 +0000');
      assert.equal(r.date, TEN);
      assert.equal(r.dateSource, 'in-text');
      assert.equal(r.id, '77');
    });

    test('reads bracketed IPv6 addresses and keywords in any case', () => {
      const r = parseReceived('FROM a.example.org ([IPv6:2001:db8::25]) BY b.example.net WITH LMTP; Mon, 1 Jan 2024 10:00:00 +0000');
      assert.equal(r.from?.ip, '2001:db8::25');
      assert.equal(r.with, 'LMTP');
    });
  });

  describe('invalid input', () => {
    test('reports a missing date rather than guessing', () => {
      const r = parseReceived('by b.example.net (Postfix, from userid 1000) id 5; garbage');
      assert.equal(r.date, null);
      assert.equal(r.dateSource, 'missing');
      assert.equal(r.by?.name, 'b.example.net');
    });

    test('returns empty clauses for text that is no Received line', () => {
      const r = parseReceived('hello');
      assert.equal(r.from, null);
      assert.equal(r.by, null);
      assert.equal(r.tls.state, 'unstated');
    });
  });
});

describe('dates real MTAs write that are not RFC 5322 (issue 18)', () => {
  test("SendGrid's ISO date after the id, on a folded line, without a ';'", () => {
    const r = parseReceived('from ismtpd0006p1las1.sendgrid.net (ismtpd0006p1las1.sendgrid.net [192.254.114.57]) by filter0652p1las1.sendgrid.net with SMTP id filter0652p1las1-5089-5ADBF958-25\n 2018-04-22 02:54:17.028704749 +0000 UTC');
    assert.equal(r.date, Date.UTC(2018, 3, 22, 2, 54, 17, 29));
    assert.equal(r.dateSource, 'in-text');
    assert.equal(r.id, 'filter0652p1las1-5089-5ADBF958-25');
  });

  test("Go's time.String() with its monotonic reading", () => {
    const r = parseReceived('by mail.example.org (mailgw) with SMTP id 7f3a9c 2023-05-03 04:15:10.212017597 +0000 UTC m=+658646.845444971');
    assert.equal(r.date, Date.UTC(2023, 4, 3, 4, 15, 10, 212));
    assert.equal(r.id, '7f3a9c');
  });

  test('an ISO date after the semicolon', () => {
    assert.equal(parseReceived('from a.example.org ([192.0.2.7]) by b.example.net with ESMTP id 1; 2024-01-01T11:00:00+01:00').date, TEN);
  });

  test('the offset glued to the time, and letters glued to the offset, are read, not taken as UTC', () => {
    assert.equal(parseReceived('from a ([192.0.2.7]) by b with SMTP id 1; Thu, 6 May 2004 17:40:44-0500').date, Date.UTC(2004, 4, 6, 22, 40, 44));
    assert.equal(parseReceived('from a ([192.0.2.7]) by b with SMTP id 1; Wed, 24 Jun 2020 15:56:03 +0200S').date, Date.UTC(2020, 5, 24, 13, 56, 3));
  });
});

describe('the name the receiving server looked up, not the HELO (issue 18)', () => {
  const cases: [string, string | null][] = [
    ['from yahoo.com (PPPa33-ResaleLosAngelesMetroB2-2R7452.dialinx.net [4.48.136.190]) by mx.example.net (Postfix) with ESMTP id A; Mon, 1 Jan 2024 10:00:00 +0000', 'pppa33-resalelosangelesmetrob2-2r7452.dialinx.net'],
    ['from gmail.com (unknown [192.0.2.99]) by mx.example.net (Postfix) with ESMTP id A; Mon, 1 Jan 2024 10:00:00 +0000', null],
    ['from mail-yw1-f170.google.com ([209.85.128.170] helo=mail-yw1-f170.google.com) by mx.example.org with esmtps (TLS1.3) id 1; Mon, 1 Jan 2024 10:00:00 +0000', 'mail-yw1-f170.google.com'],
    ['from AM9PR07MB7123.eurprd07.prod.outlook.com (2603:10a6:20b:3e4::12) by AM9PR07MB7124.eurprd07.prod.outlook.com with Microsoft SMTP Server id 15.20.7409.21; Mon, 1 Jan 2024 10:00:00 +0000', null],
  ];
  for (const [line, reverse] of cases) {
    test(`${line.slice(5, 60)}… → ${reverse}`, () => assert.equal(parseReceived(line).from?.reverseName, reverse));
  }
});
