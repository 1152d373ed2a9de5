/**
 * The one reader of `content/notes/`: the site's build (`src/content.config.ts`) and
 * `mxstatus check` read notes through it, so they agree on which notes exist, what each says and
 * which are never shown — with the same limits on size, names, links and YAML.
 */
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { describeSchemaIssues } from '../config/describe-schema-issue.ts';
import { limitProblems } from '../records/limit-problems.ts';
import type { Located } from '../records/read-records.ts';
import { noteSchema, type Note } from '../schemas/note.ts';
import { noteHints } from './note-hints.ts';
import { readFrontMatter } from './read-front-matter.ts';
import { isInside } from '../is-inside.ts';

/** A note that passed its schema, with the language folder it lies in and its Markdown. */
export interface LocatedNote extends Located<Note> {
  readonly locale: string;
  /** The Markdown after the front matter. */
  readonly body: string;
}

export interface NotesCheck {
  readonly notes: readonly LocatedNote[];
  /** Every Markdown file under `content/notes/`, valid or not. */
  readonly paths: ReadonlySet<string>;
  /**
   * Notes that cannot be read as notes (broken front matter, a field the schema refuses, too
   * large): the site's build stops at them, as it would publish a note half understood.
   */
  readonly broken: readonly string[];
  /** Files the site never shows (outside a language folder, a name that is no id, a link out of content/): a build goes on without them. */
  readonly ignored: readonly string[];
  /** `broken` and `ignored` together: every line `mxstatus check` reports about notes. */
  readonly problems: readonly string[];
}

/** A note's file name without `.md`: the id in its URL, so lower-case letters, digits and hyphens. */
export const NOTE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Notes are a few paragraphs; a larger file is a mistake, or a YAML bomb in the making. */
export const MAX_NOTE_BYTES = 256 * 1024;

/**
 * Reads every `<contentDir>/notes/<locale>/<id>.md`: its front matter against the note schema
 * (YAML aliases limited, so a small file cannot expand into a huge one), its body, and what makes
 * a file one the site never shows.
 *
 * @example
 * (await checkNotes('content')).notes.map((n) => `${n.locale}/${n.id}`) // ['de/2026-03-19-microsoft-tls-failure', 'en/2026-03-19-microsoft-tls-failure']
 */
export async function checkNotes(contentDir: string): Promise<NotesCheck> {
  const dir = join(contentDir, 'notes');
  const broken: string[] = [];
  const ignored: string[] = [];
  const notes: LocatedNote[] = [];
  const paths = await listMarkdown(dir, broken);
  const content = await realpath(contentDir).catch(() => contentDir);
  for (const path of paths) {
    const parts = relative(dir, path).split(sep);
    const name = basename(path);
    const id = basename(name, '.md');
    if (parts.length !== 2) {
      // The site reads notes/<locale>/<id>.md and nothing deeper or shallower.
      const where = parts.length === 1 ? join(dir, '<locale>', name) : join(dir, parts[0]!, name);
      ignored.push(`${path}: not directly in a language folder, so the site never shows it; move it to ${where}`);
      continue;
    }
    if (!NOTE_ID.test(id)) {
      ignored.push(`${path}: file name: not an id of lower-case letters, digits and hyphens, so the site never shows it (got ${JSON.stringify(name)}); rename it, e.g. ${suggestId(id)}.md`);
      continue;
    }
    const info = await lstat(path);
    if (info.isSymbolicLink()) {
      const target = await realpath(path).catch(() => null);
      if (target === null || !isInside(target, content)) {
        ignored.push(`${path}: a link to a file outside ${contentDir}, so the site never reads it; copy the note into ${join(dir, parts[0]!)} instead of linking to it`);
        continue;
      }
    }
    let text: string;
    try {
      const bytes = await readFile(path);
      if (bytes.length > MAX_NOTE_BYTES) {
        broken.push(`${path}: ${Math.ceil(bytes.length / 1024)} KB, more than a note may be (${MAX_NOTE_BYTES / 1024} KB); shorten it`);
        continue;
      }
      text = bytes.toString('utf8');
    } catch (error) {
      broken.push(`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`);
      continue;
    }
    const frontMatter = readFrontMatter(text, path);
    if (!frontMatter.ok) {
      broken.push(frontMatter.problem.message);
      continue;
    }
    const parsed = noteSchema.safeParse(frontMatter.value.data);
    if (!parsed.success) {
      const lines = describeSchemaIssues(parsed.error.issues, frontMatter.value.data, { hints: noteHints, schema: noteSchema });
      broken.push(...limitProblems(lines.map((line) => `${path}: ${line}`)));
      continue;
    }
    notes.push({ path, id, locale: parts[0]!, data: parsed.data, body: frontMatter.value.body });
  }
  return { notes, paths: new Set(paths), broken, ignored, problems: [...broken, ...ignored] };
}

/** `Webmail Login` → `webmail-login`: what to rename a note to. */
function suggestId(id: string): string {
  const slug = id
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'a-name' : slug;
}


/** Markdown files under `dir`, links among them (a link is judged by where it leads). */
async function listMarkdown(dir: string, problems: string[]): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith('.md'))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') problems.push(`${dir}: cannot read it (${code ?? 'error'}); make it a readable folder`);
    return [];
  }
}
