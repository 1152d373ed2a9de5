import type { MessageKey } from '../i18n/translate.ts';
import { BCP47 } from '../contract.ts';
import type { Locale } from '../schemas/site-config.ts';
import type { HeadersAnalysed } from './analyse-headers.ts';
import type { DelayExplanation } from './explain-delay.ts';
import { formatWait, wordVerdict, type VerdictPart } from './word-verdict.ts';

/** The text of one locale: a key's words with their placeholders filled. */
export type HeaderTexts = (key: MessageKey, params?: Record<string, string>) => string;

/** A hop as `/check/` and `mxstatus headers` list it, in words. */
export interface HopDescribed {
  readonly number: number;
  /** "mail.example.com → mx1.example.net". */
  readonly route: string;
  /** The hop's time, its delay and its TLS, e.g. ["19 Mar 2026, 10:02:11 CET", "+6 hr 41 min", "encrypted (TLSv1.2)"]. */
  readonly facts: readonly string[];
  /** "reached us here" on the hop where the mail reached us, else null. */
  readonly handOff: string | null;
}

/** Everything the checker says about pasted headers, in the words of one locale, ready to show. */
export interface HeadersDescribed {
  /** The verdict: text, with the matched incident as a part of its own (the page links it, the CLI prints its URL). */
  readonly verdict: readonly VerdictPart[];
  /** Where to get help when the verdict asks for it, else null. */
  readonly support: string | null;
  readonly split: { readonly heading: string; readonly rows: readonly { readonly label: string; readonly value: string }[] } | null;
  readonly hops: { readonly heading: string; readonly list: readonly HopDescribed[] } | null;
  /** "From the date of the mail to the last hop: …", or null without two times. */
  readonly total: string | null;
  readonly authentication: string | null;
  readonly notes: readonly string[];
}

export interface DescribeOptions {
  readonly locale: Locale;
  readonly timeZone: string;
  readonly text: HeaderTexts;
  /** The site's support address or page, or null without one. */
  readonly contact: string | null;
}

/**
 * The checker's answer in words — the same for the `/check/` page and `mxstatus headers`, so the
 * two can never say different things about the same headers.
 *
 * @example
 * describeHeaders(analysis, explanation, { locale: 'en', timeZone: 'Europe/Berlin', text, contact: 'support@example.net' }).hops?.list[2]
 * // { number: 3, route: 'EUR05-AM6-obe.outbound.protection.outlook.com → mx1.example.net',
 * //   facts: ['19 Mar 2026, 17:43:10 CET', '+6 hr 41 min', 'encrypted (TLSv1.2)'], handOff: 'reached us here' }
 */
export function describeHeaders(analysis: HeadersAnalysed, explanation: DelayExplanation, options: DescribeOptions): HeadersDescribed {
  const { text } = options;
  const duration = (seconds: number) => formatWait(seconds, options.locale);
  const time = hopTimeFormat(options.locale, options.timeZone);
  const worded = wordVerdict(explanation, { text, duration, time });
  const support = worded.askSupport ? (options.contact ? text('check.support', { contact: options.contact }) : text('check.supportNone')) : null;
  const { split } = explanation;
  const splitRows: [MessageKey, number | null][] = split
    ? [
        ['check.split.beforeSending', split.beforeSending],
        ['check.split.atSender', split.atSender],
        ['check.split.handOff', split.handOff],
        ['check.split.ours', split.ours],
      ]
    : [];
  const unknown = text('check.hop.unknownHost');
  const hops = analysis.hops.map((hop): HopDescribed => {
    const r = hop.received;
    return {
      number: hop.number,
      route: text('check.hop.route', { from: r.from?.name ?? unknown, by: r.by?.name ?? unknown }),
      facts: [
        r.date === null ? text('check.hop.noDate') : time(r.date),
        hop.delaySeconds === null ? text('check.hop.noDelay') : hop.delaySeconds < 0 ? `${duration(hop.delaySeconds)} (${text('check.hop.skew')})` : text('check.hop.delay', { duration: duration(hop.delaySeconds) }),
        r.tls.state === 'encrypted' ? (r.tls.version ? text('check.tls.encryptedVersion', { version: r.tls.version }) : text('check.tls.encrypted')) : text(`check.tls.${r.tls.state}`),
      ],
      handOff: explanation.handOff?.hop === hop.number ? text('check.hop.handOff') : null,
    };
  });
  const auth = analysis.authentication;
  const none = text('check.auth.none');
  return {
    verdict: worded.sentence,
    support,
    split: split ? { heading: text('check.split.heading'), rows: splitRows.map(([key, seconds]) => ({ label: text(key), value: seconds === null ? text('check.split.unknown') : duration(seconds) })) } : null,
    hops: hops.length > 0 ? { heading: text('check.hops.heading'), list: hops } : null,
    total: hops.length > 0 && analysis.totalSeconds !== null ? text('check.total', { duration: duration(analysis.totalSeconds) }) : null,
    authentication: hops.length > 0 && auth ? text('check.auth', { spf: auth.spf ?? none, dkim: auth.dkim.length > 0 ? auth.dkim.join(', ') : none, dmarc: auth.dmarc ?? none }) : null,
    notes: analysis.notes.map((note) => text(`check.note.${note}`)),
  };
}

/** A hop's time to the second, in the site's zone with its abbreviation: "19 Mar 2026, 17:43:10 CET". */
function hopTimeFormat(locale: Locale, timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat(BCP47[locale], { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
  return (ms) => format.format(ms);
}
