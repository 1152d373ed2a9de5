import { getCollection } from 'astro:content';
import type { IncidentRecord } from '../core/schemas/incident-record.ts';
import type { Locale } from '../core/schemas/site-config.ts';
import type { SenderRecord } from '../core/schemas/sender-record.ts';
import type { ReceiverRecord } from '../core/schemas/receiver-record.ts';
import type { StatusRecord } from '../core/schemas/status-record.ts';
import type { Note } from '../core/schemas/note.ts';
import { builtInSenderRules } from '../core/senders/sender-catalog.ts';
import { mergeSenderRules } from '../core/senders/classify-sender.ts';
import { buildTime } from './build-time.ts';
import { OURS } from '../core/contract.ts';
import { noteRole } from '../core/notes/note-role.ts';
import { withoutLegacyFacts } from './legacy-draft.ts';
import { currentState, type CurrentState } from '../core/state/current-state.ts';
import { reportedIncidents } from '../core/notes/reported-incidents.ts';
import { siteConfig } from './site-config.ts';

let incidents: Promise<readonly IncidentRecord[]> | undefined;
let state: Promise<CurrentState> | undefined;
let recordIds: Promise<ReadonlySet<string>> | undefined;

/** `read` worked out once per build and language: every page of a language asks the same. */
function oncePerLocale<T>(read: (locale: Locale) => Promise<T>): (locale: Locale) => Promise<T> {
  const known = new Map<Locale, Promise<T>>();
  return (locale) => {
    let value = known.get(locale);
    if (!value) known.set(locale, (value = read(locale)));
    return value;
  };
}

/** Ids of the incident records, which decide what each note is (`noteRole`). */
function loadRecordIds(): Promise<ReadonlySet<string>> {
  recordIds ??= getCollection('incidents').then((entries) => new Set(entries.map((e) => e.data.id)));
  return recordIds;
}

/**
 * Incidents, newest first: the records, and the incidents no log shows that staff wrote notes for.
 * Worked out once per build: every page, feed and API document asks for them.
 */
export function loadIncidents(): Promise<readonly IncidentRecord[]> {
  incidents ??= readIncidents();
  return incidents;
}

async function readIncidents(): Promise<IncidentRecord[]> {
  const records = (await getCollection('incidents')).map((e) => e.data);
  const notes = (await getCollection('notes')).map((e) => ({ id: e.id.slice(e.id.indexOf('/') + 1), locale: e.id.slice(0, e.id.indexOf('/')) as Locale, data: e.data }));
  const senderNames = new Map<string, string>(mergeSenderRules(builtInSenderRules, siteConfig.senders).map((r) => [r.id, r.name]));
  for (const sender of await loadSenders()) senderNames.set(sender.id, sender.name);
  const reported = reportedIncidents(notes, await loadRecordIds(), {
    name: siteConfig.name,
    locales: [siteConfig.defaultLocale, ...siteConfig.locales.filter((l) => l !== siteConfig.defaultLocale)],
    senderNames,
    now: buildTime(),
  });
  return [...records, ...reported].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.id.localeCompare(b.id));
}

/**
 * The state of our servers, each sender, our delivery to each receiver and the site now, from
 * every incident the site shows: the banner, the badges, the component pages and the API all read
 * this one answer. Our mail to others is as fresh as our relays' last delivery line
 * (`outboundAsOf`), stale after the same `staleAfterMinutes`.
 */
export function loadCurrentState(): Promise<CurrentState> {
  state ??= Promise.all([loadIncidents(), loadSenders(), loadReceivers(), loadStatus()]).then(([all, senders, receivers, status]) => {
    const staleAfterMs = siteConfig.staleAfterMinutes * 60_000;
    return currentState(all, senders.map((s) => s.id), { asOf: status ? Date.parse(status.asOf) : null, now: buildTime(), staleAfterMs }, {
      receiverIds: receivers.map((r) => r.id),
      freshness: { asOf: status?.outboundAsOf ? Date.parse(status.outboundAsOf) : null, now: buildTime(), staleAfterMs },
    });
  });
  return state;
}

export async function loadStatus(): Promise<StatusRecord | null> {
  const [entry] = await getCollection('status');
  return entry?.data ?? null;
}

export interface NoteEntry {
  readonly data: Note;
  readonly body: string;
}

/**
 * Incident notes by incident id, for one language: the notes of records and of incidents no log shows.
 * Worked out once per build and language: every incident page asks, and going through every note
 * for each of them made a site of 5,000 incidents grow with the square of its size.
 */
export const loadNotes = oncePerLocale(readNotes);

async function readNotes(locale: Locale): Promise<Map<string, NoteEntry>> {
  const ids = await loadRecordIds();
  const notes = new Map<string, NoteEntry>();
  for (const e of await getCollection('notes', (e) => e.id.startsWith(`${locale}/`))) {
    const role = noteRole({ id: e.id.slice(locale.length + 1), data: e.data }, ids);
    // Paragraphs an older mxstatus drafted with the first figures of an incident are left out: the page renders them from the record.
    if (role.kind === 'incident-note' || role.kind === 'reported') notes.set(role.incident, { data: e.data, body: withoutLegacyFacts(e.body ?? '', locale) });
  }
  return notes;
}

/** Sending organisations with their daily history, by name. Our own servers are no sender: see `loadOurServers`. */
export async function loadSenders(): Promise<SenderRecord[]> {
  const entries = await getCollection('senders', (e) => e.data.id !== OURS);
  return entries.map((e) => e.data).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Our own servers as a component: every connection to them per day and the days of our own
 * incidents; without days when the records were written before mxstatus kept that history.
 */
export async function loadOurServers(): Promise<SenderRecord> {
  const [entry] = await getCollection('senders', (e) => e.data.id === OURS);
  return entry?.data ?? { id: OURS, name: siteConfig.name, statusPage: null, days: [] };
}

/** Every component with a page and feeds of its own: our own servers first, then the senders. */
export async function loadComponents(): Promise<SenderRecord[]> {
  return [await loadOurServers(), ...(await loadSenders())];
}

/**
 * The receiving organisations our mail goes to, with their daily history, by name (not `ours`:
 * see `loadOurOutbound`). None on a site without relay logs.
 */
export async function loadReceivers(): Promise<ReceiverRecord[]> {
  const entries = await getCollection('receivers', (e) => e.data.id !== OURS);
  return entries.map((e) => e.data).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Our outgoing mail as a whole (`receivers/ours.json`): every delivery attempt per day and the
 * days of our own outbound incidents; null on a site without any receiver record, empty days when
 * the named receivers have records and it has none.
 */
export async function loadOurOutbound(): Promise<ReceiverRecord | null> {
  const entries = await getCollection('receivers');
  const ours = entries.find((e) => e.data.id === OURS);
  if (ours) return ours.data;
  return entries.length > 0 ? { id: OURS, name: siteConfig.name, statusPage: null, days: [] } : null;
}

/** Every component of our mail to others, each with a page and feeds: our outgoing mail as a whole first, then the receivers; none without receiver records. */
export async function loadDeliveryComponents(): Promise<ReceiverRecord[]> {
  const ours = await loadOurOutbound();
  return ours ? [ours, ...(await loadReceivers())] : [];
}

export interface Maintenance {
  readonly id: string;
  readonly data: Note;
  readonly body: string;
}

/** Planned maintenance notes of one language, soonest first, once per build. They never change a state. */
export const loadMaintenance = oncePerLocale(readMaintenance);

async function readMaintenance(locale: Locale): Promise<Maintenance[]> {
  const ids = await loadRecordIds();
  const entries = await getCollection('notes', (e) => e.id.startsWith(`${locale}/`));
  return entries
    .map((e) => ({ id: e.id.slice(locale.length + 1), data: e.data, body: e.body ?? '' }))
    .filter((m) => noteRole(m, ids).kind === 'maintenance')
    .sort((a, b) => (a.data.start?.getTime() ?? 0) - (b.data.start?.getTime() ?? 0));
}
