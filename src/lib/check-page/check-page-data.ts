import type { MessageKey } from '../../core/i18n/translate.ts';
import type { Locale, SenderRule } from '../../core/schemas/site-config.ts';
import type { IncidentWindow } from '../../core/headers/explain-delay.ts';

/** An incident as the checker links it: its window, and the title and page in the page's language. */
export interface CheckIncident extends IncidentWindow {
  readonly title: string;
  readonly href: string;
}

/**
 * Everything `/check/` needs in the browser, embedded in the page as a JSON data block so that the
 * page asks nothing of the network: the sender rules (the summarizer's catalog with the site's
 * rules), our own hosts, the incidents, the texts of the page's language, and where to get help.
 */
export interface CheckPageData {
  readonly locale: Locale;
  readonly timeZone: string;
  readonly rules: readonly SenderRule[];
  readonly ownHosts: readonly string[];
  readonly incidents: readonly CheckIncident[];
  /** UTC ms of the last log line; ongoing incidents last until then. */
  readonly asOf: number;
  readonly contact: string | null;
  readonly texts: Readonly<Partial<Record<MessageKey, string>>>;
}

/** The data block's element id. */
export const CHECK_DATA_ID = 'check-data';

/**
 * The data as the text of a `<script type="application/json">` element: `<` is escaped so that no
 * string (an incident title from a note, a rule name from site.yaml) can close the element.
 *
 * @example
 * serializeCheckData({ ...data, contact: '</script><script>alert(1)' }).includes('</script') // false
 */
export function serializeCheckData(data: CheckPageData): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}
