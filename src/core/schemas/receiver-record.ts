/**
 * `content/records/receivers/<id>.json`: our deliveries to one receiving organisation, day by day
 * (`ours.json`: to everyone, for our own outbound incidents). Machine-owned; records version 2.
 */
import { z } from 'astro/zod';
import { impactSchema } from './incident-record.ts';

export const receiverDaySchema = z
  .object({
    /** Calendar day in the site's zone, YYYY-MM-DD. */
    date: z.iso.date(),
    /** Our delivery attempts (each recipient, each try). */
    attempts: z.number().int().nonnegative(),
    /** Of them, deferred or refused for the receiver's reasons (never a recipient's: no such user, a full mailbox). */
    problems: z.number().int().nonnegative(),
    /** The worst impact of any outbound incident of this receiver on that day. */
    worst: impactSchema,
  })
  .strict();

export const receiverRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    statusPage: z.url().nullable(),
    /** The last 90 days our relays' logs cover, oldest first. */
    days: z.array(receiverDaySchema),
  })
  .strict();

export type ReceiverRecord = z.infer<typeof receiverRecordSchema>;
export type ReceiverDay = z.infer<typeof receiverDaySchema>;
