import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePostfixEvent } from './parse-postfix-event.ts';
import {
  postfixEventKinds,
  type AbortReason,
  type Client,
  type DeliveryDelays,
  type DeliveryStatus,
  type PostfixEvent,
  type PostscreenAction,
  type RejectClass,
  type Relay,
  type RelayProblem,
  type RelayReply,
  type TlsTrust,
} from './postfix-event.ts';

/**
 * Real Postfix log messages (the part after `prog[pid]: `) with the event each must yield, in the
 * spirit of postfix-grok-patterns. Addresses are example.net / example.org and documentation IPs,
 * except the host-name patterns of the big senders. Each row is [syslog tag, message, event].
 */
type Row = readonly [program: string, message: string, expected: PostfixEvent];

const client = (name: string, ip: string): Client => ({ name, ip });
const delays = (beforeQueue: number, inQueue: number, connect: number, transmit: number): DeliveryDelays => ({
  beforeQueue,
  inQueue,
  connect,
  transmit,
});
const unrecognised: PostfixEvent = { kind: 'unrecognised' };
/** A shape Postfix writes that mxstatus knows and does not use (yet). */
const known: PostfixEvent = { kind: 'known' };
const relay = (name: string, ip: string, port: number | null = null): Relay => ({ name, ip, port });
const reply = (code: number | null, enhanced: string | null, text: string, stage: string | null): RelayReply => ({ code, enhanced, text, stage });
const relayProblem = (queueId: string | null, problem: RelayProblem): PostfixEvent => ({ kind: 'relay-problem', queueId, problem });
const relayTls = (r: Relay, trust: TlsTrust | null, protocol: string, cipher: string, bits: number): PostfixEvent => ({ kind: 'relay-tls', relay: r, trust, protocol, cipher, bits });
const proxy = (action: 'connect' | 'established' | 'disconnect', ip: string, port: number, tls: { protocol: string; cipher: string; bits: number } | null = null): PostfixEvent => ({
  kind: 'tls-proxy',
  action,
  ip,
  port,
  tls,
});

const outlook = client('mail-am6eur05on2071.outbound.protection.outlook.com', '40.107.22.71');
const google = client('mail-wm1-f54.google.com', '209.85.128.54');
const google6 = client('mail-ej1-x62b.google.com', '2a00:1450:4864:20::62b');
const gmx = client('mout.gmx.net', '212.227.17.20');
const orgMail = client('mail.example.org', '192.0.2.1');
const orgMail6 = client('mail.example.org', '2001:db8::25');
const netMail6 = client('mail.example.net', '2001:db8:10::25');
const dialup = client('client-203-0-113-7.dyn.example.org', '203.0.113.7');
const bot = client('unknown', '198.51.100.66');
const bot6 = client('unknown', '2001:db8:bad::1');
const nobody = client('unknown', 'unknown');
const localhost = client('localhost', '127.0.0.1');

const table: Record<string, readonly Row[]> = {
  'smtpd: connect': [
    ['postfix/smtpd', 'connect from mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]', { kind: 'connect', client: outlook }],
    ['postfix/smtpd', 'connect from mail-wm1-f54.google.com[209.85.128.54]', { kind: 'connect', client: google }],
    ['postfix/smtpd', 'connect from mail-ej1-x62b.google.com[2a00:1450:4864:20::62b]', { kind: 'connect', client: google6 }],
    ['postfix/smtpd', 'connect from mout.gmx.net[212.227.17.20]', { kind: 'connect', client: gmx }],
    ['postfix/smtpd', 'connect from unknown[198.51.100.23]', { kind: 'connect', client: client('unknown', '198.51.100.23') }],
    ['postfix/smtpd', 'connect from unknown[unknown]', { kind: 'connect', client: nobody }],
    ['postfix-in/smtpd', 'connect from mail.example.net[2001:db8:10::25]', { kind: 'connect', client: netMail6 }],
    ['postfix/submission/smtpd', 'connect from client-203-0-113-7.dyn.example.org[203.0.113.7]', { kind: 'connect', client: dialup }],
    ['postfix/smtps/smtpd', 'connect from unknown[::ffff:192.0.2.5]', { kind: 'connect', client: client('unknown', '::ffff:192.0.2.5') }],
    // A host name that contains the keyword the parser looks for.
    ['postfix/smtpd', 'connect from from.example.net[192.0.2.12]', { kind: 'connect', client: client('from.example.net', '192.0.2.12') }],
    // smtpd_client_port_logging = yes: "host[address]:port".
    ['postfix/smtpd', 'connect from mail.example.org[192.0.2.44]:52344', { kind: 'connect', client: client('mail.example.org', '192.0.2.44') }],
    ['postfix/smtpd', 'connect from mail.example.net', unrecognised],
  ],

  'smtpd: disconnect': [
    [
      'postfix/smtpd',
      'disconnect from mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7',
      {
        kind: 'disconnect',
        client: outlook,
        commands: {
          ehlo: { ok: 2, tried: 2 },
          starttls: { ok: 1, tried: 1 },
          mail: { ok: 1, tried: 1 },
          rcpt: { ok: 1, tried: 1 },
          data: { ok: 1, tried: 1 },
          quit: { ok: 1, tried: 1 },
          commands: { ok: 7, tried: 7 },
        },
      },
    ],
    [
      'postfix/smtpd',
      'disconnect from unknown[198.51.100.23] ehlo=1 starttls=0/1 commands=1/2',
      {
        kind: 'disconnect',
        client: client('unknown', '198.51.100.23'),
        commands: { ehlo: { ok: 1, tried: 1 }, starttls: { ok: 0, tried: 1 }, commands: { ok: 1, tried: 2 } },
      },
    ],
    ['postfix/smtpd', 'disconnect from unknown[unknown] commands=0', { kind: 'disconnect', client: nobody, commands: { commands: { ok: 0, tried: 0 } } }],
    [
      'postfix/smtpd',
      'disconnect from unknown[192.0.2.200] unknown=0/1 commands=0/1',
      { kind: 'disconnect', client: client('unknown', '192.0.2.200'), commands: { unknown: { ok: 0, tried: 1 }, commands: { ok: 0, tried: 1 } } },
    ],
    [
      'postfix/smtpd',
      'disconnect from unknown[203.0.113.50] ehlo=1 auth=0/1 rset=1 quit=1 commands=3/4',
      {
        kind: 'disconnect',
        client: client('unknown', '203.0.113.50'),
        commands: { ehlo: { ok: 1, tried: 1 }, auth: { ok: 0, tried: 1 }, rset: { ok: 1, tried: 1 }, quit: { ok: 1, tried: 1 }, commands: { ok: 3, tried: 4 } },
      },
    ],
    [
      'postfix/smtpd',
      'disconnect from mail.example.org[2001:db8::25] ehlo=1 mail=1 rcpt=1 bdat=1 quit=1 commands=5',
      {
        kind: 'disconnect',
        client: orgMail6,
        commands: { ehlo: { ok: 1, tried: 1 }, mail: { ok: 1, tried: 1 }, rcpt: { ok: 1, tried: 1 }, bdat: { ok: 1, tried: 1 }, quit: { ok: 1, tried: 1 }, commands: { ok: 5, tried: 5 } },
      },
    ],
    [
      'postfix/smtpd',
      'disconnect from mail.example.org[192.0.2.1] helo=1 mail=1 rcpt=0/1 data=0/1 rset=1 quit=1 commands=4/6',
      {
        kind: 'disconnect',
        client: orgMail,
        commands: {
          helo: { ok: 1, tried: 1 },
          mail: { ok: 1, tried: 1 },
          rcpt: { ok: 0, tried: 1 },
          data: { ok: 0, tried: 1 },
          rset: { ok: 1, tried: 1 },
          quit: { ok: 1, tried: 1 },
          commands: { ok: 4, tried: 6 },
        },
      },
    ],
    [
      'postfix/submission/smtpd',
      'disconnect from client-203-0-113-7.dyn.example.org[203.0.113.7] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8',
      {
        kind: 'disconnect',
        client: dialup,
        commands: {
          ehlo: { ok: 2, tried: 2 },
          starttls: { ok: 1, tried: 1 },
          auth: { ok: 1, tried: 1 },
          mail: { ok: 1, tried: 1 },
          rcpt: { ok: 1, tried: 1 },
          data: { ok: 1, tried: 1 },
          quit: { ok: 1, tried: 1 },
          commands: { ok: 8, tried: 8 },
        },
      },
    ],
    [
      'postfix/smtpd',
      'disconnect from mail.example.org[192.0.2.44]:52344 ehlo=1 quit=1 commands=2',
      { kind: 'disconnect', client: client('mail.example.org', '192.0.2.44'), commands: { ehlo: { ok: 1, tried: 1 }, quit: { ok: 1, tried: 1 }, commands: { ok: 2, tried: 2 } } },
    ],
    // Postfix before 3.0 wrote no counts.
    ['postfix/smtpd', 'disconnect from mail.example.org[192.0.2.1]', { kind: 'disconnect', client: orgMail, commands: null }],
    ['postfix/smtpd', 'disconnect from unknown[2001:db8:bad::1]', { kind: 'disconnect', client: bot6, commands: null }],
    ['postfix/smtpd', 'disconnect from', unrecognised],
  ],

  'smtpd: session aborted': [
    ['postfix/smtpd', 'lost connection after CONNECT from unknown[198.51.100.66]', { kind: 'session-aborted', reason: 'lost', stage: 'CONNECT', client: bot }],
    ['postfix/smtpd', 'lost connection after CONNECT from unknown[unknown]', { kind: 'session-aborted', reason: 'lost', stage: 'CONNECT', client: nobody }],
    ['postfix/smtpd', 'lost connection after EHLO from unknown[2001:db8:bad::1]', { kind: 'session-aborted', reason: 'lost', stage: 'EHLO', client: bot6 }],
    ['postfix/smtpd', 'lost connection after HELO from unknown[198.51.100.66]', { kind: 'session-aborted', reason: 'lost', stage: 'HELO', client: bot }],
    ['postfix/smtpd', 'lost connection after STARTTLS from mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]', { kind: 'session-aborted', reason: 'lost', stage: 'STARTTLS', client: outlook }],
    ['postfix/submission/smtpd', 'lost connection after AUTH from unknown[198.51.100.66]', { kind: 'session-aborted', reason: 'lost', stage: 'AUTH', client: bot }],
    ['postfix/smtpd', 'lost connection after MAIL from mail.example.org[192.0.2.1]', { kind: 'session-aborted', reason: 'lost', stage: 'MAIL', client: orgMail }],
    ['postfix/smtpd', 'lost connection after RCPT from mail.example.org[2001:db8::25]', { kind: 'session-aborted', reason: 'lost', stage: 'RCPT', client: orgMail6 }],
    ['postfix/smtpd', 'lost connection after DATA (0 bytes) from mail.example.org[192.0.2.1]', { kind: 'session-aborted', reason: 'lost', stage: 'DATA', client: orgMail }],
    // Postfix 2.x did not count the bytes.
    ['postfix/smtpd', 'lost connection after DATA from mail.example.org[192.0.2.1]', { kind: 'session-aborted', reason: 'lost', stage: 'DATA', client: orgMail }],
    ['postfix/smtpd', 'lost connection after BDAT from mail.example.org[192.0.2.1]', { kind: 'session-aborted', reason: 'lost', stage: 'BDAT', client: orgMail }],
    ['postfix/smtpd', 'lost connection after END-OF-MESSAGE from mout.gmx.net[212.227.17.20]', { kind: 'session-aborted', reason: 'lost', stage: 'END-OF-MESSAGE', client: gmx }],
    ['postfix/smtpd', 'lost connection after RSET from mail.example.org[192.0.2.1]', { kind: 'session-aborted', reason: 'lost', stage: 'RSET', client: orgMail }],
    ['postfix/smtpd', 'lost connection after UNKNOWN from unknown[198.51.100.66]', { kind: 'session-aborted', reason: 'lost', stage: 'UNKNOWN', client: bot }],
    ['postfix/smtps/smtpd', 'lost connection after CONNECT from unknown[192.0.2.9]:50123', { kind: 'session-aborted', reason: 'lost', stage: 'CONNECT', client: client('unknown', '192.0.2.9') }],
    ['postfix/smtpd', 'timeout after CONNECT from unknown[198.51.100.66]', { kind: 'session-aborted', reason: 'timeout', stage: 'CONNECT', client: bot }],
    ['postfix/smtpd', 'timeout after EHLO from unknown[2001:db8:bad::1]', { kind: 'session-aborted', reason: 'timeout', stage: 'EHLO', client: bot6 }],
    ['postfix/smtpd', 'timeout after STARTTLS from mail.example.org[192.0.2.1]', { kind: 'session-aborted', reason: 'timeout', stage: 'STARTTLS', client: orgMail }],
    ['postfix/submission/smtpd', 'timeout after AUTH from client-203-0-113-7.dyn.example.org[203.0.113.7]', { kind: 'session-aborted', reason: 'timeout', stage: 'AUTH', client: dialup }],
    ['postfix/smtpd', 'timeout after RCPT from mail.example.org[192.0.2.1]', { kind: 'session-aborted', reason: 'timeout', stage: 'RCPT', client: orgMail }],
    ['postfix/smtpd', 'timeout after DATA (1234 bytes) from mail.example.org[192.0.2.1]', { kind: 'session-aborted', reason: 'timeout', stage: 'DATA', client: orgMail }],
    ['postfix/smtpd', 'timeout after END-OF-MESSAGE from mail-wm1-f54.google.com[209.85.128.54]', { kind: 'session-aborted', reason: 'timeout', stage: 'END-OF-MESSAGE', client: google }],
    ['postfix/smtpd', 'timeout after UNKNOWN from unknown[198.51.100.66]', { kind: 'session-aborted', reason: 'timeout', stage: 'UNKNOWN', client: bot }],
    ['postfix/smtpd', 'too many errors after CONNECT from unknown[198.51.100.66]', { kind: 'session-aborted', reason: 'too-many-errors', stage: 'CONNECT', client: bot }],
    ['postfix/smtpd', 'too many errors after EHLO from unknown[198.51.100.66]', { kind: 'session-aborted', reason: 'too-many-errors', stage: 'EHLO', client: bot }],
    ['postfix/submission/smtpd', 'too many errors after AUTH from unknown[2001:db8:bad::1]', { kind: 'session-aborted', reason: 'too-many-errors', stage: 'AUTH', client: bot6 }],
    ['postfix/smtpd', 'too many errors after RCPT from mail.example.org[192.0.2.1]', { kind: 'session-aborted', reason: 'too-many-errors', stage: 'RCPT', client: orgMail }],
    ['postfix/smtpd', 'too many errors after DATA (0 bytes) from mail.example.org[192.0.2.1]', { kind: 'session-aborted', reason: 'too-many-errors', stage: 'DATA', client: orgMail }],
    ['postfix/smtpd', 'too many errors after UNKNOWN from unknown[unknown]', { kind: 'session-aborted', reason: 'too-many-errors', stage: 'UNKNOWN', client: nobody }],
    ['postfix/smtpd', 'lost connection after CONNECT from', unrecognised],
  ],

  'smtpd: TLS established': [
    [
      'postfix/smtpd',
      'Anonymous TLS connection established from mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71] to mx.example.net: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
      { kind: 'tls-established', client: outlook, trust: 'Anonymous', protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, keyExchange: 'X25519', serverSignature: 'RSA-PSS', serverDigest: 'SHA256' },
    ],
    [
      'postfix/smtpd',
      'Anonymous TLS connection established from mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)',
      { kind: 'tls-established', client: outlook, trust: 'Anonymous', protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256, keyExchange: null, serverSignature: null, serverDigest: null },
    ],
    [
      'postfix/smtpd',
      'Anonymous TLS connection established from mail-wm1-f54.google.com[209.85.128.54]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
      { kind: 'tls-established', client: google, trust: 'Anonymous', protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, keyExchange: 'X25519', serverSignature: 'RSA-PSS', serverDigest: 'SHA256' },
    ],
    [
      'postfix/smtpd',
      'Untrusted TLS connection established from mail.example.net[2001:db8:10::25]: TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits) key-exchange X25519MLKEM768 server-signature ECDSA (P-256) server-digest SHA256',
      { kind: 'tls-established', client: netMail6, trust: 'Untrusted', protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', bits: 128, keyExchange: 'X25519MLKEM768', serverSignature: 'ECDSA', serverDigest: 'SHA256' },
    ],
    [
      'postfix/smtpd',
      'Trusted TLS connection established from mail.example.org[192.0.2.1]: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)',
      { kind: 'tls-established', client: orgMail, trust: 'Trusted', protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256, keyExchange: null, serverSignature: null, serverDigest: null },
    ],
    [
      'postfix/smtpd',
      'Verified TLS connection established from mail.example.org[2001:db8::25]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (4096 bits) server-digest SHA256 client-signature ECDSA (P-256) client-digest SHA256',
      { kind: 'tls-established', client: orgMail6, trust: 'Verified', protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, keyExchange: 'X25519', serverSignature: 'RSA-PSS', serverDigest: 'SHA256' },
    ],
    [
      'postfix/smtpd',
      'Anonymous TLS connection established from unknown[198.51.100.66]: TLSv1.1 with cipher ECDHE-RSA-AES128-SHA (128/128 bits)',
      { kind: 'tls-established', client: bot, trust: 'Anonymous', protocol: 'TLSv1.1', cipher: 'ECDHE-RSA-AES128-SHA', bits: 128, keyExchange: null, serverSignature: null, serverDigest: null },
    ],
    [
      'postfix/smtpd',
      'Anonymous TLS connection established from unknown[198.51.100.66]: TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)',
      { kind: 'tls-established', client: bot, trust: 'Anonymous', protocol: 'TLSv1', cipher: 'DHE-RSA-AES256-SHA', bits: 256, keyExchange: null, serverSignature: null, serverDigest: null },
    ],
    [
      'postfix/smtpd',
      'Anonymous TLS connection established from mail.example.org[192.0.2.1]: TLSv1 with cipher DES-CBC3-SHA (112/168 bits)',
      { kind: 'tls-established', client: orgMail, trust: 'Anonymous', protocol: 'TLSv1', cipher: 'DES-CBC3-SHA', bits: 112, keyExchange: null, serverSignature: null, serverDigest: null },
    ],
    [
      'postfix/submission/smtpd',
      'Anonymous TLS connection established from client-203-0-113-7.dyn.example.org[203.0.113.7]: TLSv1.3 with cipher TLS_CHACHA20_POLY1305_SHA256 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
      { kind: 'tls-established', client: dialup, trust: 'Anonymous', protocol: 'TLSv1.3', cipher: 'TLS_CHACHA20_POLY1305_SHA256', bits: 256, keyExchange: 'X25519', serverSignature: 'RSA-PSS', serverDigest: 'SHA256' },
    ],
    [
      'postfix/smtps/smtpd',
      'Untrusted TLS connection established from mout.gmx.net[212.227.17.20]: TLSv1.2 with cipher ECDHE-ECDSA-AES256-GCM-SHA384 (256/256 bits)',
      { kind: 'tls-established', client: gmx, trust: 'Untrusted', protocol: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES256-GCM-SHA384', bits: 256, keyExchange: null, serverSignature: null, serverDigest: null },
    ],
    // Postfix 2.x: no trust word.
    [
      'postfix/smtpd',
      'TLS connection established from mail.example.org[192.0.2.1]: TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)',
      { kind: 'tls-established', client: orgMail, trust: null, protocol: 'TLSv1', cipher: 'DHE-RSA-AES256-SHA', bits: 256, keyExchange: null, serverSignature: null, serverDigest: null },
    ],
    [
      'postfix/smtpd',
      'TLS connection established from unknown[198.51.100.66]: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)',
      { kind: 'tls-established', client: bot, trust: null, protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256, keyExchange: null, serverSignature: null, serverDigest: null },
    ],
    // smtpd_client_port_logging = yes.
    [
      'postfix/smtpd',
      'Anonymous TLS connection established from mail.example.org[192.0.2.44]:52344: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)',
      { kind: 'tls-established', client: client('mail.example.org', '192.0.2.44'), trust: 'Anonymous', protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, keyExchange: null, serverSignature: null, serverDigest: null },
    ],
    ['postfix/smtpd', 'Anonymous TLS connection established from mail.example.org[192.0.2.1]: TLSv1.3 with ciph', unrecognised],
    // The SMTP client's outbound handshake is not an inbound session.
    ['postfix/smtp', 'Verified TLS connection established to mx.example.org[203.0.113.5]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256', relayTls(relay('mx.example.org', '203.0.113.5', 25), 'Verified', 'TLSv1.3', 'TLS_AES_256_GCM_SHA384', 256)],
    ['postfix/smtpd', 'setting up TLS connection from mail.example.org[192.0.2.1]', unrecognised],
    ['postfix/smtpd', 'mail.example.org[192.0.2.1]: TLS cipher list "aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH"', unrecognised],
  ],

  'smtpd: TLS handshake failed': [
    ['postfix/smtpd', 'SSL_accept error from unknown[198.51.100.66]: -1', { kind: 'tls-handshake-failed', client: bot, reason: '-1' }],
    ['postfix/smtpd', 'SSL_accept error from unknown[198.51.100.66]: 0', { kind: 'tls-handshake-failed', client: bot, reason: '0' }],
    ['postfix/smtpd', 'SSL_accept error from mail.example.org[2001:db8::25]: lost connection', { kind: 'tls-handshake-failed', client: orgMail6, reason: 'lost connection' }],
    ['postfix/smtpd', 'SSL_accept error from unknown[198.51.100.66]: Connection reset by peer', { kind: 'tls-handshake-failed', client: bot, reason: 'Connection reset by peer' }],
    ['postfix/smtps/smtpd', 'SSL_accept error from unknown[2001:db8:bad::1]: Connection timed out', { kind: 'tls-handshake-failed', client: bot6, reason: 'Connection timed out' }],
    ['postfix/submission/smtpd', 'SSL_accept error from client-203-0-113-7.dyn.example.org[203.0.113.7]: Broken pipe', { kind: 'tls-handshake-failed', client: dialup, reason: 'Broken pipe' }],
    [
      'postfix/smtpd',
      'SSL_accept error from unknown[198.51.100.66]: error:0A00010B:SSL routines::wrong version number',
      { kind: 'tls-handshake-failed', client: bot, reason: 'error:0A00010B:SSL routines::wrong version number' },
    ],
    ['postfix/smtpd', 'SSL_accept error from mail.example.org[192.0.2.44]:52344: lost connection', { kind: 'tls-handshake-failed', client: client('mail.example.org', '192.0.2.44'), reason: 'lost connection' }],
    // Debug lines of smtpd_tls_loglevel >= 2 and other programs' handshakes are not failures.
    ['postfix/smtpd', 'SSL_accept:SSLv3/TLS write server hello', unrecognised],
    ['postfix/smtpd', 'SSL_accept:before SSL initialization', unrecognised],
    ['postfix/smtpd', 'SSL_accept:error in error', unrecognised],
    [
      'dovecot',
      'imap-login: Disconnected: Connection closed: SSL_accept() failed: error:0A000126:SSL routines::unexpected eof while reading (no auth attempts in 0 secs): user=<>, rip=198.51.100.66, lip=192.0.2.25, TLS handshaking: SSL_accept() failed',
      unrecognised,
    ],
    ['postfix/smtpd', 'SSL_accept error from unknown', unrecognised],
  ],

  'smtpd: TLS library problem': [
    // OpenSSL 3.x
    ['postfix/smtpd', 'warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:317:', { kind: 'tls-library-problem', reason: 'unexpected eof while reading' }],
    ['postfix/smtpd', 'warning: TLS library problem: error:0A00009C:SSL routines::http request:../ssl/record/ssl3_record.c:345:', { kind: 'tls-library-problem', reason: 'http request' }],
    ['postfix/smtpd', 'warning: TLS library problem: error:0A0000C1:SSL routines::no shared cipher:../ssl/statem/statem_srvr.c:2220:', { kind: 'tls-library-problem', reason: 'no shared cipher' }],
    ['postfix/smtps/smtpd', 'warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:../ssl/statem/statem_srvr.c:1658:', { kind: 'tls-library-problem', reason: 'unsupported protocol' }],
    ['postfix/submission/smtpd', 'warning: TLS library problem: error:0A000418:SSL routines::tlsv1 alert unknown ca:../ssl/record/rec_layer_s3.c:1599:SSL alert number 48:', { kind: 'tls-library-problem', reason: 'tlsv1 alert unknown ca' }],
    // OpenSSL 1.1
    ['postfix/smtpd', 'warning: TLS library problem: error:14209102:SSL routines:tls_early_post_process_client_hello:unsupported protocol:../ssl/statem/statem_srvr.c:1661:', { kind: 'tls-library-problem', reason: 'unsupported protocol' }],
    ['postfix/smtpd', 'warning: TLS library problem: error:1417A0C1:SSL routines:tls_post_process_client_hello:no shared cipher:../ssl/statem/statem_srvr.c:2283:', { kind: 'tls-library-problem', reason: 'no shared cipher' }],
    ['postfix/smtpd', 'warning: TLS library problem: 140246853257024:error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca:../ssl/record/rec_layer_s3.c:1543:SSL alert number 48:', { kind: 'tls-library-problem', reason: 'tlsv1 alert unknown ca' }],
    // OpenSSL 1.0, with and without the leading pid
    ['postfix/smtpd', 'warning: TLS library problem: error:14094412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:s3_pkt.c:1262:SSL alert number 42:', { kind: 'tls-library-problem', reason: 'sslv3 alert bad certificate' }],
    ['postfix/smtpd', 'warning: TLS library problem: 2416:error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol:s23_srvr.c:640:', { kind: 'tls-library-problem', reason: 'unknown protocol' }],
  ],

  'smtpd: SASL and pipelining': [
    ['postfix/smtpd', 'warning: unknown[198.51.100.66]: SASL LOGIN authentication failed: UGFzc3dvcmQ6', { kind: 'auth-failed', client: bot }],
    ['postfix/submission/smtpd', 'warning: unknown[2001:db8:bad::1]: SASL PLAIN authentication failed: authentication failure', { kind: 'auth-failed', client: bot6 }],
    ['postfix/submission/smtpd', 'warning: unknown[203.0.113.41]: SASL LOGIN authentication failed: authentication failure, sasl_username=admin@example.net', { kind: 'auth-failed', client: client('unknown', '203.0.113.41') }],
    ['postfix/smtps/smtpd', 'warning: client-203-0-113-7.dyn.example.org[203.0.113.7]: SASL LOGIN authentication failed: Connection lost to authentication server', { kind: 'auth-failed', client: dialup }],
    ['postfix/smtpd', 'warning: unknown[198.51.100.66]: SASL CRAM-MD5 authentication failed: authentication failure', { kind: 'auth-failed', client: bot }],
    ['postfix/smtpd', 'warning: unknown[192.0.2.9]:50123: SASL LOGIN authentication failed: UGFzc3dvcmQ6', { kind: 'auth-failed', client: client('unknown', '192.0.2.9') }],
    ['postfix/smtpd', 'warning: SASL authentication failure: Password verification failed', unrecognised],
    ['postfix/smtpd', 'improper command pipelining after EHLO from unknown[198.51.100.66]: QUIT\\r\\n', { kind: 'pipelining', stage: 'EHLO', client: bot }],
    ['postfix/smtpd', 'improper command pipelining after CONNECT from unknown[198.51.100.66]: GET / HTTP/1.1\\r\\nHost: 192.0.2.25\\r\\n', { kind: 'pipelining', stage: 'CONNECT', client: bot }],
    ['postfix/smtpd', 'improper command pipelining after HELO from mail.example.org[2001:db8::25]: MAIL FROM:<a@example.org>\\r\\nRCPT TO:<b@example.net>\\r\\n', { kind: 'pipelining', stage: 'HELO', client: orgMail6 }],
    ['postfix/smtpd', 'improper command pipelining after STARTTLS from unknown[198.51.100.66]: EHLO example\\r\\n', { kind: 'pipelining', stage: 'STARTTLS', client: bot }],
  ],

  'smtpd: queue client': [
    ['postfix/smtpd', '4Xk2Jd0Fh3z9rx7: client=mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]', { kind: 'queue-client', queueId: '4Xk2Jd0Fh3z9rx7', client: outlook, authenticated: false, origQueueId: null, origClient: null }],
    ['postfix/smtpd', '3F2A11C0123: client=unknown[198.51.100.23]', { kind: 'queue-client', queueId: '3F2A11C0123', client: client('unknown', '198.51.100.23'), authenticated: false, origQueueId: null, origClient: null }],
    ['postfix-in/smtpd', '4104E3D: client=mail.example.net[2001:db8:10::25]', { kind: 'queue-client', queueId: '4104E3D', client: netMail6, authenticated: false, origQueueId: null, origClient: null }],
    [
      'postfix/submission/smtpd',
      '4cbdb56t4MzPjfw: client=client-203-0-113-7.dyn.example.org[203.0.113.7], sasl_method=PLAIN, sasl_username=someone@example.net',
      { kind: 'queue-client', queueId: '4cbdb56t4MzPjfw', client: dialup, authenticated: true, origQueueId: null, origClient: null },
    ],
    ['postfix/smtps/smtpd', '9B1C2D3E4F: client=unknown[203.0.113.41], sasl_method=LOGIN, sasl_username=jdoe.mailbox', { kind: 'queue-client', queueId: '9B1C2D3E4F', client: client('unknown', '203.0.113.41'), authenticated: true, origQueueId: null, origClient: null }],
    // Postfix 2.x: the AUTH= parameter of MAIL FROM, not a login of this client.
    ['postfix/smtpd', '04B3E3A0A1: client=localhost[127.0.0.1], sasl_sender=relay-user@example.org', { kind: 'queue-client', queueId: '04B3E3A0A1', client: localhost, authenticated: false, origQueueId: null, origClient: null }],
    // Content-filter re-injection.
    [
      'postfix/smtpd',
      '3F2A11C0123: client=localhost[127.0.0.1], orig_queue_id=9B1C2D3E4F, orig_client=mail.example.org[192.0.2.1]',
      { kind: 'queue-client', queueId: '3F2A11C0123', client: localhost, authenticated: false, origQueueId: '9B1C2D3E4F', origClient: orgMail },
    ],
    [
      'postfix/smtpd',
      '4cbdb5Bc0zz9rx7: client=localhost[127.0.0.1], orig_queue_id=4cbdb56t4MzPjfw, orig_client=unknown[2001:db8:bad::1]',
      { kind: 'queue-client', queueId: '4cbdb5Bc0zz9rx7', client: localhost, authenticated: false, origQueueId: '4cbdb56t4MzPjfw', origClient: bot6 },
    ],
    ['postfix/smtpd', '5D6E7F8A9B: client=mail.example.org[192.0.2.44]:52344', { kind: 'queue-client', queueId: '5D6E7F8A9B', client: client('mail.example.org', '192.0.2.44'), authenticated: false, origQueueId: null, origClient: null }],
    // Short hex ids may start with A, which is also the first letter of "Anonymous TLS …".
    ['postfix/smtpd', 'AB12C3D4E5: client=mail.example.org[192.0.2.1]', { kind: 'queue-client', queueId: 'AB12C3D4E5', client: orgMail, authenticated: false, origQueueId: null, origClient: null }],
  ],

  'smtpd: reject': [
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from mail.example.org[192.0.2.1]: 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table; from=<a@example.org> to=<nobody@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: orgMail, code: 550, enhancedStatus: '5.1.1', reasonClass: 'unknown-recipient', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from unknown[2001:db8:bad::1]: 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in local recipient table; from=<> to=<nobody@example.net> proto=ESMTP helo=<[2001:db8:bad::1]>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: bot6, code: 550, enhancedStatus: '5.1.1', reasonClass: 'unknown-recipient', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from unknown[198.51.100.66]: 554 5.7.1 <victim@example.com>: Relay access denied; from=<spam@example.org> to=<victim@example.com> proto=ESMTP helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: bot, code: 554, enhancedStatus: '5.7.1', reasonClass: 'relay-denied', milter: false },
    ],
    // Postfix before 2.3: no enhanced status code.
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from unknown[198.51.100.66]: 554 <victim@example.com>: Relay access denied; from=<spam@example.org> to=<victim@example.com> proto=SMTP helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: bot, code: 554, enhancedStatus: null, reasonClass: 'relay-denied', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from unknown[198.51.100.66]: 554 5.7.1 Service unavailable; Client host [198.51.100.66] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.66; from=<spam@example.org> to=<a@example.net> proto=ESMTP helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: bot, code: 554, enhancedStatus: '5.7.1', reasonClass: 'dnsbl', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: CONNECT from unknown[2001:db8:bad::1]: 554 5.7.1 Service unavailable; Client host [2001:db8:bad::1] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?2001:db8:bad::1; proto=SMTP',
      { kind: 'reject', queueId: null, stage: 'CONNECT', client: bot6, code: 554, enhancedStatus: '5.7.1', reasonClass: 'dnsbl', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from mail.example.org[192.0.2.1]: 554 5.7.1 Service unavailable; Sender address [spam@bad.example.org] blocked using dbl.spamhaus.org; from=<spam@bad.example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: orgMail, code: 554, enhancedStatus: '5.7.1', reasonClass: 'dnsbl', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from mail.example.org[192.0.2.1]: 450 4.2.0 <a@example.net>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.net.html; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: orgMail, code: 450, enhancedStatus: '4.2.0', reasonClass: 'greylisted', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from mail.example.org[2001:db8::25]: 451 4.7.1 <a@example.net>: Recipient address rejected: Greylisted for 5 minutes (see http://greylist.example.net/); from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: orgMail6, code: 451, enhancedStatus: '4.7.1', reasonClass: 'greylisted', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from unknown[198.51.100.66]: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [198.51.100.66]; from=<spam@example.org> to=<a@example.net> proto=ESMTP helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: bot, code: 450, enhancedStatus: '4.7.1', reasonClass: 'client-host', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from unknown[198.51.100.66]: 450 4.7.25 Client host rejected: cannot find your hostname, [198.51.100.66]; from=<spam@example.org> to=<a@example.net> proto=ESMTP helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: bot, code: 450, enhancedStatus: '4.7.25', reasonClass: 'client-host', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: CONNECT from unknown[198.51.100.66]: 554 5.7.1 <unknown[198.51.100.66]>: Client host rejected: Access denied; proto=SMTP',
      { kind: 'reject', queueId: null, stage: 'CONNECT', client: bot, code: 554, enhancedStatus: '5.7.1', reasonClass: 'client-host', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from unknown[198.51.100.66]: 504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname; from=<spam@example.org> to=<a@example.net> proto=ESMTP helo=<localhost>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: bot, code: 504, enhancedStatus: '5.5.2', reasonClass: 'helo', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: EHLO from unknown[2001:db8:bad::1]: 450 4.7.1 <mail.example.invalid>: Helo command rejected: Host not found; proto=ESMTP helo=<mail.example.invalid>',
      { kind: 'reject', queueId: null, stage: 'EHLO', client: bot6, code: 450, enhancedStatus: '4.7.1', reasonClass: 'helo', milter: false },
    ],
    [
      'postfix/submission/smtpd',
      'NOQUEUE: reject: RCPT from client-203-0-113-7.dyn.example.org[203.0.113.7]: 553 5.7.1 <boss@example.net>: Sender address rejected: not owned by user jdoe.mailbox; from=<boss@example.net> to=<a@example.org> proto=ESMTP helo=<[192.168.1.20]>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: dialup, code: 553, enhancedStatus: '5.7.1', reasonClass: 'sender', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from mail.example.org[192.0.2.1]: 450 4.1.8 <a@nonexistent.example.org>: Sender address rejected: Domain not found; from=<a@nonexistent.example.org> to=<b@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: orgMail, code: 450, enhancedStatus: '4.1.8', reasonClass: 'sender', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from mail.example.org[192.0.2.1]: 450 4.1.2 <a@example.invalid>: Recipient address rejected: Domain not found; from=<b@example.org> to=<a@example.invalid> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: orgMail, code: 450, enhancedStatus: '4.1.2', reasonClass: 'recipient', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from unknown[198.51.100.66]: 550 5.7.23 <a@example.net>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.open-spf.org/Why?s=mfrom;id=ceo@example.org;ip=198.51.100.66;r=<UNKNOWN>; from=<ceo@example.org> to=<a@example.net> proto=ESMTP helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: bot, code: 550, enhancedStatus: '5.7.23', reasonClass: 'recipient', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: DATA from mail.example.org[192.0.2.1]: 550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce; from=<> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: null, stage: 'DATA', client: orgMail, code: 550, enhancedStatus: '5.5.3', reasonClass: 'policy', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: DATA from unknown[198.51.100.66]: 503 5.5.0 <DATA>: Data command rejected: Improper use of SMTP command pipelining; from=<spam@example.org> to=<a@example.net> proto=SMTP helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'DATA', client: bot, code: 503, enhancedStatus: '5.5.0', reasonClass: 'policy', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: DATA from unknown[198.51.100.66]: 554 5.5.1 Error: no valid recipients; from=<spam@example.org> to=<nobody@example.net> proto=ESMTP helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'DATA', client: bot, code: 554, enhancedStatus: '5.5.1', reasonClass: 'other', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: MAIL from mail.example.org[192.0.2.1]: 552 5.3.4 Message size exceeds fixed limit; proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: null, stage: 'MAIL', client: orgMail, code: 552, enhancedStatus: '5.3.4', reasonClass: 'other', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from mail.example.org[192.0.2.1]: 451 4.3.5 Server configuration problem; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: orgMail, code: 451, enhancedStatus: '4.3.5', reasonClass: 'other', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: VRFY from unknown[198.51.100.66]: 550 5.1.1 <admin@example.net>: Recipient address rejected: User unknown in local recipient table; to=<admin@example.net> proto=SMTP helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'VRFY', client: bot, code: 550, enhancedStatus: '5.1.1', reasonClass: 'unknown-recipient', milter: false },
    ],
    // A queue id instead of NOQUEUE: an earlier recipient of the same transaction was accepted.
    [
      'postfix/smtpd',
      '4Xk2Jd0Fh3z9rx7: reject: RCPT from mail.example.org[192.0.2.1]: 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table; from=<b@example.org> to=<nobody@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: '4Xk2Jd0Fh3z9rx7', stage: 'RCPT', client: orgMail, code: 550, enhancedStatus: '5.1.1', reasonClass: 'unknown-recipient', milter: false },
    ],
    [
      'postfix/smtpd',
      'A0F3B2C1D9: reject: RCPT from mail.example.org[192.0.2.1]: 452 4.5.3 Error: too many recipients; from=<b@example.org> to=<z@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: 'A0F3B2C1D9', stage: 'RCPT', client: orgMail, code: 452, enhancedStatus: '4.5.3', reasonClass: 'other', milter: false },
    ],
    [
      'postfix/smtpd',
      '3F2A11C0123: reject: END-OF-MESSAGE from mail.example.org[192.0.2.1]: 554 5.7.1 <END-OF-MESSAGE>: End-of-data rejected: Message rejected by policy; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: '3F2A11C0123', stage: 'END-OF-MESSAGE', client: orgMail, code: 554, enhancedStatus: '5.7.1', reasonClass: 'policy', milter: false },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: reject: RCPT from mail.example.org[192.0.2.44]:52344: 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table; from=<b@example.org> to=<nobody@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: client('mail.example.org', '192.0.2.44'), code: 550, enhancedStatus: '5.1.1', reasonClass: 'unknown-recipient', milter: false },
    ],
    // Milters at RCPT and MAIL are logged by smtpd.
    [
      'postfix/smtpd',
      'NOQUEUE: milter-reject: RCPT from mail.example.org[192.0.2.1]: 451 4.7.1 Greylisting in action, please come back later; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: orgMail, code: 451, enhancedStatus: '4.7.1', reasonClass: 'greylisted', milter: true },
    ],
    [
      'postfix/smtpd',
      'NOQUEUE: milter-reject: MAIL from unknown[198.51.100.66]: 550 5.7.1 Command rejected; from=<spam@example.org> proto=ESMTP helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'MAIL', client: bot, code: 550, enhancedStatus: '5.7.1', reasonClass: 'other', milter: true },
    ],
    // A line cut short by the syslog daemon is not a reject with an unknown code.
    ['postfix/smtpd', 'NOQUEUE: reject: RCPT from unknown[198.51.100.66]: 55', unrecognised],
    // warn_if_reject: logged, not enforced.
    ['postfix/smtpd', 'NOQUEUE: reject_warning: RCPT from unknown[198.51.100.66]: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [198.51.100.66]; from=<spam@example.org> to=<a@example.net> proto=ESMTP helo=<example.org>', known],
    ['postfix/smtpd', 'NOQUEUE: discard: RCPT from unknown[198.51.100.66]: <spam@example.org>: Sender address triggers DISCARD action; from=<spam@example.org> to=<a@example.net> proto=ESMTP helo=<example.org>', known],
    ['postfix/smtpd', 'NOQUEUE: filter: RCPT from mail.example.org[192.0.2.1]: <b@example.org>: Sender address triggers FILTER smtp-amavis:[127.0.0.1]:10024; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>', known],
    ['postfix/smtpd', '3F2A11C0123: hold: RCPT from mail.example.org[192.0.2.1]: <b@example.org>: Sender address triggers HOLD action; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>', unrecognised],
  ],

  'smtpd: other lines': [
    ['postfix/smtpd', 'warning: hostname mail.example.org does not resolve to address 192.0.2.1: Name or service not known', unrecognised],
    ['postfix/smtpd', 'warning: hostname mail.example.org does not resolve to address 192.0.2.1', unrecognised],
    ['postfix/smtpd', 'warning: non-SMTP command from unknown[198.51.100.66]: GET / HTTP/1.1', unrecognised],
    ['postfix/smtpd', 'warning: Connection rate limit exceeded: 31 from unknown[198.51.100.66] for service smtp', unrecognised],
    ['postfix/smtpd', 'warning: Illegal address syntax from unknown[198.51.100.66] in RCPT command: <a@b@example.net>', unrecognised],
    ['postfix/smtpd', 'warning: 192.0.2.1: address not listed for hostname mail.example.org', unrecognised],
    ['postfix/smtpd', 'proxy-accept: END-OF-MESSAGE: 250 2.0.0 Ok: queued as 3F2A11C0123; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>', unrecognised],
    ['postfix/smtpd', '', unrecognised],
  ],

  postscreen: [
    ['postfix/postscreen', 'CONNECT from [192.0.2.15]:50123 to [198.51.100.10]:25', { kind: 'postscreen', action: 'connect', ip: '192.0.2.15', count: null }],
    ['postfix/postscreen', 'CONNECT from [2001:db8:1::15]:50123 to [2001:db8::10]:25', { kind: 'postscreen', action: 'connect', ip: '2001:db8:1::15', count: null }],
    ['postfix/postscreen', 'PASS NEW [192.0.2.15]:50123', { kind: 'postscreen', action: 'pass-new', ip: '192.0.2.15', count: null }],
    ['postfix/postscreen', 'PASS NEW [2001:db8:1::15]:50123', { kind: 'postscreen', action: 'pass-new', ip: '2001:db8:1::15', count: null }],
    ['postfix/postscreen', 'PASS OLD [40.107.22.71]:41234', { kind: 'postscreen', action: 'pass-old', ip: '40.107.22.71', count: null }],
    ['postfix/postscreen', 'PASS OLD [2a00:1450:4864:20::62b]:52237', { kind: 'postscreen', action: 'pass-old', ip: '2a00:1450:4864:20::62b', count: null }],
    ['postfix/postscreen', 'WHITELISTED [192.0.2.20]:42424', { kind: 'postscreen', action: 'allowlisted', ip: '192.0.2.20', count: null }],
    ['postfix/postscreen', 'ALLOWLISTED [2001:db8::20]:42424', { kind: 'postscreen', action: 'allowlisted', ip: '2001:db8::20', count: null }],
    ['postfix/postscreen', 'BLACKLISTED [198.51.100.66]:3328', { kind: 'postscreen', action: 'denylisted', ip: '198.51.100.66', count: null }],
    ['postfix/postscreen', 'DENYLISTED [2001:db8:bad::1]:3328', { kind: 'postscreen', action: 'denylisted', ip: '2001:db8:bad::1', count: null }],
    ['postfix/postscreen', 'DNSBL rank 3 for [198.51.100.66]:3328', { kind: 'postscreen', action: 'dnsbl', ip: '198.51.100.66', count: 3 }],
    ['postfix/postscreen', 'DNSBL rank 12 for [2001:db8:bad::1]:3328', { kind: 'postscreen', action: 'dnsbl', ip: '2001:db8:bad::1', count: 12 }],
    ['postfix/postscreen', 'PREGREET 11 after 0.07 from [198.51.100.66]:3328: EHLO example\\r\\n', { kind: 'postscreen', action: 'pregreet', ip: '198.51.100.66', count: 11 }],
    ['postfix/postscreen', 'PREGREET 6 after 1.2 from [2001:db8:bad::1]:43421: RSET\\r\\n', { kind: 'postscreen', action: 'pregreet', ip: '2001:db8:bad::1', count: 6 }],
    ['postfix/postscreen', 'HANGUP after 0.5 from [192.0.2.15]:50123 in tests after SMTP handshake', { kind: 'postscreen', action: 'hangup', ip: '192.0.2.15', count: null }],
    ['postfix/postscreen', 'HANGUP after 0 from [2001:db8:bad::1]:54017 in tests before SMTP handshake', { kind: 'postscreen', action: 'hangup', ip: '2001:db8:bad::1', count: null }],
    ['postfix/postscreen', 'COMMAND PIPELINING from [198.51.100.66]:3328 after EHLO: MAIL FROM:<spam@example.org>\\r\\n', { kind: 'postscreen', action: 'pipelining', ip: '198.51.100.66', count: null }],
    ['postfix/postscreen', 'COMMAND PIPELINING from [2001:db8:bad::1]:3328 after HELO: QUIT\\r\\n', { kind: 'postscreen', action: 'pipelining', ip: '2001:db8:bad::1', count: null }],
    ['postfix/postscreen', 'COMMAND TIME LIMIT from [192.0.2.15]:50123 after RCPT', { kind: 'postscreen', action: 'violation', ip: '192.0.2.15', count: null }],
    ['postfix/postscreen', 'COMMAND COUNT LIMIT from [198.51.100.66]:3328 after RCPT', { kind: 'postscreen', action: 'violation', ip: '198.51.100.66', count: null }],
    ['postfix/postscreen', 'COMMAND LENGTH LIMIT from [2001:db8:bad::1]:3328 after HELO', { kind: 'postscreen', action: 'violation', ip: '2001:db8:bad::1', count: null }],
    ['postfix/postscreen', 'NON-SMTP COMMAND from [198.51.100.66]:45284 after CONNECT: GET / HTTP/1.1', { kind: 'postscreen', action: 'violation', ip: '198.51.100.66', count: null }],
    ['postfix/postscreen', 'NON-SMTP COMMAND from [2001:db8:bad::1]:45284 after CONNECT: CONNECT 192.0.2.25:25 HTTP/1.0', { kind: 'postscreen', action: 'violation', ip: '2001:db8:bad::1', count: null }],
    ['postfix/postscreen', 'BARE NEWLINE from [198.51.100.66]:3328 after DATA', { kind: 'postscreen', action: 'violation', ip: '198.51.100.66', count: null }],
    ['postfix/postscreen', 'DISCONNECT [192.0.2.15]:50123', { kind: 'postscreen', action: 'disconnect', ip: '192.0.2.15', count: null }],
    ['postfix/postscreen', 'DISCONNECT [2001:db8:1::15]:50123', { kind: 'postscreen', action: 'disconnect', ip: '2001:db8:1::15', count: null }],
    ['postfix-in/postscreen', 'PASS OLD [192.0.2.15]:50124', { kind: 'postscreen', action: 'pass-old', ip: '192.0.2.15', count: null }],
    [
      'postfix/postscreen',
      'NOQUEUE: reject: RCPT from [198.51.100.66]:3328: 550 5.7.1 Service unavailable; client [198.51.100.66] blocked using zen.spamhaus.org; from=<spam@example.org>, to=<a@example.net>, proto=ESMTP, helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: client('unknown', '198.51.100.66'), code: 550, enhancedStatus: '5.7.1', reasonClass: 'dnsbl', milter: false },
    ],
    // postscreen's answer to a client that failed a test after the handshake.
    [
      'postfix/postscreen',
      'NOQUEUE: reject: RCPT from [2001:db8:bad::1]:40000: 450 4.3.2 Service currently unavailable; from=<spam@example.org>, to=<a@example.net>, proto=ESMTP, helo=<example.org>',
      { kind: 'reject', queueId: null, stage: 'RCPT', client: client('unknown', '2001:db8:bad::1'), code: 450, enhancedStatus: '4.3.2', reasonClass: 'policy', milter: false },
    ],
    ['postfix/postscreen', 'WHITELIST VETO [192.0.2.20]:42424', unrecognised],
    ['postfix/postscreen', 'ALLOWLIST VETO [2001:db8::20]:42424', unrecognised],
    ['postfix/postscreen', 'cache btree:/var/lib/postfix/postscreen_cache full cleanup: retained=242 dropped=7 entries', unrecognised],
    ['postfix/postscreen', 'warning: dnsblog reply timeout 10s for zen.spamhaus.org', known],
  ],

  cleanup: [
    ['postfix/cleanup', '4Xk2Jd0Fh3z9rx7: message-id=<20260323170235.4Xk2Jd0Fh3z9rx7@mail.example.net>', { kind: 'cleanup', queueId: '4Xk2Jd0Fh3z9rx7' }],
    ['postfix/cleanup', '3F2A11C0123: message-id=<CAHk1+x=Qz9v@mail.gmail.com>', { kind: 'cleanup', queueId: '3F2A11C0123' }],
    ['postfix/cleanup', '5D6E7F8A9B: message-id=<>', { kind: 'cleanup', queueId: '5D6E7F8A9B' }],
    ['postfix/cleanup', '5D6E7F8A9C: message-id=<local-part-only-7f3a9c>', { kind: 'cleanup', queueId: '5D6E7F8A9C' }],
    ['postfix/cleanup', '3F2A11C0123: resent-message-id=<20260323.xyz@mail.example.org>', unrecognised],
    [
      'postfix/cleanup',
      '4Xk2Jd0Fh3z9rx7: reject: header Subject: =?UTF-8?B?V2luIG5vdw==?= from unknown[198.51.100.66]; from=<spam@example.org> to=<a@example.net> proto=ESMTP helo=<example.org>: 5.7.1 message content rejected',
      { kind: 'reject', queueId: '4Xk2Jd0Fh3z9rx7', stage: 'header', client: bot, code: 550, enhancedStatus: '5.7.1', reasonClass: 'content', milter: false },
    ],
    [
      'postfix/cleanup',
      '3F2A11C0123: reject: body <a href="http://spam.example.org/">click here</a> from unknown[2001:db8:bad::1]; from=<spam@example.org> to=<a@example.net> proto=ESMTP helo=<example.org>: 5.7.1 message content rejected',
      { kind: 'reject', queueId: '3F2A11C0123', stage: 'body', client: bot6, code: 550, enhancedStatus: '5.7.1', reasonClass: 'content', milter: false },
    ],
    [
      'postfix/cleanup',
      '3F2A11C0123: reject: header To: undisclosed-recipients:; from local; from=<root@mx.example.net>: 4.7.1 try again later',
      { kind: 'reject', queueId: '3F2A11C0123', stage: 'header', client: null, code: 450, enhancedStatus: '4.7.1', reasonClass: 'content', milter: false },
    ],
    // The header text is the sender's: it may say " from " and ": " itself.
    [
      'postfix/cleanup',
      '3F2A11C0123: reject: header Subject: Greetings from Paris from mail.example.org[192.0.2.1]; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>: 5.7.1 message content rejected',
      { kind: 'reject', queueId: '3F2A11C0123', stage: 'header', client: orgMail, code: 550, enhancedStatus: '5.7.1', reasonClass: 'content', milter: false },
    ],
    [
      'postfix/cleanup',
      '3F2A11C0123: reject: header Content-Type: application/x-msdownload; name="invoice.exe" from mail.example.org[192.0.2.1]; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>: 5.7.1 Attachment type not allowed: .exe',
      { kind: 'reject', queueId: '3F2A11C0123', stage: 'header', client: orgMail, code: 550, enhancedStatus: '5.7.1', reasonClass: 'content', milter: false },
    ],
    // End-of-message milters are logged by cleanup, with an enhanced status and no reply code.
    [
      'postfix/cleanup',
      '4Xk2Jd0Fh3z9rx7: milter-reject: END-OF-MESSAGE from unknown[198.51.100.66]: 5.7.1 Spam message rejected; from=<spam@example.org> to=<a@example.net> proto=ESMTP helo=<example.org>',
      { kind: 'reject', queueId: '4Xk2Jd0Fh3z9rx7', stage: 'END-OF-MESSAGE', client: bot, code: 550, enhancedStatus: '5.7.1', reasonClass: 'content', milter: true },
    ],
    [
      'postfix/cleanup',
      '3F2A11C0123: milter-reject: END-OF-MESSAGE from mail.example.org[192.0.2.1]: 4.7.1 Greylisting in action, try again later; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>',
      { kind: 'reject', queueId: '3F2A11C0123', stage: 'END-OF-MESSAGE', client: orgMail, code: 450, enhancedStatus: '4.7.1', reasonClass: 'greylisted', milter: true },
    ],
    ['postfix/cleanup', '3F2A11C0123: milter-hold: END-OF-MESSAGE from mail.example.org[192.0.2.1]: milter triggers HOLD action; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>', unrecognised],
    ['postfix/cleanup', '3F2A11C0123: milter-discard: END-OF-MESSAGE from mail.example.org[192.0.2.1]: milter triggers DISCARD action; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>', unrecognised],
    ['postfix/cleanup', '3F2A11C0123: warning: header Subject: Invoice from mail.example.org[192.0.2.1]; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>: suspicious subject', unrecognised],
    ['postfix/cleanup', '3F2A11C0123: hold: header Received: from mail.example.org (mail.example.org [192.0.2.1]) from mail.example.org[192.0.2.1]; from=<b@example.org> to=<a@example.net> proto=ESMTP helo=<mail.example.org>', unrecognised],
    ['postfix/cleanup', "warning: milter inet:127.0.0.1:11332: can't read SMFIC_OPTNEG reply packet header: Connection refused", unrecognised],
  ],

  qmgr: [
    ['postfix/qmgr', '4Xk2Jd0Fh3z9rx7: from=<b@example.org>, size=12345, nrcpt=1 (queue active)', { kind: 'queued', queueId: '4Xk2Jd0Fh3z9rx7', size: 12345, nrcpt: 1, senderDomain: 'example.org' }],
    ['postfix/qmgr', '3F2A11C0123: from=<>, size=3456, nrcpt=1 (queue active)', { kind: 'queued', queueId: '3F2A11C0123', size: 3456, nrcpt: 1, senderDomain: null }],
    ['postfix/qmgr', '9B1C2D3E4F: from=<list-bounces+a=example.net@lists.example.org>, size=98765, nrcpt=12 (queue active)', { kind: 'queued', queueId: '9B1C2D3E4F', size: 98765, nrcpt: 12, senderDomain: 'lists.example.org' }],
    ['postfix-in/qmgr', 'AB12C3D4E5: from=<b@example.org>, size=2048, nrcpt=3 (queue active)', { kind: 'queued', queueId: 'AB12C3D4E5', size: 2048, nrcpt: 3, senderDomain: 'example.org' }],
    ['postfix/qmgr', '4Xk2Jd0Fh3z9rx7: from=<b@example.org>, status=expired, returned to sender', { kind: 'expired', queueId: '4Xk2Jd0Fh3z9rx7' }],
    ['postfix/qmgr', '3F2A11C0123: from=<>, status=expired, returned to sender', { kind: 'expired', queueId: '3F2A11C0123' }],
    // A sender's address holding ", status=expired" is still a message queued.
    ['postfix/qmgr', 'G1G2G3G4G6: from=<"a, status=expired"@example.org>, size=1234, nrcpt=1 (queue active)', { kind: 'queued', queueId: 'G1G2G3G4G6', size: 1234, nrcpt: 1, senderDomain: 'example.org' }],
    // A hostile sender holding ">, size=" itself: the field ends at the last one.
    ['postfix/qmgr', 'G1G2G3G4G7: from=<"x>, size=1"@evil.example>, size=99, nrcpt=1 (queue active)', { kind: 'queued', queueId: 'G1G2G3G4G7', size: 99, nrcpt: 1, senderDomain: 'evil.example' }],
    ['postfix/qmgr', '4Xk2Jd0Fh3z9rx7: removed', { kind: 'removed', queueId: '4Xk2Jd0Fh3z9rx7' }],
    ['postfix/qmgr', '3F2A11C0123: removed', { kind: 'removed', queueId: '3F2A11C0123' }],
    ['postfix/qmgr', '3F2A11C0123: skipped, still being delivered', unrecognised],
    ['postfix/qmgr', 'warning: mail for [127.0.0.1]:10024 is using up 4001 of 4001 active queue entries', unrecognised],
  ],

  deliveries: [
    [
      'postfix/smtp',
      '4Xk2Jd0Fh3z9rx7: to=<a@example.org>, relay=gmail-smtp-in.l.google.com[142.250.102.27]:25, delay=1.2, delays=0.1/0.01/0.35/0.74, dsn=2.0.0, status=sent (250 2.0.0 OK  1774281755 a640c23a62f3a-123si456 - gsmtp)',
      { kind: 'delivery', queueId: '4Xk2Jd0Fh3z9rx7', agent: 'smtp', relay: 'gmail-smtp-in.l.google.com[142.250.102.27]:25', delay: 1.2, delays: delays(0.1, 0.01, 0.35, 0.74), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: 'example.org' },
    ],
    [
      'postfix/smtp',
      'A67BF690D80: to=<a@example.org>, relay=smtp.example.org[203.0.113.25]:587, conn_use=2, delay=1000, delays=0/992/0.03/8.3, dsn=2.0.0, status=sent (250 OK id=1Qiokq-0002gA-Kq)',
      { kind: 'delivery', queueId: 'A67BF690D80', agent: 'smtp', relay: 'smtp.example.org[203.0.113.25]:587', delay: 1000, delays: delays(0, 992, 0.03, 8.3), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: 'example.org' },
    ],
    [
      'postfix/smtp',
      '3F2A11C0123: to=<a@example.org>, relay=example-org.mail.protection.outlook.com[52.101.68.12]:25, delay=0.92, delays=0.05/0.01/0.31/0.55, dsn=2.6.0, status=sent (250 2.6.0 <20260323170235.3F2A11C0123@mail.example.net> [InternalId=123456789] Queued mail for delivery)',
      { kind: 'delivery', queueId: '3F2A11C0123', agent: 'smtp', relay: 'example-org.mail.protection.outlook.com[52.101.68.12]:25', delay: 0.92, delays: delays(0.05, 0.01, 0.31, 0.55), dsn: '2.6.0', status: 'sent', tls: null, problem: null, recipientDomain: 'example.org' },
    ],
    [
      'postfix/smtp',
      '3F2A11C0123: to=<a@example.org>, relay=mx.example.org[2001:db8::25]:25, delay=0.4, delays=0.02/0/0.2/0.18, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4cbdb56t4MzPjfw)',
      { kind: 'delivery', queueId: '3F2A11C0123', agent: 'smtp', relay: 'mx.example.org[2001:db8::25]:25', delay: 0.4, delays: delays(0.02, 0, 0.2, 0.18), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: 'example.org' },
    ],
    [
      'postfix/smtp',
      '4Xk2Jd0Fh3z9rx7: to=<a@example.org>, relay=none, delay=30, delays=0.02/0.01/30/0, dsn=4.4.1, status=deferred (connect to mx.example.org[203.0.113.5]:25: Connection timed out)',
      { kind: 'delivery', queueId: '4Xk2Jd0Fh3z9rx7', agent: 'smtp', relay: 'none', delay: 30, delays: delays(0.02, 0.01, 30, 0), dsn: '4.4.1', status: 'deferred', tls: null, problem: { kind: 'connect', relay: { name: 'mx.example.org', ip: '203.0.113.5', port: 25 }, failure: 'timed-out' }, recipientDomain: 'example.org' },
    ],
    [
      'postfix/smtp',
      '4Xk2Jd0Fh3z9rx7: to=<a@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=2.1, delays=0.1/0/1.5/0.5, dsn=4.2.0, status=deferred (host mx.example.org[203.0.113.5] said: 450 4.2.0 <a@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html (in reply to RCPT TO command))',
      { kind: 'delivery', queueId: '4Xk2Jd0Fh3z9rx7', agent: 'smtp', relay: 'mx.example.org[203.0.113.5]:25', delay: 2.1, delays: delays(0.1, 0, 1.5, 0.5), dsn: '4.2.0', status: 'deferred', tls: null, problem: { kind: 'reply', relay: { name: 'mx.example.org', ip: '203.0.113.5', port: null }, reply: { code: 450, enhanced: '4.2.0', text: '<…>: Recipient address rejected: Greylisted, see http://DOMAIN/help/DOMAIN', stage: 'RCPT TO' } }, recipientDomain: 'example.org' },
    ],
    [
      'postfix/smtp',
      '5D6E7F8A9B: to=<gone@example.org>, relay=gmail-smtp-in.l.google.com[142.250.102.27]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=5.1.1, status=bounced (host gmail-smtp-in.l.google.com[142.250.102.27] said: 550-5.1.1 The email account that you tried to reach does not exist. (in reply to RCPT TO command))',
      { kind: 'delivery', queueId: '5D6E7F8A9B', agent: 'smtp', relay: 'gmail-smtp-in.l.google.com[142.250.102.27]:25', delay: 0.8, delays: delays(0.1, 0, 0.3, 0.4), dsn: '5.1.1', status: 'bounced', tls: null, problem: { kind: 'reply', relay: { name: 'gmail-smtp-in.l.google.com', ip: '142.250.102.27', port: null }, reply: { code: 550, enhanced: '5.1.1', text: 'The email account that you tried to reach does not exist.', stage: 'RCPT TO' } }, recipientDomain: 'example.org' },
    ],
    [
      'postfix/smtp',
      '3D770111AF50: to=<a@example.invalid>, relay=none, delay=1.2, delays=1.1/0/0.03/0, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=example.invalid type=AAAA: Host not found)',
      { kind: 'delivery', queueId: '3D770111AF50', agent: 'smtp', relay: 'none', delay: 1.2, delays: delays(1.1, 0, 0.03, 0), dsn: '5.4.4', status: 'bounced', tls: null, problem: { kind: 'other', text: 'Host or domain name not found. Name service error for name=DOMAIN type=AAAA: Host not found' }, recipientDomain: 'example.invalid' },
    ],
    // Postfix 3.11 logs the TLS feature status between delays= and dsn=.
    [
      'postfix/smtp',
      '01E12901F9D: to=<list@example.org>, relay=list.example.org[203.0.113.80]:25, delay=5.4, delays=0.08/0.01/3.5/1.9, tls=dane, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4cbdb56t4MzPjfw)',
      { kind: 'delivery', queueId: '01E12901F9D', agent: 'smtp', relay: 'list.example.org[203.0.113.80]:25', delay: 5.4, delays: delays(0.08, 0.01, 3.5, 1.9), dsn: '2.0.0', status: 'sent', tls: 'dane', problem: null, recipientDomain: 'example.org' },
    ],
    [
      'postfix/smtp',
      '4cbdb56t4MzPjfw: to=<a@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=12, delays=0.05/0/12/0, tls=may, dsn=4.7.5, status=deferred (Server certificate not trusted)',
      { kind: 'delivery', queueId: '4cbdb56t4MzPjfw', agent: 'smtp', relay: 'mx.example.org[203.0.113.5]:25', delay: 12, delays: delays(0.05, 0, 12, 0), dsn: '4.7.5', status: 'deferred', tls: 'may', problem: { kind: 'other', text: 'Server certificate not trusted' }, recipientDomain: 'example.org' },
    ],
    [
      'postfix/relay/smtp',
      '9B1C2D3E4F: to=<a@example.org>, relay=smtp.example.net[198.51.100.25]:587, delay=0.61, delays=0.01/0.01/0.29/0.3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 7C8D9E0F1A)',
      { kind: 'delivery', queueId: '9B1C2D3E4F', agent: 'smtp', relay: 'smtp.example.net[198.51.100.25]:587', delay: 0.61, delays: delays(0.01, 0.01, 0.29, 0.3), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: 'example.org' },
    ],
    [
      'postfix/smtp',
      '9B1C2D3E4F: to=<a@example.net>, relay=127.0.0.1[127.0.0.1]:10024, delay=1.6, delays=0.05/0/0/1.5, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 3F2A11C0123)',
      { kind: 'delivery', queueId: '9B1C2D3E4F', agent: 'smtp', relay: '127.0.0.1[127.0.0.1]:10024', delay: 1.6, delays: delays(0.05, 0, 0, 1.5), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: 'example.net' },
    ],
    [
      'postfix/lmtp',
      '3F2A11C0123: to=<a@example.net>, relay=mailstore1.example.net[192.0.2.37]:24, delay=0.42, delays=0.31/0.01/0.02/0.08, dsn=2.0.0, status=sent (250 2.0.0 <a@example.net> Saved)',
      { kind: 'delivery', queueId: '3F2A11C0123', agent: 'lmtp', relay: 'mailstore1.example.net[192.0.2.37]:24', delay: 0.42, delays: delays(0.31, 0.01, 0.02, 0.08), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/lmtp',
      '4Xk2Jd0Fh3z9rx7: to=<a@example.net>, orig_to=<alias@example.net>, relay=mail.example.net[private/dovecot-lmtp], delay=0.05, delays=0.01/0.01/0.01/0.02, dsn=2.0.0, status=sent (250 2.0.0 <a@example.net> bXlaAbc123 Saved)',
      { kind: 'delivery', queueId: '4Xk2Jd0Fh3z9rx7', agent: 'lmtp', relay: 'mail.example.net[private/dovecot-lmtp]', delay: 0.05, delays: delays(0.01, 0.01, 0.01, 0.02), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/lmtp',
      '4Xk2Jd0Fh3z9rx7: to=<full@example.net>, relay=mailstore1.example.net[192.0.2.37]:24, delay=3600, delays=3599/0.1/0/0.2, dsn=4.2.2, status=deferred (host mailstore1.example.net[192.0.2.37] said: 452 4.2.2 <full@example.net> Quota exceeded (mailbox for user is full) (in reply to end of DATA command))',
      { kind: 'delivery', queueId: '4Xk2Jd0Fh3z9rx7', agent: 'lmtp', relay: 'mailstore1.example.net[192.0.2.37]:24', delay: 3600, delays: delays(3599, 0.1, 0, 0.2), dsn: '4.2.2', status: 'deferred', tls: null, problem: { kind: 'reply', relay: { name: 'mailstore1.example.net', ip: '192.0.2.37', port: null }, reply: { code: 452, enhanced: '4.2.2', text: '<…> Quota exceeded (mailbox for user is full)', stage: 'end of DATA' } }, recipientDomain: null },
    ],
    [
      'postfix/lmtp',
      '5D6E7F8A9B: to=<gone@example.net>, relay=mailstore1.example.net[2001:db8::37]:24, delay=0.1, delays=0.05/0/0.01/0.04, dsn=5.1.1, status=bounced (host mailstore1.example.net[2001:db8::37] said: 550 5.1.1 <gone@example.net> User doesn\'t exist: gone@example.net (in reply to RCPT TO command))',
      { kind: 'delivery', queueId: '5D6E7F8A9B', agent: 'lmtp', relay: 'mailstore1.example.net[2001:db8::37]:24', delay: 0.1, delays: delays(0.05, 0, 0.01, 0.04), dsn: '5.1.1', status: 'bounced', tls: null, problem: { kind: 'reply', relay: { name: 'mailstore1.example.net', ip: '2001:db8::37', port: null }, reply: { code: 550, enhanced: '5.1.1', text: '<…> User doesn\'t exist: …', stage: 'RCPT TO' } }, recipientDomain: null },
    ],
    [
      'postfix/local',
      '921897F723: to=<a@example.net>, relay=local, delay=0.16, delays=0.16/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)',
      { kind: 'delivery', queueId: '921897F723', agent: 'local', relay: 'local', delay: 0.16, delays: delays(0.16, 0, 0, 0), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/local',
      '3F2A11C0123: to=<root@mx.example.net>, orig_to=<postmaster@example.net>, relay=local, delay=0.1, delays=0.05/0.01/0/0.04, dsn=2.0.0, status=sent (delivered to command: /usr/bin/procmail -a "$EXTENSION")',
      { kind: 'delivery', queueId: '3F2A11C0123', agent: 'local', relay: 'local', delay: 0.1, delays: delays(0.05, 0.01, 0, 0.04), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/local',
      '3F2A11C0124: to=<admin@mx.example.net>, orig_to=<root>, relay=local, delay=0.02, delays=0.01/0/0/0.01, dsn=2.0.0, status=sent (delivered to file: /var/mail/admin)',
      { kind: 'delivery', queueId: '3F2A11C0124', agent: 'local', relay: 'local', delay: 0.02, delays: delays(0.01, 0, 0, 0.01), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/local',
      '11FDF5F62A: to=<nobody@mx.example.net>, relay=local, delay=0.02, delays=0.01/0/0/0.01, dsn=5.1.1, status=bounced (unknown user: "nobody")',
      { kind: 'delivery', queueId: '11FDF5F62A', agent: 'local', relay: 'local', delay: 0.02, delays: delays(0.01, 0, 0, 0.01), dsn: '5.1.1', status: 'bounced', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/local',
      '11FDF5F62B: to=<user@sub.example.net>, relay=local, delay=80181, delays=80181/0.02/0/0, dsn=4.0.0, status=deferred (user lookup error)',
      { kind: 'delivery', queueId: '11FDF5F62B', agent: 'local', relay: 'local', delay: 80181, delays: delays(80181, 0.02, 0, 0), dsn: '4.0.0', status: 'deferred', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/virtual',
      '4Xk2Jd0Fh3z9rx7: to=<a@example.net>, relay=virtual, delay=0.11, delays=0.08/0.01/0/0.02, dsn=2.0.0, status=sent (delivered to maildir)',
      { kind: 'delivery', queueId: '4Xk2Jd0Fh3z9rx7', agent: 'virtual', relay: 'virtual', delay: 0.11, delays: delays(0.08, 0.01, 0, 0.02), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/virtual',
      '4Xk2Jd0Fh3z9rx7: to=<full@example.net>, relay=virtual, delay=0.2, delays=0.1/0/0/0.1, dsn=4.2.2, status=deferred (maildir delivery failed: create maildir file /var/vmail/example.net/full/tmp/1774281755.P1234.mx2: Disk quota exceeded)',
      { kind: 'delivery', queueId: '4Xk2Jd0Fh3z9rx7', agent: 'virtual', relay: 'virtual', delay: 0.2, delays: delays(0.1, 0, 0, 0.1), dsn: '4.2.2', status: 'deferred', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/pipe',
      '3F2A11C0123: to=<a@example.net>, relay=dovecot, delay=0.1, delays=0.04/0.01/0/0.05, dsn=2.0.0, status=sent (delivered via dovecot service)',
      { kind: 'delivery', queueId: '3F2A11C0123', agent: 'pipe', relay: 'dovecot', delay: 0.1, delays: delays(0.04, 0.01, 0, 0.05), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/pipe',
      '3F2A11C0124: to=<a@example.net>, relay=dovecot, delay=0.3, delays=0.1/0/0/0.2, dsn=5.3.0, status=bounced (Command died with status 1: "/usr/lib/dovecot/deliver". Command output: lda: Fatal: Invalid user settings.)',
      { kind: 'delivery', queueId: '3F2A11C0124', agent: 'pipe', relay: 'dovecot', delay: 0.3, delays: delays(0.1, 0, 0, 0.2), dsn: '5.3.0', status: 'bounced', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/error',
      '2298F5F619: to=<a@example.org>, relay=none, delay=89758, delays=89758/0.02/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to mail.example.org[192.0.2.1]:25: Connection timed out)',
      { kind: 'delivery', queueId: '2298F5F619', agent: 'error', relay: 'none', delay: 89758, delays: delays(89758, 0.02, 0, 0), dsn: '4.4.1', status: 'deferred', tls: null, problem: { kind: 'connect', relay: { name: 'mail.example.org', ip: '192.0.2.1', port: 25 }, failure: 'timed-out' }, recipientDomain: 'example.org' },
    ],
    [
      'postfix/error',
      '2298F5F61A: to=<a@example.org>, relay=none, delay=0.01, delays=0/0/0/0.01, dsn=5.0.0, status=bounced (Mailbox disabled)',
      { kind: 'delivery', queueId: '2298F5F61A', agent: 'error', relay: 'none', delay: 0.01, delays: delays(0, 0, 0, 0.01), dsn: '5.0.0', status: 'bounced', tls: null, problem: { kind: 'other', text: 'Mailbox disabled' }, recipientDomain: 'example.org' },
    ],
    [
      'postfix/retry',
      '2298F5F61B: to=<a@example.org>, relay=none, delay=3605, delays=3605/0/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to mail.example.org[192.0.2.1]:25: Connection refused)',
      { kind: 'delivery', queueId: '2298F5F61B', agent: 'retry', relay: 'none', delay: 3605, delays: delays(3605, 0, 0, 0), dsn: '4.4.1', status: 'deferred', tls: null, problem: { kind: 'connect', relay: { name: 'mail.example.org', ip: '192.0.2.1', port: 25 }, failure: 'refused' }, recipientDomain: 'example.org' },
    ],
    [
      'postfix/discard',
      '3F2A11C0123: to=<a@example.net>, relay=none, delay=0.1, delays=0.09/0.01/0/0, dsn=2.0.0, status=sent (example.net)',
      { kind: 'delivery', queueId: '3F2A11C0123', agent: 'discard', relay: 'none', delay: 0.1, delays: delays(0.09, 0.01, 0, 0), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: null },
    ],
    [
      'postfix/qmgr',
      '4Xk2Jd0Fh3z9rx7: to=<a@example.org>, relay=none, delay=432000, delays=431999/1/0/0, dsn=4.4.1, status=expired, returned to sender',
      { kind: 'delivery', queueId: '4Xk2Jd0Fh3z9rx7', agent: 'qmgr', relay: 'none', delay: 432000, delays: delays(431999, 1, 0, 0), dsn: '4.4.1', status: 'expired', tls: null, problem: null, recipientDomain: null },
    ],
    // Postfix before 2.3: no delays= and no dsn=.
    [
      'postfix/local',
      '4104E3D: to=<a@example.net>, relay=local, delay=0, status=sent (delivered to mailbox)',
      { kind: 'delivery', queueId: '4104E3D', agent: 'local', relay: 'local', delay: 0, delays: null, dsn: null, status: 'sent', tls: null, problem: null, recipientDomain: null },
    ],
    ['postfix-out/smtp', '7C8D9E0F1A: to=<a@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=0.7, delays=0.1/0/0.3/0.3, dsn=2.0.0, status=sent (250 Ok)', { kind: 'delivery', queueId: '7C8D9E0F1A', agent: 'smtp', relay: 'mx.example.org[203.0.113.5]:25', delay: 0.7, delays: delays(0.1, 0, 0.3, 0.3), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: 'example.org' }],
    // Address-verification probes are not deliveries.
    ['postfix/smtp', '3F2A11C0123: to=<a@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.1.5, status=deliverable (250 2.1.5 Ok)', known],
    ['postfix/smtp', '3F2A11C0123: to=<gone@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.1.1, status=undeliverable (host mx.example.org[203.0.113.5] said: 550 5.1.1 No such user (in reply to RCPT TO command))', known],
    ['postfix/local', '4Xk2Jd0Fh3z9rx7: to=<a@example.net>, relay=local, delay=0.1, del', unrecognised],
  ],

  // Issue 19: the SMTP client about receiving servers, in the shapes of the big receivers' replies.
  'smtp client: receiving servers': [
    ['postfix/smtp', 'connect to mx.example.org[203.0.113.5]:25: Connection refused', relayProblem(null, { kind: 'connect', relay: relay('mx.example.org', '203.0.113.5', 25), failure: 'refused' })],
    ['postfix/smtp', 'connect to mx.example.org[203.0.113.5]:25: Connection timed out', relayProblem(null, { kind: 'connect', relay: relay('mx.example.org', '203.0.113.5', 25), failure: 'timed-out' })],
    ['postfix/smtp', 'connect to mx1.example.org[2001:db8::5]:25: Network is unreachable', relayProblem(null, { kind: 'connect', relay: relay('mx1.example.org', '2001:db8::5', 25), failure: 'unreachable' })],
    ['postfix/smtp', 'connect to mx.example.org[203.0.113.5]:25: No route to host', relayProblem(null, { kind: 'connect', relay: relay('mx.example.org', '203.0.113.5', 25), failure: 'no-route' })],
    ['postfix/smtp', 'connect to mx.example.org[203.0.113.5]:25: Connection reset by peer', relayProblem(null, { kind: 'connect', relay: relay('mx.example.org', '203.0.113.5', 25), failure: 'other' })],
    ['postfix/smtp', '4Xk2Jd0Fh3z9rx7: host mx.example.org[203.0.113.5] said: 451 4.7.1 Please try again later (in reply to RCPT TO command)', relayProblem('4Xk2Jd0Fh3z9rx7', { kind: 'reply', relay: relay('mx.example.org', '203.0.113.5'), reply: reply(451, '4.7.1', 'Please try again later', 'RCPT TO') })],
    ['postfix/smtp', '4Xk2Jd0Fh3z9rx7: lost connection with mx.example.org[203.0.113.5] while receiving the initial server greeting', relayProblem('4Xk2Jd0Fh3z9rx7', { kind: 'lost', relay: relay('mx.example.org', '203.0.113.5'), stage: 'initial server greeting' })],
    ['postfix/smtp', '4Xk2Jd0Fh3z9rx7: lost connection with mx.example.org[203.0.113.5] while sending RCPT TO', relayProblem('4Xk2Jd0Fh3z9rx7', { kind: 'lost', relay: relay('mx.example.org', '203.0.113.5'), stage: 'RCPT TO' })],
    ['postfix/smtp', '4Xk2Jd0Fh3z9rx7: conversation with mx.example.org[203.0.113.5] timed out while sending end of data -- message may be sent more than once', relayProblem('4Xk2Jd0Fh3z9rx7', { kind: 'timeout', relay: relay('mx.example.org', '203.0.113.5'), stage: 'end of data -- message may be sent more than once' })],
    ['postfix/smtp', '4Xk2Jd0Fh3z9rx7: host mx.example.org[203.0.113.5] refused to talk to me: 554 5.7.1 Service unavailable', relayProblem('4Xk2Jd0Fh3z9rx7', { kind: 'refused', relay: relay('mx.example.org', '203.0.113.5'), reply: reply(554, '5.7.1', 'Service unavailable', null) })],
    // Microsoft's rate limiting, as a deferral: our IP in its words becomes "IP", its tags stay.
    [
      'postfix/smtp',
      '3F2A11C0123: to=<bob@hotmail.com>, relay=hotmail-com.olc.protection.outlook.com[52.101.68.12]:25, delay=3905, delays=0.1/3903/1.1/0.6, dsn=4.7.650, status=deferred (host hotmail-com.olc.protection.outlook.com[52.101.68.12] said: 451 4.7.650 The mail server [203.0.113.5] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775) [Name=Protocol Filter Agent][AGT=PFA][MxId=11BA8E0D8A6C5C1B] [DB5PEPF00014B8D.eurprd02.prod.outlook.com 2026-03-23T16:02:35.123Z 08DC4B1E0E2B7A31] (in reply to MAIL FROM command))',
      {
        kind: 'delivery', queueId: '3F2A11C0123', agent: 'smtp', relay: 'hotmail-com.olc.protection.outlook.com[52.101.68.12]:25', delay: 3905, delays: delays(0.1, 3903, 1.1, 0.6), dsn: '4.7.650', status: 'deferred', tls: null,
        problem: { kind: 'reply', relay: relay('hotmail-com.olc.protection.outlook.com', '52.101.68.12'), reply: reply(451, '4.7.650', 'The mail server [IP] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775) [Name=Protocol Filter Agent][AGT=PFA][MxId=11BA8E0D8…', 'MAIL FROM') },
        recipientDomain: 'hotmail.com',
      },
    ],
    ['postfix/smtp', '3F2A11C0123: host example-org.mail.protection.outlook.com[52.101.68.12] said: 451 4.7.500 Server busy. Please try again later from [203.0.113.5]. (S77714) [AM4PEPF00027A6C.eurprd04.prod.outlook.com] (in reply to MAIL FROM command)', relayProblem('3F2A11C0123', { kind: 'reply', relay: relay('example-org.mail.protection.outlook.com', '52.101.68.12'), reply: reply(451, '4.7.500', 'Server busy. Please try again later from [IP]. (S77714) [AM4PEPF00027A6C.eurprd04.prod.outlook.com]', 'MAIL FROM') })],
    // Yahoo: its own code after the words looks like an IPv4 address, and goes as one.
    ['postfix/smtp', '3F2A11C0123: host mta7.am0.yahoodns.net[67.195.204.72] said: 421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command)', relayProblem('3F2A11C0123', { kind: 'reply', relay: relay('mta7.am0.yahoodns.net', '67.195.204.72'), reply: reply(421, '4.7.0', '[TSS04] Messages from IP temporarily deferred due to unexpected volume or user complaints - IP; see https://postmaster.yahooinc.com/error-codes', 'MAIL FROM') })],
    // Gmail: a multi-line reply, joined by Postfix, the code and status before every line.
    ['postfix/smtp', '3F2A11C0123: host gmail-smtp-in.l.google.com[2a00:1450:400c:c0b::1a]:25 said: 421-4.7.28 [2001:db8::5      15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. 421 4.7.28 https://support.google.com/mail/answer/188131 a640c23a62f3a-a7a3c1b1e2asi123456466b.123 - gsmtp (in reply to end of DATA command)', relayProblem('3F2A11C0123', { kind: 'reply', relay: relay('gmail-smtp-in.l.google.com', '2a00:1450:400c:c0b::1a', 25), reply: reply(421, '4.7.28', '[IP 15] Our system has detected an unusual rate of unsolicited mail originating from your IP address. https://support.google.com/mail/answer/188131 a640c23a62f3a-a7a3c1b1e2asi123456466b.123 - gsmtp', 'end of DATA') })],
    ['postfix/smtp', '3F2A11C0123: host alt1.gmail-smtp-in.l.google.com[142.250.153.27] said: 421-4.3.0 Temporary System Problem.  Try again later (10). 421-4.3.0 For more information, go to 421 4.3.0  https://support.google.com/a/answer/3221692 (in reply to RCPT TO command)', relayProblem('3F2A11C0123', { kind: 'reply', relay: relay('alt1.gmail-smtp-in.l.google.com', '142.250.153.27'), reply: reply(421, '4.3.0', 'Temporary System Problem. Try again later (10). For more information, go to https://support.google.com/a/answer/3221692', 'RCPT TO') })],
    // T-Online: an address of its own in the words, which goes too.
    ['postfix/smtp', '3F2A11C0123: host mx00.t-online.de[194.25.134.8] refused to talk to me: 554 IP=203.0.113.5 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)', relayProblem('3F2A11C0123', { kind: 'refused', relay: relay('mx00.t-online.de', '194.25.134.8'), reply: reply(554, null, 'IP=IP - A problem occurred. (Ask your postmaster for help or to contact … to clarify.) (BL)', null) })],
    // A recipient problem: the address in the reply goes.
    [
      'postfix/smtp',
      '5D6E7F8A9B: to=<Bob.Smith@Example.ORG>, orig_to=<bob@example.net>, relay=mx.example.org[203.0.113.5]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=5.1.1, status=bounced (host mx.example.org[203.0.113.5] said: 550 5.1.1 <Bob.Smith@Example.ORG>: Recipient address rejected: User unknown in virtual mailbox table; bob.smith@example.org (in reply to RCPT TO command))',
      {
        kind: 'delivery', queueId: '5D6E7F8A9B', agent: 'smtp', relay: 'mx.example.org[203.0.113.5]:25', delay: 0.8, delays: delays(0.1, 0, 0.3, 0.4), dsn: '5.1.1', status: 'bounced', tls: null,
        problem: { kind: 'reply', relay: relay('mx.example.org', '203.0.113.5'), reply: reply(550, '5.1.1', '<…>: Recipient address rejected: User unknown in virtual mailbox table; …', 'RCPT TO') },
        recipientDomain: 'example.org',
      },
    ],
    // A quoted local part holding what looks like fields: read as the address it is.
    [
      'postfix/smtp',
      '5D6E7F8A9C: to=<"x, status=deferred (host mx[203.0.113.5] said: 451 4.7.650 rate limited John Smith"@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
      { kind: 'delivery', queueId: '5D6E7F8A9C', agent: 'smtp', relay: 'mx.example.org[203.0.113.5]:25', delay: 0.8, delays: delays(0.1, 0, 0.3, 0.4), dsn: '2.0.0', status: 'sent', tls: null, problem: null, recipientDomain: 'example.org' },
    ],
    // An address logged unquoted (before Postfix 3.5, or info_log_address_format=internal) holding a
    // whole line of fields: which `>, relay=` is the real one cannot be told, so the line is not read.
    [
      'postfix/smtp',
      '5D6E7F8A9E: to=<x>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, delay=1, delays=0/0/0/1, dsn=5.7.1, status=bounced (host gmail-smtp-in.l.google.com[142.250.1.26] said: 550 5.7.1 blocked using Spamhaus@attacker.example>, relay=mx.attacker.example[198.51.100.7]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx.attacker.example[198.51.100.7] said: 550 5.1.1 no (in reply to RCPT TO command))',
      known,
    ],
    // A tenant's domain in a big receiver's words goes (it is the recipient's).
    [
      'postfix/smtp',
      '5D6E7F8A9D: to=<bob@contoso.com>, relay=contoso-com.mail.protection.outlook.com[52.101.68.12]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=5.7.510, status=bounced (host contoso-com.mail.protection.outlook.com[52.101.68.12] said: 550 5.7.510 Access denied, [Contoso.com] does not accept email over IPv6 (in reply to RCPT TO command))',
      {
        kind: 'delivery', queueId: '5D6E7F8A9D', agent: 'smtp', relay: 'contoso-com.mail.protection.outlook.com[52.101.68.12]:25', delay: 0.8, delays: delays(0.1, 0, 0.3, 0.4), dsn: '5.7.510', status: 'bounced', tls: null,
        problem: { kind: 'reply', relay: relay('contoso-com.mail.protection.outlook.com', '52.101.68.12'), reply: reply(550, '5.7.510', 'Access denied, [DOMAIN] does not accept email over IPv6', 'RCPT TO') },
        recipientDomain: 'contoso.com',
      },
    ],
    // A multi-line reply without an enhanced status keeps its code.
    ['postfix/smtp', '3F2A11C0123: host mx00.emig.gmx.net[212.227.15.9] refused to talk to me: 554-gmx.net (mxgmx017) Nemesis ESMTP Service not available 554-No SMTP service 554-Reject due to policy restrictions. 554 For explanation visit https://postmaster.gmx.net/en/case?c=hi', relayProblem('3F2A11C0123', { kind: 'refused', relay: relay('mx00.emig.gmx.net', '212.227.15.9'), reply: reply(554, null, 'gmx.net (mxgmx017) Nemesis ESMTP Service not available No SMTP service Reject due to policy restrictions. For explanation visit https://postmaster.gmx.net/en/case?c=hi', null) })],
    // A destination that failed lately: error(8) defers at once with the reason.
    [
      'postfix/error',
      '2298F5F61C: to=<a@example.org>, relay=none, delay=600, delays=600/0/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to mail.example.org[192.0.2.1]:25: Connection timed out)',
      { kind: 'delivery', queueId: '2298F5F61C', agent: 'error', relay: 'none', delay: 600, delays: delays(600, 0, 0, 0), dsn: '4.4.1', status: 'deferred', tls: null, problem: { kind: 'connect', relay: relay('mail.example.org', '192.0.2.1', 25), failure: 'timed-out' }, recipientDomain: 'example.org' },
    ],
    ['postfix/smtp', 'Trusted TLS connection established to gmail-smtp-in.l.google.com[142.250.102.27]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)', relayTls(relay('gmail-smtp-in.l.google.com', '142.250.102.27', 25), 'Trusted', 'TLSv1.3', 'TLS_AES_256_GCM_SHA384', 256)],
    ['postfix/smtp', 'TLS connection established to mx.example.org[203.0.113.5]:25: TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)', relayTls(relay('mx.example.org', '203.0.113.5', 25), null, 'TLSv1', 'DHE-RSA-AES256-SHA', 256)],
    ['postfix/smtp', 'SSL_connect error to mx.example.org[203.0.113.5]:25: -1', { kind: 'relay-tls-failed', relay: relay('mx.example.org', '203.0.113.5', 25) }],
    ['postfix/smtp', '4Xk2Jd0Fh3z9rx7: Cannot start TLS: handshake failure', { kind: 'relay-tls-failed', relay: null }],
    // Look-alikes stay known.
    ['postfix/smtp', '4Xk2Jd0Fh3z9rx7: host mx.example.org said: 451 try later', known],
    ['postfix/smtp', 'connect to mx.example.org: Connection refused', known],
    ['postfix/smtp', 'constructor TLS connection established to mx.example.org[203.0.113.5]:25: TLSv1 with cipher X (1/1 bits)', known],
  ],

  'bounce notifications': [
    ['postfix/bounce', '4Xk2Jd0Fh3z9rx7: sender non-delivery notification: 5B6C7D8E9F', { kind: 'notification', queueId: '4Xk2Jd0Fh3z9rx7', type: 'non-delivery', notificationQueueId: '5B6C7D8E9F' }],
    ['postfix/bounce', 'C93CEB08A046: sender non-delivery notification: B1B894562003', { kind: 'notification', queueId: 'C93CEB08A046', type: 'non-delivery', notificationQueueId: 'B1B894562003' }],
    ['postfix/bounce', '3F2A11C0123: sender delay notification: 4cbdb5Bc0zz9rx7', { kind: 'notification', queueId: '3F2A11C0123', type: 'delay', notificationQueueId: '4cbdb5Bc0zz9rx7' }],
    ['postfix/bounce', '4cbdb56t4MzPjfw: sender delivery status notification: 4cbdb5Bc1zz9rx8', { kind: 'notification', queueId: '4cbdb56t4MzPjfw', type: 'success', notificationQueueId: '4cbdb5Bc1zz9rx8' }],
    ['postfix/bounce', '3F2A11C0123: postmaster non-delivery notification: 3F2A11C0124', { kind: 'notification', queueId: '3F2A11C0123', type: 'non-delivery', notificationQueueId: '3F2A11C0124' }],
    ['postfix/bounce', '3F2A11C0123: sender non-delivery notification: ', unrecognised],
    ['postfix/bounce', 'warning: 3F2A11C0123: undeliverable postmaster notification discarded', unrecognised],
  ],

  'other daemons and programs': [
    ['postfix/anvil', 'statistics: max connection rate 3/60s for (smtp:192.0.2.15) at Mar 23 17:02:35', unrecognised],
    ['postfix/anvil', 'statistics: max cache size 4 at Mar 23 17:02:35', unrecognised],
    ['postfix/master', 'daemon started -- version 3.8.6, configuration /etc/postfix', unrecognised],
    ['postfix/master', 'warning: process /usr/lib/postfix/sbin/smtpd pid 25931 exit status 1', unrecognised],
    ['postfix/pickup', '3F2A11C0123: uid=0 from=<root>', unrecognised],
    ['postfix/postfix-script', 'starting the Postfix mail system', unrecognised],
    ['postfix/scache', 'statistics: start interval Mar 23 17:00:35', unrecognised],
    ['postfix/tlsmgr', 'warning: request to update table btree:/var/lib/postfix/smtpd_scache in non-postfix directory /var/lib/postfix', unrecognised],
    ['postfix/dnsblog', 'addr 198.51.100.66 listed by domain zen.spamhaus.org as 127.0.0.4', unrecognised],
    ['dovecot', 'imap-login: Login: user=<a@example.net>, method=PLAIN, rip=192.0.2.50, lip=192.0.2.25, mpid=1234, TLS, session=<Qz9v1a2b3c4d>', unrecognised],
    ['dovecot', 'connect from mail.example.net[192.0.2.1]', unrecognised],
    [
      'amavis',
      '(01234-05) Passed CLEAN {RelayedInbound}, [192.0.2.1]:51234 [192.0.2.1] <b@example.org> -> <a@example.net>, Queue-ID: 4Xk2Jd0Fh3z9rx7, Message-ID: <20260323.abc@mail.example.org>, mail_id: AbC123, Hits: -1.2, size: 12345, queued_as: 3F2A11C0123, 1234 ms',
      unrecognised,
    ],
    ['opendkim', '4Xk2Jd0Fh3z9rx7: DKIM-Signature field added (s=mail, d=example.net)', unrecognised],
    ['policyd-spf', 'prepend Received-SPF: Pass (mailfrom) identity=mailfrom; client-ip=192.0.2.1; helo=mail.example.org; envelope-from=b@example.org; receiver=<UNKNOWN>', unrecognised],
    ['postgrey', 'action=greylist, reason=new, client_name=mail.example.org, client_address=192.0.2.1, sender=b@example.org, recipient=a@example.net', unrecognised],
    // OpenSMTPD logs as "smtpd" too.
    ['smtpd', '1a2b3c4d5e6f7a8b smtp connected address=192.0.2.1 host=mail.example.org', unrecognised],
  ],

  // Issue 18: postscreen's TLS proxy names a client by [IP]:PORT only; its sessions are followed by that.
  'tlsproxy: connections by address and port': [
    ['postfix/tlsproxy', 'CONNECT from [40.107.22.71]:51234', proxy('connect', '40.107.22.71', 51234)],
    ['postfix/tlsproxy', 'CONNECT from [2a01:111:f403:2612::701]:40022', proxy('connect', '2a01:111:f403:2612::701', 40022)],
    ['postfix/tlsproxy', 'DISCONNECT [40.107.22.71]:51234', proxy('disconnect', '40.107.22.71', 51234)],
    [
      'postfix/tlsproxy',
      'Anonymous TLS connection established from [40.107.22.71]:51234: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
      proxy('established', '40.107.22.71', 51234, { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256 }),
    ],
    [
      'postfix/tlsproxy',
      'Anonymous TLS connection established from [40.107.22.71]:51234 to mx.example.net: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)',
      proxy('established', '40.107.22.71', 51234, { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256 }),
    ],
    ['postfix/tlsproxy', 'TLS connection established from [192.0.2.44]:2525: TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)', proxy('established', '192.0.2.44', 2525, { protocol: 'TLSv1', cipher: 'DHE-RSA-AES256-SHA', bits: 256 })],
    ['postfix-in/tlsproxy', 'Untrusted TLS connection established from [192.0.2.44]:2525: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)', proxy('established', '192.0.2.44', 2525, { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256 })],
    // Its OpenSSL warnings name no client: the connection they belong to disconnects right after them.
    ['postfix/tlsproxy', 'warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:../ssl/statem/statem_srvr.c:1657:', { kind: 'tls-proxy-problem', reason: 'unsupported protocol' }],
    ['postfix/tlsproxy', 'warning: TLS library problem: error:14209102:SSL routines:tls_early_post_process_client_hello:unsupported protocol:ssl/statem/statem_srvr.c:1661:', { kind: 'tls-proxy-problem', reason: 'unsupported protocol' }],
    ['postfix/tlsproxy', 'warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:317:', { kind: 'tls-proxy-problem', reason: 'unexpected eof while reading' }],
    // Look-alikes and hostile lines: known at most, never a session.
    ['postfix/tlsproxy', 'CONNECT from [192.0.2.44]:51234 and more', known],
    ['postfix/tlsproxy', 'CONNECT from [192.0.2.44]:99999', known],
    ['postfix/tlsproxy', 'CONNECT from [192.0.2.44]', known],
    ['postfix/tlsproxy', 'CONNECT from []:25', known],
    ['postfix/tlsproxy', 'DISCONNECT [192.0.2.44]:', known],
    ['postfix/tlsproxy', 'constructor TLS connection established from [192.0.2.44]:2525: TLSv1.2 with cipher X (1/1 bits)', known],
    ['postfix/tlsproxy', 'Anonymous TLS connection established from [192.0.2.44]:2525 TLSv1.2 with cipher X (1/1 bits)', known],
    ['postfix/smtpd', 'constructor TLS connection established from mail.example.org[192.0.2.1]: TLSv1.2 with cipher X (1/1 bits)', unrecognised],
  ],

  // Issue 18: shapes real installations write that mxstatus knows and does not use (yet), counted
  // apart from the unrecognised ones; a look-alike of each stays unrecognised.
  'known, not used (yet)': [
    ['postfix/tlsproxy', 'warning: ciphertext read/write timeout for [192.0.2.44]:51234', known],
    ['postfix/tlsproxy', 'CONNECT to [203.0.113.5]:25', known],
    ['postfix/tlsproxy', 'Verified TLS connection established to mx.example.org[203.0.113.5]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)', known],
    ['postfix/smtpd', 'NOQUEUE: reject_warning: RCPT from unknown[192.0.2.9]: 450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.9]; from=<a@example.org> to=<b@example.net> proto=ESMTP helo=<x>', known],
    ['postfix/smtpd', 'NOQUEUE: discard: RCPT from unknown[192.0.2.9]: <b@example.net>: Recipient address triggers DISCARD action; from=<a@example.org> to=<b@example.net> proto=ESMTP helo=<x>', known],
    ['postfix/smtpd', 'NOQUEUE: filter: RCPT from mail.example.org[192.0.2.1]: <b@example.net>: Recipient address triggers FILTER smtp-amavis:[127.0.0.1]:10024; from=<a@example.org> to=<b@example.net> proto=ESMTP helo=<mail.example.org>', known],
    ['postfix/smtpd', '4Xk2Jd0Fh3z9rx7: proxy-reject: END-OF-MESSAGE: 554 5.7.1 spam; from=<a@example.org> to=<b@example.net> proto=ESMTP helo=<mail.example.org>', known],
    ['postfix/smtpd', 'NOQUEUE: lost connection after CONNECT from unknown[192.0.2.9]', known],
    ['postfix/postscreen', 'NOQUEUE: reject: CONNECT from [192.0.2.9]:40123: too many connections', known],
    ['postfix/postscreen', 'NOQUEUE: reject: CONNECT from [192.0.2.9]:40123: all server ports busy', known],
    ['postfix/postscreen', 'warning: getpeername: Transport endpoint is not connected -- dropping this connection', known],
    ['postfix/qmgr', 'warning: 3F2A11C0123: message rejected: missing end record', known],
    ['postfix/local', '3F2A11C0123: to=<b@example.net>, relay=local, delay=0.1, delays=0.05/0/0/0.05, dsn=5.2.0, status=failed (mailbox unavailable)', known],
    // Look-alikes that stay unrecognised: smtpd's and postscreen's other NOQUEUE words, qmgr's other warnings.
    ['postfix/smtpd', 'NOQUEUE: something new: RCPT from unknown[192.0.2.9]', unrecognised],
    ['postfix/postscreen', 'warning: psc_cache_update: btree:/var/lib/postfix/psc_cache update error', unrecognised],
    ['postfix/qmgr', 'warning: 3F2A11C0123: something else', unrecognised],
  ],
};

const rows: readonly Row[] = Object.values(table).flat();

/** What a line says that no event may repeat: addresses, SASL logins, message-ids. */
function secretsOf(message: string): string[] {
  const secrets = new Set<string>();
  for (const match of message.matchAll(/<([^<>\s]*@[^<>\s]*)>/g)) secrets.add(match[1] ?? '');
  for (const match of message.matchAll(/[\w.+=-]+@[\w-]+(?:\.[\w-]+)+/g)) secrets.add(match[0]);
  for (const match of message.matchAll(/sasl_(?:username|sender)=([^,\s]+)/g)) secrets.add(match[1] ?? '');
  for (const match of message.matchAll(/message-id=<([^>]+)>/gi)) secrets.add(match[1] ?? '');
  secrets.delete('');
  return [...secrets];
}

describe('parsePostfixEvent, table of real lines', () => {
  for (const [section, sectionRows] of Object.entries(table)) {
    describe(section, () => {
      for (const [program, message, expected] of sectionRows) {
        test(`${program}: ${message.slice(0, 110)}`, () => {
          assert.deepEqual(parsePostfixEvent(program, message), expected);
        });
      }
    });
  }
});

describe('privacy', () => {
  test('no event repeats an address, login or message-id of its line', () => {
    let checked = 0;
    for (const [program, message] of rows) {
      const secrets = secretsOf(message);
      if (secrets.length > 0) checked++;
      const json = JSON.stringify(parsePostfixEvent(program, message));
      for (const secret of secrets) assert.ok(!json.includes(secret), `${program}: ${message}\n  leaks ${secret} in ${json}`);
    }
    assert.ok(checked >= 80, `only ${checked} rows carry something private: the check would prove little`);
  });

  test('the secret extraction finds what a line carries', () => {
    assert.deepEqual(
      secretsOf('4cbdb56t4MzPjfw: client=x[192.0.2.1], sasl_method=PLAIN, sasl_username=jdoe.mailbox').sort(),
      ['jdoe.mailbox'],
    );
    assert.deepEqual(secretsOf('5D6E7F8A9C: message-id=<local-part-only-7f3a9c>'), ['local-part-only-7f3a9c']);
    assert.deepEqual(secretsOf('NOQUEUE: reject: RCPT from x[192.0.2.1]: 554 5.7.1 <a@example.com>: Relay access denied; from=<> to=<a@example.com>'), ['a@example.com']);
  });
});

describe('coverage of the table', () => {
  const expected = rows.map(([, , event]) => event);
  const seen = <T extends string>(values: Iterable<T | null | undefined>): Set<string> => new Set([...values].filter((v): v is T => typeof v === 'string'));

  test('has at least 170 rows', () => {
    assert.ok(rows.length >= 170, `${rows.length} rows`);
  });

  test('every event kind', () => {
    assert.deepEqual([...seen(expected.map((e) => e.kind))].sort(), [...postfixEventKinds].sort());
  });

  test('every abort reason, TLS trust, postscreen action, reject class and delivery status', () => {
    const abortReasons: Record<AbortReason, true> = { lost: true, timeout: true, 'too-many-errors': true };
    const trusts: Record<TlsTrust, true> = { Anonymous: true, Untrusted: true, Trusted: true, Verified: true };
    const actions: Record<PostscreenAction, true> = {
      connect: true,
      'pass-new': true,
      'pass-old': true,
      allowlisted: true,
      denylisted: true,
      dnsbl: true,
      pregreet: true,
      hangup: true,
      pipelining: true,
      violation: true,
      disconnect: true,
    };
    const rejectClasses: Record<RejectClass, true> = {
      'unknown-recipient': true,
      'relay-denied': true,
      dnsbl: true,
      'client-host': true,
      helo: true,
      sender: true,
      recipient: true,
      greylisted: true,
      content: true,
      policy: true,
      other: true,
    };
    const statuses: Record<DeliveryStatus, true> = { sent: true, deferred: true, bounced: true, expired: true };
    const pick = <K extends PostfixEvent['kind'], V>(kind: K, field: (event: Extract<PostfixEvent, { kind: K }>) => V): V[] =>
      expected.filter((e): e is Extract<PostfixEvent, { kind: K }> => e.kind === kind).map(field);

    assert.deepEqual([...seen(pick('session-aborted', (e) => e.reason))].sort(), Object.keys(abortReasons).sort());
    assert.deepEqual([...seen(pick('tls-established', (e) => e.trust))].sort(), Object.keys(trusts).sort());
    assert.ok(pick('tls-established', (e) => e.trust).includes(null), 'a Postfix 2.x line without trust');
    assert.deepEqual([...seen(pick('postscreen', (e) => e.action))].sort(), Object.keys(actions).sort());
    assert.deepEqual([...seen(pick('reject', (e) => e.reasonClass))].sort(), Object.keys(rejectClasses).sort());
    assert.deepEqual([...seen(pick('delivery', (e) => e.status))].sort(), Object.keys(statuses).sort());
    assert.deepEqual([...seen(pick('notification', (e) => e.type))].sort(), ['delay', 'non-delivery', 'success']);
    assert.deepEqual([...seen(pick('delivery', (e) => e.agent))].sort(), ['discard', 'error', 'lmtp', 'local', 'pipe', 'qmgr', 'retry', 'smtp', 'virtual']);
  });
});
