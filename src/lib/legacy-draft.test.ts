import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { withoutLegacyFacts } from './legacy-draft.ts';

/** Note bodies as mxstatus 0.1 drafted them (written by its draftNote, kept verbatim). */
const sample = (name: string) => readFileSync(new URL(`./legacy-drafts/${name}.md`, import.meta.url), 'utf8');

describe('withoutLegacyFacts', () => {
  for (const kind of ['ongoing', 'resolved', 'ours', 'silence']) {
    for (const locale of ['de', 'en'] as const) {
      test(`a ${kind} draft in ${locale} keeps only what people would say: no figure, time or tense of the moment`, () => {
        const kept = withoutLegacyFacts(sample(`${kind}.${locale}`), locale);
        const headings = kept.split('\n').filter((line) => line.startsWith('## '));
        assert.deepEqual(headings, locale === 'de' ? ['## Ist etwas verloren?', '## Müssen Sie etwas tun?'] : ['## Is anything lost?', '## Do you need to act?']);
        assert.doesNotMatch(kept, /\d/);
      });
    }
  }

  test('a paragraph staff changed, however little, stays with its heading', () => {
    const edited = sample('ongoing.de').replace('Gmail stellt die betroffenen E-Mails später erneut zu.', 'Gmail stellt die betroffenen E-Mails später erneut zu. Wir sind mit Google im Gespräch.');
    const kept = withoutLegacyFacts(edited, 'de');
    assert.match(kept, /## Was ist passiert\?\n\nSeit 24\. März 2026, 10:00 MEZ .* Wir sind mit Google im Gespräch\./);
    assert.doesNotMatch(kept, /Die Ursache lag bei Gmail/);
  });

  describe('edge cases', () => {
    test("a note of the staff's own is returned as it is", () => {
      const own = '## Was ist passiert?\n\nMicrosoft hat bestätigt, dass ein Zertifikat abgelaufen war.\n';
      assert.equal(withoutLegacyFacts(own, 'de'), own);
    });

    test('the other language’s templates are not applied', () => {
      const de = sample('resolved.de');
      assert.equal(withoutLegacyFacts(de, 'en'), de);
    });
  });
});
