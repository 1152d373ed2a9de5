/** `content/records/status.json`: the state as of the last log line. Machine-owned. */
import { z } from 'astro/zod';
import { impactSchema } from './incident-record.ts';

export const statusRecordSchema = z
  .object({
    /** Time of the last log line read (UTC): everything on the site is "as of" this. */
    asOf: z.iso.datetime(),
    /** The worst impact of any ongoing incident. */
    overall: impactSchema,
    senders: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          state: impactSchema,
          /** Ids of the sender's ongoing incidents. */
          ongoing: z.array(z.string()),
        })
        .strict(),
    ),
  })
  .strict();

export type StatusRecord = z.infer<typeof statusRecordSchema>;
