import type { z } from 'astro/zod';
import { closestWord } from './closest-word.ts';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** What mxstatus knows about one field beyond its schema. */
export interface FieldHint {
  /** A good value, shown in fixes: "add it, e.g. timeZone: Europe/Berlin". */
  readonly example?: string;
  /**
   * Words for a check zod cannot word itself (a refinement or a pattern): what is wrong, and the
   * fix, which may depend on the bad value and on the whole input.
   */
  readonly rule?: { readonly what: string; readonly fix: string | ((value: unknown, input: unknown) => string) };
}

/** Hints by field pattern: array indices as `[]`, e.g. `senders[].ipRanges[]`; the whole input is `''`. */
export type FieldHints = Readonly<Record<string, FieldHint>>;

export interface DescribeOptions {
  readonly hints?: FieldHints;
  /** The schema the input failed: it names the fields an unknown one may have meant. */
  readonly schema?: z.core.$ZodType;
}

/**
 * Every issue of a failed parse as one line each; an issue of several unknown fields becomes a
 * line per field.
 */
export function describeSchemaIssues(issues: readonly Issue[], input: unknown, options: DescribeOptions = {}): string[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => unknownField([...issue.path, key], input, options.schema))
      : [describeSchemaIssue(issue, input, options)],
  );
}

/**
 * Turns one schema issue into "field: what is wrong (got VALUE); fix", the one helper every
 * validation message of mxstatus goes through. Of several unknown fields it names the first.
 *
 * @example
 * describeSchemaIssue(issue, { detection: { minFailures: 'ten' } })
 * // 'detection.minFailures: not a number (got "ten"); write a number'
 */
export function describeSchemaIssue(issue: Issue, input: unknown, options: DescribeOptions = {}): string {
  if (issue.code === 'unrecognized_keys') return unknownField([...issue.path, issue.keys[0] ?? ''], input, options.schema);
  const value = valueAt(input, issue.path);
  const hint = options.hints?.[fieldPattern(issue.path)] ?? {};
  const [what, fix] = explain(issue, value, input, hint);
  // A missing or empty field has no value worth showing.
  return `${formatPath(issue.path)}: ${what}${value === undefined || value === null ? '' : ` (got ${showValue(value)})`}; ${fix}`;
}

/** What is wrong, and the fix. */
type Explanation = readonly [what: string, fix: string];

function explain(issue: Exclude<Issue, { code: 'unrecognized_keys' }>, value: unknown, input: unknown, hint: FieldHint): Explanation {
  const example = exampleText(issue.path, hint);
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(issue.expected, value, issue.path, example);
    case 'invalid_value':
      return ['not allowed', `use ${closestValue(value, issue.values) ?? orList(issue.values.map(String))}`];
    case 'too_small':
    case 'too_big':
      return outOfRange(issue, value, example);
    case 'not_multiple_of': {
      const divisor = Number(issue.divisor);
      const below = Math.floor(Number(value) / divisor) * divisor;
      return [`not a multiple of ${divisor}`, below > 0 ? `use ${below} or ${below + divisor}` : `use ${below + divisor}`];
    }
    case 'invalid_format':
      return badFormat(issue.format, value, issue.message, hint, input, example);
    case 'custom':
      return ruleBroken(issue.message, value, input, hint);
    default:
      return ['not valid', issue.message];
  }
}

function wrongType(expected: string, value: unknown, path: Path, example: string): Explanation {
  const key = lastKey(path);
  if (value === undefined) return ['missing', example ? `add it${example}` : `add it (${noun(expected)})`];
  if (value === null) {
    return expected === 'object' ? ['empty', 'indent its fields below it, or remove the line'] : ['empty', `write ${noun(expected)}${example}`];
  }
  if (expected === 'object') return [Array.isArray(value) ? 'a list, not a set of fields' : 'not a set of fields', `write its fields one per line${example}`];
  if (expected === 'array') {
    return typeof value === 'object' ? ['not a list', `write a list${example}`] : ['not a list', `write it as a list: ${key}[${inline(value)}]`];
  }
  if (expected === 'int' && typeof value === 'number' && Number.isFinite(value)) return ['not a whole number', `use a whole number, e.g. ${Math.round(value)}`];
  if (expected === 'number' || expected === 'int') {
    if (typeof value === 'number') return ['not a finite number', `write a number${example}`];
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return ['a number in quotes', `remove the quotes: ${key}${value.trim()}`];
    return ['not a number', `write a number${example}`];
  }
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return ['not text', `put it in quotes: ${key}"${String(value)}"`];
  // Front matter is read as Astro reads it: an unquoted date becomes a date.
  if (expected === 'string' && value instanceof Date) return ['a date, not text', `put it in quotes: ${key}"${dateText(value)}"`];
  if (expected === 'date') return ['not a date and time', `write one with its time zone${example || ', e.g. 2026-03-23T18:00:00+01:00'}`];
  return [`not ${noun(expected)}`, `write ${noun(expected)}${example}`];
}

function outOfRange(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, value: unknown, example: string): Explanation {
  const small = issue.code === 'too_small';
  const bound = small ? issue.minimum : issue.maximum;
  const exclusive = issue.inclusive === false;
  if (issue.origin === 'string') {
    if (small && bound === 1) return ['empty', `fill it in${example}`];
    return [`too ${small ? 'short' : 'long'}`, `use ${small ? 'at least' : 'at most'} ${bound} characters`];
  }
  if (issue.origin === 'array') {
    if (small && bound === 1) return ['an empty list', `list at least one${example}`];
    return [`too ${small ? 'few' : 'many'} entries`, `list ${small ? 'at least' : 'at most'} ${bound}`];
  }
  // A share written as a percentage, e.g. "minFailureRatio: 25".
  if (!small && bound === 1 && typeof value === 'number' && value > 1 && value <= 100) {
    return ['too big', `write a share between 0 and 1, e.g. ${value / 100} for ${value}%`];
  }
  const limit = small ? (exclusive ? 'more than' : 'at least') : exclusive ? 'less than' : 'at most';
  return [`too ${small ? 'small' : 'big'}`, `use ${limit} ${bound}`];
}

function badFormat(format: string, value: unknown, message: string, hint: FieldHint, input: unknown, example: string): Explanation {
  if (hint.rule) return ruleBroken(message, value, input, hint);
  switch (format) {
    case 'url':
      if (typeof value === 'string' && /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(value)) return ['not a full URL', `write it with https://, e.g. https://${value}`];
      return ['not a full URL', `write a full address${example || ', e.g. https://example.net'}`];
    case 'email':
      return ['not an e-mail address', `write a full address${example || ', e.g. support@example.net'}`];
    case 'datetime':
      return ['not an ISO date and time', 'write it like 2026-03-19T08:11:00.000Z'];
    case 'date':
      return ['not an ISO date', 'write it like 2026-03-19'];
    case 'regex':
      // A pattern without a message of its own says only "Invalid string: must match pattern /…/".
      return ['not in the expected form', message.replace(/^Invalid string: must /, '')];
    default:
      return [`not a valid ${format}`, `write a valid ${format}`];
  }
}

function ruleBroken(message: string, value: unknown, input: unknown, hint: FieldHint): Explanation {
  if (hint.rule) {
    const fix = hint.rule.fix;
    return [hint.rule.what, typeof fix === 'function' ? fix(value, input) : fix];
  }
  // Refinements of the schemas say "what is wrong; how to fix it".
  const split = message.indexOf('; ');
  return split > 0 ? [message.slice(0, split), message.slice(split + 2)] : [message, 'see README.md'];
}

function unknownField(path: Path, input: unknown, schema: z.core.$ZodType | undefined): string {
  const key = String(path.at(-1));
  const known = schema ? fieldsAt(schema, path.slice(0, -1)) : [];
  const meant = closestWord(key, known);
  const fix = meant ? `rename it to ${meant}` : known.length > 0 ? `remove it; the fields here are ${known.join(', ')}` : 'remove it or check the spelling';
  return `${formatPath(path)}: unknown field (got ${showValue(valueAt(input, path))}); ${fix}`;
}

/**
 * A field path as people write it: `senders[0].ipRanges[1]`; the whole input is `(top level)`.
 *
 * @example
 * formatPath(['senders', 0, 'ipRanges', 1]) // 'senders[0].ipRanges[1]'
 */
export function formatPath(path: Path): string {
  if (path.length === 0) return '(top level)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

/** The key of a hint: `senders[].ipRanges[]`. */
function fieldPattern(path: Path): string {
  return path.map((key, i) => (typeof key === 'number' ? '[]' : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

/**
 * A value as shown after "got": JSON, so that text is quoted and a number is not, and short.
 *
 * @example
 * showValue('fr') // '"fr"'
 */
export function showValue(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : JSON.stringify(value.toISOString());
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** A date as written: a day alone, or a full ISO time. */
function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** ", e.g. key: example" (or ", e.g. example" for an entry of a list), or "" without an example. */
function exampleText(path: Path, hint: FieldHint): string {
  return hint.example === undefined ? '' : `, e.g. ${lastKey(path)}${hint.example}`;
}

/** "key: " as written before a value, or "" for an entry of a list or the whole input. */
function lastKey(path: Path): string {
  const key = path.at(-1);
  return key === undefined || typeof key === 'number' ? '' : `${String(key)}: `;
}

function noun(expected: string): string {
  const nouns: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    array: 'a list',
    object: 'a set of fields',
    boolean: 'true or false',
    date: 'a date and time',
  };
  return nouns[expected] ?? (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);
}

/** A scalar as written in YAML flow style. */
function inline(value: unknown): string {
  return typeof value === 'string' && /^[\w./@:+-]+$/.test(value) ? value : JSON.stringify(value);
}

function orList(words: readonly string[]): string {
  return words.length <= 2 ? words.join(' or ') : `one of ${words.join(', ')}`;
}

function closestValue(value: unknown, allowed: readonly unknown[]): string | null {
  return typeof value === 'string' ? closestWord(value, allowed.map(String)) : null;
}

function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The field names of the object schema at `path`, through defaults, optionals and arrays. */
function fieldsAt(schema: z.core.$ZodType, path: Path): string[] {
  let current: z.core.$ZodType | undefined = schema;
  for (let i = 0; current && i <= path.length; ) {
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if ('innerType' in def) current = def.innerType as z.core.$ZodType;
    else if (def.type === 'pipe') current = def.in as z.core.$ZodType;
    else if (i === path.length) return def.type === 'object' ? Object.keys(def.shape as object) : [];
    else if (def.type === 'object') current = (def.shape as Record<PropertyKey, z.core.$ZodType>)[path[i++]!];
    else if (def.type === 'array') (current = def.element as z.core.$ZodType), i++;
    else return [];
  }
  return [];
}
