/** Wiring of the feed endpoints: load the records and notes, render with `./feeds.ts`. */
import type { Locale } from '../core/schemas/site-config.ts';
import { FEED_CONTENT_TYPES, renderFeed, type FeedFormat } from './feeds.ts';
import { localeParams } from '../core/routes.ts';
import { siteConfig } from './site-config.ts';
import { componentName } from './component-name.ts';
import { loadComponents, loadIncidents, loadNotes, loadStatus } from './site-data.ts';

/** The response of one feed: site-wide, or a sender's when `senderId` is given. */
export async function feedResponse(format: FeedFormat, locale: Locale, senderId?: string): Promise<Response> {
  const [incidents, notes, status, components] = await Promise.all([loadIncidents(), loadNotes(locale), loadStatus(), loadComponents()]);
  const component = senderId === undefined ? undefined : components.find((s) => s.id === senderId);
  if (senderId !== undefined && !component) return new Response(null, { status: 404 });
  const sender = component && { id: component.id, name: componentName(component, locale) };
  const body = renderFeed(format, { config: siteConfig, locale, incidents, notes, asOf: status?.asOf ?? null, sender });
  return new Response(body, { headers: { 'Content-Type': FEED_CONTENT_TYPES[format] } });
}

/** `getStaticPaths` of a sender feed: our own servers and every tracked sender, in every language. */
export async function senderFeedPaths() {
  const senders = await loadComponents();
  return localeParams(siteConfig).flatMap(({ params, props }) =>
    senders.map((sender) => ({ params: { ...params, id: sender.id }, props: { ...props, senderId: sender.id } })),
  );
}
