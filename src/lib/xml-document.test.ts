import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { xmlProblem } from '../core/testing/xml-problem.ts';
import { xmlDocument } from './xml-document.ts';

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, trimValues: false }).parse(xml);

describe('xmlDocument', () => {
  test('writes the declaration, attributes and repeated elements', () => {
    assert.equal(
      xmlDocument({ feed: { '@_xmlns': 'http://www.w3.org/2005/Atom', link: [{ '@_href': 'https://a.example/' }, { '@_href': 'https://b.example/' }] } }),
      '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <link href="https://a.example/"/>\n  <link href="https://b.example/"/>\n</feed>\n',
    );
  });

  test('escapes markup, quotes and ampersands in text and attributes, so they read back unchanged', () => {
    const text = '<script>alert(1)</script> ]]> "q" \'s\' & &amp; 🎉 \u2028';
    const xml = xmlDocument({ root: { '@_label': text, title: text } });
    assert.equal(xmlProblem(xml), null);
    assert.ok(!xml.includes('<script>'));
    const { root } = parse(xml);
    assert.equal(root['@_label'], text);
    assert.equal(root.title, text);
  });

  test('an attribute whose value is "true" keeps its value', () => {
    assert.match(xmlDocument({ guid: { '@_isPermaLink': 'true', '#text': 'https://a.example/' } }), /<guid isPermaLink="true">https:\/\/a\.example\/<\/guid>/);
  });

  describe('invalid input', () => {
    test('characters XML cannot carry become U+FFFD', () => {
      const xml = xmlDocument({ root: { '@_a': 'x\u0000y', t: ['a\u0001\u0008\u000B\u001F', 'b\uD800c', 'd\uFFFF'] } });
      assert.equal(xmlProblem(xml), null);
      const { root } = parse(xml);
      assert.equal(root['@_a'], 'x\uFFFDy');
      assert.deepEqual(root.t, ['a\uFFFD\uFFFD\uFFFD\uFFFD', 'b\uFFFDc', 'd\uFFFD']);
    });

    test('tab, newline, emoji and characters beyond the BMP stay', () => {
      const { root } = parse(xmlDocument({ root: { t: 'a\tb\nc 🎉 𝄞' } }));
      assert.equal(root.t, 'a\tb\nc 🎉 𝄞');
    });
  });
});

describe('xmlProblem', () => {
  test('accepts a well-formed document', () => {
    assert.equal(xmlProblem('<?xml version="1.0"?>\n<a b="1">&amp;</a>'), null);
  });

  test('finds a bare ampersand, a bare attribute, a second CDATA end, a control character', () => {
    for (const xml of ['<a>&</a>', '<a b>x</a>', '<a><![CDATA[x]]>]]></a>', '<a>\u0001</a>']) assert.notEqual(xmlProblem(xml), null, xml);
  });
});
