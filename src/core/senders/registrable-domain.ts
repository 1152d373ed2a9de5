import { parse } from 'tldts';

// Host names as Postfix logs them: ASCII letters, digits, hyphens (and the underscores some PTR
// records carry), at least two non-empty labels, no trailing dot (the caller strips it).
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_-]{1,63}(?:\.[a-z0-9_-]{1,63})+$/;

// Only ICANN suffixes: the private section of the Public Suffix List would make every
// `ec2-….compute.amazonaws.com` or `….blogspot.com` host a domain of its own.
const OPTIONS = { allowPrivateDomains: false, extractHostname: false, detectIp: true, validateHostname: false } as const;

/**
 * The domain its owner registered, under the Public Suffix List's ICANN rules, or null when the
 * name has none: single labels, reserved or internal names (`.local`, `.internal`, `.example`),
 * reverse-DNS zones, IP literals. Expects a lower-case name without a trailing dot.
 *
 * @example
 * registrableDomain('mail.uni-beispiel.de') // 'uni-beispiel.de'
 * registrableDomain('smtp.example.co.uk') // 'example.co.uk'
 * registrableDomain('localhost') // null
 */
export function registrableDomain(hostName: string): string | null {
  if (!HOST_NAME.test(hostName) || hostName.endsWith('.arpa')) return null;
  const result = parse(hostName, OPTIONS);
  if (result.isIp || result.isIcann !== true || !result.domain || result.domain.includes('_')) return null;
  return result.domain;
}
