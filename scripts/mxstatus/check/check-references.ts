import { join } from 'node:path';
import { currentState } from '../../../src/core/state/current-state.ts';
import { siteConfigSchema, type SiteConfig } from '../../../src/core/schemas/site-config.ts';
import { closestWord } from '../../../src/core/config/closest-word.ts';
import { showValue } from '../../../src/core/config/describe-schema-issue.ts';
import { OURS, outboundComponent } from '../../../src/core/contract.ts';
import { noteRole } from '../../../src/core/notes/note-role.ts';
import { builtInSenderRules } from '../../../src/core/senders/sender-catalog.ts';
import type { LocatedNote, NotesCheck } from '../../../src/core/notes/read-notes.ts';
import { REWRITE_RECORD, type ContentRecords } from '../../../src/core/records/read-records.ts';

export interface ContentToCheck {
  readonly contentDir: string;
  /** Null when site.yaml has problems: the checks that need it (languages, sender rules) are left out. */
  readonly config: SiteConfig | null;
  readonly records: Pick<ContentRecords, 'status' | 'incidents' | 'senders' | 'incidentIds' | 'senderIds'> & Partial<Pick<ContentRecords, 'receiverIds'>>;
  readonly notes: Pick<NotesCheck, 'notes' | 'paths'>;
}



/** Every language site.yaml may offer. */
const OFFERED_LOCALES: readonly string[] = siteConfigSchema.shape.defaultLocale.unwrap().options;

/**
 * What no single file shows: links between records and notes that the site would follow into
 * nothing, and notes it would never show or show in the wrong place. Pure; one line per problem.
 */
export function checkReferences(content: ContentToCheck): string[] {
  return [...statusReferences(content), ...incidentReferences(content), ...noteReferences(content)];
}

/** status.json names the senders of the home page (each links to its page) and their ongoing incidents. */
function statusReferences({ records }: ContentToCheck): string[] {
  const { status, incidents, incidentIds, senderIds } = records;
  const receiverIds = records.receiverIds ?? new Set<string>();
  if (!status) return [];
  const problems: string[] = [];
  const byId = new Map(incidents.map((incident) => [incident.id, incident.data]));
  // What the site will say: the one derivation of the state, over the records that could be read.
  const state = currentState(incidents.map((r) => r.data), status.data.senders.map((s) => s.id), undefined, { receiverIds: status.data.receivers.map((r) => r.id) });
  const components = [
    ...status.data.senders.map((entry, i) => ({ entry, field: `senders[${i}]`, component: entry.id, has: senderIds.has(entry.id), record: 'sender' })),
    ...status.data.receivers.map((entry, i) => ({ entry, field: `receivers[${i}]`, component: outboundComponent(entry.id), has: receiverIds.has(entry.id), record: 'receiver' })),
  ];
  for (const { entry, field: at, component, has, record } of components) {
    if (!has) problems.push(`${status.path}: ${at}.id: no ${record} record, so its link on the home page leads nowhere (got ${showValue(entry.id)}); ${REWRITE_RECORD}`);
    entry.ongoing.forEach((id, j) => {
      const field = `${status.path}: ${at}.ongoing[${j}]`;
      if (!incidentIds.has(id)) problems.push(`${field}: no incident record (got ${showValue(id)}); ${REWRITE_RECORD}`);
      else if (byId.get(id)?.status === 'resolved') problems.push(`${field}: the incident is resolved (got ${showValue(id)}); ${REWRITE_RECORD}`);
    });
    const left = state.of(component).ongoing.filter((id) => !entry.ongoing.includes(id));
    for (const id of left) problems.push(`${status.path}: ${at}.ongoing: leaves out the ongoing incident ${id} (got ${showValue(entry.ongoing)}); ${REWRITE_RECORD}`);
  }
  // Only when every incident record could be read: a broken one may be the worst.
  if (incidents.length === incidentIds.size) {
    const worst = state.overall;
    if (status.data.overall !== worst) problems.push(`${status.path}: overall: not the worst impact of the ongoing incidents, ${worst} (got ${showValue(status.data.overall)}); ${REWRITE_RECORD}`);
  }
  return problems;
}

/** An incident page links to its sender's (or, for our mail to others, its receiver's) page and feeds. */
function incidentReferences({ records }: ContentToCheck): string[] {
  const receiverIds = records.receiverIds ?? new Set<string>();
  return records.incidents
    .filter(({ data }) => (data.attribution === 'sender' && !records.senderIds.has(data.sender.id)) || (data.attribution === 'receiver' && !receiverIds.has(data.sender.id)))
    .map(({ path, data }) => `${path}: sender.id: no ${data.attribution} record, so the incident links to a page that does not exist (got ${showValue(data.sender.id)}); ${REWRITE_RECORD}`);
}

/**
 * The site shows a note on the page of the incident it names (`incident`, else its file name);
 * every other note must be a maintenance, which is shown on the home page in its own language.
 */
function noteReferences(content: ContentToCheck): string[] {
  const { config, records, notes } = content;
  const incidentsDir = join(content.contentDir, 'records', 'incidents');
  const incidents = new Map(records.incidents.map((incident) => [incident.id, incident.data]));
  const knownSenders = new Set([OURS, ...records.senderIds, ...builtInSenderRules.map((rule) => rule.id), ...(config?.senders ?? []).map((rule) => rule.id)]);
  const shown = new Map<string, LocatedNote>();
  const problems: string[] = [];
  for (const note of notes.notes) {
    const { path, data } = note;
    if (config && !(config.locales as readonly string[]).includes(note.locale)) {
      const folders = config.locales.map((locale) => join(content.contentDir, 'notes', locale)).join(' or ');
      const add = OFFERED_LOCALES.includes(note.locale) ? `, or add ${note.locale} to locales in site.yaml` : '';
      problems.push(`${path}: language folder: not one of locales in site.yaml, so the note is never shown (got ${showValue(note.locale)}); move it to ${folders}${add}`);
      continue;
    }
    // The field the note is found by: `incident`, else its file name.
    const key = data.incident ?? note.id;
    const field = data.incident === undefined ? 'file name' : 'incident';
    const twin = shown.get(`${note.locale}/${key}`);
    if (twin) problems.push(`${path}: ${field}: the same incident as ${twin.path} (got ${showValue(key)}); merge the two notes: the site shows only one of them`);
    shown.set(`${note.locale}/${key}`, note);

    const role = noteRole(note, records.incidentIds);
    if (role.kind === 'maintenance') {
      if (data.incident !== undefined) problems.push(`${path}: incident: not for a maintenance (got ${showValue(data.incident)}); remove it: the site would show this maintenance as that incident's note`);
      else if (records.incidentIds.has(note.id)) problems.push(`${path}: file name: the id of an incident record (got ${showValue(note.id)}); rename the file: the site would show this maintenance as that incident's note`);
      if (data.start && data.end && data.end < data.start) problems.push(`${path}: end: before start ${showValue(data.start)} (got ${showValue(data.end)}); put end after start`);
      if (config && data.sender !== undefined && !knownSenders.has(data.sender)) {
        const meant = closestWord(data.sender, knownSenders);
        problems.push(`${path}: sender: not a known sender (got ${showValue(data.sender)}); use ${meant ?? 'the id of a sender record or sender rule, e.g. microsoft'}`);
      }
      for (const locale of config?.locales ?? []) {
        const translation = join(content.contentDir, 'notes', locale, `${note.id}.md`);
        if (locale !== note.locale && !notes.paths.has(translation)) {
          problems.push(`${path}: no ${locale} version (${translation} is missing); add it, or the ${locale} pages will not show this maintenance`);
        }
      }
      continue;
    }

    if (role.kind === 'reported' || (role.kind === 'orphan' && role.why === 'not-an-incident-id')) {
      // An incident no log shows: the site makes it from this note (src/core/notes/reported-incidents.ts).
      if (role.kind === 'orphan') problems.push(`${path}: file name: not an incident id, so the note is never shown (got ${showValue(note.id)}); name it after the day it began and a few words, e.g. 2026-04-02-webmail-login.md`);
      if (data.start && data.end && data.end < data.start) problems.push(`${path}: end: before start ${showValue(data.start)} (got ${showValue(data.end)}); put end after start`);
      if (config && data.sender !== undefined && !knownSenders.has(data.sender)) {
        const meant = closestWord(data.sender, knownSenders);
        problems.push(`${path}: sender: not a known sender (got ${showValue(data.sender)}); use ${meant ?? 'the id of a sender record or sender rule, e.g. microsoft'}`);
      }
      continue;
    }

    const record = incidents.get(key);
    if (role.kind === 'orphan') {
      const meant = closestWord(key, records.incidentIds);
      let fix: string;
      if (field === 'incident') fix = meant ? `set incident: ${meant}` : `name an incident of ${incidentsDir}`;
      else fix = meant ? `rename the file to ${meant}.md` : `name it after an incident of ${incidentsDir}, give it a start if no log shows the incident, or make it type: maintenance with start and end`;
      problems.push(`${path}: ${field}: no incident record of that id, so the note is never shown (got ${showValue(key)}); ${fix}`);
    } else if (record && data.sender !== undefined && data.sender !== record.sender.id) {
      problems.push(`${path}: sender: not the incident's sender ${record.sender.id} (got ${showValue(data.sender)}); remove it: the note of an incident takes its sender from the record`);
    }
  }
  return problems;
}
