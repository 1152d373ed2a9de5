import ipaddr from 'ipaddr.js';

/**
 * An address as a number on its family's line: IPv4 as an integer below 2³², IPv6 as a bigint
 * below 2¹²⁸. Comparing two values of one family is comparing the addresses.
 */
export type IpAddress =
  | { readonly family: 4; readonly value: number; readonly internal: boolean }
  | { readonly family: 6; readonly value: bigint; readonly internal: boolean };

/** A CIDR range as the half-open interval [start, end) of its family's line. */
export type IpRange =
  | { readonly family: 4; readonly start: number; readonly end: number; readonly prefix: number }
  | { readonly family: 6; readonly start: bigint; readonly end: bigint; readonly prefix: number };

// Networks that never hold another organisation's mail server: our own loopback re-injection
// (`client=localhost[127.0.0.1]` behind a content filter), internal relays, link-local.
const INTERNAL_V6 = new Set(['unspecified', 'multicast', 'linkLocal', 'loopback', 'uniqueLocal']);
// ipaddr.js validates by trying to parse and catching the error, which is slow for the host names
// and `unknown`s this is often asked about; this shape lets only plausible IPv6 addresses through.
const IPV6_CHARS = /^[0-9a-f:.]+(?:%[\w.-]+)?$/i;

/**
 * Reads the address Postfix logs for a client. IPv4-mapped IPv6 (`::ffff:192.0.2.1`, logged by
 * dual-stack listeners) counts as IPv4. Anything else, including `unknown`, is null.
 *
 * @example
 * parseIpAddress('40.107.22.71') // { family: 4, value: 678106695, internal: false }
 * parseIpAddress('unknown') // null
 */
export function parseIpAddress(text: string): IpAddress | null {
  if (text.includes(':')) {
    if (!IPV6_CHARS.test(text) || !ipaddr.IPv6.isValid(text)) return null;
    const v6 = ipaddr.IPv6.parse(text);
    if (v6.isIPv4MappedAddress()) return fromV4(v6.toIPv4Address());
    return { family: 6, value: v6Value(v6.parts), internal: INTERNAL_V6.has(v6.range()) };
  }
  // Postfix writes dotted quads; octal, hex and short forms that ipaddr.js would accept are not addresses here.
  const value = dottedQuadValue(text);
  return value < 0 ? null : { family: 4, value, internal: isInternalV4(value) };
}

/**
 * The value of a dotted quad as Postfix writes it (`192.0.2.1`: four decimal parts of 0 to 255,
 * without leading zeros), or -1. Read by hand: a busy MX sees hundreds of thousands of distinct
 * addresses, and this is asked of each (ipaddr.js gives the same answers, see its test, at many
 * times the cost).
 */
export function dottedQuadValue(text: string): number {
  const length = text.length;
  if (length < 7 || length > 15) return -1;
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || part > 255) return -1;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      // No leading zeros: "010" is octal to some readers and no address Postfix logs.
      if (digits === 1 && part === 0) return -1;
      part = part * 10 + (c - 48);
      digits++;
    } else return -1;
  }
  return parts === 4 ? value : -1;
}

/**
 * Internal IPv4 networks, as [first address, prefix length]: ipaddr.js's ranges unspecified,
 * broadcast, multicast, linkLocal, loopback, private and carrierGradeNat (see its test).
 */
const INTERNAL_V4_RANGES: readonly (readonly [number, number])[] = [
  [0x00000000, 8], // unspecified
  [0xffffffff, 32], // broadcast
  [0xe0000000, 4], // multicast
  [0xa9fe0000, 16], // link-local
  [0x7f000000, 8], // loopback
  [0x0a000000, 8], // private
  [0xac100000, 12], // private
  [0xc0a80000, 16], // private
  [0x64400000, 10], // carrier-grade NAT
];

/**
 * The ranges as network and shift: an address is in one when its bits above the prefix equal the
 * network's (`>>>` reads an address value as the unsigned 32-bit integer it is; no prefix is 0).
 */
/**
 * Whether an address as logged may lie in an internal network at all, by its first characters
 * alone (no internal IPv4 network begins with 3 to 9, nor with 1 but for 10, 100, 127, 169, 172
 * and 192; no IPv6 address beginning with 2 or 3, global unicast, is internal): a cheap test before
 * parseIpAddress for a hot path that asks about the same few relays again and again.
 *
 * @example
 * mayBeInternal('52.101.68.12') // false
 * mayBeInternal('10.0.3.7')     // true (parseIpAddress decides)
 */
export function mayBeInternal(text: string): boolean {
  const first = text.charCodeAt(0);
  if ((first >= 51 && first <= 57) || (first === 50 && text.includes(':'))) return false;
  return !(first === 49 && !/^1(?:0\.|00\.|27\.|69\.|72\.|92\.)/.test(text) && !text.includes(':'));
}

const INTERNAL_V4_NETWORKS = INTERNAL_V4_RANGES.map(([start, prefix]) => [start >>> (32 - prefix), 32 - prefix] as const);

function isInternalV4(value: number): boolean {
  for (const [network, shift] of INTERNAL_V4_NETWORKS) if (value >>> shift === network) return true;
  return false;
}

/**
 * Reads a CIDR range; host bits after the prefix are ignored, as SPF ignores them.
 *
 * @example
 * parseIpRange('40.107.0.0/16') // { family: 4, start: 678100992, end: 678166528, prefix: 16 }
 * parseIpRange('40.107.0.0/33') // null
 */
export function parseIpRange(text: string): IpRange | null {
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) {
    const [address, prefix] = ipaddr.IPv4.parseCIDR(text);
    const size = 2 ** (32 - prefix);
    const value = v4Value(address.octets);
    const start = value - (value % size);
    return { family: 4, start, end: start + size, prefix };
  }
  if (ipaddr.IPv6.isValidCIDR(text)) {
    const [address, prefix] = ipaddr.IPv6.parseCIDR(text);
    const size = 1n << BigInt(128 - prefix);
    const value = v6Value(address.parts);
    const start = value - (value % size);
    return { family: 6, start, end: start + size, prefix };
  }
  return null;
}

function fromV4(v4: ipaddr.IPv4): IpAddress {
  const value = v4Value(v4.octets);
  return { family: 4, value, internal: isInternalV4(value) };
}

function v4Value(octets: readonly number[]): number {
  return ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
}

function v6Value(parts: readonly number[]): bigint {
  let value = 0n;
  for (const part of parts) value = (value << 16n) | BigInt(part);
  return value;
}
