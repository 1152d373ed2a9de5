import type { SenderRule } from '../schemas/site-config.ts';
import { suffixMatcher, type Sender } from './classify-sender.ts';
import { builtInReceiverRules, type ReceiverRule } from './receiver-catalog.ts';

/**
 * Tells the organisation that received (or would not receive) an outbound delivery: by the name
 * of the relay Postfix's SMTP client connected to (`hotmail-com.olc.protection.outlook.com` →
 * Microsoft), else by the recipient's domain (`gmail.com` → Google, whichever relay host took the
 * mail). The organisation is named as the sender rules name it (same ids, same site names); an
 * organisation without a sender rule is not named. Anything else is null: a receiver the site
 * never names, and never by its domain.
 *
 * @example
 * const receiverOf = createReceiverClassifier(builtInSenderRules);
 * receiverOf('example-org.mail.protection.outlook.com', 'example.org')?.id // 'microsoft'
 * receiverOf('smtp.relay.example.net', 'gmail.com')?.id                    // 'google'
 * receiverOf('mx.example.org', 'example.org')                             // null
 */
export interface ReceiverClassifier {
  (relayName: string | null, recipientDomain: string | null): Sender | null;
  /** The organisation with this id, as the classifier names it (a saved receiver, named again). */
  byId(id: string): Sender | null;
  /** The organisation whose inbound server this is, by its name alone (null: not a receiver's MX). */
  byRelay(relayName: string): Sender | null;
}

export function createReceiverClassifier(senderRules: readonly SenderRule[], receivers: readonly ReceiverRule[] = builtInReceiverRules): ReceiverClassifier {
  const senders = new Map<string, Sender>();
  for (const rule of senderRules) senders.set(rule.id, { id: rule.id, name: rule.name, statusPage: rule.statusPage ?? null, known: true });
  const known = receivers.filter((rule) => senders.has(rule.id));
  const byId = new Map(known.map((rule) => [rule.id, senders.get(rule.id)!]));
  const byRelay = suffixMatcher(known.flatMap((rule) => rule.mxSuffixes.map((suffix) => [suffix, senders.get(rule.id)!] as const)));
  const byDomain = suffixMatcher(known.flatMap((rule) => rule.domains.map((domain) => [domain, senders.get(rule.id)!] as const)));
  const classify = (relayName: string | null, recipientDomain: string | null) => (relayName ? byRelay(relayName) : undefined) ?? (recipientDomain ? byDomain(recipientDomain) : undefined) ?? null;
  return Object.assign(classify, { byId: (id: string) => byId.get(id) ?? null, byRelay: (relayName: string) => byRelay(relayName) ?? null });
}
