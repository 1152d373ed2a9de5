import XMLBuilder from 'fast-xml-builder';

/**
 * An XML element as fast-xml-builder takes it: attributes as `@_name`, text as `#text`,
 * children by name (an array repeats the element).
 */
export type XmlTree = { readonly [name: string]: XmlNode };
export type XmlNode = string | XmlTree | readonly (string | XmlTree)[];

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  processEntities: true,
  // Otherwise an attribute whose value is "true" is written bare (`isPermaLink`), which XML forbids.
  suppressBooleanAttributes: false,
  suppressEmptyNode: true,
  format: true,
  indentBy: '  ',
});

/**
 * Serializes a tree into an XML 1.0 document with its declaration. The builder escapes every text
 * and attribute value; characters XML 1.0 cannot carry at all (control characters, lone surrogates,
 * U+FFFE/U+FFFF) become U+FFFD first, so hostile log text never makes a document ill-formed.
 *
 * @example
 * xmlDocument({ feed: { '@_xmlns': 'http://www.w3.org/2005/Atom', title: 'A & B' } })
 * // '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>A &amp; B</title>\n</feed>\n'
 */
export function xmlDocument(root: XmlTree): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, ...xmlSafe(root) });
}

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlSafe(node: XmlTree): XmlTree;
function xmlSafe(node: XmlNode): XmlNode;
function xmlSafe(node: XmlNode): XmlNode {
  if (typeof node === 'string') return node.replace(NOT_XML_CHAR, '\uFFFD');
  if (isList(node)) return node.map((child) => xmlSafe(child) as string | XmlTree);
  return Object.fromEntries(Object.entries(node).map(([name, child]) => [name, xmlSafe(child)]));
}

const isList = (node: XmlTree | readonly (string | XmlTree)[]): node is readonly (string | XmlTree)[] => Array.isArray(node);
