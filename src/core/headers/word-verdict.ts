import type { MessageKey } from '../i18n/translate.ts';
import type { DelayExplanation, IncidentWindow } from './explain-delay.ts';

/** A piece of the verdict sentence: text, or the link to the incident. */
export type VerdictPart = string | { readonly incident: IncidentWindow };

export interface Wording {
  /** The locale's text for a key, placeholders filled. */
  readonly text: (key: MessageKey, params?: Record<string, string>) => string;
  /** A span of seconds in words, e.g. "6 h 41 min". */
  readonly duration: (seconds: number) => string;
  /** An instant (UTC ms) in the site's zone, e.g. "23 March 2026, 17:43 CET". */
  readonly time: (ms: number) => string;
}

export interface WordedVerdict {
  /** The one sentence, with the incident as a part of its own where it is named. */
  readonly sentence: readonly VerdictPart[];
  /** Whether the reader should write to support: a notable delay no incident explains, or no answer at all. */
  readonly askSupport: boolean;
}

/**
 * Words the verdict of `explainDelay` in one sentence, for the page (which turns the incident
 * part into a link) and the CLI (which prints its URL).
 *
 * @example
 * wordVerdict(explanation, { text: (k, p) => translate('en', k, p), duration: (s) => `${s} s` }).sentence
 * // ['This email waited 6 h 41 min at Outlook.com / Microsoft 365 before reaching us — see ', { incident }, '.']
 */
export function wordVerdict(explanation: DelayExplanation, wording: Wording): WordedVerdict {
  const worded = verdictSentence(explanation, wording);
  if (explanation.dataUntil === null) return worded;
  // The mail came after the last log line read: say that, rather than "no incident explains it".
  return { sentence: [...worded.sentence, ' ', wording.text('check.beyondData', { time: wording.time(explanation.dataUntil) })], askSupport: worded.askSupport };
}

function verdictSentence(explanation: DelayExplanation, wording: Wording): WordedVerdict {
  const { verdict, handOff } = explanation;
  const sender = handOff?.sender?.name ?? wording.text('check.theSender');
  const duration = (seconds: number | null) => (seconds === null ? wording.text('check.unknownTime') : wording.duration(Math.max(0, seconds)));
  switch (verdict.kind) {
    case 'incident': {
      const key = verdict.incident.attribution === 'ours' ? 'check.verdict.incidentOurs' : 'check.verdict.incident';
      return { sentence: withIncident(wording.text(key, { duration: duration(verdict.waitedSeconds), sender: verdict.incident.sender.name }), verdict.incident), askSupport: false };
    }
    case 'waited-at-sender':
      return { sentence: [wording.text('check.verdict.waitedAtSender', { duration: duration(verdict.waitedSeconds), sender })], askSupport: true };
    case 'delayed-at-sender':
      return { sentence: [wording.text('check.verdict.delayedAtSender', { duration: duration(verdict.seconds), sender })], askSupport: false };
    case 'delayed-before-sending':
      return { sentence: [wording.text('check.verdict.delayedBeforeSending', { duration: duration(verdict.seconds) })], askSupport: false };
    case 'delayed-ours':
      return { sentence: [wording.text('check.verdict.delayedOurs', { duration: duration(verdict.seconds) })], askSupport: true };
    case 'no-delay':
      return {
        sentence: [verdict.totalSeconds === null ? wording.text('check.verdict.noDelayUnknown') : wording.text('check.verdict.noDelay', { duration: duration(verdict.totalSeconds) })],
        askSupport: false,
      };
    case 'clocks-disagree':
      return {
        sentence: [verdict.totalSeconds === null ? wording.text('check.verdict.clocksDisagreeUnknown') : wording.text('check.verdict.clocksDisagree', { duration: duration(verdict.totalSeconds) })],
        askSupport: true,
      };
    case 'inconsistent':
      return { sentence: [wording.text('check.verdict.inconsistent')], askSupport: true };
    case 'no-hand-off':
      return { sentence: [wording.text('check.verdict.noHandOff')], askSupport: true };
  }
}

/** Splits a text at its `{incident}` placeholder (left unfilled by `text`) and puts the incident there. */
function withIncident(text: string, incident: IncidentWindow): VerdictPart[] {
  const at = text.indexOf('{incident}');
  if (at < 0) return [text, ' ', { incident }];
  return [text.slice(0, at), { incident }, text.slice(at + '{incident}'.length)].filter((p) => p !== '');
}

/**
 * How long a mail waited, in hours, minutes and seconds with the unit names of the locale's
 * `Intl`: the page and the CLI alike, without a date library in the browser (format-time.ts's
 * formatSeconds, for our delivery latency, brings date-fns along).
 *
 * @example
 * formatWait(24_081, 'en') // '6 hr 41 min' (Intl's short units; '6 Std., 41 Min.' in German)
 */
export function formatWait(seconds: number, locale: string): string {
  const s = Math.round(Math.abs(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const unit = (value: number, name: 'hour' | 'minute' | 'second') => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  const parts = h > 0 ? [unit(h, 'hour'), ...(m > 0 ? [unit(m, 'minute')] : [])] : m > 0 ? [unit(m, 'minute'), ...(rest > 0 && m < 10 ? [unit(rest, 'second')] : [])] : [unit(rest, 'second')];
  return `${seconds < 0 ? '−' : ''}${new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' }).format(parts)}`;
}
