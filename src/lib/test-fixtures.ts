/**
 * In-memory notes for the tests of the feeds and the API, beside the records of
 * `src/core/testing/records.ts` (re-exported here, so that a site test imports one module).
 */
import { noteSchema } from '../core/schemas/note.ts';
import type { Maintenance, NoteEntry } from './site-data.ts';

export * from '../core/testing/records.ts';

export function note(data: Record<string, unknown>, body = ''): NoteEntry {
  return { data: noteSchema.parse(data), body };
}

export function maintenance(id: string, data: Record<string, unknown>, body = ''): Maintenance {
  return { id, data: noteSchema.parse({ type: 'maintenance', ...data }), body };
}
