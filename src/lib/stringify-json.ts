/**
 * JSON as the site publishes it: `JSON.stringify`, two-space indented, with a final newline, and
 * with U+2028 and U+2029 escaped. Both are valid inside JSON strings but end a line in JavaScript
 * before ES2019, so a document pasted into a script stays one string. They can occur only inside
 * strings, so the replacement never touches the structure.
 *
 * @example
 * stringifyJson({ body: 'a\u2028b' }) // '{\n  "body": "a\\u2028b"\n}\n'
 */
export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}\n`;
}
