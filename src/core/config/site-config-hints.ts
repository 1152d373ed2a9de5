import { isIP } from 'node:net';
import { siteConfigSchema } from '../schemas/site-config.ts';
import type { FieldHints } from './describe-schema-issue.ts';

/**
 * What the messages about `content/site.yaml` say beyond the schema: an example for every field
 * (the defaults where there are some) and words for the checks zod cannot word.
 */
const defaults = siteConfigSchema.parse({ name: 'Example Mail', site: 'https://status.example.net' });

export const siteConfigHints: FieldHints = {
  ...defaultExamples(),
  '': { example: 'name: Example Mail' },
  name: { example: 'Example Mail' },
  site: { example: 'https://status.example.net' },
  defaultLocale: {
    example: 'de',
    rule: {
      what: 'not one of locales',
      fix: (value, input) => {
        if (value === undefined) return `add ${defaults.defaultLocale} to locales, or set defaultLocale to one of them (it is ${defaults.defaultLocale} unless you set it)`;
        const locales = localesOf(input);
        return locales.length > 0 ? `add ${String(value)} to locales or set defaultLocale to ${locales.join(' or ')}` : `add ${String(value)} to locales`;
      },
    },
  },
  timeZone: {
    example: 'Europe/Berlin',
    rule: { what: 'not an IANA time zone', fix: (value) => `use ${zoneMeant(value) ?? 'a name such as Europe/Berlin or UTC'}` },
  },
  'support.email': { example: 'support@example.net' },
  'support.url': { example: 'https://example.net/help' },
  ownHosts: { example: '[mx1.example.net, example.net]' },
  'ownHosts[]': {
    example: 'mx1.example.net',
    rule: { what: 'not a host name or domain', fix: (value) => hostFix(String(value)) },
  },
  senders: { example: '[{ id: partner, name: Partner, hostSuffixes: [mail.partner.example] }]' },
  'senders[].id': {
    example: 'partner',
    rule: { what: 'not a valid id', fix: (value) => `use lower-case letters, digits and dashes, e.g. ${slug(String(value)) || 'partner'}` },
  },
  'senders[].name': { example: 'Outlook.com' },
  'senders[].hostSuffixes': { example: '[outbound.protection.outlook.com]' },
  'senders[].hostSuffixes[]': { example: 'outbound.protection.outlook.com' },
  'senders[].hostPatterns': { example: '[smtp*.smtpout.orange.fr]' },
  'senders[].hostPatterns[]': { example: 'smtp*.smtpout.orange.fr' },
  'senders[].ipRanges': { example: '[40.107.0.0/16, "2a01:111:f403::/48"]' },
  'senders[].ipRanges[]': {
    example: '40.107.0.0/16',
    rule: {
      what: 'not an IP range',
      fix: (value) =>
        typeof value === 'string' && isIP(value)
          ? `add the prefix length, e.g. ${value}/${isIP(value) === 4 ? 32 : 128} for this one address`
          : 'write it in CIDR notation, e.g. 40.107.0.0/16 or 2a01:111:f403::/48',
    },
  },
  'senders[].statusPage': { example: 'https://status.example.org' },
};

/** `detection.windowMinutes: 30` and the like, from the schema's own defaults. */
function defaultExamples(): FieldHints {
  const hints: Record<string, { example: string }> = {};
  const visit = (value: unknown, prefix: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) visit(inner, prefix ? `${prefix}.${key}` : key);
    } else if (Array.isArray(value)) {
      hints[prefix] = { example: `[${value.join(', ')}]` };
    } else {
      hints[prefix] = { example: String(value) };
    }
  };
  visit(defaults, '');
  return hints;
}

function localesOf(input: unknown): string[] {
  const locales = (input as { locales?: unknown } | null)?.locales;
  return Array.isArray(locales) ? locales.map(String) : defaults.locales;
}

/** "Berlin" or "europe/berlin" most likely meant "Europe/Berlin". */
function zoneMeant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const wanted = value.trim().toLowerCase().replace(/ /g, '_');
  return Intl.supportedValuesOf('timeZone').find((zone) => zone.toLowerCase() === wanted || zone.toLowerCase().endsWith(`/${wanted}`)) ?? null;
}

/** A URL or an address where a host name belongs: keep its host. */
function hostFix(value: string): string {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#\s]+)/i.exec(value)?.[1];
  if (host) return `write only the host name: ${host}`;
  const domain = /^[^@\s]+@([^@\s]+)$/.exec(value)?.[1];
  if (domain) return `write only the domain: ${domain}`;
  return 'write a host name or domain, e.g. mx1.example.net or example.net';
}

function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}
