import type { Client } from './postfix-event.ts';

/**
 * Reads `name[ip]` starting at `start`, as Postfix writes a remote client; returns null when the
 * text there is not of that shape.
 *
 * @example
 * parseClient('mail.example.net[2001:db8:10::25]', 0) // { name: 'mail.example.net', ip: '2001:db8:10::25' }
 * parseClient('unknown[198.51.100.23]', 0)            // { name: 'unknown', ip: '198.51.100.23' }
 */
export function parseClient(text: string, start: number, end = text.length): Client | null {
  const open = text.indexOf('[', start);
  if (open < start || open >= end) return null;
  const close = text.indexOf(']', open + 1);
  if (close < 0 || close >= end) return null;
  const name = text.slice(start, open);
  if (name.length === 0 || name.includes(' ')) return null;
  return { name, ip: text.slice(open + 1, close) };
}
