/**
 * Fills the `{placeholders}` of a UI string; unknown ones stay as written. Apart from the
 * catalogs, so that the browser script of /check/ can use it without carrying them.
 *
 * @example
 * fillTemplate('As of {time}', { time: '18:00 CET' }) // 'As of 18:00 CET'
 */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
