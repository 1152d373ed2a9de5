/**
 * The header checker in the browser: reads the page's data block, and on submit analyses the
 * pasted headers, explains the delay and shows the verdict. Nothing leaves the page: no request,
 * no storage. Pasted text is only ever put into the page as text nodes.
 */
import { fillTemplate } from '../../core/i18n/fill-template.ts';
import type { MessageKey } from '../../core/i18n/translate.ts';
import { createSenderClassifier, ownHostMatcher } from '../../core/senders/classify-sender.ts';
import { analyseHeaders } from '../../core/headers/analyse-headers.ts';
import { CHECK_DATA_ID, type CheckIncident, type CheckPageData } from './check-page-data.ts';
import { describeHeaders, type HeadersDescribed } from '../../core/headers/describe-headers.ts';
import { explainDelay } from '../../core/headers/explain-delay.ts';

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

  constructor(doc: Document, data: CheckPageData) {
    this.#doc = doc;
    this.#data = data;
    this.#classify = createSenderClassifier(data.rules, { ownHostSuffixes: data.ownHosts });
    this.#isOwnHost = ownHostMatcher(data.ownHosts);
  }

  text = (key: MessageKey, params: Record<string, string> = {}): string => fillTemplate(this.#data.texts[key] ?? key, params);

  render(pasted: string): Node[] {
    const analysis = analyseHeaders(pasted);
    if (analysis.kind === 'not-headers') return [this.#el('p', 'verdict', this.text(`check.notHeaders.${analysis.reason}`))];
    const explanation = explainDelay(analysis, { classify: this.#classify, isOwnHost: this.#isOwnHost, incidents: this.#data.incidents, asOf: this.#data.asOf });
    const described = describeHeaders(analysis, explanation, { locale: this.#data.locale, timeZone: this.#data.timeZone, text: this.text, contact: this.#data.contact });
    return [...this.#verdict(described), ...this.#split(described), ...this.#hops(described), ...this.#notes(described)];
  }

  #verdict(described: HeadersDescribed): Node[] {
    const sentence = this.#el('p', 'verdict');
    for (const part of described.verdict) {
      if (typeof part === 'string') sentence.append(part);
      else {
        const incident = part.incident as CheckIncident;
        const link = this.#el('a', null, incident.title);
        link.setAttribute('href', incident.href);
        sentence.append(link);
      }
    }
    return described.support === null ? [sentence] : [sentence, this.#el('p', null, described.support)];
  }

  #split({ split }: HeadersDescribed): Node[] {
    if (!split) return [];
    const list = this.#el('dl', 'check-split');
    for (const row of split.rows) list.append(this.#el('dt', null, row.label), this.#el('dd', null, row.value));
    return [this.#el('h3', null, split.heading), list];
  }

  #hops({ hops, total, authentication }: HeadersDescribed): Node[] {
    if (!hops) return [];
    const list = this.#el('ol', 'check-hops');
    for (const hop of hops.list) {
      const item = this.#el('li');
      item.append(this.#el('span', 'hop-route', hop.route), this.#el('span', 'hop-facts', hop.facts.join(' · ')));
      if (hop.handOff !== null) item.append(this.#el('strong', 'hop-hand-off', hop.handOff));
      list.append(item);
    }
    const out: Node[] = [this.#el('h3', null, hops.heading), list];
    if (total !== null) out.push(this.#el('p', null, total));
    if (authentication !== null) out.push(this.#el('p', null, authentication));
    return out;
  }

  #notes({ notes }: HeadersDescribed): Node[] {
    if (notes.length === 0) return [];
    const list = this.#el('ul', 'check-notes');
    for (const note of notes) list.append(this.#el('li', null, note));
    return [list];
  }

  #el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string | null = null, text?: string): HTMLElementTagNameMap[K] {
    const element = this.#doc.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }
}
