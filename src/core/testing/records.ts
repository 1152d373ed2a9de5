/**
 * In-memory records for tests: the demo's Outlook.com incident, an ongoing one, an incident on our
 * side, and a sender whose every string is hostile. The site's tests add notes
 * (`src/lib/test-fixtures.ts`); the strict XML reader is `./xml-problem.ts`.
 */
import type { IncidentRecord } from '../schemas/incident-record.ts';
import type { ReceiverRecord } from '../schemas/receiver-record.ts';
import type { SenderRecord } from '../schemas/sender-record.ts';
import { siteConfigSchema } from '../schemas/site-config.ts';
import type { StatusRecord } from '../schemas/status-record.ts';

/** Markup, a CDATA end (twice), quotes, an ampersand and an entity, an emoji, U+2028 and a control character. */
export const HOSTILE = '<script>alert(1)</script> ]]> "q" \'s\' & &amp; 🎉 \u2028 x ]]>\u0001';

export const config = siteConfigSchema.parse({ name: 'Example Mail', site: 'https://status.example.net' });

export function incident(overrides: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
    version: 2,
    direction: 'inbound',
    id: '2026-03-19-microsoft-tls-failure',
    sender: { id: 'microsoft', name: 'Outlook.com' },
    kind: 'tls-failure',
    attribution: 'sender',
    status: 'resolved',
    impact: 'major',
    startedAt: '2026-03-19T08:11:01.000Z',
    endedAt: '2026-03-23T16:43:27.000Z',
    failures: 13138,
    connections: 16888,
    failureRatio: 0.7779,
    hosts: { count: 307, sample: [{ name: 'mail-fra01on2111.outbound.protection.outlook.com', ip: '40.107.22.111', failures: 93 }] },
    hourly: [{ hour: '2026-03-19T08:00:00.000Z', connections: 100, failures: 80 }],
    excerpts: [],
    recovery: {
      at: '2026-03-23T16:45:01.652Z',
      host: 'mail-eur04on2171.outbound.protection.outlook.com',
      ip: '40.107.21.171',
      protocol: 'TLSv1.2',
      cipher: 'ECDHE-RSA-AES256-SHA384',
      hostsRecovered: 255,
    },
    ourDelivery: { messages: 900, p50Seconds: 0.4, p95Seconds: 0.8, maxSeconds: 3 },
    ...overrides,
  };
}

export const resolved = incident();

export const ongoing = incident({
  id: '2026-03-24-google-timeout',
  sender: { id: 'google', name: 'Gmail' },
  kind: 'timeout',
  status: 'ongoing',
  impact: 'minor',
  startedAt: '2026-03-24T09:00:00.000Z',
  endedAt: '2026-03-24T11:40:00.000Z',
  recovery: null,
});

export const ours = incident({
  id: '2026-03-10-ours-tls-failure',
  sender: { id: 'ours', name: 'Example Mail' },
  attribution: 'ours',
  impact: 'critical',
  startedAt: '2026-03-10T02:00:00.000Z',
  endedAt: '2026-03-10T03:00:00.000Z',
  recovery: null,
});

export const hostile = incident({
  id: '2026-03-21-hostile-connection-loss',
  sender: { id: 'hostile', name: HOSTILE },
  kind: 'connection-loss',
  status: 'ongoing',
  impact: 'critical',
  startedAt: '2026-03-21T10:00:00.000Z',
  endedAt: '2026-03-24T11:00:00.000Z',
  recovery: { at: '2026-03-24T11:30:00.000Z', host: HOSTILE, ip: '192.0.2.1', protocol: HOSTILE, cipher: HOSTILE, hostsRecovered: 1 },
});

/** Our mail to Outlook.com throttled for hours (resolved, nothing lost): an outbound incident of the receiver. */
export const throttled = incident({
  direction: 'outbound',
  id: '2026-03-23-microsoft-rate-limit',
  kind: 'rate-limit',
  attribution: 'receiver',
  status: 'resolved',
  impact: 'major',
  startedAt: '2026-03-23T08:02:11.000Z',
  endedAt: '2026-03-23T12:28:40.000Z',
  failures: 1320,
  connections: 1800,
  failureRatio: 0.7333,
  hosts: { count: 0, sample: [] },
  hourly: [
    { hour: '2026-03-23T08:00:00.000Z', connections: 400, failures: 310 },
    { hour: '2026-03-23T09:00:00.000Z', connections: 420, failures: 330 },
  ],
  recovery: null,
  ourDelivery: null,
  outbound: {
    sent: 480,
    deferred: 1320,
    bounced: 0,
    lost: 0,
    waiting: 0,
    classes: [{ class: 'rate-limit', count: 1320 }],
    replies: [
      {
        at: '2026-03-23T08:02:11.000Z',
        class: 'rate-limit',
        code: 451,
        enhanced: '4.7.650',
        text: 'The mail server [IP] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775)',
      },
    ],
    delay: { messages: 910, p50Seconds: 2400, p95Seconds: 14_000, maxSeconds: 16_500 },
    recovery: { at: '2026-03-23T12:30:00.000Z', tls: true },
    receivers: [],
    relays: ['out1.example.net'],
  },
});

/** Gmail refusing our mail for good, still going on: mail lost, users must resend. */
export const refused = incident({
  direction: 'outbound',
  id: '2026-03-24-google-reputation',
  sender: { id: 'google', name: 'Gmail' },
  kind: 'reputation',
  attribution: 'receiver',
  status: 'ongoing',
  impact: 'critical',
  startedAt: '2026-03-24T09:10:00.000Z',
  endedAt: '2026-03-24T11:40:00.000Z',
  failures: 300,
  connections: 320,
  failureRatio: 0.9375,
  hosts: { count: 0, sample: [] },
  hourly: [{ hour: '2026-03-24T09:00:00.000Z', connections: 320, failures: 300 }],
  recovery: null,
  ourDelivery: null,
  outbound: {
    sent: 20,
    deferred: 120,
    bounced: 180,
    lost: 180,
    waiting: 40,
    classes: [{ class: 'reputation', count: 300 }],
    replies: [{ at: '2026-03-24T09:10:00.000Z', class: 'reputation', code: 550, enhanced: '5.7.1', text: 'Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.' }],
    delay: null,
    recovery: null,
    receivers: [],
    relays: ['out1.example.net'],
  },
});

/** Our relay reaching no one (our fault, outbound), resolved. */
export const oursOutbound = incident({
  direction: 'outbound',
  id: '2026-03-12-ours-unreachable',
  sender: { id: 'ours', name: 'Example Mail' },
  kind: 'unreachable',
  attribution: 'ours',
  status: 'resolved',
  impact: 'critical',
  startedAt: '2026-03-12T04:00:00.000Z',
  endedAt: '2026-03-12T05:10:00.000Z',
  failures: 900,
  connections: 950,
  failureRatio: 0.9474,
  hosts: { count: 0, sample: [] },
  hourly: [{ hour: '2026-03-12T04:00:00.000Z', connections: 950, failures: 900 }],
  recovery: null,
  ourDelivery: null,
  outbound: {
    sent: 50,
    deferred: 900,
    bounced: 0,
    lost: 0,
    waiting: 0,
    classes: [{ class: 'unreachable', count: 900 }],
    replies: [{ at: '2026-03-12T04:00:00.000Z', class: 'unreachable', code: null, enhanced: null, text: 'Connection timed out' }],
    delay: { messages: 880, p50Seconds: 1900, p95Seconds: 4100, maxSeconds: 4400 },
    recovery: { at: '2026-03-12T05:15:00.000Z', tls: true },
    receivers: [{ id: 'google', name: 'Gmail' }, { id: 'microsoft', name: 'Outlook.com' }],
    relays: ['out1.example.net', 'out2.example.net'],
  },
});

/** A receiver's daily history: our attempts and its deferrals and refusals. */
export function receiver(id: string, name: string): ReceiverRecord {
  return {
    id,
    name,
    statusPage: null,
    days: [
      { date: '2026-03-16', attempts: 100, problems: 0, worst: 'none' },
      { date: '2026-03-17', attempts: 100, problems: 2, worst: 'none' },
    ],
  };
}

export const receivers = [receiver('microsoft', 'Outlook.com'), receiver('google', 'Gmail'), receiver('ours', 'Example Mail')];

export function sender(id: string, name: string): SenderRecord {
  return {
    id,
    name,
    statusPage: null,
    days: [
      { date: '2026-03-16', connections: 100, failures: 0, worst: 'none' },
      { date: '2026-03-17', connections: 100, failures: 0, worst: 'none' },
    ],
  };
}

export const senders = [sender('microsoft', 'Outlook.com'), sender('google', 'Gmail'), sender('hostile', HOSTILE), sender('yahoo', 'Yahoo')];

export const status: StatusRecord = {
  asOf: '2026-03-24T11:48:22.106Z',
  overall: 'critical',
  senders: senders.map((s) => ({ id: s.id, name: s.name, state: 'none', ongoing: [] })),
  outboundAsOf: null,
  receivers: [],
};
