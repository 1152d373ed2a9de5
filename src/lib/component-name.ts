import { OURS } from '../core/contract.ts';
import { translate } from '../core/i18n/translate.ts';
import type { Locale } from '../core/schemas/site-config.ts';
import { siteConfig } from './site-config.ts';

/**
 * What a component is called on the site: a sender by its organisation's name, our own servers
 * in the page's language ("Mailserver von Example Mail"), the same as in the API.
 */
export function componentName(component: { readonly id: string; readonly name: string }, locale: Locale): string {
  return component.id === OURS ? translate(locale, 'component.ours', { provider: siteConfig.name }) : component.name;
}
