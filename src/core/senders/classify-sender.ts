import type { SenderRule } from '../schemas/site-config.ts';
import { detachString } from '../detach-string.ts';
import { looksLikeAccessLine, spellsAddressInHex } from './access-line-name.ts';
import type { Client } from './client.ts';
import { compileHostPatterns, hostPatternProblem } from './host-pattern.ts';
import { parseIpAddress, parseIpRange, type IpAddress } from './ip-address.ts';
import { IpRangeTable, type OwnedRange } from './ip-range-table.ts';

/** A sending organisation as the site names it. */
export interface Sender {
  readonly id: string;
  readonly name: string;
  readonly statusPage: string | null;
  /** True for an organisation of the catalog or the site's rules; false for a group by domain. */
  readonly known: boolean;
}

export interface SenderClassifierOptions {
  /** Suffixes of our own hosts (e.g. "mx.example.net"): they are never a sender. */
  readonly ownHostSuffixes?: readonly string[];
  /**
   * The registrable domain of a host name no rule names, to group unknown senders by (the
   * summarizer passes `registrableDomain`, which carries the Public Suffix List); without it such
   * hosts are no sender at all, which is all the header checker in the browser needs.
   */
  readonly domainOf?: (hostName: string) => string | null;
}

interface CompiledRule {
  readonly sender: Sender;
  /** Null when the rule publishes no ranges and its names are trusted alone. */
  readonly ranges: IpRangeTable | null;
  /** The rule's `hostPatterns`, or null when any name under its suffixes will do. */
  readonly patterns: RegExp | null;
}

/** What a host name alone says; cached per name. */
interface NameVerdict {
  readonly rule: CompiledRule | null;
  /** The group of the name's registrable domain, also when a rule without ranges names it: its fallback. */
  readonly domain: Sender | null;
  readonly own: boolean;
  /** The labels before the rule's suffix (`arennes-651-1-97-34.w2-3.abo` of `….abo.wanadoo.fr`), when a rule without ranges names it. */
  readonly labels: string;
  /** Those labels read like an access line or a generic machine (looksLikeAccessLine). */
  readonly accessLine: boolean;
}

/** What an address alone says; cached per address. */
interface AddressVerdict {
  readonly address: IpAddress | null;
  /** The rule whose ranges hold the address (most specific wins), or null. */
  readonly owner: CompiledRule | null;
}

/** An ASCII host name of two labels or more, lower-case (underscores occur in real PTR records). */
const PLAIN_HOST_NAME = /^(?=.{1,253}$)[a-z0-9_-]{1,63}(?:\.[a-z0-9_-]{1,63})+$/;

const NO_NAME: NameVerdict = { rule: null, domain: null, own: false, labels: '', accessLine: false };
const OWN_NAME: NameVerdict = { rule: null, domain: null, own: true, labels: '', accessLine: false };
const CACHE_LIMIT = 100_000;
const MAX_ID_LENGTH = 63;

/**
 * Maps a client to its sending organisation, in this order:
 *
 * 1. Internal addresses (loopback, private, link-local) and our own host names are no sender.
 * 2. The longest rule suffix that ends the host name at a label boundary names the organisation
 *    (case-insensitive, a trailing dot ignored; on equal suffixes the later rule wins), if the
 *    name also matches one of the rule's `hostPatterns` where it has some; a name that does not
 *    is judged as if no rule named it.
 *    Anyone can set a PTR record to `mail.outbound.protection.outlook.com`, so when that rule
 *    publishes `ipRanges` and the address lies outside all of them, the client is no sender at
 *    all: neither that organisation nor a group named after a domain it merely claims. (Postfix
 *    already logs `unknown` for a name that does not resolve back to the address, but logs may
 *    come through relays or from a resolver that was briefly wrong.)
 *    Rules without ranges trust the name alone, and so never a name that reads like an access
 *    line or a generic machine (looksLikeAccessLine, spellsAddressInHex): Orange's customers send
 *    spam from `ARennes-651-1-97-34.w2-3.abo.wanadoo.fr`, and their home lines are no servers of
 *    Orange. Such a client goes on to steps 3 and 4, where it is at most a domain group.
 * 3. Otherwise an address inside a rule's ranges names it, so `unknown[40.107.22.71]` is
 *    Microsoft (the most specific range wins; between equal ones, the later rule).
 * 4. Otherwise, given `domainOf`, a real host name is grouped by its registrable domain:
 *    `mail.uni-beispiel.de` → `{ id: 'domain-uni-beispiel-de', name: 'uni-beispiel.de', known: false }`.
 * 5. Everything else (`unknown[…]`, bare addresses, `localhost`, single labels) is null.
 *
 * Verdicts are cached per host name (and per IPv6 address); an IPv4 address is read each time,
 * which costs less than a lookup.
 *
 * @example
 * const classify = createSenderClassifier(builtInSenderRules, { domainOf: registrableDomain });
 * classify({ name: 'mail-am6eur05on2071.outbound.protection.outlook.com', ip: '40.107.22.71' })?.id // 'microsoft'
 * classify({ name: 'unknown', ip: '40.107.22.71' })?.id // 'microsoft'
 * classify({ name: 'mail.outbound.protection.outlook.com', ip: '198.51.100.23' }) // null
 * classify({ name: 'unknown', ip: '198.51.100.23' }) // null
 */
export function createSenderClassifier(
  rules: readonly SenderRule[],
  options: SenderClassifierOptions = {},
): (client: Client) => Sender | null {
  const compiled: CompiledRule[] = [];
  const bySuffix = new Map<string, CompiledRule>();
  const owned: OwnedRange[] = [];
  for (const rule of rules) {
    const ranges = rule.ipRanges.map((text) => {
      const range = parseIpRange(text);
      if (!range) throw new Error(`sender rule ${rule.id}: ${JSON.stringify(text)} is not an IP range in CIDR notation`);
      return range;
    });
    for (const pattern of rule.hostPatterns ?? []) {
      const problem = hostPatternProblem(pattern);
      if (problem) throw new Error(`sender rule ${rule.id}: ${JSON.stringify(pattern)} is ${problem}`);
    }
    const entry: CompiledRule = {
      sender: { id: rule.id, name: rule.name, statusPage: rule.statusPage ?? null, known: true },
      ranges: ranges.length > 0 ? new IpRangeTable(ranges.map((range) => ({ range, owner: 0 }))) : null,
      patterns: rule.hostPatterns ? compileHostPatterns(rule.hostPatterns) : null,
    };
    for (const range of ranges) owned.push({ range, owner: compiled.length });
    compiled.push(entry);
    for (const key of suffixKeys(rule.hostSuffixes)) bySuffix.set(key, entry);
  }
  const isOwnHost = ownHostMatcher(options.ownHostSuffixes ?? []);
  const rangeTable = new IpRangeTable(owned);
  const domainOf = options.domainOf ?? (() => null);
  const domainSenders = new Map<string, Sender>();
  const names = new Map<string, NameVerdict>();
  const addresses = new Map<string, AddressVerdict>();

  const judgeName = (raw: string): NameVerdict => {
    const name = normalizeHostName(raw);
    // Markup, look-alike letters, spaces: no name a resolver gave Postfix, so no name to go by.
    if (!PLAIN_HOST_NAME.test(name) || parseIpAddress(name)) return NO_NAME;
    if (isOwnHost(name)) return OWN_NAME;
    const found = longestSuffixMatch(name, bySuffix);
    const rule = found && (!found.value.patterns || found.value.patterns.test(name)) ? found.value : null;
    // A forged name under a rule with ranges needs no fallback: it is no sender at all.
    if (rule?.ranges) return { rule, domain: null, own: false, labels: '', accessLine: false };
    const domain = domainSenderOf(name);
    if (!rule || !found) return domain ? { rule: null, domain, own: false, labels: '', accessLine: false } : NO_NAME;
    const labels = name.slice(0, Math.max(0, name.length - found.key.length - 1));
    return { rule, domain, own: false, labels, accessLine: looksLikeAccessLine(labels) };
  };

  const domainSenderOf = (name: string): Sender | null => {
    const domain = domainOf(name);
    if (!domain) return null;
    let sender = domainSenders.get(domain);
    if (!sender) {
      if (domainSenders.size >= CACHE_LIMIT) domainSenders.clear();
      sender = { id: domainSenderId(domain), name: domain, statusPage: null, known: false };
      domainSenders.set(domain, sender);
    }
    return sender;
  };

  const judgeAddress = (raw: string): AddressVerdict => {
    const address = parseIpAddress(raw);
    const owner = address && !address.internal ? (compiled[rangeTable.ownerOf(address)] ?? null) : null;
    return { address, owner };
  };

  const addressVerdict = (ip: string): AddressVerdict => {
    // IPv4 (and `unknown`) is read faster than a cache finds it, and on a busy MX nearly every
    // address is new; IPv6 goes through ipaddr.js, and is cached.
    if (!ip.includes(':')) return judgeAddress(ip);
    let verdict = addresses.get(ip);
    if (verdict === undefined) {
      verdict = judgeAddress(ip);
      if (addresses.size >= CACHE_LIMIT) addresses.clear();
      addresses.set(detachString(ip), verdict);
    }
    return verdict;
  };

  return (client: Client): Sender | null => {
    const byAddress = addressVerdict(client.ip);
    const { address } = byAddress;
    if (address?.internal) return null;
    let byName = names.get(client.name);
    if (byName === undefined) {
      byName = judgeName(client.name);
      if (names.size >= CACHE_LIMIT) names.clear();
      names.set(detachString(client.name), byName);
    }
    if (byName.own) return null;
    const { rule } = byName;
    if (rule?.ranges) return address && rule.ranges.ownerOf(address) >= 0 ? rule.sender : null;
    if (rule) {
      // A rule without ranges trusts the name, but only on a connection from a real address, and
      // never a home line's or a generic machine's name.
      if (!address) return null;
      if (!byName.accessLine && !spellsAddressInHex(byName.labels, address)) return rule.sender;
    }
    return byAddress.owner?.sender ?? byName.domain;
  };
}

/**
 * The name under which a known sender's server may be published: its host name when that is a
 * plain host name ending in one of the organisation's suffixes (and matching one of its
 * `hostPatterns`, where it has some), else `unknown` — a server known by its address alone keeps
 * its address, never a name someone else chose (a forged PTR, a HELO with markup, a look-alike).
 *
 * @example
 * const nameOf = createPublishedHostName(builtInSenderRules);
 * nameOf('microsoft', 'mail-am6eur05on2071.outbound.protection.outlook.com') // the same
 * nameOf('microsoft', '<b>x</b>.outbound.protection.outlook.com') // 'unknown'
 */
export function createPublishedHostName(rules: readonly SenderRule[]): (senderId: string, hostName: string) => string {
  const suffixes = new Map<string, Map<string, true>>();
  const patterns = new Map<string, RegExp>();
  for (const rule of rules) {
    suffixes.set(rule.id, new Map(suffixKeys(rule.hostSuffixes).map((key) => [key, true as const])));
    if (rule.hostPatterns) patterns.set(rule.id, compileHostPatterns(rule.hostPatterns));
    else patterns.delete(rule.id);
  }
  // Most sessions come from servers seen before: one lookup per session, not a regular expression.
  const verdicts = new Map<string, Map<string, boolean>>();
  let cached = 0;
  return (senderId, hostName) => {
    if (cached >= CACHE_LIMIT) {
      verdicts.clear();
      cached = 0;
    }
    let bySender = verdicts.get(senderId);
    if (!bySender) verdicts.set(senderId, (bySender = new Map()));
    let publishable = bySender.get(hostName);
    if (publishable === undefined) {
      const name = normalizeHostName(hostName);
      const own = suffixes.get(senderId);
      publishable = own !== undefined && PLAIN_HOST_NAME.test(name) && longestSuffix(name, own) !== undefined && (patterns.get(senderId)?.test(name) ?? true);
      bySender.set(detachString(hostName), publishable);
      cached++;
    }
    return publishable ? hostName : 'unknown';
  };
}

/** Built-in rules with the site's extra rules; a site rule with a built-in id replaces it. */
export function mergeSenderRules(builtIn: readonly SenderRule[], extra: readonly SenderRule[]): SenderRule[] {
  const byId = new Map(builtIn.map((rule) => [rule.id, rule]));
  for (const rule of extra) byId.set(rule.id, rule);
  return [...byId.values()];
}

/**
 * Whether a host name is one of ours: equal to one of `suffixes` or ending in it after a dot
 * (case-insensitive, trailing dots ignored).
 *
 * @example
 * ownHostMatcher(['example.net'])('MX1.example.net.') // true
 * ownHostMatcher(['example.net'])('notexample.net') // false
 */
export function ownHostMatcher(suffixes: readonly string[]): (hostName: string) => boolean {
  const own = suffixMatcher(suffixes.map((suffix) => [suffix, true] as const));
  return (hostName) => own(hostName) !== undefined;
}

/**
 * Looks a host name up by suffix: the value of the longest suffix that is the name itself or ends
 * it after a dot (case-insensitive, trailing dots ignored); on equal suffixes the later entry wins.
 *
 * @example
 * suffixMatcher([['l.google.com', 'google']])('alt1.gmail-smtp-in.l.google.com') // 'google'
 * suffixMatcher([['l.google.com', 'google']])('xl.google.com') // undefined
 */
export function suffixMatcher<T>(entries: readonly (readonly [string, T])[]): (hostName: string) => T | undefined {
  const bySuffix = new Map<string, T>();
  for (const [suffix, value] of entries) for (const key of suffixKeys([suffix])) bySuffix.set(key, value);
  return (hostName) => longestSuffix(normalizeHostName(hostName), bySuffix);
}

/** Suffixes as written in rules and site.yaml, as the keys longestSuffix looks up: `.Outlook.com.` → `outlook.com`. */
function suffixKeys(suffixes: readonly string[]): string[] {
  return suffixes.map((suffix) => normalizeHostName(suffix).replace(/^\.+/, '')).filter((key) => key !== '');
}

function normalizeHostName(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '');
}

/** The value of the longest key that is `name` itself or ends it after a dot. */
function longestSuffix<T>(name: string, bySuffix: ReadonlyMap<string, T>): T | undefined {
  return longestSuffixMatch(name, bySuffix)?.value;
}

/** The longest key that is `name` itself or ends it after a dot, with its value. */
function longestSuffixMatch<T>(name: string, bySuffix: ReadonlyMap<string, T>): { key: string; value: T } | undefined {
  if (bySuffix.size === 0) return undefined;
  for (let dot = -1; ; ) {
    const key = name.slice(dot + 1);
    const value = bySuffix.get(key);
    if (value !== undefined) return { key, value };
    dot = name.indexOf('.', dot + 1);
    if (dot < 0) return undefined;
  }
}

/**
 * `domain-` and the domain with dots as dashes; a domain too long for an id (URLs and file names
 * use it) keeps its start and gains a stable hash of the whole.
 */
function domainSenderId(domain: string): string {
  const id = `domain-${domain.replaceAll('.', '-')}`;
  if (id.length <= MAX_ID_LENGTH) return id;
  let hash = 0x811c9dc5;
  for (let i = 0; i < domain.length; i++) hash = Math.imul(hash ^ domain.charCodeAt(i), 0x01000193);
  const tag = (hash >>> 0).toString(16).padStart(8, '0');
  return `${id.slice(0, MAX_ID_LENGTH - tag.length - 1).replace(/-+$/, '')}-${tag}`;
}
