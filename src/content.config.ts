import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { incidentRecordSchema } from './core/schemas/incident-record.ts';
import { noteSchema } from './core/schemas/note.ts';
import { receiverRecordSchema } from './core/schemas/receiver-record.ts';
import { senderRecordSchema } from './core/schemas/sender-record.ts';
import { statusRecordSchema } from './core/schemas/status-record.ts';
import { contentDir } from './core/content-dir.ts';
import { notesLoader } from './lib/notes-loader.ts';

const records = `${contentDir}/records`;

export const collections = {
  incidents: defineCollection({
    loader: glob({ pattern: '*.json', base: `${records}/incidents` }),
    schema: incidentRecordSchema,
  }),
  senders: defineCollection({
    loader: glob({ pattern: '*.json', base: `${records}/senders` }),
    schema: senderRecordSchema,
  }),
  receivers: defineCollection({
    loader: glob({ pattern: '*.json', base: `${records}/receivers` }),
    schema: receiverRecordSchema,
  }),
  status: defineCollection({
    loader: glob({ pattern: 'status.json', base: records }),
    schema: statusRecordSchema,
  }),
  notes: defineCollection({
    loader: notesLoader(contentDir),
    schema: noteSchema,
  }),
};
