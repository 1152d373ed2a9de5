import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePostfixEvent } from './parse-postfix-event.ts';

const outlook = { name: 'mail-am1on0123.outbound.protection.outlook.com', ip: '157.56.112.123' };

describe('parsePostfixEvent', () => {
  const table: [string, string, unknown][] = [
    ['postfix/smtpd', 'connect from mail-am1on0123.outbound.protection.outlook.com[157.56.112.123]', { kind: 'connect', client: outlook }],
    ['postfix/smtpd', 'lost connection after STARTTLS from mail-am1on0123.outbound.protection.outlook.com[157.56.112.123]', { kind: 'session-aborted', reason: 'lost', stage: 'STARTTLS', client: outlook }],
    ['postfix/smtpd', 'Anonymous TLS connection established from mail-am1on0123.outbound.protection.outlook.com[157.56.112.123]: TLSv1.2 with cipher ECDHE-RSA-AES256-SHA384 (256/256 bits)', { kind: 'tls-established', client: outlook, trust: 'Anonymous', protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-SHA384', bits: 256, keyExchange: null, serverSignature: null, serverDigest: null }],
    ['postfix/smtpd', 'disconnect from mail-am1on0123.outbound.protection.outlook.com[157.56.112.123] ehlo=1 starttls=0/1 commands=1/2', { kind: 'disconnect', client: outlook, commands: { ehlo: { ok: 1, tried: 1 }, starttls: { ok: 0, tried: 1 }, commands: { ok: 1, tried: 2 } } }],
    ['postfix/smtpd', 'disconnect from unknown[198.51.100.23]', { kind: 'disconnect', client: { name: 'unknown', ip: '198.51.100.23' }, commands: null }],
    ['postfix-in/smtpd', 'connect from mail.example.net[2001:db8:10::25]', { kind: 'connect', client: { name: 'mail.example.net', ip: '2001:db8:10::25' } }],
    ['postfix/smtpd', 'timeout after DATA (1234 bytes) from mail.example.net[192.0.2.1]', { kind: 'session-aborted', reason: 'timeout', stage: 'DATA', client: { name: 'mail.example.net', ip: '192.0.2.1' } }],
    ['postfix/lmtp', '3F2A11C0123: to=<a@example.net>, relay=mailstore1.example.net[10.0.3.7]:24, delay=0.42, delays=0.31/0.01/0.02/0.08, dsn=2.0.0, status=sent (250 2.0.0 <a@example.net> Saved)', { kind: 'delivery', queueId: '3F2A11C0123', agent: 'lmtp', relay: 'mailstore1.example.net[10.0.3.7]:24', delay: 0.42, delays: { beforeQueue: 0.31, inQueue: 0.01, connect: 0.02, transmit: 0.08 }, dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: null }],
    ['postfix/smtpd', 'SSL_accept:SSLv3/TLS write server hello', { kind: 'unrecognised' }],
    ['postfix/smtpd', 'connect from  mail.example.net[192.0.2.1]', { kind: 'unrecognised' }],
    ['dovecot', 'connect from mail.example.net[192.0.2.1]', { kind: 'unrecognised' }],
  ];
  for (const [program, message, expected] of table) {
    test(`${program}: ${message.slice(0, 70)}`, () => {
      assert.deepEqual(parsePostfixEvent(program, message), expected);
    });
  }
});
