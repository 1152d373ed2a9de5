/**
 * The notes collection's loader: the core's one reader of `content/notes/` (`checkNotes`), so
 * that the build and `mxstatus check` agree on every note — the same ids, limits, links and YAML.
 * A note that cannot be read as one stops the build (the published site stays as it was); a file
 * the site never shows is left out with a warning, as `mxstatus check` reports it.
 */
import type { Loader } from 'astro/loaders';
import { checkNotes } from '../core/notes/read-notes.ts';

export function notesLoader(contentDir: string): Loader {
  return {
    name: 'mxstatus-notes',
    load: async ({ store, parseData, logger, generateDigest }) => {
      const read = await checkNotes(contentDir);
      if (read.broken.length > 0) throw new Error(`${read.broken.join('\n')}\n(mxstatus check lists every problem of content/)`);
      for (const line of read.ignored) logger.warn(line);
      store.clear();
      for (const note of read.notes) {
        const id = `${note.locale}/${note.id}`;
        const data = await parseData({ id, data: note.data });
        store.set({ id, data, body: note.body, digest: generateDigest({ data: note.data, body: note.body }) });
      }
    },
  };
}
