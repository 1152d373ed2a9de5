import { detachString as detach } from '../parse/detach-string.ts';
import type { Sender } from '../senders/classify-sender.ts';
import type { AcceptedMessage, SmtpSession } from '../sessions/smtp-session.ts';

export const BUCKET_MS = 5 * 60_000;
export const HOUR_MS = 3_600_000;

export type FailureKind = 'tls' | 'lost' | 'timeout';

/** One failed connection as evidence: rebuilt from parsed fields, never a raw log line. */
export interface FailureSample {
  readonly at: number;
  readonly mx: string;
  readonly host: string;
  readonly ip: string;
  readonly kind: FailureKind;
  readonly stage: string | null;
}

/** The first successful TLS handshake in a bucket: the evidence of a recovery. */
export interface TlsSample {
  readonly at: number;
  readonly mx: string;
  readonly host: string;
  readonly ip: string;
  readonly protocol: string;
  readonly cipher: string;
}

/** Counters of one sender over one 5-minute bucket. */
export interface SeriesBucket {
  connections: number;
  tlsOk: number;
  failures: Record<FailureKind, number>;
  accepted: number;
  firstFailure: FailureSample | null;
  lastFailureAt: number | null;
  firstTls: TlsSample | null;
  /** Our delivery delays of mail accepted in this bucket, as a log-scale histogram (see delayBin). */
  delays: Map<number, number>;
  maxDelay: number;
}

/** A sending host that failed: its address and failures per hour (hour index → count). */
export interface FailingHost {
  readonly ip: string;
  readonly failuresByHour: Map<number, number>;
  lastTlsOkAt: number | null;
}

export interface SenderSeries {
  readonly sender: Sender;
  /** Bucket start (UTC ms) → counters. */
  readonly buckets: Map<number, SeriesBucket>;
  /** Host name → its failures, and its last success after it first failed. */
  readonly hosts: Map<string, FailingHost>;
}

/** Whether a finished session counts against its sender: it failed before a message was through. */
export function failureKindOf(session: SmtpSession): FailureKind | null {
  // Bots that fail at AUTH are noise, not a sender's trouble.
  if (session.authFailed) return null;
  switch (session.outcome) {
    case 'tls-failed':
      return 'tls';
    case 'lost':
      return session.stage === 'AUTH' ? null : 'lost';
    case 'timeout':
      return session.stage === 'AUTH' ? null : 'timeout';
    default:
      return null;
  }
}

export function emptyBucket(): SeriesBucket {
  return {
    connections: 0,
    tlsOk: 0,
    failures: { tls: 0, lost: 0, timeout: 0 },
    accepted: 0,
    firstFailure: null,
    lastFailureAt: null,
    firstTls: null,
    delays: new Map(),
    maxDelay: 0,
  };
}

export function createSenderSeries(sender: Sender): SenderSeries {
  return { sender, buckets: new Map(), hosts: new Map() };
}

function bucketAt(series: SenderSeries, time: number): SeriesBucket {
  const start = time - (((time % BUCKET_MS) + BUCKET_MS) % BUCKET_MS);
  let bucket = series.buckets.get(start);
  if (!bucket) {
    bucket = emptyBucket();
    series.buckets.set(start, bucket);
  }
  return bucket;
}

/** Counts one finished inbound session. */
export function addSession(series: SenderSeries, session: SmtpSession): void {
  const at = session.connectedAt;
  const bucket = bucketAt(series, at);
  bucket.connections++;
  const { name, ip } = session.client;
  if (session.tls) {
    bucket.tlsOk++;
    const sample = { at, mx: session.host, host: name, ip, protocol: session.tls.protocol, cipher: session.tls.cipher };
    if (!bucket.firstTls || isEarlier(sample, bucket.firstTls)) bucket.firstTls = detachSample(sample);
    const failing = series.hosts.get(name);
    if (failing) failing.lastTlsOkAt = Math.max(failing.lastTlsOkAt ?? at, at);
  }
  const kind = failureKindOf(session);
  if (kind) {
    bucket.failures[kind]++;
    const sample = { at, mx: session.host, host: name, ip, kind, stage: session.stage };
    if (!bucket.firstFailure || isEarlier(sample, bucket.firstFailure)) bucket.firstFailure = detachSample(sample);
    bucket.lastFailureAt = Math.max(bucket.lastFailureAt ?? at, at);
    let host = series.hosts.get(name);
    if (!host) {
      host = { ip: detach(ip), failuresByHour: new Map(), lastTlsOkAt: null };
      series.hosts.set(detach(name), host);
    }
    const hour = Math.floor(at / HOUR_MS);
    host.failuresByHour.set(hour, (host.failuresByHour.get(hour) ?? 0) + 1);
  }
}

/** Counts one accepted message and, once delivered, our delay for it. */
export function addMessage(series: SenderSeries, message: AcceptedMessage): void {
  const bucket = bucketAt(series, message.acceptedAt);
  bucket.accepted++;
  if (message.delay !== null) {
    const bin = delayBin(message.delay);
    bucket.delays.set(bin, (bucket.delays.get(bin) ?? 0) + 1);
    bucket.maxDelay = Math.max(bucket.maxDelay, message.delay);
  }
}

/**
 * Log-scale bins of about 10 % width: bin b holds delays up to 0.01 s × 1.1^b. Percentiles read
 * from it are exact to within one bin.
 */
export function delayBin(seconds: number): number {
  return seconds <= 0.01 ? 0 : Math.ceil(Math.log(seconds / 0.01) / Math.log(1.1));
}

export function delayOfBin(bin: number): number {
  return 0.01 * 1.1 ** bin;
}

/** Samples outlive their log line: their strings must not pin the line's read chunk. */
function detachSample<T extends Record<string, unknown>>(sample: T): T {
  const copy = { ...sample };
  for (const key of Object.keys(copy) as (keyof T)[]) {
    const value = copy[key];
    if (typeof value === 'string') copy[key] = detach(value) as T[keyof T];
  }
  return copy;
}

function isEarlier(a: { at: number; mx: string; host: string }, b: { at: number; mx: string; host: string }): boolean {
  return a.at < b.at || (a.at === b.at && (a.mx < b.mx || (a.mx === b.mx && a.host < b.host)));
}
