/**
 * `content/records/incidents/<id>.json`: one incident with its evidence. Written only by
 * `mxstatus summarize`; read by the site through `src/content.config.ts`.
 */
import { z } from 'astro/zod';
import { INCIDENT_ID } from '../contract.ts';

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

export const incidentRecordSchema = z
  .object({
    /** Stable: the start date in the site's zone, the sender id and the kind. */
    id: z.string().regex(INCIDENT_ID),
    /** The sending organisation; for our own faults id "ours" and the provider's name. */
    sender: z.object({ id: z.string(), name: z.string() }).strict(),
    /**
     * tls-failure, connection-loss, timeout: connections failed; silence: a steady sender sent
     * nothing; reported: no log shows it — staff wrote it up in a note of its own (never in a record
     * file: the site makes it from the note, see src/core/notes/reported-incidents.ts).
     */
    kind: z.enum(['tls-failure', 'connection-loss', 'timeout', 'silence', 'reported']),
    /** Whose side the fault was on. */
    attribution: z.enum(['sender', 'ours']),
    status: z.enum(['ongoing', 'resolved']),
    impact: impactSchema,
    /** First and last failure (UTC). While ongoing, endedAt is the last failure so far. */
    startedAt: isoTime,
    endedAt: isoTime,
    /** Failed and all connections from the sender between start and end. */
    failures: z.number().int().nonnegative(),
    connections: z.number().int().nonnegative(),
    failureRatio: z.number().min(0).max(1),
    /** Sending hosts that failed during the incident: how many, and a sample of them. */
    hosts: z
      .object({
        count: z.number().int().nonnegative(),
        sample: z.array(z.object({ name: z.string(), ip: z.string(), failures: z.number().int() }).strict()),
      })
      .strict(),
    /** Connections and failures per hour (hour start, UTC), from the hour of the start to that of the end. */
    hourly: z.array(
      z.object({ hour: isoTime, connections: z.number().int(), failures: z.number().int() }).strict(),
    ),
    excerpts: z.array(excerptSchema),
    /** The first successful TLS handshake of the sender after the end. */
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
    ourDelivery: z
      .object({
        messages: z.number().int().nonnegative(),
        p50Seconds: z.number().nonnegative(),
        p95Seconds: z.number().nonnegative(),
        maxSeconds: z.number().nonnegative(),
      })
      .strict()
      .nullable(),
  })
  .strict();

export type IncidentRecord = z.infer<typeof incidentRecordSchema>;
export type Excerpt = z.infer<typeof excerptSchema>;
