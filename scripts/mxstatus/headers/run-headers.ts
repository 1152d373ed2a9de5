import { analyseHeaders, MAX_HEADER_CHARS, type HeadersAnalysed, type NotHeaders } from '../../../src/core/headers/analyse-headers.ts';
import { explainDelay, type DelayExplanation } from '../../../src/core/headers/explain-delay.ts';
import { describeHeaders } from '../../../src/core/headers/describe-headers.ts';
import { translate, type MessageKey } from '../../../src/core/i18n/translate.ts';
import { formatDateTime } from '../../../src/core/format-time.ts';
import { isStale } from '../../../src/core/state/current-state.ts';
import { localePath } from '../../../src/core/routes.ts';
import { readRecords } from '../../../src/core/records/read-records.ts';
import type { Locale } from '../../../src/core/contract.ts';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { createSenderClassifier, mergeSenderRules, ownHostMatcher } from '../../../src/core/senders/classify-sender.ts';
import { builtInSenderRules } from '../../../src/core/senders/sender-catalog.ts';
import { plainForTerminal } from '../terminal-text.ts';
import type { HeadersSite } from './load-headers-site.ts';
import type { HeadersText } from './read-headers-input.ts';

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

/** `mxstatus headers`: analyse pasted email headers and match them to the incidents under `content/`. */
export async function runHeaders(site: HeadersSite, input: HeadersText): Promise<Result<HeadersReport>> {
  const { contentDir, config, locale } = site;
  const analysis = analyseHeaders(input.text);
  if (analysis.kind === 'not-headers') return fail(exitCodes.input, notHeadersMessage(analysis.reason, input.file, locale));
  // The same reader as `mxstatus check`: a broken record stops the run with the line that names it.
  const records = await readRecords(contentDir);
  const [first, ...more] = records.problems;
  if (first !== undefined) return fail(exitCodes.config, more.length > 0 ? `${first} (and ${more.length} more problems: run mxstatus check)` : first);
  const incidents = records.incidents.map((r) => r.data);
  const lastLine = records.status ? Date.parse(records.status.data.asOf) : null;
  const asOf = lastLine ?? Date.now();
  const stale = isStale({ asOf: lastLine, now: Date.now(), staleAfterMs: config.staleAfterMinutes * 60_000 }) ? { asOf: lastLine } : null;
  // Like the page: only organisations of the catalog and the site's rules are named.
  const classify = createSenderClassifier(mergeSenderRules(builtInSenderRules, config.senders), { ownHostSuffixes: config.ownHosts });
  const explanation = explainDelay(analysis, { classify, isOwnHost: ownHostMatcher(config.ownHosts), incidents, asOf });
  return ok({ analysis, explanation, support: config.support, site: config.site, timeZone: config.timeZone, locale, defaultLocale: config.defaultLocale, stale });
}

/** Why the input is no headers, in one line of one language: the page's words in the report's language, or (too long) the command line's English. */
function notHeadersMessage(reason: NotHeaders['reason'], file: string | null, locale: Locale): string {
  if (reason === 'too-long') return `${file ?? 'standard input'}: over ${MAX_HEADER_CHARS / 1024} KB of text before the first blank line, more than email headers ever are; pass only the headers of the late email`;
  if (reason === 'empty') return file === null ? translate(locale, 'check.cli.emptyInput') : translate(locale, 'check.cli.emptyFile', { file });
  return `${file ?? translate(locale, 'check.cli.standardInput')}: ${translate(locale, `check.notHeaders.${reason}`)}`;
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
