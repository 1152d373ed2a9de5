import type { IncidentRecord } from '../../../src/core/schemas/incident-record.ts';
import type { Locale } from '../../../src/core/schemas/site-config.ts';
import { translate, type MessageKey } from '../../../src/core/i18n/translate.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import { titleKey } from '../../../src/core/notes/title-key.ts';

/**
 * The first draft of a staff note for an incident, in one language: a title and what people may
 * want to say beyond the facts (is anything lost, must users act). Written once; people edit it.
 * It holds no figure, time or tense that could go stale: what the logs show (start, end, counts,
 * whether it is still going on) the site renders from the current record at every build.
 */
export function draftNote(record: IncidentRecord, locale: Locale): string {
  // The title is YAML (serialized below); the body is Markdown, where a name must stay text.
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, { sender: record.sender.name, ...params });
  const md = (key: MessageKey) => translate(locale, key, { sender: escapeMarkdown(record.sender.name) });
  // An incident no log shows comes from its note; there is nothing to draft.
  if (record.kind === 'reported') throw new Error(`${record.id}: a reported incident is written by people, never drafted`);
  const ours = record.attribution === 'ours';
  const outbound = record.direction === 'outbound';
  const title = t(titleKey(record));
  // Our mail to others: what a refusal does to it (a bounce, the user resends) and what a deferral does not; no figure, no tense.
  const refusal = record.kind === 'reputation' || record.kind === 'authentication';
  const lost: MessageKey = outbound ? (ours ? 'note.lost.oursOutbound' : refusal ? 'note.lost.outboundRefused' : 'note.lost.outbound') : ours ? 'note.lost.ours' : 'note.lost';
  return [
    '---',
    `# ${t('note.draftComment', { id: record.id })}`,
    `incident: ${record.id}`,
    `title: ${JSON.stringify(title)}`,
    '---',
    '',
    `## ${md('note.heading.lost')}`,
    '',
    md(lost),
    '',
    `## ${md('note.heading.act')}`,
    '',
    md(outbound ? 'note.act.outbound' : 'note.act'),
    '',
  ].join('\n');
}
