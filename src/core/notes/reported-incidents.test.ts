import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { noteSchema } from '../schemas/note.ts';
import { incidentRecordSchema } from '../schemas/incident-record.ts';
import { noteRole } from './note-role.ts';
import { reportedIncidents, type NoteFile } from './reported-incidents.ts';

const settings = { name: 'Example Mail', locales: ['de', 'en'] as const, senderNames: new Map([['google', 'Gmail / Google']]), now: Date.parse('2026-03-24T12:00:00Z') };
const file = (id: string, locale: 'de' | 'en', data: Record<string, unknown>): NoteFile => ({ id, locale, data: noteSchema.parse({ title: 't', ...data }) });

describe('reportedIncidents', () => {
  test('a stand-alone note with a start is an incident of kind reported, valid as a record, with no evidence', () => {
    const [incident] = reportedIncidents([file('2026-03-22-webmail-login', 'de', { start: '2026-03-22T08:00:00+01:00', end: '2026-03-22T09:30:00+01:00', impact: 'major' })], new Set(), settings);
    assert.ok(incident);
    assert.deepEqual(incidentRecordSchema.parse(incident), incident);
    assert.deepEqual(
      [incident.id, incident.kind, incident.status, incident.impact, incident.attribution, incident.sender, incident.startedAt, incident.endedAt],
      ['2026-03-22-webmail-login', 'reported', 'resolved', 'major', 'ours', { id: 'ours', name: 'Example Mail' }, '2026-03-22T07:00:00.000Z', '2026-03-22T08:30:00.000Z'],
    );
    assert.deepEqual([incident.failures, incident.hourly, incident.excerpts, incident.recovery], [0, [], [], null]);
  });

  test('without an end, or with one still ahead, it is ongoing; a sender makes it theirs, by its name', () => {
    const incidents = reportedIncidents(
      [file('2026-03-23-gmail-bounces', 'en', { start: '2026-03-23T10:00:00Z', sender: 'google' }), file('2026-03-24-dns', 'en', { start: '2026-03-24T10:00:00Z', end: '2026-03-25T10:00:00Z' })],
      new Set(),
      settings,
    );
    assert.deepEqual(incidents.map((i) => [i.id, i.status, i.attribution, i.sender.name, i.impact]), [
      ['2026-03-23-gmail-bounces', 'ongoing', 'sender', 'Gmail / Google', 'minor'],
      ['2026-03-24-dns', 'ongoing', 'ours', 'Example Mail', 'minor'],
    ]);
  });

  test('one incident per id, from the note of the first language; notes of records, maintenance, notes without a start or an incident id are none', () => {
    const notes = [
      file('2026-03-22-webmail-login', 'en', { start: '2026-03-22T09:00:00Z' }),
      file('2026-03-22-webmail-login', 'de', { start: '2026-03-22T08:00:00Z' }),
      file('2026-03-19-microsoft-tls-failure', 'de', { start: '2026-03-19T08:00:00Z' }),
      file('2026-03-30-upgrade', 'de', { type: 'maintenance', start: '2026-03-30T20:00:00Z', end: '2026-03-30T22:00:00Z' }),
      file('2026-03-21-no-start', 'de', {}),
      file('webmail', 'de', { start: '2026-03-22T08:00:00Z' }),
      file('2026-03-21-named', 'de', { incident: '2026-03-19-microsoft-tls-failure', start: '2026-03-21T08:00:00Z' }),
    ];
    const incidents = reportedIncidents(notes, new Set(['2026-03-19-microsoft-tls-failure']), settings);
    assert.deepEqual(incidents.map((i) => [i.id, i.startedAt]), [['2026-03-22-webmail-login', '2026-03-22T08:00:00.000Z']]);
    const records = new Set(['2026-03-19-microsoft-tls-failure']);
    assert.deepEqual(notes.map((n) => noteRole(n, records).kind), ['reported', 'reported', 'incident-note', 'maintenance', 'orphan', 'orphan', 'incident-note']);
  });
});
