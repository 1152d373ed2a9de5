/**
 * The provider's settings in `content/site.yaml`, written by people.
 * The summarizer, `astro.config.mjs` and the pages all read it through this schema.
 */
import { z } from 'astro/zod';
import ipaddr from 'ipaddr.js';
import { LOCALES } from '../contract.ts';
import { hostPatternProblem, patternEndsInSuffix } from '../senders/host-pattern.ts';

/** Thresholds of incident detection; every one has a default that suits a mid-sized provider. */
export const detectionSchema = z
  .object({
    /** Length of the sliding window that must hold enough failures, in minutes (a multiple of 5). */
    windowMinutes: z.number().int().min(5).max(1440).multipleOf(5).default(30),
    /** Failed connections the window must hold before an incident opens. */
    minFailures: z.number().int().min(1).default(10),
    /** Share of the window's connections that must have failed, 0–1. */
    minFailureRatio: z.number().min(0).max(1).default(0.25),
    /** An incident closes once its sender has been healthy this long, in minutes. */
    quietMinutes: z.number().int().min(5).default(60),
    /** Waves of one sender less than this far apart are one incident, in hours. */
    mergeGapHours: z.number().min(0).default(12),
    /**
     * An incident's impact: minor, major or critical from the share of the sender's connections
     * that failed (below minor: none), and no higher than its duration allows — major once it
     * lasted `majorAfterMinutes`, critical once it lasted `criticalAfterMinutes` (shorter: minor).
     */
    impact: z
      .object({
        minor: z.number().min(0).max(1).default(0.1),
        major: z.number().min(0).max(1).default(0.4),
        critical: z.number().min(0).max(1).default(0.8),
        majorAfterMinutes: z.number().int().min(0).default(30),
        criticalAfterMinutes: z.number().int().min(0).default(120),
      })
      .strict()
      .default({ minor: 0.1, major: 0.4, critical: 0.8, majorAfterMinutes: 30, criticalAfterMinutes: 120 }),
    /** When this many senders fail at once, or failures are this share of all traffic, the fault is ours. */
    ours: z
      .object({
        minSenders: z.number().int().min(2).default(3),
        minShareOfTraffic: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .default({ minSenders: 3, minShareOfTraffic: 0.5 }),
    /**
     * A sender that sends nothing for far longer than its usual rhythm allows is an incident of its
     * own (see detect-silences.ts and the README).
     */
    silence: z
      .object({
        /** A gap must be at least this long, in minutes … */
        minMinutes: z.number().int().min(10).default(60),
        /** … and this many times the sender's usual longest gap (its 95th percentile, in hours it is usually busy) … */
        factor: z.number().min(1).default(4),
        /** … and this unlikely to happen by chance at the sender's usual rate at that time (0–1). */
        maxChance: z.number().gt(0).max(1).default(1e-6),
        /** No longer used (mxstatus 0.2 and earlier): the usual rate now decides. Accepted so that older site.yaml files still load. */
        minActiveShare: z.number().min(0).max(1).optional(),
        /** No longer used (mxstatus 0.2 and earlier). */
        minExpected: z.number().min(1).optional(),
      })
      .strict()
      .default({ minMinutes: 60, factor: 4, maxChance: 1e-6 }),
  })
  .strict();

/** An extra rule that names a sending organisation, or overrides a built-in one with the same id. */
export const senderRuleSchema = z
  .object({
    /** Stable id used in URLs and record file names: lower-case letters, digits and dashes. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and dashes'),
    /** Name shown on the site, e.g. "Outlook.com". */
    name: z.string().min(1),
    /** Host-name suffixes of the organisation's outbound servers, e.g. "outbound.protection.outlook.com". */
    hostSuffixes: z.array(z.string().min(1)).default([]),
    /**
     * The names the organisation's outbound mail servers have, as it documents them or as they
     * appear in real logs: a name under `hostSuffixes` names the organisation only if it matches
     * one of these. `*` stands for part of a label, `#` for digits, a label `**` for one or more
     * labels, and a pattern matches the whole name, e.g. "smtp*.smtpout.orange.fr", "mout#.freenet.de"
     * or "**.mail.*.yahoo.com"; each ends in one of `hostSuffixes`. Give them to every rule without `ipRanges`: without
     * ranges the name is all there is, and any name under the suffixes but an access line's
     * (`ARennes-651-1-97-34.w2-3.abo.wanadoo.fr`, which the classifier never trusts alone) would do.
     */
    hostPatterns: z
      .array(z.string().superRefine((text, ctx) => {
        const problem = hostPatternProblem(text);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }))
      .min(1)
      .optional(),
    /**
     * Address ranges the organisation publishes for its outbound mail (usually in its SPF record),
     * in CIDR notation, e.g. "40.107.0.0/16" or "2a01:111:f403::/48". A client in a range belongs
     * to the organisation even without a host name; a client whose name matches `hostSuffixes`
     * but whose address lies outside every range does not (its reverse DNS may be forged).
     */
    ipRanges: z.array(z.string().refine(isCidr, 'not an IP range; write it in CIDR notation, e.g. 40.107.0.0/16 or 2a01:111:f403::/48')).default([]),
    /** The organisation's own status page, linked from the sender's page. */
    statusPage: z.url().optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    (rule.hostPatterns ?? []).forEach((pattern, i) => {
      if (hostPatternProblem(pattern) || patternEndsInSuffix(pattern, rule.hostSuffixes)) return;
      const fix = rule.hostSuffixes.length > 0 ? `end it in one of them (${rule.hostSuffixes.join(', ')}), or add its ending to hostSuffixes` : 'add its ending to hostSuffixes';
      ctx.addIssue({ code: 'custom', path: ['hostPatterns', i], message: `not under hostSuffixes; ${fix}` });
    });
  });

export const siteConfigSchema = z
  .object({
    /** The provider's name as shown in the site header, e.g. "Example Mail". */
    name: z.string().min(1),
    /** Public address of the status site; feeds, sitemaps and short links are absolute to it. */
    site: z.url(),
    /** Languages of the site; the first page of each is `/` for the default and `/<locale>/` otherwise. */
    locales: z.array(z.enum(LOCALES)).min(1).default([...LOCALES]),
    /** Language served without a prefix. */
    defaultLocale: z.enum(LOCALES).default('de'),
    /** IANA time zone in which times are shown and zone-less log timestamps are read. */
    timeZone: z
      .string()
      .refine(isTimeZone, 'use an IANA time zone name such as Europe/Berlin')
      .default('Europe/Berlin'),
    /** Where users get help; shown on incident pages and in the header checker. */
    support: z
      .object({
        email: z.email().optional(),
        url: z.url().optional(),
      })
      .strict()
      .default({}),
    detection: detectionSchema.default(detectionSchema.parse({})),
    /** The home page warns when the last log line is older than this at build time, in minutes. */
    staleAfterMinutes: z.number().int().min(1).default(60),
    /** Incidents per page of /incidents/. */
    incidentsPerPage: z.number().int().min(1).max(200).default(20),
    /**
     * Host names of our own mail servers, or domains ending them ("example.net" covers
     * "mx1.example.net"): never counted as a sender, and where the header checker sees a mail arrive.
     */
    ownHosts: z.array(z.string().regex(/^\.?[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?$/i, 'write a host name or domain, e.g. mx1.example.net or example.net')).default([]),
    /** Extra sender rules; a rule with a built-in id replaces that rule. */
    senders: z.array(senderRuleSchema).default([]),
  })
  .strict()
  .refine((c) => c.locales.includes(c.defaultLocale), {
    message: 'defaultLocale must be one of locales',
    path: ['defaultLocale'],
  });

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type DetectionSettings = z.infer<typeof detectionSchema>;
export type SenderRule = z.infer<typeof senderRuleSchema>;
export type Locale = SiteConfig['defaultLocale'];

/** Strict CIDR: dotted-quad IPv4 (no octal or hex forms) or IPv6, each with a prefix length. */
function isCidr(text: string): boolean {
  return ipaddr.IPv4.isValidCIDRFourPartDecimal(text) || ipaddr.IPv6.isValidCIDR(text);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
