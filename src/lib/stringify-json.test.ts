import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stringifyJson } from './stringify-json.ts';

describe('stringifyJson', () => {
  test('indents by two spaces and ends with a newline', () => {
    assert.equal(stringifyJson({ a: [1] }), '{\n  "a": [\n    1\n  ]\n}\n');
  });

  test('escapes U+2028 and U+2029 and reads back the same', () => {
    const value = { body: 'a\u2028b\u2029c "</script>" & 🎉' };
    const text = stringifyJson(value);
    assert.equal(text, '{\n  "body": "a\\u2028b\\u2029c \\"</script>\\" & 🎉"\n}\n');
    assert.deepEqual(JSON.parse(text), value);
  });
});
