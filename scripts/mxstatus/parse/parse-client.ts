import type { Client } from './postfix-event.ts';

/**
 * Reads `name[ip]` starting at `start`, as Postfix writes a remote client; null when the text
 * there is not of that shape. A `:port` after the bracket (postscreen, relays) is ignored.
 *
 * @example
 * parseClient('mail.example.net[2001:db8:10::25]', 0) // { name: 'mail.example.net', ip: '2001:db8:10::25' }
 * parseClient('unknown[198.51.100.23]', 0)            // { name: 'unknown', ip: '198.51.100.23' }
 */
export function parseClient(text: string, start: number, end = text.length): Client | null {
  const open = text.indexOf('[', start);
  if (open <= start || open >= end) return null;
  const close = text.indexOf(']', open + 1);
  if (close < 0 || close >= end) return null;
  for (let i = start; i < open; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 44 || c === 91) return null;
  }
  return { name: text.slice(start, open), ip: text.slice(open + 1, close) };
}

/**
 * Reads `[ip]:port` (postscreen's way of naming a client) at `start` and returns the address.
 *
 * @example
 * parseBracketedIp('[2001:db8::1]:41234 to [192.0.2.25]:25', 0) // '2001:db8::1'
 */
export function parseBracketedIp(text: string, start: number): string | null {
  if (text.charCodeAt(start) !== 91) return null;
  const close = text.indexOf(']', start + 1);
  return close < 0 ? null : text.slice(start + 1, close);
}
