import { z } from 'astro/zod';
import { MAX_LINE_LENGTH } from '../parse/parse-syslog-line.ts';
import { COLUMNS } from '../series/day-columns.ts';

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
/** Day, hour and bucket indexes (since 1970) within the same years. */
const dayIndex = z.number().int().min(FIRST / 86_400_000).max(LAST / 86_400_000);
const hourIndex = z.number().int().min(FIRST / 3_600_000).max(LAST / 3_600_000);
const bucketIndex = z.number().int().min(FIRST / 300_000).max(LAST / 300_000);
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
});

const tracker = z.object({
  sessions: z.array(pair(text, openSession)),
  messages: z.array(pair(text, openMessage)),
  recent: z.array(pair(text, openMessage)),
  older: z.array(pair(text, openMessage)),
  lastSweep: z.array(pair(text, time)),
});

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const series = z.object({
  sender: z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/), name: text, statusPage: text.nullable(), known: z.boolean() }),
  trackHosts: z.boolean(),
  strings: z.array(text),
  days: z.array(pair(dayIndex, z.object(Object.fromEntries(COLUMNS.map((name) => [name, base64])) as Record<(typeof COLUMNS)[number], typeof base64>))),
  delays: z.array(pair(hourIndex, z.array(pair(z.number().finite(), count)))),
  hosts: z.array(pair(text, z.object({ ip: text, failuresByHour: z.array(pair(hourIndex, count)), lastTlsOkAt: time.nullable() }))),
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

/** The state of an incremental run, as JSON holds it (the version and settings are checked first). */
export const summarizeStateSchema = z.object({
  version: z.literal(2),
  settings: z.string(),
  files: z.array(filePosition),
  firstTime: time.nullable(),
  lastTime: time.nullable(),
  tracker,
  series: z.array(series),
  mx: z.array(z.object({ name: text, sender: text, buckets: z.array(z.tuple([bucketIndex, count, count])) })).optional(),
});
