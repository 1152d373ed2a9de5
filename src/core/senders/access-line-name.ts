import type { IpAddress } from './ip-address.ts';

/**
 * Words that access providers and hosters put into the generic reverse-DNS names of their
 * customers' lines and machines, as whole parts of a label (split at dots, dashes, underscores and
 * between letters and digits). Orange names a home line `ARennes-651-1-97-34.w2-3.abo.wanadoo.fr`
 * (`abo`: abonné, subscriber), Telekom `p5b0c1a2b.dip0.t-ipconnect.de`, Vodafone
 * `ip-188-100-1-2.um20.pools.vodafone-ip.de`, Comcast `c-73-12-34-56.hsd1.ca.comcast.net`.
 *
 * `static` is here too: it says how an address is assigned (a business line,
 * `static.88-198-1-1.clients.your-server.de`), never what a machine does, and no organisation of
 * the catalog names a mail relay so. The outbound servers of the rules this guards carry none of
 * these words (`sonic305-21.consmr.mail.ir2.yahoo.com`, `mout1.freenet.de`, `sender4-op-o12.zoho.com`:
 * `consmr` is not `customer`).
 */
const ACCESS_LINE_WORDS: ReadonlySet<string> = new Set([
  'abo', 'adsl', 'bredband', 'broadband', 'cable', 'client', 'clients', 'cpe', 'cust', 'customer', 'customers',
  'dhcp', 'dial', 'dialin', 'dialup', 'dip', 'dsl', 'dyn', 'dynamic', 'dynamicip', 'dynip', 'fiber', 'fibre',
  'ftth', 'fttb', 'fttc', 'fttx', 'home', 'hsd', 'kabel', 'mobile', 'pool', 'pools', 'ppp', 'pppoe', 'residential',
  'sdsl', 'static', 'user', 'users', 'vdsl', 'xdsl',
]);

const PARTS = /[a-z]+|\d+/g;

/**
 * Whether the labels of a host name (the part before the rule's suffix) read like an access line
 * or a generic machine rather than a mail server someone named: a word of ACCESS_LINE_WORDS, or
 * four numbers in a row that could be the octets of an IPv4 address (`ip-93-184-216-34`,
 * `1.2.3.4.example`, `lfbn-idf1-1-123-45` — the line's own octets, in any order, zero-padded or
 * not), or twelve digits that are four zero-padded octets (`h091198007025`). Expects a lower-case name.
 *
 * @example
 * looksLikeAccessLine('arennes-651-1-97-34.w2-3.abo') // true (abo)
 * looksLikeAccessLine('ip-93-184-216-34') // true
 * looksLikeAccessLine('sonic305-21.consmr.mail.ir2') // false
 */
export function looksLikeAccessLine(labels: string): boolean {
  let numbersInRow = 0;
  for (const part of labels.match(PARTS) ?? []) {
    if (ACCESS_LINE_WORDS.has(part)) return true;
    const digits = part.charCodeAt(0) <= 57;
    if (digits && part.length === 12 && isZeroPaddedAddress(part)) return true;
    numbersInRow = digits && part.length <= 3 && Number(part) <= 255 ? numbersInRow + 1 : 0;
    if (numbersInRow === 4) return true;
  }
  return false;
}

/** `091198007025`: four groups of three digits, each at most 255. */
function isZeroPaddedAddress(digits: string): boolean {
  for (let i = 0; i < 12; i += 3) if (Number(digits.slice(i, i + 3)) > 255) return false;
  return true;
}

/**
 * Whether a label spells the client's IPv4 address in hexadecimal, as Telekom's
 * `p5b0c1a2b.dip0.t-ipconnect.de` does for 91.12.26.43 (decimal forms are caught by
 * looksLikeAccessLine). IPv6 addresses are not looked for. Expects a lower-case name.
 *
 * @example
 * spellsAddressInHex('p5b0c1a2b.dip0', parseIpAddress('91.12.26.43')!) // true
 */
export function spellsAddressInHex(labels: string, address: IpAddress): boolean {
  if (address.family !== 4) return false;
  return labels.includes(address.value.toString(16).padStart(8, '0'));
}
