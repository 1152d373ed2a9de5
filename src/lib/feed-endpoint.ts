/** Wiring of the feed endpoints: load the records and notes, render with `./feeds.ts`. */
import type { Locale } from '../core/schemas/site-config.ts';
import { FEED_CONTENT_TYPES, renderFeed, type FeedFormat } from './feeds.ts';
import { localeParams, type Direction } from '../core/routes.ts';
import { siteConfig } from './site-config.ts';
import { componentName } from './component-name.ts';
import { loadComponents, loadDeliveryComponents, loadIncidents, loadNotes, loadStatus } from './site-data.ts';

/**
 * The response of one feed: site-wide, or a component's when `componentId` is given — a sender's
 * (or our servers'), or with direction `outbound` our delivery to a receiver (or our outgoing mail).
 */
export async function feedResponse(format: FeedFormat, locale: Locale, componentId?: string, direction: Direction = 'inbound'): Promise<Response> {
  const [incidents, notes, status, components] = await Promise.all([
    loadIncidents(),
    loadNotes(locale),
    loadStatus(),
    direction === 'outbound' ? loadDeliveryComponents() : loadComponents(),
  ]);
  const component = componentId === undefined ? undefined : components.find((s) => s.id === componentId);
  if (componentId !== undefined && !component) return new Response(null, { status: 404 });
  const sender = component && { id: component.id, name: componentName(component, locale, direction), direction };
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

/** `getStaticPaths` of a delivery feed: our outgoing mail as a whole and every receiver, in every language (none without receiver records). */
export async function deliveryFeedPaths() {
  const receivers = await loadDeliveryComponents();
  return localeParams(siteConfig).flatMap(({ params, props }) =>
    receivers.map((receiver) => ({ params: { ...params, id: receiver.id }, props: { ...props, receiverId: receiver.id } })),
  );
}
