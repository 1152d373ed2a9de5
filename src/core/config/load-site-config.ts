import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { siteConfigSchema, type SiteConfig } from '../schemas/site-config.ts';
import { exitCodes, fail, ok, type Result } from '../problem.ts';
import { checkSiteConfigRules } from './check-site-config-rules.ts';
import { describeSchemaIssues } from './describe-schema-issue.ts';
import { parseYamlText } from './parse-yaml-text.ts';
import { siteConfigHints } from './site-config-hints.ts';

/** A `site.yaml` checked in full: its settings, or (then `config` is null) every problem found, one line each naming the file. */
export interface SiteConfigCheck {
  readonly config: SiteConfig | null;
  readonly problems: readonly string[];
}

/**
 * Reads and validates `<contentDir>/site.yaml`. Of several problems the message names the first
 * and counts the rest.
 *
 * @example
 * const config = await loadSiteConfig('content');
 * if (config.ok) console.log(config.value.timeZone); // "Europe/Berlin"
 */
export async function loadSiteConfig(contentDir: string): Promise<Result<SiteConfig>> {
  return firstProblem(await checkSiteConfigFile(contentDir));
}

/** Validates the text of a `site.yaml`; `file` only names it in messages. */
export function parseSiteConfig(text: string, file: string): Result<SiteConfig> {
  return firstProblem(checkSiteConfig(text, file));
}

/** Reads `<contentDir>/site.yaml` and finds every problem in it. */
export async function checkSiteConfigFile(contentDir: string): Promise<SiteConfigCheck> {
  const file = join(contentDir, 'site.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const fix =
      code === 'ENOENT'
        ? `create it (see README.md, "content/site.yaml") or pass --content DIR`
        : 'check its permissions';
    return { config: null, problems: [`${file}: cannot read it (${code ?? 'error'}); ${fix}`] };
  }
  return checkSiteConfig(text, file);
}

/**
 * Finds every problem in the text of a `site.yaml`: its YAML syntax, then each field against the
 * schema, then what the schema cannot see (see checkSiteConfigRules).
 *
 * @example
 * checkSiteConfig('name: X\nsite: https://status.example.net\ntimeZone: Berlin\n', 'content/site.yaml').problems
 * // ['content/site.yaml: timeZone: not an IANA time zone (got "Berlin"); use Europe/Berlin']
 */
export function checkSiteConfig(text: string, file: string): SiteConfigCheck {
  const raw = parseYamlText(text, { file });
  if (!raw.ok) return { config: null, problems: [raw.problem.message] };
  if (raw.value === null || raw.value === undefined) {
    return { config: null, problems: [`${file}: empty; write at least name and site, e.g. name: Example Mail and site: https://status.example.net`] };
  }
  const parsed = siteConfigSchema.safeParse(raw.value);
  const problems = parsed.success
    ? checkSiteConfigRules(parsed.data)
    : describeSchemaIssues(parsed.error.issues, raw.value, { hints: siteConfigHints, schema: siteConfigSchema });
  if (parsed.success && problems.length === 0) return { config: parsed.data, problems: [] };
  return { config: null, problems: problems.map((problem) => `${file}: ${problem}`) };
}

function firstProblem(check: SiteConfigCheck): Result<SiteConfig> {
  if (check.config) return ok(check.config);
  const [first = 'site.yaml: invalid', ...rest] = check.problems;
  return fail(exitCodes.config, rest.length > 0 ? `${first} (and ${rest.length} more)` : first);
}
