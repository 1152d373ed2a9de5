/** `content/records/senders/<id>.json`: one sending organisation's daily history. Machine-owned. */
import { z } from 'astro/zod';
import { impactSchema } from './incident-record.ts';

export const senderDaySchema = z
  .object({
    /** Calendar day in the site's zone, YYYY-MM-DD. */
    date: z.iso.date(),
    connections: z.number().int().nonnegative(),
    failures: z.number().int().nonnegative(),
    /** The worst impact of any incident of this sender on that day. */
    worst: impactSchema,
  })
  .strict();

export const senderRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    statusPage: z.url().nullable(),
    /** The last 90 days the logs cover, oldest first. */
    days: z.array(senderDaySchema),
  })
  .strict();

export type SenderRecord = z.infer<typeof senderRecordSchema>;
export type SenderDay = z.infer<typeof senderDaySchema>;
