import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import type { Locale } from '../schemas/site-config.ts';
import { fillTemplate } from './fill-template.ts';

export type MessageKey = keyof typeof de;

const catalogs: Record<Locale, Record<MessageKey, string>> = { de, en };

/**
 * Looks up a UI string of `locale` and fills its `{placeholders}`.
 *
 * @example
 * translate('en', 'status.asOf', { time: '23 March 2026, 18:00 CET' }) // 'As of 23 March 2026, 18:00 CET'
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return fillTemplate(catalogs[locale][key], params);
}
