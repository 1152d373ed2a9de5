import { z } from 'astro/zod';
import { MAX_LINE_LENGTH } from '../parse/parse-syslog-line.ts';
import { COLUMNS } from '../series/day-columns.ts';
import type { ProblemClass } from '../outbound/problem-class.ts';
import { PROBLEM_CLASSES } from '../outbound/receiver-series.ts';

/**
 * The shape of the state file (see SummarizeState), checked whole when it is loaded: a state
 * damaged on disk or edited by hand is refused (exit 8) instead of failing half-way through a run
 * or, worse, being taken at its word. What the shape cannot say (a day's columns of the right
 * length, string ids inside the series' string table) the series check when restored.
 */
/** Times between 2000 and 2100: anything else is damage (and would make timelines of any length). */
const FIRST = Date.UTC(2000, 0, 1);
const LAST = Date.UTC(2100, 0, 1);
const time = z.number().min(FIRST).max(LAST);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** No field of a log line is longer than a line the parser reads (MAX_LINE_LENGTH). */
const text = z.string().max(MAX_LINE_LENGTH);
const pair = <K extends z.ZodType, V extends z.ZodType>(key: K, value: V) => z.tuple([key, value]);

const client = z.object({ name: text, ip: text });
const tls = z.object({ protocol: text, cipher: text, bits: count }).nullable();

const openSession = z.object({
  host: text,
  pid: count,
  service: text,
  client,
  connectedAt: time,
  tls,
  handshakeFailed: z.boolean(),
  abort: z.object({ reason: z.enum(['lost', 'timeout', 'too-many-errors']), stage: text }).nullable(),
  messages: count,
  lastQueueId: text.nullable(),
  rejects: count,
  authenticated: z.boolean(),
  authFailed: z.boolean(),
  proxyPort: z.number().int().min(0).max(65_535).optional(),
});

const openMessage = z.object({
  host: text,
  client,
  service: text,
  authenticated: z.boolean(),
  acceptedAt: time,
  carriedDelay: z.number().finite().nonnegative(),
  delay: z.number().finite().nonnegative().nullable(),
  outcome: z.enum(['delivered', 'bounced', 'expired', 'unknown']),
  forwarded: z.boolean(),
  removedAt: time.optional(),
});

const tracker = z.object({
  sessions: z.array(pair(text, openSession)),
  messages: z.array(pair(text, openMessage)),
  recent: z.array(pair(text, openMessage)),
  older: z.array(pair(text, openMessage)),
  lastSweep: z.array(pair(text, time)),
  proxyProblems: z.array(z.tuple([text, count, time, z.boolean()])).optional(),
  proxyHosts: z.array(text).optional(),
});

/**
 * A series as the schema checks it: its sender and flags. Its bulk (strings, days, delays, hosts:
 * hundreds of thousands of values in a state of a busy MX) is checked by checkStateBulk, by hand:
 * the same rules, at a small part of zod's cost per value, which was most of an incremental run's
 * start.
 */
/**
 * An array whose items checkStateBulk checks: the schema only says it is one (z.array(z.unknown())
 * went through every item, hundreds of thousands of numbers in a busy MX's state, for nothing).
 */
const bulk = z.custom<unknown[]>((value) => Array.isArray(value), 'not a list');

const series = z.object({
  sender: z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/), name: text, statusPage: text.nullable(), known: z.boolean() }),
  trackHosts: z.boolean(),
  strings: bulk,
  days: bulk,
  delays: bulk,
  hosts: bulk,
});

const filePosition = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  offset: count,
  path: z.string(),
  dev: count,
  ino: count,
  size: count,
  compressed: z.boolean(),
  lastTime: time.nullable(),
  seenAt: time,
  complete: z.literal(true).optional(),
  anchors: z.array(pair(text, time)).max(256).optional(),
  held: z.array(z.string().max(1 << 16)).max(4096).optional(),
});

const problemClass = z.enum(PROBLEM_CLASSES as [ProblemClass, ...ProblemClass[]]);

/** Our relays' deliveries (see OutboundRunState): the series' bulk is checked by checkStateBulk. */
const outbound = z.object({
  tracker: z.object({
    receivers: z.array(pair(text, z.array(z.tuple([text.nullable(), z.number().min(-1).max(LAST), z.number().min(-1).max(LAST), problemClass.nullable()])))),
    tls: z.array(pair(text, text)),
    senders: z.array(pair(text, text)).optional(),
  }),
  series: z.array(
    z.object({
      receiver: z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/), name: text, statusPage: text.nullable(), known: z.boolean() }).nullable(),
      buckets: bulk,
      times: bulk,
      samples: bulk,
      delays: bulk,
      heldDelays: bulk,
      heldLongest: z.array(z.tuple([z.number().int().min(FIRST / 3_600_000).max(LAST / 3_600_000), z.number().finite().nonnegative()])),
    }),
  ),
  relays: z.array(pair(text, bulk)),
  lastLines: z.array(pair(text, time)),
});

/** The state of an incremental run, as JSON holds it (the version and settings are checked first). */
export const summarizeStateSchema = z.object({
  version: z.literal(2),
  settings: z.string(),
  files: z.array(filePosition),
  firstTime: time.nullable(),
  lastTime: time.nullable(),
  tracker,
  series: z.array(series),
  mx: z.array(z.object({ name: text, sender: text, buckets: bulk })).optional(),
  outbound: outbound.optional(),
});

/** Where in the state a value breaks the rules, and which. */
export interface StateIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
const isCount = (value: unknown) => isInt(value, 0, Number.MAX_SAFE_INTEGER);
/** Day, hour and bucket indexes (since 1970) within the same years. */
const isDay = (value: unknown) => isInt(value, FIRST / 86_400_000, LAST / 86_400_000);
const isHour = (value: unknown) => isInt(value, FIRST / 3_600_000, LAST / 3_600_000);
const isBucket = (value: unknown) => isInt(value, FIRST / 300_000, LAST / 300_000);
const isTime = (value: unknown) => typeof value === 'number' && value >= FIRST && value <= LAST;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_LINE_LENGTH;
const isPair = (value: unknown): value is [unknown, unknown] => Array.isArray(value) && value.length === 2;

/**
 * Checks what the schema leaves to it (the series' strings, days, delays and hosts, and the counts
 * by MX host), with the schema's rules: the first value that breaks one, or null. Run after the
 * schema, which has checked the arrays are arrays.
 */
export function checkStateBulk(state: {
  readonly series: readonly Record<string, unknown[]>[];
  readonly mx?: readonly Record<string, unknown>[];
  readonly outbound?: { readonly series: readonly Record<string, unknown>[]; readonly relays: readonly (readonly [string, unknown])[] };
}): StateIssue | null {
  for (const [i, one] of state.series.entries()) {
    const at = (...path: (string | number)[]) => ['series', i, ...path];
    for (const [k, text] of one.strings!.entries()) if (!isText(text)) return { path: at('strings', k), message: 'not a string of a log line' };
    for (const [k, day] of one.days!.entries()) {
      if (!isPair(day) || !isDay(day[0]) || !(typeof day[1] === 'string' || (typeof day[1] === 'object' && day[1] !== null))) return { path: at('days', k), message: 'not a [day, columns] pair' };
      // A day's deflated bytes (see EncodedDay), or, in a state of 0.3, each column's bytes.
      if (typeof day[1] === 'string') {
        if (!BASE64.test(day[1])) return { path: at('days', k, 1), message: 'not base64' };
        continue;
      }
      const columns = day[1] as Record<string, unknown>;
      for (const name of COLUMNS) {
        const value = columns[name];
        if (typeof value !== 'string' || !BASE64.test(value)) return { path: at('days', k, 1, name), message: 'not base64' };
      }
    }
    for (const [k, hour] of one.delays!.entries()) {
      if (!Array.isArray(hour) || hour.length % 2 !== 1 || !isHour(hour[0])) return { path: at('delays', k), message: 'not [hour, bin, count, …]' };
      for (let b = 1; b < hour.length; b += 2) if (typeof hour[b] !== 'number' || !Number.isFinite(hour[b]) || !isCount(hour[b + 1])) return { path: at('delays', k, b), message: 'not a bin and its count' };
    }
    for (const [k, host] of one.hosts!.entries()) {
      const value = isPair(host) ? (host[1] as Record<string, unknown> | null) : null;
      if (!isPair(host) || !isText(host[0]) || typeof value !== 'object' || value === null || !isText(value.ip) || !Array.isArray(value.failuresByHour) || !(value.lastTlsOkAt === null || isTime(value.lastTlsOkAt))) {
        return { path: at('hosts', k), message: 'not a [name, host] pair' };
      }
      const failures = value.failuresByHour as unknown[];
      if (failures.length % 2 !== 0) return { path: at('hosts', k, 1, 'failuresByHour'), message: 'not [hour, count, …]' };
      for (let f = 0; f < failures.length; f += 2) if (!isHour(failures[f]) || !isCount(failures[f + 1])) return { path: at('hosts', k, 1, 'failuresByHour'), message: 'not an hour and its count' };
    }
  }
  const outboundIssue = state.outbound ? checkOutboundBulk(state.outbound) : null;
  if (outboundIssue) return outboundIssue;
  for (const [i, host] of (state.mx ?? []).entries()) {
    const buckets = host.buckets as unknown[];
    if (buckets.length % 3 !== 0) return { path: ['mx', i, 'buckets'], message: 'not [bucket, connections, failures, …]' };
    for (let k = 0; k < buckets.length; k += 3) {
      if (!isBucket(buckets[k]) || !isCount(buckets[k + 1]) || !isCount(buckets[k + 2])) return { path: ['mx', i, 'buckets', k], message: 'not a bucket with its connections and failures' };
    }
  }
  return null;
}

/** The outbound series' buckets, problem times, samples and delays, and the relays' buckets (see checkStateBulk). */
function checkOutboundBulk(outbound: { readonly series: readonly Record<string, unknown>[]; readonly relays: readonly (readonly [string, unknown])[] }): StateIssue | null {
  for (const [i, one] of outbound.series.entries()) {
    const at = (...path: (string | number)[]) => ['outbound', 'series', i, ...path];
    for (const [k, bucket] of (one.buckets as unknown[]).entries()) {
      // Counters are 32-bit (Int32Array): a larger one would wrap.
      if (!Array.isArray(bucket) || !isBucket(bucket[0]) || !bucket.slice(1).every((n) => isInt(n, 0, 2 ** 31 - 1))) return { path: at('buckets', k), message: 'not [bucket, counts…]' };
    }
    for (const [k, times] of (one.times as unknown[]).entries()) {
      if (!Array.isArray(times) || times.length !== 3 || !isBucket(times[0]) || !isTime(times[1]) || !isTime(times[2])) return { path: at('times', k), message: 'not [bucket, first, last]' };
    }
    for (const [k, sample] of (one.samples as unknown[]).entries()) {
      const value = isPair(sample) ? (sample[1] as Record<string, unknown> | null) : null;
      const ok =
        isPair(sample) && isBucket(sample[0]) && typeof value === 'object' && value !== null && isTime(value.at) && (PROBLEM_CLASSES as readonly unknown[]).includes(value.problemClass) &&
        (value.code === null || isInt(value.code, 0, 999)) && (value.enhanced === null || isText(value.enhanced)) && isText(value.text);
      if (!ok) return { path: at('samples', k), message: 'not [bucket, reply]' };
    }
    for (const name of ['delays', 'heldDelays']) {
      for (const [k, hour] of (one[name] as unknown[]).entries()) {
        if (!Array.isArray(hour) || hour.length % 2 !== 1 || !isHour(hour[0])) return { path: at(name, k), message: 'not [hour, bin, count, …]' };
        for (let b = 1; b < hour.length; b += 2) if (typeof hour[b] !== 'number' || !Number.isFinite(hour[b]) || !isCount(hour[b + 1])) return { path: at(name, k, b), message: 'not a bin and its count' };
      }
    }
  }
  for (const [i, [, buckets]] of outbound.relays.entries()) {
    if (!(buckets as unknown[]).every(isBucket)) return { path: ['outbound', 'relays', i, 1], message: 'not a list of buckets' };
  }
  return null;
}

/**
 * A state of mxstatus 0.3 in today's forms, in place: its delays as [hour, [[bin, count], …]], its
 * hosts' failures as [[hour, count], …] and its counts by MX host as [bucket, connections,
 * failures] triples become flat arrays (JSON reads them in a fifth of the time). Only what has
 * exactly the old shape is changed; anything else is left for the checks to refuse.
 */
export function migrateStateForms(state: { series?: unknown; mx?: unknown }): void {
  const tuples = (value: unknown, width: number): value is number[][] =>
    Array.isArray(value) && value.every((item) => Array.isArray(item) && item.length === width && item.every((n) => typeof n === 'number'));
  if (Array.isArray(state.series)) {
    for (const one of state.series as (Record<string, unknown> | null)[]) {
      if (!one || typeof one !== 'object') continue;
      if (Array.isArray(one.delays)) {
        one.delays = one.delays.map((hour: unknown) => (Array.isArray(hour) && hour.length === 2 && tuples(hour[1], 2) ? [hour[0], ...hour[1].flat()] : hour));
      }
      for (const host of Array.isArray(one.hosts) ? (one.hosts as unknown[]) : []) {
        const value = Array.isArray(host) ? (host[1] as Record<string, unknown> | null) : null;
        if (value && typeof value === 'object' && Array.isArray(value.failuresByHour) && value.failuresByHour.length > 0 && tuples(value.failuresByHour, 2)) value.failuresByHour = value.failuresByHour.flat();
      }
    }
  }
  for (const host of Array.isArray(state.mx) ? (state.mx as (Record<string, unknown> | null)[]) : []) {
    if (host && typeof host === 'object' && Array.isArray(host.buckets) && host.buckets.length > 0 && tuples(host.buckets, 3)) host.buckets = host.buckets.flat();
  }
}
