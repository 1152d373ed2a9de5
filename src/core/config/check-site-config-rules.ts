import type { SiteConfig } from '../schemas/site-config.ts';
import { showValue } from './describe-schema-issue.ts';
import { OTHER, OURS } from '../contract.ts';

/** Sender ids mxstatus gives itself: our own incidents, and every sender nobody named. */
const RESERVED_SENDER_IDS = new Set([OURS, OTHER]);

/**
 * What a valid-looking `site.yaml` can still get wrong: two sender rules with one id, a reserved
 * id, an address that is not a web page, impact thresholds out of order. One line per problem,
 * in the form of describeSchemaIssue.
 *
 * @example
 * checkSiteConfigRules({ ...config, senders: [partner, partner] })
 * // ['senders[1].id: the same as senders[0].id (got "partner"); give each rule its own id']
 */
export function checkSiteConfigRules(config: SiteConfig): string[] {
  const problems: string[] = [];
  const firstIndex = new Map<string, number>();
  config.senders.forEach((rule, i) => {
    const earlier = firstIndex.get(rule.id);
    if (earlier !== undefined) problems.push(`senders[${i}].id: the same as senders[${earlier}].id (got ${showValue(rule.id)}); give each rule its own id`);
    else firstIndex.set(rule.id, i);
    if (RESERVED_SENDER_IDS.has(rule.id)) {
      problems.push(`senders[${i}].id: reserved (got ${showValue(rule.id)}); choose another id: "ours" marks our own incidents and "other" counts the senders nobody named`);
    }
  });

  const addresses: [string, string | undefined][] = [
    ['site', config.site],
    ['support.url', config.support.url],
    ...config.senders.map((rule, i): [string, string | undefined] => [`senders[${i}].statusPage`, rule.statusPage]),
  ];
  for (const [field, url] of addresses) {
    // z.url() accepts any scheme, "javascript:" included; the site links only to web pages.
    if (url !== undefined && !/^https?:\/\//i.test(url)) problems.push(`${field}: not a web address (got ${showValue(url)}); write an address that starts with https://`);
  }

  const { minor, major, critical } = config.detection.impact;
  if (major < minor) problems.push(`detection.impact.major: lower than minor ${minor} (got ${major}); keep minor ≤ major ≤ critical, e.g. 0.1, 0.4, 0.8`);
  if (critical < major) problems.push(`detection.impact.critical: lower than major ${major} (got ${critical}); keep minor ≤ major ≤ critical, e.g. 0.1, 0.4, 0.8`);
  return problems;
}
