/**
 * Text for HTML element content and double-quoted attribute values: the five characters that
 * could end or open markup become character references.
 *
 * @example
 * escapeHtml('<script>alert("1")</script> & more') // '&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; more'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_REFERENCES[c]!);
}

const HTML_REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
