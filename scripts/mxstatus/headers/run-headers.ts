import { analyseHeaders, MAX_HEADER_CHARS, type HeadersAnalysed } from '../../../src/core/headers/analyse-headers.ts';
import { explainDelay, type DelayExplanation } from '../../../src/core/headers/explain-delay.ts';
import { describeHeaders } from '../../../src/core/headers/describe-headers.ts';
import { translate, type MessageKey } from '../../../src/core/i18n/translate.ts';
import { formatDateTime } from '../../../src/core/format-time.ts';
import { isStale } from '../../../src/core/state/current-state.ts';
import { localePath } from '../../../src/core/routes.ts';
import { readRecords } from '../../../src/core/records/read-records.ts';
import type { Locale } from '../../../src/core/contract.ts';
import { loadSiteConfig } from '../../../src/core/config/load-site-config.ts';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { createSenderClassifier, mergeSenderRules, ownHostMatcher } from '../../../src/core/senders/classify-sender.ts';
import { builtInSenderRules } from '../../../src/core/senders/sender-catalog.ts';
import { plainForTerminal } from '../terminal-text.ts';

export interface HeadersReport {
  readonly analysis: HeadersAnalysed;
  readonly explanation: DelayExplanation;
  readonly support: { readonly email?: string | undefined; readonly url?: string | undefined };
  readonly site: string;
  /** The site's zone, for times in the report. */
  readonly timeZone: string;
  /** The language of the report: `--lang`, else the site's default. */
  readonly locale: Locale;
  /** The site's language served without a prefix, for the incident's URL. */
  readonly defaultLocale: Locale;
  /**
   * Set when the records are older than `staleAfterMinutes` now (or there are none): the time of
   * the last log line read (null: none), which the report names as `/check/` does.
   */
  readonly stale: { readonly asOf: number | null } | null;
}

export interface HeadersInput {
  readonly text: string;
  /** Where the text came from, for messages: a file name or "standard input". */
  readonly source: string;
  readonly locale?: Locale | undefined;
}

/** `mxstatus headers`: analyse pasted mail headers and match them to the incidents under `content/`. */
export async function runHeaders(contentDir: string, input: HeadersInput): Promise<Result<HeadersReport>> {
  const config = await loadSiteConfig(contentDir);
  if (!config.ok) return config;
  const locale = input.locale ?? config.value.defaultLocale;
  const analysis = analyseHeaders(input.text);
  if (analysis.kind === 'not-headers') {
    if (analysis.reason === 'too-long') return fail(exitCodes.input, `${input.source}: over ${MAX_HEADER_CHARS / 1024} KB of text before the first blank line, more than mail headers ever are; pass only the headers of the late mail`);
    // The page's words for what was wrong, in the report's language.
    return fail(exitCodes.input, `${input.source}: ${translate(locale, `check.notHeaders.${analysis.reason}`)}`);
  }
  // The same reader as `mxstatus check`: a broken record stops the run with the line that names it.
  const records = await readRecords(contentDir);
  const [first, ...more] = records.problems;
  if (first !== undefined) return fail(exitCodes.config, more.length > 0 ? `${first} (and ${more.length} more problems: run mxstatus check)` : first);
  const incidents = records.incidents.map((r) => r.data);
  const lastLine = records.status ? Date.parse(records.status.data.asOf) : null;
  const asOf = lastLine ?? Date.now();
  const stale = isStale({ asOf: lastLine, now: Date.now(), staleAfterMs: config.value.staleAfterMinutes * 60_000 }) ? { asOf: lastLine } : null;
  // Like the page: only organisations of the catalog and the site's rules are named.
  const classify = createSenderClassifier(mergeSenderRules(builtInSenderRules, config.value.senders), { ownHostSuffixes: config.value.ownHosts });
  const explanation = explainDelay(analysis, { classify, isOwnHost: ownHostMatcher(config.value.ownHosts), incidents, asOf });
  return ok({ analysis, explanation, support: config.value.support, site: config.value.site, timeZone: config.value.timeZone, locale, defaultLocale: config.value.defaultLocale, stale });
}

/**
 * The report as text for a terminal: the same words, in the same order, as the `/check/` page
 * (`describeHeaders`): the verdict, where the time went, the hops oldest first, then the notes.
 */
export function formatHeadersReport(report: HeadersReport): string {
  const contact = report.support.email ?? report.support.url ?? null;
  const text = (key: MessageKey, params?: Record<string, string>) => translate(report.locale, key, params);
  const described = describeHeaders(report.analysis, report.explanation, { locale: report.locale, timeZone: report.timeZone, text, contact });
  const lines: string[] = [];
  // What the page says above its form when the data is old: no incident after that time can be matched.
  if (report.stale) {
    const since = report.stale.asOf === null ? text('status.overall.noData') : text('status.overall.stale', { time: formatDateTime(report.stale.asOf, report.locale, report.timeZone) });
    lines.push(`${since} ${text('check.staleData')}`, '');
  }
  lines.push(described.verdict.map((p) => (typeof p === 'string' ? p : new URL(localePath(report.locale, `/incidents/${p.incident.id}/`, report), report.site).href)).join(''));
  if (described.support !== null) lines.push(described.support);
  if (described.split) lines.push('', `${described.split.heading}:`, ...described.split.rows.map((row) => `  ${row.label}: ${row.value}`));
  if (described.hops) {
    lines.push('', `${described.hops.heading}:`);
    for (const hop of described.hops.list) lines.push(`  ${hop.number}. ${hop.route}`, `     ${hop.facts.join(' · ')}${hop.handOff === null ? '' : ` ← ${hop.handOff}`}`);
  }
  if (described.total !== null) lines.push('', described.total);
  if (described.authentication !== null) lines.push(described.authentication);
  if (described.notes.length > 0) lines.push('', ...described.notes.map((note) => `- ${note}`));
  return `${lines.map(plainForTerminal).join('\n')}\n`;
}
