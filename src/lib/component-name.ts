import { OURS } from '../core/contract.ts';
import type { Direction } from '../core/routes.ts';
import { translate } from '../core/i18n/translate.ts';
import type { Locale } from '../core/schemas/site-config.ts';
import { siteConfig } from './site-config.ts';

/**
 * What a component is called on the site: a sender by its organisation's name, our own servers
 * in the page's language ("Mailserver von Example Mail"); our delivery to a receiver by what it
 * is ("Zustellung an Outlook.com"), and our outgoing mail as a whole likewise — the same as in the API.
 *
 * @example
 * componentName({ id: 'microsoft', name: 'Outlook.com' }, 'de') // 'Outlook.com'
 * componentName({ id: 'microsoft', name: 'Outlook.com' }, 'en', 'outbound') // 'Delivery to Outlook.com'
 */
export function componentName(component: { readonly id: string; readonly name: string }, locale: Locale, direction: Direction = 'inbound'): string {
  const provider = siteConfig.name;
  if (direction === 'outbound') return component.id === OURS ? translate(locale, 'component.deliveryOurs', { provider }) : translate(locale, 'component.delivery', { sender: component.name });
  return component.id === OURS ? translate(locale, 'component.ours', { provider }) : component.name;
}
