/**
 * `content/records/incidents/<id>.json`: one incident with its evidence. Written only by
 * `mxstatus summarize`; read by the site through `src/content.config.ts`.
 */
import { z } from 'astro/zod';
import { INCIDENT_ID, RECORDS_VERSION } from '../contract.ts';

const isoTime = z.iso.datetime();

/** How bad an incident is, in rising order. */
export const impactSchema = z.enum(['none', 'minor', 'major', 'critical']);

export type Impact = z.infer<typeof impactSchema>;

/**
 * The worst of some impacts ('none' for none): a day's, a sender's, the site's state.
 *
 * @example
 * worstImpact(['minor', 'major', 'none']) // 'major'
 */
export function worstImpact(impacts: Iterable<Impact>): Impact {
  let worst: Impact = 'none';
  for (const impact of impacts) if (impactSchema.options.indexOf(impact) > impactSchema.options.indexOf(worst)) worst = impact;
  return worst;
}

/** A failed connection, rebuilt from parsed fields (never a raw log line). */
export const excerptSchema = z
  .object({
    /** When the failing session connected. */
    at: isoTime,
    /** Our MX host that logged it. */
    mx: z.string(),
    /** The sending server's reverse-DNS name and address. */
    host: z.string(),
    ip: z.string(),
    /** tls: the handshake failed; lost / timeout: the session ended after `stage`. */
    failure: z.enum(['tls', 'lost', 'timeout']),
    stage: z.string().nullable(),
  })
  .strict();

/** The kinds of an incident of mail to us (and `reported`: one no log shows, see `kind`). */
export const INBOUND_KINDS = ['tls-failure', 'connection-loss', 'timeout', 'silence', 'reported'] as const;

/**
 * The kinds of an incident of our mail to others: the class of most of the receiver's deferrals
 * and refusals — it throttles us (rate-limit), refuses us for our reputation or a blocklist
 * (reputation), for our authentication (SPF, DKIM, DMARC), has trouble of its own (temporary), or
 * cannot be reached (unreachable).
 */
export const OUTBOUND_KINDS = ['rate-limit', 'reputation', 'authentication', 'temporary', 'unreachable'] as const;

export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

const durationsSchema = z
  .object({
    messages: z.number().int().nonnegative(),
    p50Seconds: z.number().nonnegative(),
    p95Seconds: z.number().nonnegative(),
    maxSeconds: z.number().nonnegative(),
  })
  .strict();

/**
 * What only an outbound incident has: how the receiver answered our deliveries, in counts and in
 * its own words (no address, no IP), what became of the mail, and the recovery.
 */
export const outboundEvidenceSchema = z
  .object({
    /** Of the attempts between start and end (`connections`): delivered, deferred, refused for good. */
    sent: z.number().int().nonnegative(),
    deferred: z.number().int().nonnegative(),
    bounced: z.number().int().nonnegative(),
    /**
     * Mail lost: refused for good for the receiver's reasons, or given up after days of deferrals
     * (expired); never more than the receiver's problems. Mail delayed is everything else.
     */
    lost: z.number().int().nonnegative(),
    /**
     * Mail it deferred that is still queued at the end of the logs (neither delivered nor given
     * up): counted for the receiver's latest incident only. While any waits, nothing is said to
     * have arrived in the end.
     */
    waiting: z.number().int().nonnegative().default(0),
    /** The receiver's problems by class, most first. */
    classes: z.array(z.object({ class: z.enum(OUTBOUND_KINDS), count: z.number().int().nonnegative() }).strict()),
    /** The receiver's replies, one per class and code, the earliest first: SMTP code, enhanced status code, its words. */
    replies: z.array(
      z
        .object({
          at: isoTime,
          class: z.enum(OUTBOUND_KINDS),
          code: z.number().int().nullable(),
          enhanced: z.string().nullable(),
          text: z.string(),
        })
        .strict(),
    ),
    /** How long the mail sent from its start until six hours after its end took from our queue to the receiver (seconds). */
    delay: durationsSchema.nullable(),
    /** The first five minutes after the end in which mail went through again, and whether with TLS; null while it goes on. */
    recovery: z.object({ at: isoTime, tls: z.boolean() }).strict().nullable(),
    /** Incidents of ours only: the named receivers that deferred or refused our mail meanwhile. */
    receivers: z.array(z.object({ id: z.string(), name: z.string() }).strict()),
    /**
     * Our hosts that logged deliveries meanwhile (relays, and MX hosts that forward): a later run
     * without one of their logs cannot tell the incident is gone, and keeps the record.
     */
    relays: z.array(z.string()),
  })
  .strict();

export type OutboundEvidence = z.infer<typeof outboundEvidenceSchema>;

export const incidentRecordSchema = z
  .object({
    /**
     * The records' format: absent in records written before mxstatus 0.4 (version 1, all inbound);
     * a record of a later version than this mxstatus knows is refused (upgrade mxstatus).
     */
    version: z.number().int().min(1).max(RECORDS_VERSION, { error: `written by a newer mxstatus (records version above ${RECORDS_VERSION}); upgrade mxstatus` }).default(1),
    /**
     * inbound: mail to us (other organisations' servers could not hand it over); outbound: mail
     * from us to another organisation's recipients. Absent in records of version 1: inbound.
     */
    direction: z.enum(['inbound', 'outbound']).default('inbound'),
    /** Stable: the start date in the site's zone, the organisation's id and the kind. */
    id: z.string().regex(INCIDENT_ID),
    /**
     * The organisation concerned: for inbound incidents the sending one, for outbound ones the
     * receiving one; for our own faults id "ours" and the provider's name.
     */
    sender: z.object({ id: z.string(), name: z.string() }).strict(),
    /**
     * Inbound — tls-failure, connection-loss, timeout: connections failed; silence: a steady sender
     * sent nothing; reported: no log shows it — staff wrote it up in a note of its own (never in a
     * record file: the site makes it from the note, see src/core/notes/reported-incidents.ts).
     * Outbound: see OUTBOUND_KINDS.
     */
    kind: z.enum([...INBOUND_KINDS, ...OUTBOUND_KINDS]),
    /** Whose side the fault was on: the sender's or the receiver's organisation, or ours. */
    attribution: z.enum(['sender', 'receiver', 'ours']),
    status: z.enum(['ongoing', 'resolved']),
    impact: impactSchema,
    /** First and last failure (UTC). While ongoing, endedAt is the last failure so far. */
    startedAt: isoTime,
    endedAt: isoTime,
    /**
     * Failed and all connections from the sender between start and end; outbound: the receiver's
     * deferrals and refusals, and all our delivery attempts to it.
     */
    failures: z.number().int().nonnegative(),
    connections: z.number().int().nonnegative(),
    failureRatio: z.number().min(0).max(1),
    /** Sending hosts that failed during the incident: how many, and a sample of them (outbound: none). */
    hosts: z
      .object({
        count: z.number().int().nonnegative(),
        sample: z.array(z.object({ name: z.string(), ip: z.string(), failures: z.number().int() }).strict()),
      })
      .strict(),
    /** Connections and failures per hour (hour start, UTC), from the hour of the start to that of the end (outbound: attempts and the receiver's problems). */
    hourly: z.array(
      z.object({ hour: isoTime, connections: z.number().int(), failures: z.number().int() }).strict(),
    ),
    excerpts: z.array(excerptSchema),
    /** The first successful TLS handshake of the sender after the end (outbound: null, see `outbound.recovery`). */
    recovery: z
      .object({
        at: isoTime,
        host: z.string(),
        ip: z.string(),
        protocol: z.string(),
        cipher: z.string(),
        /** Of the hosts that failed, how many have since negotiated TLS successfully. */
        hostsRecovered: z.number().int().nonnegative(),
      })
      .strict()
      .nullable(),
    /**
     * Incidents of ours only: each of our MX hosts that had traffic meanwhile, with its
     * connections and failures, and whether the fault was on it (a fault of one host is told from
     * one of all). Absent in records written before mxstatus 0.3.
     */
    ourHosts: z
      .array(z.object({ name: z.string(), connections: z.number().int().nonnegative(), failures: z.number().int().nonnegative(), affected: z.boolean() }).strict())
      .optional(),
    /** Our own delivery delay (seconds) for the mail we did accept from the sender during the incident. */
    ourDelivery: durationsSchema.nullable(),
    /** Outbound incidents only (and always): see outboundEvidenceSchema. */
    outbound: outboundEvidenceSchema.optional(),
  })
  .strict()
  .refine((r) => (r.direction === 'outbound') === (r.outbound !== undefined), { error: 'an outbound incident has "outbound" evidence, an inbound one none', path: ['outbound'] })
  .refine((r) => (r.direction === 'outbound') === (OUTBOUND_KINDS as readonly string[]).includes(r.kind), { error: 'the kind does not belong to the direction', path: ['kind'] })
  .refine((r) => r.direction === 'outbound' || r.attribution !== 'receiver', { error: 'only an outbound incident is the receiver\'s', path: ['attribution'] });

export type IncidentRecord = z.infer<typeof incidentRecordSchema>;
export type Excerpt = z.infer<typeof excerptSchema>;
