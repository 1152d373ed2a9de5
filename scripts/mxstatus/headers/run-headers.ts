import { analyseHeaders, MAX_HEADER_CHARS, type HeadersAnalysed } from '../../../src/core/headers/analyse-headers.ts';
import { explainDelay, type DelayExplanation } from '../../../src/core/headers/explain-delay.ts';
import { formatWait, wordVerdict } from '../../../src/core/headers/word-verdict.ts';
import { translate } from '../../../src/core/i18n/translate.ts';
import { readRecords } from '../../../src/core/records/read-records.ts';
import { formatDateTime } from '../../../src/core/format-time.ts';
import { loadSiteConfig } from '../../../src/core/config/load-site-config.ts';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { createSenderClassifier, mergeSenderRules, ownHostMatcher } from '../../../src/core/senders/classify-sender.ts';
import { builtInSenderRules } from '../../../src/core/senders/sender-catalog.ts';

export interface HeadersReport {
  readonly analysis: HeadersAnalysed;
  readonly explanation: DelayExplanation;
  readonly support: { readonly email?: string | undefined; readonly url?: string | undefined };
  readonly site: string;
  /** The site's zone, for times in the report. */
  readonly timeZone: string;
}

/** `mxstatus headers`: analyse pasted mail headers and match them to the incidents under `content/`. */
export async function runHeaders(contentDir: string, text: string): Promise<Result<HeadersReport>> {
  const config = await loadSiteConfig(contentDir);
  if (!config.ok) return config;
  const analysis = analyseHeaders(text);
  if (analysis.kind === 'not-headers') {
    if (analysis.reason === 'too-long') return fail(exitCodes.input, `standard input: over ${MAX_HEADER_CHARS / 1024} KB of text before the first blank line, more than mail headers ever are; pass only the headers of the late mail`);
    return fail(exitCodes.input, `standard input: these are not mail headers (${analysis.reason}); paste the headers of the late mail, from the first Received: line down`);
  }
  // The same reader as `mxstatus check`: a broken record stops the run with the line that names it.
  const records = await readRecords(contentDir);
  const [first, ...more] = records.problems;
  if (first !== undefined) return fail(exitCodes.config, more.length > 0 ? `${first} (and ${more.length} more problems: run mxstatus check)` : first);
  const incidents = records.incidents.map((r) => r.data);
  const asOf = records.status ? Date.parse(records.status.data.asOf) : Date.now();
  // Like the page: only organisations of the catalog and the site's rules are named.
  const classify = createSenderClassifier(mergeSenderRules(builtInSenderRules, config.value.senders), { ownHostSuffixes: config.value.ownHosts });
  const explanation = explainDelay(analysis, { classify, isOwnHost: ownHostMatcher(config.value.ownHosts), incidents, asOf });
  return ok({ analysis, explanation, support: config.value.support, site: config.value.site, timeZone: config.value.timeZone });
}

/** The report as text for a terminal: hops oldest first with their delays, where the time went, then the verdict. */
export function formatHeadersReport(report: HeadersReport): string {
  const { analysis, explanation } = report;
  const duration = (seconds: number) => formatWait(seconds, 'en');
  const lines = ['Hops, oldest first:'];
  for (const hop of analysis.hops) {
    const r = hop.received;
    const delay = hop.delaySeconds === null ? '?' : `${hop.delaySeconds >= 0 ? '+' : ''}${duration(hop.delaySeconds)}`;
    const tls = r.tls.state === 'encrypted' ? `TLS${r.tls.version ? ` ${r.tls.version}` : ''}` : r.tls.state === 'plain' ? 'no TLS' : 'TLS not stated';
    const skew = hop.clockSkew ? ' (clock skew: a negative delay means one of these clocks is wrong)' : '';
    const handOff = explanation.handOff?.hop === hop.number ? ' ← reached us here' : '';
    lines.push(`  ${hop.number}. ${r.from?.name ?? '?'} → ${r.by?.name ?? '?'}: ${delay}, ${tls}${skew}${handOff}`);
  }
  if (analysis.totalSeconds !== null) lines.push(`Total: ${duration(analysis.totalSeconds)}`);
  const { split } = explanation;
  if (split) {
    const part = (label: string, seconds: number | null) => `  ${label}: ${seconds === null ? 'not shown' : duration(seconds)}`;
    lines.push('Where the time went:', part('before it was sent', split.beforeSending), part("inside the sender's systems", split.atSender), part('at the hand-off to us', split.handOff), part('inside our systems', split.ours));
  }
  const worded = wordVerdict(explanation, { text: (key, params) => translate('en', key, params), duration, time: (ms) => formatDateTime(ms, 'en', report.timeZone) });
  lines.push(worded.sentence.map((p) => (typeof p === 'string' ? p : new URL(`/incidents/${p.incident.id}/`, report.site).href)).join(''));
  if (worded.askSupport) {
    const contact = report.support.email ?? report.support.url;
    lines.push(contact ? translate('en', 'check.support', { contact }) : translate('en', 'check.supportNone'));
  }
  return `${lines.join('\n')}\n`;
}
