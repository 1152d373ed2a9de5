import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeHtml } from './escape-html.ts';

describe('escapeHtml', () => {
  test('turns the characters that open or close markup into references', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  test('leaves other text alone', () => {
    assert.equal(escapeHtml('Outlook.com ]]> 🎉 \u2028'), 'Outlook.com ]]&gt; 🎉 \u2028');
  });
});
