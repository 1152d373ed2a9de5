import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyseHeaders, type HeadersAnalysed } from '../../../src/core/headers/analyse-headers.ts';
import { explainDelay, type IncidentWindow } from '../../../src/core/headers/explain-delay.ts';
import { resolved } from '../../../src/core/testing/records.ts';
import { headersJson } from './headers-json.ts';
import type { HeadersReport } from './run-headers.ts';

const MICROSOFT = { id: 'microsoft', name: 'Outlook.com', known: true };
/** The demo's Outlook.com incident. */
const INCIDENT: IncidentWindow = resolved;

/** Written at 10:00 at Outlook.com, handed to our mx1 at 16:45, inside the incident's window. */
const HELD_AT_OUTLOOK = [
  'Received: from mx1.example.net (mx1.example.net [192.0.2.25]) by store.example.net with LMTP for <anna.schmidt@example.net>; Mon, 23 Mar 2026 16:45:03 +0000',
  'Received: from edge (mail-am6eur05on2071.outbound.protection.outlook.com [40.107.22.71]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-SHA384 (256/256 bits)) by mx1.example.net (Postfix) with ESMTPS id A; Mon, 23 Mar 2026 16:45:02 +0000',
  'Received: from AM9PR07MB7123.eurprd07.prod.outlook.com (2603:10a6:20b:3e4::12) by AM9PR07MB7124.eurprd07.prod.outlook.com with Microsoft SMTP Server id 15.20.7409.21; Mon, 23 Mar 2026 10:00:02 +0000',
  'From: Lena Weber <lena.weber@stadtwerke-beispiel.de>',
  'Subject: Angebot',
  'Message-ID: <AM9PR07MB7123ABCDEF@AM9PR07MB7123.eurprd07.prod.outlook.com>',
  'Date: Mon, 23 Mar 2026 10:00:00 +0000',
  '',
].join('\n');

function report(incidents: readonly IncidentWindow[]): HeadersReport {
  const analysis = analyseHeaders(HELD_AT_OUTLOOK);
  assert.equal(analysis.kind, 'analysed');
  const explanation = explainDelay(analysis as HeadersAnalysed, {
    classify: ({ name, ip }) => (name.endsWith('.outlook.com') || ip.startsWith('40.107.') ? MICROSOFT : null),
    isOwnHost: (name) => name.endsWith('.example.net'),
    incidents,
    asOf: Date.parse('2026-03-24T00:00:00Z'),
  });
  return { analysis: analysis as HeadersAnalysed, explanation, support: {}, site: 'https://status.example.net/', timeZone: 'Europe/Berlin', locale: 'en', defaultLocale: 'de', stale: null };
}

describe('headersJson', () => {
  test('every hop oldest first with its hosts, time, delay in seconds and TLS; the hand-off with the incident id', () => {
    const json = headersJson(report([INCIDENT]));
    assert.deepEqual(json.hops, [
      { number: 1, from: 'AM9PR07MB7123.eurprd07.prod.outlook.com', by: 'AM9PR07MB7124.eurprd07.prod.outlook.com', at: '2026-03-23T10:00:02.000Z', delaySeconds: 2, clockSkew: false, tls: { state: 'unstated', version: null, cipher: null } },
      { number: 2, from: 'edge', by: 'mx1.example.net', at: '2026-03-23T16:45:02.000Z', delaySeconds: 24_300, clockSkew: false, tls: { state: 'encrypted', version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-SHA384' } },
      { number: 3, from: 'mx1.example.net', by: 'store.example.net', at: '2026-03-23T16:45:03.000Z', delaySeconds: 1, clockSkew: false, tls: { state: 'unstated', version: null, cipher: null } },
    ]);
    assert.equal(json.totalSeconds, 24_303);
    assert.deepEqual(json.split, { beforeSending: 2, atSender: null, handOff: 24_300, ours: 1 });
    assert.equal(json.verdict, 'incident');
    assert.deepEqual(json.handOff, { hop: 2, sender: { id: 'microsoft', name: 'Outlook.com' }, waitedSeconds: 24_300, incidentId: INCIDENT.id });
  });

  test('without a matching incident the hand-off is still named, with no incident id', () => {
    const json = headersJson(report([]));
    assert.notEqual(json.verdict, 'incident');
    assert.deepEqual(json.handOff, { hop: 2, sender: { id: 'microsoft', name: 'Outlook.com' }, waitedSeconds: 24_300, incidentId: null });
  });

  test('nothing of the mail itself: no address, subject or Message-ID', () => {
    const text = JSON.stringify(headersJson(report([INCIDENT])));
    assert.doesNotMatch(text, /anna\.schmidt|lena\.weber|Angebot|AM9PR07MB7123ABCDEF/);
  });
});
