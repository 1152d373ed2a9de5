import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { translate, type MessageKey } from '../i18n/translate.ts';
import { analyseHeaders, type HeadersAnalysed } from './analyse-headers.ts';
import { describeHeaders } from './describe-headers.ts';
import { explainDelay } from './explain-delay.ts';

const HEADERS = [
  'Received: from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05on2071.outbound.protection.outlook.com [40.107.22.71])',
  '\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-SHA384 (256/256 bits))',
  '\tby mx1.example.net (Postfix) with ESMTPS id 4Xk2Jd0Fh3z9rx7; Tue, 17 Mar 2026 13:03:42 +0100 (CET)',
  'Date: Tue, 17 Mar 2026 10:03:39 +0000',
  '',
].join('\n');

function described(locale: 'de' | 'en', contact: string | null) {
  const analysis = analyseHeaders(HEADERS) as HeadersAnalysed;
  const explanation = explainDelay(analysis, {
    classify: ({ name }) => (name.endsWith('.outlook.com') ? { id: 'microsoft', name: 'Outlook.com / Microsoft 365', known: true } : null),
    isOwnHost: (name) => name.endsWith('.example.net'),
    incidents: [],
    asOf: Date.parse('2026-03-24T00:00:00Z'),
  });
  const text = (key: MessageKey, params?: Record<string, string>) => translate(locale, key, params);
  return describeHeaders(analysis, explanation, { locale, timeZone: 'Europe/Berlin', text, contact });
}

describe('describeHeaders', () => {
  test('words the verdict, the support line, the split and every hop in the locale given', () => {
    const en = described('en', 'support@example.net');
    assert.deepEqual(en.verdict, ['This email waited 2 hr at Outlook.com / Microsoft 365 before reaching us. No incident we know of explains it.']);
    assert.equal(en.support, 'If the delay matters, write to support@example.net and include these headers.');
    assert.deepEqual(en.hops, {
      heading: 'Hops, oldest first',
      list: [{ number: 1, route: 'EUR05-AM6-obe.outbound.protection.outlook.com → mx1.example.net', facts: ['17 Mar 2026, 13:03:42 CET', '+2 hr', 'encrypted (TLSv1.2)'], handOff: 'reached us here' }],
    });
    assert.equal(en.split?.heading, 'Where the time went');
    assert.deepEqual(en.split?.rows.map((r) => r.label), ["Before it was sent (sender's device or outbox)", "Inside the sender's systems", 'At the hand-off to us', 'Inside our systems']);
    const de = described('de', null);
    assert.equal(de.hops?.list[0]?.facts[0], '17. März 2026, 13:03:42 MEZ');
    assert.equal(de.support, translate('de', 'check.supportNone'));
  });

  describe('edge cases', () => {
    test('no key is ever shown in place of words', () => {
      for (const locale of ['de', 'en'] as const) assert.doesNotMatch(JSON.stringify(described(locale, null)), /check\.[a-z]/);
    });
  });
});
