/**
 * Incidents no log shows: a user reports a problem our logs cannot see (mail lost before it
 * reached us, a provider's webmail down), and staff write it up in a note of its own. The site
 * shows such a note as an incident of kind `reported`, made here from the note, so that pages,
 * feeds and the API treat it like any other.
 */
import type { IncidentRecord } from '../schemas/incident-record.ts';
import type { Note } from '../schemas/note.ts';
import type { Locale } from '../schemas/site-config.ts';
import { OURS, RECORDS_VERSION } from '../contract.ts';
import { noteRole } from './note-role.ts';

/** A note file: its id (the file name without `.md`), its language and its front matter. */
export interface NoteFile {
  readonly id: string;
  readonly locale: Locale;
  readonly data: Note;
}

export interface ReportedIncidentSettings {
  /** The provider's name: a note without a sender is about our side. */
  readonly name: string;
  /** Languages in order of preference for the note whose front matter counts (default first). */
  readonly locales: readonly Locale[];
  /** Names of the senders a note may name, by id. */
  readonly senderNames: ReadonlyMap<string, string>;
  /** "Now" of the build: an incident whose end is still ahead is ongoing. */
  readonly now: number;
}


/**
 * One incident per stand-alone note id that no record has, from the note of the first language
 * in `locales` that has one: start, end, sender and impact are the note's; counts are zero and
 * there is no evidence.
 *
 * @example
 * reportedIncidents([{ id: '2026-04-02-webmail-login', locale: 'de', data: { type: 'incident', title: 'Webmail', start: new Date('2026-04-02T08:00:00Z'), updates: [] } }], new Set(), settings)[0]?.status // 'ongoing'
 */
export function reportedIncidents(notes: readonly NoteFile[], recordIds: ReadonlySet<string>, settings: ReportedIncidentSettings): IncidentRecord[] {
  const byId = new Map<string, NoteFile>();
  const rank = (locale: Locale) => {
    const i = settings.locales.indexOf(locale);
    return i < 0 ? settings.locales.length : i;
  };
  for (const note of notes) {
    if (noteRole(note, recordIds).kind !== 'reported') continue;
    const chosen = byId.get(note.id);
    if (!chosen || rank(note.locale) < rank(chosen.locale)) byId.set(note.id, note);
  }
  return [...byId.values()]
    .map(({ id, data }) => {
      const startedAt = data.start!.toISOString();
      const resolved = data.end !== undefined && data.end.getTime() <= settings.now;
      const bySender = data.sender !== undefined && data.sender !== OURS;
      return {
        version: RECORDS_VERSION,
        direction: 'inbound' as const,
        id,
        sender: bySender ? { id: data.sender!, name: settings.senderNames.get(data.sender!) ?? data.sender! } : { id: OURS, name: settings.name },
        kind: 'reported' as const,
        attribution: bySender ? ('sender' as const) : ('ours' as const),
        status: resolved ? ('resolved' as const) : ('ongoing' as const),
        impact: data.impact ?? 'minor',
        startedAt,
        // Not over yet: no end to give (the page says so, and never shows a "last failure").
        endedAt: resolved ? data.end!.toISOString() : startedAt,
        failures: 0,
        connections: 0,
        failureRatio: 0,
        hosts: { count: 0, sample: [] },
        hourly: [],
        excerpts: [],
        recovery: null,
        ourDelivery: null,
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
