import type { SenderRule } from '../../../src/schemas/site-config.ts';
import { detachString } from '../parse/detach-string.ts';
import type { Client } from '../parse/postfix-event.ts';

/** A sending organisation as the site names it. */
export interface Sender {
  readonly id: string;
  readonly name: string;
  readonly statusPage: string | null;
}

/**
 * Maps a client to its sending organisation by host-name suffix. Results are cached per host
 * name, so the per-session cost is one map lookup.
 *
 * @example
 * const classify = createSenderClassifier(builtInSenderRules);
 * classify({ name: 'mail-am1on0123.outbound.protection.outlook.com', ip: '157.56.112.123' })?.id // 'microsoft'
 * classify({ name: 'unknown', ip: '198.51.100.23' }) // null
 */
export function createSenderClassifier(rules: readonly SenderRule[]): (client: Client) => Sender | null {
  const bySuffix = new Map<string, Sender>();
  for (const rule of rules) {
    const sender = { id: rule.id, name: rule.name, statusPage: rule.statusPage ?? null };
    for (const suffix of rule.hostSuffixes) bySuffix.set(suffix.toLowerCase().replace(/^\./, ''), sender);
  }
  const cache = new Map<string, Sender | null>();
  return (client) => {
    const name = client.name.toLowerCase();
    let sender = cache.get(name);
    if (sender !== undefined) return sender;
    sender = null;
    // Try the longest suffix first: a.b.c.example.com, b.c.example.com, … example.com.
    for (let dot = -1; sender === null; ) {
      const candidate = bySuffix.get(name.slice(dot + 1));
      if (candidate) sender = candidate;
      dot = name.indexOf('.', dot + 1);
      if (dot < 0) break;
    }
    if (cache.size > 100_000) cache.clear();
    cache.set(detachString(name), sender);
    return sender;
  };
}

/** Built-in rules with the site's extra rules; a site rule with a built-in id replaces it. */
export function mergeSenderRules(builtIn: readonly SenderRule[], extra: readonly SenderRule[]): SenderRule[] {
  const byId = new Map(builtIn.map((rule) => [rule.id, rule]));
  for (const rule of extra) byId.set(rule.id, rule);
  return [...byId.values()];
}
