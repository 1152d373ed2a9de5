import { loadSiteConfig } from '../../scripts/mxstatus/config/load-site-config.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { contentDir } from './content-dir.ts';

/** `content/site.yaml`, validated once per build; an invalid file stops the build with its message. */
async function readSiteConfig(): Promise<SiteConfig> {
  const result = await loadSiteConfig(contentDir);
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

export const siteConfig = await readSiteConfig();
