/**
 * Front matter of `content/notes/<locale>/<id>.md`, written by people. A note explains an
 * incident in plain words; its id is the incident record's id.
 */
import { z } from 'astro/zod';

export const noteSchema = z
  .object({
    /** The incident record this note explains (its file name without `.json`). */
    incident: z.string().optional(),
    /** Headline of the incident page and of feed entries. */
    title: z.string().min(1),
  })
  .strict();

export type Note = z.infer<typeof noteSchema>;
