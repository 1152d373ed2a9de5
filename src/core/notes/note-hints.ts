import type { FieldHints } from '../config/describe-schema-issue.ts';

const START = '2026-04-01T22:00:00+02:00';
const END = '2026-04-02T02:00:00+02:00';

/** What the messages about a note's front matter say beyond the schema (src/core/schemas/note.ts). */
export const noteHints: FieldHints = {
  '': { example: 'title: "Delayed mail from Outlook.com"' },
  incident: { example: '2026-03-19-microsoft-tls-failure' },
  title: { example: '"Delayed mail from Outlook.com"' },
  start: {
    example: START,
    rule: {
      what: 'a maintenance needs start and end',
      fix: (_value, input) => {
        const note = (input ?? {}) as { start?: unknown; end?: unknown };
        if (note.start === undefined && note.end === undefined) return `add both, e.g. start: ${START} and end: ${END}`;
        return note.start === undefined ? `add start, e.g. start: ${START}` : `add end, e.g. end: ${END}`;
      },
    },
  },
  end: { example: END },
  sender: { example: 'microsoft' },
  'updates[].at': { example: '2026-03-23T18:00:00+01:00' },
  'updates[].text': { example: '"Outlook.com has fixed the fault."' },
};
