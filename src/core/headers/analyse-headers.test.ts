import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyseHeaders, MAX_HEADER_CHARS, summariseAuthentication } from './analyse-headers.ts';

const TEN = Date.UTC(2024, 0, 1, 10, 0, 0);

const EXCHANGE = `Received: from AS8PR01MB1111.eurprd01.prod.outlook.com (2603:10a6:20b:1::10)
 by DB9PR01MB2222.eurprd01.prod.outlook.com (2603:10a6:10:2::20) with Microsoft SMTP Server
 (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7135.21; Mon, 1 Jan 2024 10:00:03 +0000
X-Received: by 2002:a05:6402:1:b0:55a:1 with SMTP id p1mr1; Mon, 01 Jan 2024 02:00:04 -0800 (PST)
Date: Mon, 1 Jan 2024 10:00:00 +0000
X-MS-Exchange-CrossTenant-OriginalArrivalTime: 01 Jan 2024 10:00:02.5000 (UTC)
`;

describe('analyseHeaders', () => {
  test('measures the first hop from the Date: field and says so', () => {
    const result = analyseHeaders(EXCHANGE);
    assert.equal(result.kind, 'analysed');
    if (result.kind !== 'analysed') return;
    assert.deepEqual(result.origin, { date: TEN, notes: [] });
    assert.equal(result.hops[0]?.delayFrom, 'origin');
    assert.equal(result.hops[0]?.delaySeconds, 3);
    assert.equal(result.hops[0]?.number, 1);
  });

  test('says when a time has no zone, which it reads as UTC (an asctime date), and not otherwise', () => {
    const zoneless = `Received: from a.example.org ([192.0.2.7]) by mx.example.net with ESMTP id 1; Sun Nov 13 15:38:52 2005\nDate: Sun, 13 Nov 2005 15:38:50 +0000\n`;
    const result = analyseHeaders(zoneless);
    assert.ok(result.kind === 'analysed' && result.notes.includes('zone-unknown'), JSON.stringify(result));
    const zoned = analyseHeaders(zoneless.replace('15:38:52 2005', '15:38:52 2005 +0000'));
    assert.ok(zoned.kind === 'analysed' && !zoned.notes.includes('zone-unknown'));
  });

  test('reads the Exchange original arrival time and does not count X-Received as a hop', () => {
    const result = analyseHeaders(EXCHANGE);
    assert.ok(result.kind === 'analysed');
    assert.equal(result.exchangeArrival, TEN + 2500);
    assert.equal(result.hops.length, 1);
    assert.equal(result.ignoredReceivedLike, 1);
  });

  test('measures a hop from the last earlier hop with a date', () => {
    const result = analyseHeaders(
      'Received: by c.example.net; Mon, 1 Jan 2024 10:00:09 +0000\nReceived: by b.example.net id 1\nReceived: by a.example.net; Mon, 1 Jan 2024 10:00:02 +0000\n',
    );
    assert.ok(result.kind === 'analysed');
    assert.deepEqual(result.hops.map((h) => h.delayFrom), [null, null, 1]);
    assert.deepEqual(result.hops.map((h) => h.delaySeconds), [null, null, 7]);
    assert.equal(result.totalSeconds, 7);
    assert.deepEqual(result.notes, ['no-date-field', 'hops-without-date']);
  });

  describe('edge cases', () => {
    test('gives no total with a single dated hop and no Date:', () => {
      const result = analyseHeaders('Received: by a.example.net; Mon, 1 Jan 2024 10:00:02 +0000');
      assert.ok(result.kind === 'analysed');
      assert.equal(result.totalSeconds, null);
    });

    test('reports mail headers without Received lines as analysed with no hops', () => {
      const result = analyseHeaders('From: a@example.org\nSubject: hi\nDate: nonsense\n');
      assert.ok(result.kind === 'analysed');
      assert.deepEqual(result.hops, []);
      assert.deepEqual(result.notes, ['unreadable-date-field', 'no-received-lines']);
    });
  });

  describe('invalid input', () => {
    test('says so for empty input', () => {
      assert.deepEqual(analyseHeaders(' \n\t\n'), { kind: 'not-headers', reason: 'empty' });
    });

    test('says so for prose', () => {
      assert.deepEqual(analyseHeaders('Hi, my mail was late yesterday. Can you check?'), { kind: 'not-headers', reason: 'no-fields' });
    });

    test('says so for HTTP headers', () => {
      assert.deepEqual(analyseHeaders('HTTP/1.1 200 OK\nContent-Type: text/html\nServer: nginx\n'), { kind: 'not-headers', reason: 'no-mail-fields' });
    });

    test('says so for more header text than headers ever are; a large body after them does not count', () => {
      const received = 'Received: from a.example.org by b.example.net; Mon, 1 Jan 2024 10:00:30 +0000\n';
      assert.deepEqual(analyseHeaders(received.repeat(Math.ceil(MAX_HEADER_CHARS / received.length) + 1)), { kind: 'not-headers', reason: 'too-long' });
      assert.equal(analyseHeaders(`${received}Date: Mon, 1 Jan 2024 10:00:00 +0000\n\n${'x'.repeat(2 * MAX_HEADER_CHARS)}`).kind, 'analysed');
    });

    test('a paste full of unmatched < is read to its end (once quadratic: 1 MB froze the page)', () => {
      // No timing here (npm run bench times things); the answer is what a hostile paste must still get.
      const result = analyseHeaders(`Received: from a ${'<'.repeat(400_000)} by b.example.net; Mon, 1 Jan 2024 10:00:30 +0000\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n`);
      assert.equal(result.kind, 'analysed');
    });
  });
});

describe('summariseAuthentication', () => {
  test('keeps only spf, dkim and dmarc results', () => {
    assert.deepEqual(
      summariseAuthentication('mx.example.net; dkim=pass header.d=example.org; dkim=fail (bad sig; really) header.d=example.com; spf=softfail smtp.mailfrom=a@example.org; dmarc=fail (p=REJECT) header.from=example.org; arc=none'),
      { spf: 'softfail', dkim: ['pass', 'fail'], dmarc: 'fail' },
    );
  });

  describe('edge cases', () => {
    test('ignores results mentioned inside comments and look-alike methods', () => {
      assert.deepEqual(summariseAuthentication('mx.example.net; dkim-atps=neutral; spf=pass (was dkim=fail before) smtp.mailfrom=example.org'), { spf: 'pass', dkim: [], dmarc: null });
    });
  });

  describe('invalid input', () => {
    test('returns empty results for text with no methods', () => {
      assert.deepEqual(summariseAuthentication('mx.example.net; none'), { spf: null, dkim: [], dmarc: null });
    });
  });
});
