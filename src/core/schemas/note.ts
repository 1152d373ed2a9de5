/**
 * Front matter of `content/notes/<locale>/<id>.md`, written by people. A note explains an
 * incident in plain words (its id is the incident record's id), or stands alone: an incident no
 * log shows (no record of that id, a `start`, and an `end` once it is over; the file name is its
 * id, `YYYY-MM-DD-words`), or a planned maintenance.
 */
import { z } from 'astro/zod';

/** One entry of a note's timeline, e.g. `{ at: 2026-03-23T18:00:00+01:00, status: resolved, text: "…" }`. */
export const noteUpdateSchema = z
  .object({
    at: z.coerce.date(),
    status: z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'update']).default('update'),
    text: z.string().min(1),
  })
  .strict();

export const noteSchema = z
  .object({
    /** The incident record this note explains (its file name without `.json`). */
    incident: z.string().optional(),
    /** Headline of the page and of feed entries. */
    title: z.string().min(1),
    /** `incident` (default) or `maintenance`: planned work, shown apart, never changing the state. */
    type: z.enum(['incident', 'maintenance']).default('incident'),
    /** For maintenance and for incidents no log shows: when it starts and ends. */
    start: z.coerce.date().optional(),
    end: z.coerce.date().optional(),
    /** The sender a maintenance or stand-alone note concerns (its id), if any. */
    sender: z.string().optional(),
    /** For an incident no log shows: how bad it is (default minor). */
    impact: z.enum(['none', 'minor', 'major', 'critical']).optional(),
    /** Updates posted by staff, shown in the timeline and in the feeds. */
    updates: z.array(noteUpdateSchema).default([]),
  })
  .strict()
  .refine((n) => n.type !== 'maintenance' || (n.start && n.end), { message: 'a maintenance needs start and end', path: ['start'] });

export type Note = z.infer<typeof noteSchema>;
export type NoteUpdate = z.infer<typeof noteUpdateSchema>;
