/** What the unit tests of detection and records share: senders, sessions and series built in memory. */
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import type { AcceptedMessage, SmtpSession } from '../sessions/smtp-session.ts';
import { BUCKET_MS, SenderSeries, type FailureKind } from './sender-series.ts';

/** 23 March 2026, 16:00 UTC (17:00 in Berlin): where the tests' traffic starts. */
export const T0 = Date.parse('2026-03-23T16:00:00Z');
export const MIN = 60_000;
export const DAY = 86_400_000;

export const microsoft: Sender = { id: 'microsoft', name: 'Outlook.com / Microsoft 365', statusPage: 'https://portal.office.com/servicestatus', known: true };
export const google: Sender = { id: 'google', name: 'Gmail / Google', statusPage: null, known: true };
export const yahoo: Sender = { id: 'yahoo', name: 'Yahoo', statusPage: null, known: true };
export const apple: Sender = { id: 'apple', name: 'iCloud / Apple', statusPage: null, known: true };
/** Every sender outside the catalog, counted as one. */
export const other: Sender = { id: 'other', name: 'other', statusPage: null, known: false };

export interface SessionOptions {
  readonly mx?: string;
  readonly host?: string;
  readonly ip?: string;
}

/** The outcome and stage a failure of each kind is logged with. */
const FAILED: Record<FailureKind, Pick<SmtpSession, 'outcome' | 'stage'>> = {
  // lost connection after STARTTLS from mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]
  tls: { outcome: 'tls-failed', stage: 'STARTTLS' },
  // lost connection after CONNECT from mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]
  lost: { outcome: 'lost', stage: 'CONNECT' },
  // timeout after EHLO from mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]
  timeout: { outcome: 'timeout', stage: 'EHLO' },
};

/** A port-25 session from an Outlook.com server: failed (of a kind), or accepted over TLS 1.2. */
export function session(at: number, outcome: FailureKind | 'accepted', options: SessionOptions = {}): SmtpSession {
  const accepted = outcome === 'accepted';
  return {
    host: options.mx ?? 'mx1',
    pid: 1,
    service: 'smtp',
    client: { name: options.host ?? 'mail-am6eur05on2071.outbound.protection.outlook.com', ip: options.ip ?? '40.107.22.71' },
    connectedAt: at,
    ...(accepted ? { outcome: 'accepted', stage: null } : FAILED[outcome]),
    tls: accepted ? { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256 } : null,
    messages: accepted ? 1 : 0,
    rejects: 0,
    authenticated: false,
    authFailed: false,
    closed: true,
  };
}

/** A message accepted on port 25, delivered after `delay` seconds (null: not yet). */
export function message(acceptedAt: number, delay: number | null): AcceptedMessage {
  return { host: 'mx1', client: { name: 'x', ip: 'y' }, service: 'smtp', authenticated: false, acceptedAt, delay, outcome: 'delivered' };
}

/** A sender's series, filled by `fill`; hosts are kept by name for the senders the site may name. */
export function seriesOf(sender: Sender, fill: (series: SenderSeries) => void = () => {}): SenderSeries {
  const series = new SenderSeries(sender, sender.known);
  fill(series);
  return series;
}

/** `failed` failing (TLS) and `ok` accepted sessions, one a minute from `from` on, the failures first. */
export function perMinute(series: SenderSeries, from: number, failed: number, ok: number, options: SessionOptions = {}): void {
  for (let i = 0; i < failed + ok; i++) series.addSession(session(from + i * MIN, i < failed ? 'tls' : 'accepted', options));
}

/** Traffic in each of `buckets` 5-minute buckets from `from` on: `connections` sessions, `failures` of them failed. */
export interface BucketTraffic {
  readonly connections: number;
  readonly failures?: number;
  readonly kind?: FailureKind;
}

/** Sessions in each of `buckets` buckets from `from` (a bucket's start) on, a second apart, the failures first. */
export function perBucket(series: SenderSeries, from: number, buckets: number, traffic: BucketTraffic): void {
  const { connections, failures = 0, kind = 'tls' } = traffic;
  for (let b = 0; b < buckets; b++) {
    for (let i = 0; i < connections; i++) series.addSession(session(from + b * BUCKET_MS + i * 1000, i < failures ? kind : 'accepted'));
  }
}
