import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { siteConfigSchema, type SiteConfig } from '../../../src/schemas/site-config.ts';
import { exitCodes, fail, ok, type Result } from '../problem.ts';
import { describeSchemaIssue } from './describe-schema-issue.ts';

/**
 * Reads and validates `<contentDir>/site.yaml`.
 *
 * @example
 * const config = await loadSiteConfig('content');
 * if (config.ok) console.log(config.value.timeZone); // "Europe/Berlin"
 */
export async function loadSiteConfig(contentDir: string): Promise<Result<SiteConfig>> {
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
    return fail(exitCodes.config, `${file}: cannot read it (${code ?? 'error'}); ${fix}`);
  }
  return parseSiteConfig(text, file);
}

/** Validates the text of a `site.yaml`; `file` only names it in messages. */
export function parseSiteConfig(text: string, file: string): Result<SiteConfig> {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: false }) ?? {};
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos ? `:${error.linePos[0].line}` : '';
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return fail(exitCodes.config, `${file}${where}: not valid YAML (${reason}); fix the syntax`);
  }
  const parsed = siteConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(exitCodes.config, `${file}: ${describeSchemaIssue(issue, raw)}`);
  }
  return ok(parsed.data);
}
