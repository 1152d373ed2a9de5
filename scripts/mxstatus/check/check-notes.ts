import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { noteSchema, type Note } from '../../../src/core/schemas/note.ts';
import { describeSchemaIssues } from '../../../src/core/config/describe-schema-issue.ts';
import type { Located } from '../../../src/core/records/read-records.ts';
import { limitProblems } from '../../../src/core/records/limit-problems.ts';
import { noteHints } from './note-hints.ts';
import { readFrontMatter } from './read-front-matter.ts';

/** A note that passed its schema, with the language folder it lies in. */
export interface LocatedNote extends Located<Note> {
  readonly locale: string;
}

export interface NotesCheck {
  readonly notes: readonly LocatedNote[];
  /** Every Markdown file under `content/notes/`, valid or not. */
  readonly paths: ReadonlySet<string>;
  readonly problems: readonly string[];
}

/**
 * Checks the front matter of every `<contentDir>/notes/<locale>/<id>.md` against the note schema,
 * and finds Markdown files the site never reads because they lie outside a language folder.
 */
export async function checkNotes(contentDir: string): Promise<NotesCheck> {
  const dir = join(contentDir, 'notes');
  const problems: string[] = [];
  const notes: LocatedNote[] = [];
  const paths = await listMarkdown(dir, problems);
  for (const path of paths) {
    const parts = relative(dir, path).split(sep);
    const name = basename(path);
    if (parts.length !== 2) {
      // The site reads the pattern */*.md (src/content.config.ts).
      const where = parts.length === 1 ? join(dir, '<locale>', name) : join(dir, parts[0]!, name);
      problems.push(`${path}: not directly in a language folder, so the site never shows it; move it to ${where}`);
      continue;
    }
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      problems.push(`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`);
      continue;
    }
    const frontMatter = readFrontMatter(text, path);
    if (!frontMatter.ok) {
      problems.push(frontMatter.problem.message);
      continue;
    }
    const parsed = noteSchema.safeParse(frontMatter.value);
    if (!parsed.success) {
      const lines = describeSchemaIssues(parsed.error.issues, frontMatter.value, { hints: noteHints, schema: noteSchema });
      problems.push(...limitProblems(lines.map((line) => `${path}: ${line}`)));
      continue;
    }
    notes.push({ path, id: basename(name, '.md'), locale: parts[0]!, data: parsed.data });
  }
  return { notes, paths: new Set(paths), problems };
}

async function listMarkdown(dir: string, problems: string[]): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') problems.push(`${dir}: cannot read it (${code ?? 'error'}); make it a readable folder`);
    return [];
  }
}
