/**
 * Text for a Markdown document, shown as the text it is: a sender name from site.yaml such as
 * `<img src=x onerror=…>` or `*Acme*` would otherwise become HTML or emphasis in a drafted note.
 *
 * @example
 * escapeMarkdown('<b>Acme</b> *mail*') // '&lt;b&gt;Acme&lt;/b&gt; \\*mail\\*'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, '\\$&');
}
