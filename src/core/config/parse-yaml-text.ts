import { parseDocument, type YAMLError } from 'yaml';
import { exitCodes, fail, ok, type Result } from '../problem.ts';

export interface YamlSource {
  /** Names the file in messages. */
  readonly file: string;
  /** The line of the file the text starts on (front matter starts below its `---`). */
  readonly firstLine?: number;
  /** Reads unquoted dates as dates, as Astro's front-matter parser (js-yaml) does. */
  readonly timestamps?: boolean;
}

/**
 * Parses YAML; a syntax error is one line naming the file, the line, what is wrong there and the fix.
 *
 * @example
 * parseYamlText('name: X\nname: Y\n', { file: 'content/site.yaml' })
 * // fails: 'content/site.yaml:2: not valid YAML: name is set twice (got "name: Y"); keep one of the two name lines'
 */
export function parseYamlText(text: string, source: YamlSource): Result<unknown> {
  const document = parseDocument(text, { customTags: source.timestamps ? ['timestamp'] : [] });
  const error = document.errors[0];
  if (error) return fail(exitCodes.config, describeYamlError(error, text, source));
  try {
    return ok(document.toJS());
  } catch (thrown) {
    // Only aliases can fail here, e.g. "Excessive alias count indicates a resource exhaustion attack".
    return fail(exitCodes.config, `${source.file}: not valid YAML: ${thrown instanceof Error ? thrown.message : String(thrown)}; write the values out instead of using aliases`);
  }
}

function describeYamlError(error: YAMLError, text: string, source: YamlSource): string {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  let line = error.linePos?.[0].line ?? text.slice(0, error.pos[0]).split('\n').length;
  // An unclosed quote or list is found further down, often where the file ends: go back to the
  // line that opened it, or at least to one that says something.
  const quote = /^Missing closing (["'])/.exec(error.message)?.[1];
  if (quote) while (line > 1 && !(lines[line - 1] ?? '').includes(quote)) line--;
  while (line > 1 && (lines[line - 1] ?? '').trim() === '') line--;
  const written = lines[line - 1] ?? '';
  const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(written)?.[1] ?? 'this';
  // yaml says "Map keys must be unique at line 3, column 1:" and then draws the spot.
  const reason = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
  const [what, fix] = explainYamlError(error.code, reason, key, written);
  const got = written.trim() === '' ? '' : ` (got ${JSON.stringify(written)})`;
  return `${source.file}:${line + (source.firstLine ?? 1) - 1}: not valid YAML: ${what}${got}; ${fix}`;
}

function explainYamlError(code: YAMLError['code'], reason: string, key: string, written: string): [what: string, fix: string] {
  if (code === 'DUPLICATE_KEY') return [`${key} is set twice`, `keep one of the two ${key} lines`];
  if (code === 'BLOCK_AS_IMPLICIT_KEY') {
    // "title: Wartung: neue Server" is a key inside a value.
    const value = /^\s*(?:-\s+)?[^:#]+?:\s+(.*: .*)$/.exec(written)?.[1];
    if (value) return ['the value contains ": "', `put it in quotes: ${key}: ${JSON.stringify(value)}`];
    return ['a field is indented below a line that has a value', 'indent it like the line above, or move the value to its own field'];
  }
  if (/^Flow (sequence|mapping)/.test(reason)) return ['a list in [ ] or a group in { } is not closed', 'close every [ with ] and every { with }'];
  if (/^Missing closing/.test(reason)) return ['a quote is not closed', 'close the quote where the value ends'];
  return [reason.charAt(0).toLowerCase() + reason.slice(1), FIXES[code] ?? 'check the indentation and that each line reads key: value'];
}

const FIXES: Partial<Record<YAMLError['code'], string>> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'indent the fields of one group by the same number of spaces',
};
