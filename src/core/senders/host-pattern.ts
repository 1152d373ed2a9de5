/**
 * The `hostPatterns` of a sender rule: host names in which `*` stands for any run (maybe empty)
 * of letters, digits, dashes and underscores inside one label, `#` for one or more digits, and a
 * label `**` for one or more whole labels. A pattern matches a whole name, case-insensitively,
 * and nothing around it: `smtp*.smtpout.orange.fr` matches `smtp05.smtpout.orange.fr` and
 * `smtp-81.smtpout.orange.fr`, never `x.smtp05.smtpout.orange.fr` nor
 * `smtp05.smtpout.orange.fr.evil.example`; `w#.tutanota.de` matches `w4.tutanota.de`, not
 * `www.tutanota.de`.
 *
 * Patterns are compiled to one anchored regular expression. To keep its backtracking small on a
 * hostile 253-character name, a pattern has at most one `**` label and at most two wildcards
 * (`*` or `#`) in a label.
 */

const LABEL = /^[a-z0-9_*#-]{1,63}$/;
const MAX_WILDCARDS_IN_LABEL = 2;

/**
 * Why `text` is no host-name pattern, as "what is wrong; how to fix it", or null when it is one.
 *
 * @example
 * hostPatternProblem('smtp*.smtpout.orange.fr') // null
 * hostPatternProblem('**.**.yahoo.com') // 'more than one ** label; …'
 */
export function hostPatternProblem(text: string): string | null {
  const example = 'e.g. smtp*.smtpout.orange.fr or **.mail.*.yahoo.com';
  if (text.length > 253) return `longer than a host name can be; shorten it, ${example}`;
  const labels = text.toLowerCase().split('.');
  if (labels.length < 2 || labels.some((label) => label !== '**' && !LABEL.test(label))) {
    return `not a host-name pattern; write a host name in which * stands for part of a label, # for digits and ** for whole labels, ${example}`;
  }
  if (labels.filter((label) => label === '**').length > 1) return `more than one ** label; keep one, ${example}`;
  if (labels.some((label) => label !== '**' && label.replace(/[^*#]/g, '').length > MAX_WILDCARDS_IN_LABEL)) {
    return `more than ${MAX_WILDCARDS_IN_LABEL} wildcards in one label; use fewer, ${example}`;
  }
  return null;
}

/** Whether `text` is a host-name pattern (see hostPatternProblem). */
export function isHostPattern(text: string): boolean {
  return hostPatternProblem(text) === null;
}

/**
 * Whether a pattern ends in one of `suffixes` with no wildcard in that ending, so that it can only
 * match names the rule's suffixes already name (`**.mail.*.yahoo.com` ends in `yahoo.com`).
 *
 * @example
 * patternEndsInSuffix('mout*.freenet.de', ['freenet.de']) // true
 * patternEndsInSuffix('mout*.freenet.de', ['gmx.net']) // false
 */
export function patternEndsInSuffix(pattern: string, suffixes: readonly string[]): boolean {
  const lower = pattern.toLowerCase();
  return suffixes.some((raw) => {
    const suffix = raw.trim().toLowerCase().replace(/^\.+|\.+$/g, '');
    return suffix !== '' && (lower === suffix || lower.endsWith(`.${suffix}`));
  });
}

/**
 * One anchored, case-insensitive expression that matches a name when any of `patterns` does.
 * Expects patterns that isHostPattern accepts.
 *
 * @example
 * compileHostPatterns(['mout*.freenet.de']).test('mout1.freenet.de') // true
 * compileHostPatterns(['**.mail.*.yahoo.com']).test('sonic305-21.consmr.mail.ir2.yahoo.com') // true
 */
export function compileHostPatterns(patterns: readonly string[]): RegExp {
  const alternatives = patterns.map((pattern) =>
    pattern
      .toLowerCase()
      .split('.')
      // Labels hold only letters, digits, `-`, `_`, `*` and `#` (isHostPattern): nothing to escape.
      .map((label) => (label === '**' ? '[a-z0-9_-]+(?:\\.[a-z0-9_-]+)*' : label.replaceAll('*', '[a-z0-9_-]*').replaceAll('#', '[0-9]+')))
      .join('\\.'),
  );
  return new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
}
