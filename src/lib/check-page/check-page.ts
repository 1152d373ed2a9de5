/**
 * The header checker in the browser: reads the page's data block, and on submit analyses the
 * pasted headers, explains the delay and shows the verdict. Nothing leaves the page: no request,
 * no storage. Pasted text is only ever put into the page as text nodes.
 */
import { fillTemplate } from '../../core/i18n/fill-template.ts';
import type { MessageKey } from '../../core/i18n/translate.ts';
import { createSenderClassifier, ownHostMatcher } from '../../core/senders/classify-sender.ts';
import { analyseHeaders, type HeadersAnalysed } from '../../core/headers/analyse-headers.ts';
import { CHECK_DATA_ID, type CheckIncident, type CheckPageData } from './check-page-data.ts';
import { explainDelay, type DelayExplanation, type DelaySplit } from '../../core/headers/explain-delay.ts';
import { formatWait, wordVerdict } from '../../core/headers/word-verdict.ts';
import { BCP47 } from '../../core/contract.ts';

export function startCheckPage(doc: Document): void {
  const dataElement = doc.getElementById(CHECK_DATA_ID);
  const form = doc.querySelector<HTMLFormElement>('form.check-form');
  const input = form?.querySelector('textarea');
  const result = doc.getElementById('check-result');
  const output = doc.getElementById('check-output');
  if (!dataElement || !form || !input || !result || !output) return;
  const data = JSON.parse(dataElement.textContent ?? '{}') as CheckPageData;
  const page = new CheckPage(doc, data);
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    output.replaceChildren(...page.render(input.value));
    result.hidden = false;
    result.focus();
  });
}

class CheckPage {
  readonly #doc: Document;
  readonly #data: CheckPageData;
  readonly #classify: ReturnType<typeof createSenderClassifier>;
  readonly #isOwnHost: (name: string) => boolean;
  readonly #time: Intl.DateTimeFormat;

  constructor(doc: Document, data: CheckPageData) {
    this.#doc = doc;
    this.#data = data;
    this.#classify = createSenderClassifier(data.rules, { ownHostSuffixes: data.ownHosts });
    this.#isOwnHost = ownHostMatcher(data.ownHosts);
    this.#time = new Intl.DateTimeFormat(BCP47[data.locale], { timeZone: data.timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
  }

  text = (key: MessageKey, params: Record<string, string> = {}): string => fillTemplate(this.#data.texts[key] ?? key, params);

  duration = (seconds: number): string => formatWait(seconds, this.#data.locale);

  render(pasted: string): Node[] {
    const analysis = analyseHeaders(pasted);
    if (analysis.kind === 'not-headers') return [this.#el('p', 'verdict', this.text(`check.notHeaders.${analysis.reason}`))];
    const explanation = explainDelay(analysis, { classify: this.#classify, isOwnHost: this.#isOwnHost, incidents: this.#data.incidents, asOf: this.#data.asOf });
    return [...this.#verdict(explanation), ...this.#split(explanation.split), ...this.#hops(analysis, explanation), ...this.#notes(analysis)];
  }

  #verdict(explanation: DelayExplanation): Node[] {
    const worded = wordVerdict(explanation, { text: this.text, duration: this.duration, time: (ms) => this.#time.format(ms) });
    const sentence = this.#el('p', 'verdict');
    for (const part of worded.sentence) {
      if (typeof part === 'string') sentence.append(part);
      else {
        const incident = part.incident as CheckIncident;
        const link = this.#el('a', null, incident.title);
        link.setAttribute('href', incident.href);
        sentence.append(link);
      }
    }
    if (!worded.askSupport) return [sentence];
    const contact = this.#data.contact;
    return [sentence, this.#el('p', null, contact ? this.text('check.support', { contact }) : this.text('check.supportNone'))];
  }

  #split(split: DelaySplit | null): Node[] {
    if (!split) return [];
    const list = this.#el('dl', 'check-split');
    const rows: [MessageKey, number | null][] = [
      ['check.split.beforeSending', split.beforeSending],
      ['check.split.atSender', split.atSender],
      ['check.split.handOff', split.handOff],
      ['check.split.ours', split.ours],
    ];
    for (const [key, seconds] of rows) list.append(this.#el('dt', null, this.text(key)), this.#el('dd', null, seconds === null ? this.text('check.split.unknown') : this.duration(seconds)));
    return [this.#el('h3', null, this.text('check.split.heading')), list];
  }

  #hops(analysis: HeadersAnalysed, explanation: DelayExplanation): Node[] {
    if (analysis.hops.length === 0) return [];
    const list = this.#el('ol', 'check-hops');
    for (const hop of analysis.hops) {
      const r = hop.received;
      const item = this.#el('li');
      const unknown = this.text('check.hop.unknownHost');
      item.append(this.#el('span', 'hop-route', this.text('check.hop.route', { from: r.from?.name ?? unknown, by: r.by?.name ?? unknown })));
      const facts = [
        r.date === null ? this.text('check.hop.noDate') : this.#time.format(r.date),
        hop.delaySeconds === null ? this.text('check.hop.noDelay') : hop.delaySeconds < 0 ? `${this.duration(hop.delaySeconds)} (${this.text('check.hop.skew')})` : this.text('check.hop.delay', { duration: this.duration(hop.delaySeconds) }),
        r.tls.state === 'encrypted' ? (r.tls.version ? this.text('check.tls.encryptedVersion', { version: r.tls.version }) : this.text('check.tls.encrypted')) : this.text(`check.tls.${r.tls.state}`),
      ];
      item.append(this.#el('span', 'hop-facts', facts.join(' · ')));
      if (explanation.handOff?.hop === hop.number) item.append(this.#el('strong', 'hop-hand-off', this.text('check.hop.handOff')));
      list.append(item);
    }
    const out: Node[] = [this.#el('h3', null, this.text('check.hops.heading')), list];
    if (analysis.totalSeconds !== null) out.push(this.#el('p', null, this.text('check.total', { duration: this.duration(analysis.totalSeconds) })));
    const auth = analysis.authentication;
    if (auth) {
      const none = this.text('check.auth.none');
      out.push(this.#el('p', null, this.text('check.auth', { spf: auth.spf ?? none, dkim: auth.dkim.length > 0 ? auth.dkim.join(', ') : none, dmarc: auth.dmarc ?? none })));
    }
    return out;
  }

  #notes(analysis: HeadersAnalysed): Node[] {
    if (analysis.notes.length === 0) return [];
    const list = this.#el('ul', 'check-notes');
    for (const note of analysis.notes) list.append(this.#el('li', null, this.text(`check.note.${note}`)));
    return [list];
  }

  #el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string | null = null, text?: string): HTMLElementTagNameMap[K] {
    const element = this.#doc.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }
}
