import { parseYamlText } from '../config/parse-yaml-text.ts';
import { exitCodes, fail, type Result } from '../problem.ts';

/**
 * Astro's own rule (@astrojs/internal-helpers/frontmatter): the front matter opens the file, after
 * an optional byte-order mark or blank lines, between two `---` lines (or `+++` for TOML).
 */
const FRONT_MATTER = /(?:^\uFEFF?|^\s*\n)(---|\+\+\+)([\s\S]*?\n)(?:---|\+\+\+)/;

/** A note's front matter, parsed, and its Markdown body. */
export interface FrontMatter {
  readonly data: unknown;
  /** What follows the front matter, trimmed, as Astro's Markdown entries give it. */
  readonly body: string;
}

/**
 * The front matter of a Markdown note, parsed as the Astro build parses it (unquoted dates become
 * dates), and the body after it; a missing or unparsable front matter is a one-line problem
 * naming the file and the line.
 *
 * @example
 * readFrontMatter('---\ntitle: Wartung\n---\n\nText', 'content/notes/de/wartung.md') // ok: { data: { title: 'Wartung' }, body: 'Text' }
 */
export function readFrontMatter(text: string, file: string): Result<FrontMatter> {
  const match = FRONT_MATTER.exec(text);
  if (!match) return fail(exitCodes.config, `${file}: no front matter; start the file with a line ---, then title: "…", then another line ---`);
  if (match[1] === '+++') return fail(exitCodes.config, `${file}: front matter in TOML (+++); write it in YAML between --- lines, as README.md ("Notes") shows`);
  // The YAML starts on the line of the opening ---, whose rest is empty.
  const firstLine = text.slice(0, match.index + match[0].indexOf(match[1]!)).split('\n').length;
  const parsed = parseYamlText(match[2]!, { file, firstLine, timestamps: true });
  if (!parsed.ok) return parsed;
  // Astro reads an empty front matter as no fields at all.
  return { ok: true, value: { data: parsed.value ?? {}, body: text.slice(match.index + match[0].length).trim() } };
}
