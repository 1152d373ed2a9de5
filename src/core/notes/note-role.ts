/**
 * What a note under `content/notes/<locale>/` is, decided once for the site and for
 * `mxstatus check`: the note of an incident the logs show, an incident no log shows (it stands
 * alone), a planned maintenance, or an orphan the site never shows.
 */
import { INCIDENT_ID } from '../contract.ts';
import type { Note } from '../schemas/note.ts';

export type NoteRole =
  /** Planned work: shown apart, never changes a state, never an incident's note. */
  | { readonly kind: 'maintenance' }
  /** Explains the incident record `incident` (named by the note's `incident`, else its file name). */
  | { readonly kind: 'incident-note'; readonly incident: string }
  /** An incident no log shows: the site makes the incident `incident` (the file name) from the note. */
  | { readonly kind: 'reported'; readonly incident: string }
  /**
   * Never shown: it names no incident record (`no-record`), or it has a start like an incident
   * of its own but its file name is not an incident id (`not-an-incident-id`).
   */
  | { readonly kind: 'orphan'; readonly key: string; readonly why: 'no-record' | 'not-an-incident-id' };

/** The fields of a note that decide its role: its file name without `.md` and its front matter. */
export interface NoteIdentity {
  readonly id: string;
  readonly data: Pick<Note, 'type' | 'incident' | 'start'>;
}

/**
 * The role of a note, given the ids of the incident records.
 *
 * @example
 * noteRole({ id: '2026-03-19-microsoft-tls-failure', data: { type: 'incident' } }, new Set(['2026-03-19-microsoft-tls-failure'])) // { kind: 'incident-note', incident: '2026-03-19-microsoft-tls-failure' }
 * noteRole({ id: '2026-04-02-webmail-login', data: { type: 'incident', start: new Date('2026-04-02T08:00:00Z') } }, new Set()) // { kind: 'reported', incident: '2026-04-02-webmail-login' }
 */
export function noteRole(note: NoteIdentity, recordIds: ReadonlySet<string>): NoteRole {
  const { id, data } = note;
  if (data.type === 'maintenance') return { kind: 'maintenance' };
  const key = data.incident ?? id;
  if (recordIds.has(key)) return { kind: 'incident-note', incident: key };
  if (data.incident === undefined && data.start !== undefined) {
    return INCIDENT_ID.test(id) ? { kind: 'reported', incident: id } : { kind: 'orphan', key, why: 'not-an-incident-id' };
  }
  return { kind: 'orphan', key, why: 'no-record' };
}
