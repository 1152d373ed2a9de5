import type { z } from 'astro/zod';

type Issue = z.core.$ZodIssue;

/**
 * Turns one schema issue into "field: what is wrong (got VALUE); fix", the one helper every
 * validation message of mxstatus goes through.
 *
 * @example
 * describeSchemaIssue(issue, { detection: { minFailures: 'ten' } })
 * // 'detection.minFailures: expected a number, got "ten"; set it to a number'
 */
export function describeSchemaIssue(issue: Issue, input: unknown): string {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  const got = valueAt(input, issue.path);
  const gotText = got === undefined ? 'nothing' : JSON.stringify(got);
  switch (issue.code) {
    case 'invalid_type':
      if (got === undefined) return `${field}: missing; add ${field} (${article(issue.expected)})`;
      return `${field}: expected ${article(issue.expected)}, got ${gotText}; set it to ${article(issue.expected)}`;
    case 'unrecognized_keys':
      return `${field}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
    case 'invalid_value':
      return `${field}: ${gotText} is not allowed; use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      return `${field}: ${gotText} is too ${issue.code === 'too_small' ? 'small' : 'big'}; use ${bound} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}`;
    }
    case 'not_multiple_of':
      return `${field}: ${gotText} is not a multiple of ${String(issue.divisor)}; round it to one`;
    case 'invalid_format':
      return `${field}: ${gotText} is not a valid ${issue.format}; write a full ${issue.format}`;
    default:
      return `${field}: ${gotText}: ${issue.message}`;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
