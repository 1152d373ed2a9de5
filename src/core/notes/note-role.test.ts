import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { noteRole, type NoteIdentity } from './note-role.ts';

const RECORDS = new Set(['2026-03-19-microsoft-tls-failure']);
const start = new Date('2026-04-02T08:00:00Z');

describe('noteRole', () => {
  const table: [string, NoteIdentity, ReturnType<typeof noteRole>][] = [
    ['a note named after a record explains it', { id: '2026-03-19-microsoft-tls-failure', data: { type: 'incident' } }, { kind: 'incident-note', incident: '2026-03-19-microsoft-tls-failure' }],
    ['a note whose incident field names a record explains it, whatever its file name', { id: 'outlook', data: { type: 'incident', incident: '2026-03-19-microsoft-tls-failure' } }, { kind: 'incident-note', incident: '2026-03-19-microsoft-tls-failure' }],
    ['a note with a start, no record and an incident id for a name stands alone', { id: '2026-04-02-webmail-login', data: { type: 'incident', start } }, { kind: 'reported', incident: '2026-04-02-webmail-login' }],
    ['a maintenance is a maintenance, even when named like a record', { id: '2026-03-19-microsoft-tls-failure', data: { type: 'maintenance', start } }, { kind: 'maintenance' }],
    ['a note without start that names no record is an orphan', { id: '2026-04-02-typo', data: { type: 'incident' } }, { kind: 'orphan', key: '2026-04-02-typo', why: 'no-record' }],
    ['a note whose incident field names no record is an orphan, even with a start', { id: 'x', data: { type: 'incident', incident: '2026-03-19-microsoft', start } }, { kind: 'orphan', key: '2026-03-19-microsoft', why: 'no-record' }],
  ];
  for (const [name, note, role] of table) test(name, () => assert.deepEqual(noteRole(note, RECORDS), role));

  describe('edge cases', () => {
    test('a record of the same id wins over a start: the note explains the record', () => {
      assert.deepEqual(noteRole({ id: '2026-03-19-microsoft-tls-failure', data: { type: 'incident', start } }, RECORDS), { kind: 'incident-note', incident: '2026-03-19-microsoft-tls-failure' });
    });
  });

  describe('invalid input', () => {
    for (const id of ['Webmail Login', '2026-4-2-webmail', 'webmail-2026-04-02', '2026-04-02-Webmail', '2026-04-02-webmail login', '2026-04-02-wébmail']) {
      test(`a stand-alone note named ${JSON.stringify(id)} is never shown`, () => {
        assert.deepEqual(noteRole({ id, data: { type: 'incident', start } }, RECORDS), { kind: 'orphan', key: id, why: 'not-an-incident-id' });
      });
    }
  });
});
