import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { incidentStatus, incidentUpdates } from './incident-updates.ts';
import { incident, note, ongoing, oursOutbound, refused, resolved, throttled } from './test-fixtures.ts';

describe('incidentUpdates', () => {
  test('our mail to others: the first and last problem in delivery attempts, the recovery when mail went through again', () => {
    assert.deepEqual(
      incidentUpdates(throttled, [], 'de').map((u) => [u.id, new Date(u.at).toISOString(), u.text]),
      [
        ['first', '2026-03-23T08:02:11.000Z', 'Erstes Problem: Drosselung unserer E-Mails (Outlook.com).'],
        ['end', '2026-03-23T12:28:40.000Z', 'Letztes Problem; die Störung ist vorbei. Insgesamt 1.320 von 1.800 Zustellversuchen zurückgestellt oder abgewiesen (73,3\u00a0%).'],
        ['recovery', '2026-03-23T12:30:00.000Z', 'Besserung: Unsere E-Mails gehen wieder durch.'],
      ],
    );
    assert.deepEqual(incidentUpdates(refused, [], 'en').map((u) => u.id), ['first', 'last']);
    assert.equal(incidentUpdates(oursOutbound, [], 'en')[0]!.text, 'First problem on our side: Mail servers unreachable.');
  });

  test('a resolved incident reads first failure, end, recovery, oldest first', () => {
    const updates = incidentUpdates(resolved, [], 'en');
    assert.deepEqual(
      updates.map((u) => [u.id, new Date(u.at).toISOString(), u.status]),
      [
        ['first', '2026-03-19T08:11:01.000Z', 'identified'],
        ['end', '2026-03-23T16:43:27.000Z', 'resolved'],
        ['recovery', '2026-03-23T16:45:01.652Z', 'resolved'],
      ],
    );
    assert.equal(updates[0]!.text, 'First failure: Connections aborted during the TLS handshake (Outlook.com).');
    assert.match(updates[1]!.text, /13,138 of 16,888 connections failed \(77\.8%\)/);
    assert.match(updates[2]!.text, /mail-eur04on2171\.outbound\.protection\.outlook\.com sets up encrypted connections again; 255 of the 307/);
  });

  test('the page, the feeds and the API share one list: no peak hour among the updates', () => {
    assert.deepEqual(incidentUpdates(resolved, [], 'en').map((u) => u.id), ['first', 'end', 'recovery']);
  });

  test('an ongoing incident reads first failure and last failure so far, both identified', () => {
    const updates = incidentUpdates(ongoing, [], 'de');
    assert.deepEqual(updates.map((u) => [u.id, u.status]), [['first', 'identified'], ['last', 'identified']]);
    assert.match(updates[1]!.text, /^Letzter Fehler bisher: 13\.138 von 16\.888/);
  });

  test('staff updates from the note join the timeline in time order', () => {
    const { data } = note({
      title: 'Outlook',
      updates: [
        { at: '2026-03-23T18:00:00+01:00', text: 'All clear.' },
        { at: '2026-03-20T12:00:00Z', status: 'monitoring', text: 'Microsoft is on it.' },
      ],
    });
    const updates = incidentUpdates(resolved, data.updates, 'en');
    assert.deepEqual(updates.map((u) => [u.id, u.status]), [
      ['first', 'identified'],
      ['note-20260320T1200Z', 'monitoring'],
      ['end', 'resolved'],
      ['recovery', 'resolved'],
      ['note-20260323T1700Z', 'resolved'],
    ]);
    assert.equal(updates[1]!.text, 'Microsoft is on it.');
  });

  test("a staff update's id is its time: reordering the note changes no id, two in one minute count on", () => {
    const updates = [
      { at: '2026-03-20T12:00:00Z', status: 'monitoring' as const, text: 'Microsoft is on it.' },
      { at: '2026-03-23T18:00:00+01:00', text: 'All clear.' },
      { at: '2026-03-23T18:00:30+01:00', text: 'Really all clear.' },
    ];
    const ids = (list: typeof updates) => incidentUpdates(resolved, note({ title: 't', updates: list }).data.updates, 'en').map((u) => `${u.id} ${u.text}`);
    assert.deepEqual(ids([...updates].reverse()), ids(updates));
    assert.ok(ids(updates).includes('note-20260323T1700Z-2 Really all clear.'));
  });

  test('a silence speaks of mail that does not arrive, not of failures', () => {
    const silence = incident({ kind: 'silence', recovery: null, failures: 0, connections: 0, failureRatio: 0 });
    assert.deepEqual(incidentUpdates(silence, [], 'en').map((u) => u.text), [
      'No mail from Outlook.com has arrived since this time.',
      'Mail from Outlook.com arrives again.',
    ]);
    assert.equal(incidentUpdates({ ...silence, status: 'ongoing' }, [], 'en')[1]!.text, 'Still no mail from Outlook.com.');
  });

  describe('edge cases', () => {
    test('a staff update at the same instant as the first failure comes after it', () => {
      const { data } = note({ title: 't', updates: [{ at: resolved.startedAt, status: 'investigating', text: 'Looking.' }] });
      assert.deepEqual(incidentUpdates(resolved, data.updates, 'en').slice(0, 2).map((u) => u.id), ['first', 'note-20260319T0811Z']);
    });
  });
});

describe('incidentStatus', () => {
  test('resolved stays resolved whatever staff wrote', () => {
    assert.equal(incidentStatus(resolved, incidentUpdates(resolved, [], 'en')), 'resolved');
  });

  test('ongoing is identified, or the latest state staff gave', () => {
    assert.equal(incidentStatus(ongoing, incidentUpdates(ongoing, [], 'en')), 'identified');
    const { data } = note({ title: 't', updates: [{ at: '2026-03-24T10:00:00Z', status: 'monitoring', text: 'Watching.' }] });
    assert.equal(incidentStatus(ongoing, incidentUpdates(ongoing, data.updates, 'en')), 'monitoring');
  });

  test('ongoing is never resolved, even when staff said so too early', () => {
    const { data } = note({ title: 't', updates: [{ at: '2026-03-24T10:00:00Z', status: 'resolved', text: 'Done?' }] });
    assert.equal(incidentStatus(ongoing, incidentUpdates(ongoing, data.updates, 'en')), 'identified');
  });
});
