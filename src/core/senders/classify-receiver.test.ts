import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createReceiverClassifier } from './classify-receiver.ts';
import { builtInSenderRules } from './sender-catalog.ts';
import { builtInReceiverRules } from './receiver-catalog.ts';

const receiverOf = createReceiverClassifier(builtInSenderRules);

describe('createReceiverClassifier', () => {
  // Real MX names of the big receivers (public DNS), each with a recipient domain that says nothing.
  const byRelay: readonly [string, string][] = [
    ['example-org.mail.protection.outlook.com', 'microsoft'],
    ['hotmail-com.olc.protection.outlook.com', 'microsoft'],
    ['outlook-com.olc.protection.outlook.com', 'microsoft'],
    ['contoso-com.d-v1.mx.microsoft', 'microsoft'],
    ['gmail-smtp-in.l.google.com', 'google'],
    ['alt4.gmail-smtp-in.l.google.com', 'google'],
    ['aspmx.l.google.com', 'google'],
    ['smtp.google.com', 'google'],
    ['mta7.am0.yahoodns.net', 'yahoo'],
    ['mx00.emig.gmx.net', 'united-internet'],
    ['mx-ha03.web.de', 'united-internet'],
    ['mx00.ionos.de', 'united-internet'],
    ['mx03.t-online.de', 't-online'],
    ['mx01.mail.icloud.com', 'apple'],
    ['MX.FREENET.DE.', 'freenet'],
    ['mail.protonmail.ch', 'proton'],
    ['in1-smtp.messagingengine.com', 'fastmail'],
  ];
  for (const [relay, id] of byRelay) test(`${relay} → ${id}`, () => assert.equal(receiverOf(relay, 'example.org')?.id, id));

  test('the relay first: a Gmail address behind a Microsoft 365 tenant is Microsoft', () => {
    assert.equal(receiverOf('example-org.mail.protection.outlook.com', 'gmail.com')?.id, 'microsoft');
  });

  test('a relay that says nothing: the recipient domain of a public service', () => {
    assert.equal(receiverOf('smtp.relayhost.example.net', 'hotmail.de')?.id, 'microsoft');
    assert.equal(receiverOf(null, 'gmx.de')?.id, 'united-internet');
    assert.equal(receiverOf('none', 'GMAIL.COM')?.id, 'google');
  });

  test('anything else is no one the site names', () => {
    assert.equal(receiverOf('mx.example.org', 'example.org'), null);
    assert.equal(receiverOf('notgoogle.com', 'example.org'), null);
    assert.equal(receiverOf('xl.google.com', 'example.org'), null);
    assert.equal(receiverOf(null, null), null);
  });

  test('named as the sender rules name it; an organisation without a sender rule is not named', () => {
    assert.equal(receiverOf('gmail-smtp-in.l.google.com', null)?.name, 'Gmail / Google');
    const onlyMicrosoft = createReceiverClassifier(builtInSenderRules.filter((rule) => rule.id === 'microsoft'));
    assert.equal(onlyMicrosoft('gmail-smtp-in.l.google.com', 'gmail.com'), null);
  });

  test('byId names a saved receiver again, as the classifier would', () => {
    assert.equal(receiverOf.byId('yahoo')?.name, 'Yahoo / AOL');
    assert.equal(receiverOf.byId('github'), null); // a sender only, never a receiver
    assert.equal(receiverOf.byId('nobody'), null);
  });

  test('every receiver rule names an organisation of the sender catalog, once', () => {
    const ids = new Set(builtInSenderRules.map((rule) => rule.id));
    assert.deepEqual(builtInReceiverRules.filter((rule) => !ids.has(rule.id)).map((rule) => rule.id), []);
    assert.equal(new Set(builtInReceiverRules.map((rule) => rule.id)).size, builtInReceiverRules.length);
  });
});
