/**
 * In-memory records for tests: the demo's Outlook.com incident, an ongoing one, an incident on our
 * side, and a sender whose every string is hostile. The site's tests add notes
 * (`src/lib/test-fixtures.ts`); the strict XML reader is `./xml-problem.ts`.
 */
import type { IncidentRecord } from '../schemas/incident-record.ts';
import type { SenderRecord } from '../schemas/sender-record.ts';
import { siteConfigSchema } from '../schemas/site-config.ts';
import type { StatusRecord } from '../schemas/status-record.ts';

/** Markup, a CDATA end (twice), quotes, an ampersand and an entity, an emoji, U+2028 and a control character. */
export const HOSTILE = '<script>alert(1)</script> ]]> "q" \'s\' & &amp; 🎉 \u2028 x ]]>\u0001';

export const config = siteConfigSchema.parse({ name: 'Example Mail', site: 'https://status.example.net' });

export function incident(overrides: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
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
};
