/**
 * Notes drafted before mxstatus 0.2 carried machine facts in their body: the first numbers and
 * times of an incident, in the tense of the moment it was first seen ("bisher 57 von 71
 * Verbindungen"), frozen there once the note was written. The site now renders those facts from
 * the current record, so it leaves such paragraphs out wherever they still stand word for word
 * as drafted (the staff's own words around them stay). These are the templates that wrote them.
 */
import type { Locale } from '../core/contract.ts';

/** The drafting templates of the paragraphs that carried facts, by locale (placeholders in braces). */
const LEGACY_TEMPLATES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  "de": {
    "note.what.resolved": "Vom {start} bis {end} wurden viele Verbindungen der Mailserver von {sender} zu uns {how}: {failures} von {connections} Verbindungen in dieser Zeit ({ratio}). {sender} hat die betroffenen E-Mails später erneut zugestellt, oft von anderen Servern aus.",
    "note.what.ongoing": "Seit {start} werden viele Verbindungen der Mailserver von {sender} zu uns {how}: bisher {failures} von {connections} Verbindungen ({ratio}). {sender} stellt die betroffenen E-Mails später erneut zu.",
    "note.how.tls-failure": "während des TLS-Verbindungsaufbaus abgebrochen",
    "note.how.connection-loss": "vorzeitig abgebrochen",
    "note.how.timeout": "wegen Zeitüberschreitung beendet",
    "note.side.sender": "Die Ursache lag bei {sender}. Was uns erreicht hat, haben wir wie gewohnt sofort zugestellt{delivery}.",
    "note.side.delivery": " (95 % innerhalb von {p95})",
    "note.notice": "E-Mails von Absendern, die {sender} nutzen, kamen verspätet an, teils um Stunden.",
    "note.what.ours.resolved": "Vom {start} bis {end} sind viele Verbindungen anderer Mailserver zu uns wegen eines Fehlers auf unserer Seite gescheitert: {failures} von {connections} Verbindungen in dieser Zeit ({ratio}). Die absendenden Server haben die E-Mails danach erneut zugestellt.",
    "note.what.ours.ongoing": "Seit {start} scheitern viele Verbindungen anderer Mailserver zu uns wegen eines Fehlers auf unserer Seite: bisher {failures} von {connections} Verbindungen ({ratio}). Wir arbeiten daran; die absendenden Server versuchen es selbstständig erneut.",
    "note.what.silence.resolved": "Vom {start} bis {end} hat uns keine einzige E-Mail von {sender} erreicht, obwohl von dort sonst laufend E-Mails kommen.",
    "note.what.silence.ongoing": "Seit {start} hat uns keine einzige E-Mail von {sender} erreicht, obwohl von dort sonst laufend E-Mails kommen.",
    "note.side.ours": "Die Ursache lag bei uns. Wir entschuldigen uns für die Verzögerung.",
    "note.side.silence": "Unsere Server waren in dieser Zeit erreichbar und haben E-Mails anderer Absender wie gewohnt angenommen; die Ursache lag bei {sender}.",
    "note.notice.ours": "E-Mails an Sie kamen in dieser Zeit verspätet an.",
    "note.notice.silence": "E-Mails von Absendern, die {sender} nutzen, kamen verspätet an."
  },
  "en": {
    "note.what.resolved": "From {start} to {end}, many connections from {sender}'s mail servers to us were {how}: {failures} of {connections} connections in that time ({ratio}). {sender} delivered the affected mail later, often from other servers.",
    "note.what.ongoing": "Since {start}, many connections from {sender}'s mail servers to us have been {how}: {failures} of {connections} connections so far ({ratio}). {sender} retries the affected mail later.",
    "note.how.tls-failure": "broken off during the TLS handshake",
    "note.how.connection-loss": "dropped before the message was through",
    "note.how.timeout": "left to time out",
    "note.side.sender": "The cause was at {sender}. Whatever reached us, we delivered at once as usual{delivery}.",
    "note.side.delivery": " (95% within {p95})",
    "note.notice": "Mail from people who use {sender} arrived late, in some cases by hours.",
    "note.what.ours.resolved": "From {start} to {end}, many connections from other mail servers to us failed because of a fault on our side: {failures} of {connections} connections in that time ({ratio}). The sending servers delivered the mail again afterwards.",
    "note.what.ours.ongoing": "Since {start}, many connections from other mail servers to us have failed because of a fault on our side: {failures} of {connections} connections so far ({ratio}). We are working on it; the sending servers retry on their own.",
    "note.what.silence.resolved": "From {start} to {end}, not a single message from {sender} reached us, although mail from there usually arrives all the time.",
    "note.what.silence.ongoing": "Since {start}, not a single message from {sender} has reached us, although mail from there usually arrives all the time.",
    "note.side.ours": "The cause was on our side. We apologise for the delay.",
    "note.side.silence": "Our servers were reachable and accepted mail from other senders as usual during that time; the cause was at {sender}.",
    "note.notice.ours": "Mail to you arrived late during that time.",
    "note.notice.silence": "Mail from people who use {sender} arrived late."
  }
};

/** Headings of the old drafts whose sections held nothing but those paragraphs. */
const LEGACY_HEADINGS: Readonly<Record<Locale, readonly string[]>> = {
  de: ['## Was ist passiert?', '## Was haben Sie bemerkt?'],
  en: ['## What happened?', '## What did you notice?'],
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A template as a regular expression: `{placeholder}` stands for any text on the line. */
function templatePattern(template: string, how: readonly string[]): string {
  return template
    .split(/(\{\w+\})/)
    .map((part) => (part === '{how}' ? `(?:${how.map(escape).join('|')})` : part === '{delivery}' ? '.*?' : /^\{\w+\}$/.test(part) ? '.+?' : escape(part)))
    .join('');
}

const patterns = new Map<Locale, RegExp>();

function legacyParagraph(locale: Locale): RegExp {
  let pattern = patterns.get(locale);
  if (!pattern) {
    const templates = LEGACY_TEMPLATES[locale];
    const how = Object.entries(templates).filter(([k]) => k.startsWith('note.how.')).map(([, v]) => v);
    const whole = Object.entries(templates)
      .filter(([k]) => !k.startsWith('note.how.') && k !== 'note.side.delivery')
      .map(([, v]) => templatePattern(v, how));
    pattern = new RegExp(`^(?:${whole.join('|')})$`, 'u');
    patterns.set(locale, pattern);
  }
  return pattern;
}

/**
 * A note's Markdown without the paragraphs an older mxstatus drafted with facts in them, and
 * without the headings left empty by that. Anything staff changed, however little, stays.
 *
 * @example
 * withoutLegacyFacts('## Was ist passiert?\n\nSeit 19. März 2026, 09:11 MEZ werden … bisher 57 von 71 Verbindungen (80,3 %). …\n\n## Ist etwas verloren?\n\nNein.', 'de')
 * // '## Ist etwas verloren?\n\nNein.'
 */
export function withoutLegacyFacts(markdown: string, locale: Locale): string {
  const paragraph = legacyParagraph(locale);
  const blocks = markdown.split(/\n[ \t]*\n/);
  const kept = blocks.filter((block) => !paragraph.test(block.trim()));
  if (kept.length === blocks.length) return markdown;
  const headings = LEGACY_HEADINGS[locale];
  const result = kept.filter((block, i) => {
    if (!headings.includes(block.trim())) return true;
    const next = kept[i + 1]?.trim();
    return next !== undefined && !next.startsWith('#');
  });
  return result.join('\n\n');
}
