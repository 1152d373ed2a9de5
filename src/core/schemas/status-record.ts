/** `content/records/status.json`: the state as of the last log line. Machine-owned. */
import { z } from 'astro/zod';
import { impactSchema } from './incident-record.ts';

const componentStatus = z
  .object({
    id: z.string(),
    name: z.string(),
    state: impactSchema,
    /** Ids of its ongoing incidents. */
    ongoing: z.array(z.string()),
  })
  .strict();

export const statusRecordSchema = z
  .object({
    /** Time of the last log line read (UTC): everything on the site is "as of" this. */
    asOf: z.iso.datetime(),
    /** The worst impact of any ongoing incident. */
    overall: impactSchema,
    senders: z.array(componentStatus),
    /**
     * Time of the last delivery line of our relays (UTC), or null when the logs hold none: what
     * the site says about our mail to others is "as of" this. Absent before records version 2.
     */
    outboundAsOf: z.iso.datetime().nullable().default(null),
    /** The receiving organisations our mail goes to, by id (absent before records version 2). */
    receivers: z.array(componentStatus).default([]),
  })
  .strict();

export type StatusRecord = z.infer<typeof statusRecordSchema>;
