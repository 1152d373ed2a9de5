import { readdir } from 'node:fs/promises';
import { relative, sep } from 'node:path';

/**
 * Every file of a built site, as slash-separated paths relative to it, sorted.
 *
 * @example
 * await listDistFiles(dist) // ['404.html', '_astro/BaseLayout.C7aEjOvr.css', 'en/index.html', 'index.html', …]
 */
export async function listDistFiles(dist: string): Promise<string[]> {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dist, `${e.parentPath}${sep}${e.name}`).split(sep).join('/'))
    .sort();
}

/**
 * The address a page file is served at: directories end in a slash, other files keep their name.
 *
 * @example
 * pageUrlPath('en/incidents/index.html') // '/en/incidents/'
 * pageUrlPath('404.html') // '/404.html'
 */
export function pageUrlPath(file: string): string {
  if (file === 'index.html') return '/';
  return file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;
}

export type Resolved = { readonly ok: true; readonly file: string } | { readonly ok: false; readonly reason: string };

/**
 * The file a URL path (no query, no fragment) names in a built site, as a static server would
 * find it; the site's addresses always end in a slash (`trailingSlash: 'always'`).
 *
 * @example
 * resolveDistPath(new Set(['en/index.html']), '/en/') // { ok: true, file: 'en/index.html' }
 * resolveDistPath(new Set(['en/index.html']), '/en')  // { ok: false, reason: 'a directory without its trailing slash' }
 */
export function resolveDistPath(files: ReadonlySet<string>, pathname: string): Resolved {
  let path: string;
  try {
    path = decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return { ok: false, reason: 'not a valid percent-encoded path' };
  }
  if (path === '' || path.endsWith('/')) {
    const file = `${path}index.html`;
    return files.has(file) ? { ok: true, file } : { ok: false, reason: `no ${file} in dist/` };
  }
  if (files.has(path)) return { ok: true, file: path };
  if (files.has(`${path}/index.html`)) return { ok: false, reason: 'a directory without its trailing slash' };
  return { ok: false, reason: `no ${path} in dist/` };
}
