import { loadSiteConfig } from '../core/config/load-site-config.ts';
import type { SiteConfig } from '../core/schemas/site-config.ts';
import { contentDir } from '../core/content-dir.ts';

/** `content/site.yaml`, validated once per build; an invalid file stops the build with its message. */
async function readSiteConfig(): Promise<SiteConfig> {
  const result = await loadSiteConfig(contentDir);
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

export const siteConfig = await readSiteConfig();
