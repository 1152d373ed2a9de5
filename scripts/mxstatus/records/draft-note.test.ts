import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { noteSchema } from '../../../src/core/schemas/note.ts';
import { incident, ongoing, ours, oursOutbound, refused, resolved, throttled } from '../../../src/core/testing/records.ts';
import { draftNote } from './draft-note.ts';

/** The draft's front matter and its body. */
function split(draft: string): { data: unknown; body: string } {
  const end = draft.indexOf('\n---\n', 4);
  return { data: parse(draft.slice(4, end)), body: draft.slice(end + 5) };
}

const silence = incident({ kind: 'silence', id: '2026-03-20-yahoo-silence', sender: { id: 'yahoo', name: 'Yahoo' }, failures: 0, connections: 0, failureRatio: 0 });

describe('draftNote', () => {
  for (const record of [resolved, ongoing, ours, silence, throttled, refused, oursOutbound]) {
    for (const locale of ['de', 'en'] as const) {
      test(`${record.id} (${locale}): a valid note that names its incident and holds no figure, time or tense that can go stale`, () => {
        const { data, body } = split(draftNote(record, locale));
        const note = noteSchema.parse(data);
        assert.equal(note.incident, record.id);
        assert.doesNotMatch(body, /\d/, 'no figure or time');
        assert.doesNotMatch(body, /bisher|so far|dauert an|ongoing|kamen|arrived|lag bei|was at/i, 'no tense of the moment');
      });
    }
  }

  test('our mail to others: the title names the receiver, the body says what a bounce means and that only bounced mail is resent', () => {
    const { data, body } = split(draftNote(refused, 'en'));
    assert.equal(noteSchema.parse(data).title, 'Gmail refuses email from us');
    assert.match(body, /refuses for good does not arrive; its senders receive a bounce message/);
    assert.match(body, /If you received a bounce message, send that email again/);
    assert.match(split(draftNote(throttled, 'de')).body, /In der Regel geht nichts verloren: Unser Server versucht zurückgestellte E-Mails/);
    assert.equal(noteSchema.parse(split(draftNote(oursOutbound, 'de')).data).title, 'Verzögerte Zustellung unserer E-Mails durch eine Störung bei uns');
    assert.doesNotMatch(draftNote(oursOutbound, 'en'), /Example Mail/, 'our fault blames no receiver');
  });

  test('the same draft whether the incident was first seen going on or over', () => {
    for (const locale of ['de', 'en'] as const) assert.equal(draftNote({ ...resolved, status: 'ongoing', failures: 57, connections: 71 }, locale), draftNote(resolved, locale));
  });

  test('a hostile sender name stays text: no HTML, no emphasis, and the title is plain YAML', async () => {
    const { marked } = await import('marked');
    const name = '<img src=x onerror=alert(1)> *Acme* [x](javascript:alert(1))';
    const draft = draftNote({ ...resolved, sender: { id: 'acme', name } }, 'en');
    const { data, body } = split(draft);
    assert.match(noteSchema.parse(data).title, /<img src=x onerror=alert\(1\)> \*Acme\*/);
    const html = await marked.parse(body);
    assert.doesNotMatch(html, /<img|<em>|<a /);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; \*Acme\* \[x\]\(javascript:alert\(1\)\)/);
  });

  describe('invalid input', () => {
    test('an incident no log shows is never drafted', () => {
      assert.throws(() => draftNote({ ...resolved, kind: 'reported' }, 'en'), /written by people/);
    });
  });
});
