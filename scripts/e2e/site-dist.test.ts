/**
 * Quality gates on the built site: the shared demo (demo-fixture.ts, staff's hostile note, a
 * maintenance and incidents no log shows included), every file of its dist/ checked as a static
 * server would hand it out. Each test lists every problem it finds, one line
 * per problem naming the file.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { HtmlValidate } from 'html-validate';
import { assertNoProblems } from '../browser/assert-no-problems.ts';
import { listDistFiles, pageUrlPath, resolveDistPath } from '../browser/dist-files.ts';
import { decodeEntities, elementText, metaRefreshTarget, scanHtml, type HtmlTag } from '../browser/scan-html.ts';
import { builtDemo, type BuiltDemo } from './demo-fixture.ts';
import { impactSchema } from '../../src/core/schemas/incident-record.ts';
import { translate } from '../../src/core/i18n/translate.ts';

/** The home page with what it loads, gzipped, must fit in this budget. */
const HOME_BUDGET_BYTES = 30 * 1024;
/** /check/ runs its analysis in the browser; every other page stays (nearly) free of JavaScript. */
const CHECK_SCRIPT_BUDGET_BYTES = 20 * 1024;
const COPY_SCRIPT_BUDGET_BYTES = 1024;
/** Text files other than HTML whose links must resolve. */
const TEXT_EXTENSIONS = new Set(['.xml', '.atom', '.rss', '.json', '.txt', '.webmanifest']);
/** Inline `<script>` blocks the browser never runs, so the policy's `script-src` does not apply to them. */
const DATA_BLOCK_TYPES = new Set(['application/ld+json', 'application/json']);
/** Elements whose URL attributes the browser fetches as the page loads. */
const RESOURCE_ATTRIBUTES: Record<string, readonly string[]> = {
  script: ['src'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  embed: ['src'],
  object: ['data'],
  input: ['src'],
  image: ['href', 'xlink:href'],
  use: ['href', 'xlink:href'],
  feimage: ['href', 'xlink:href'],
};
/** `<link rel>` values that make the browser fetch the `href`. */
const FETCHING_RELS = new Set(['stylesheet', 'preload', 'modulepreload', 'prefetch', 'icon', 'apple-touch-icon', 'mask-icon', 'manifest']);
/** Attributes that hold a URL, on any element. */
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'poster', 'data', 'action', 'formaction', 'xlink:href'];

const validator = new HtmlValidate({
  // Astro's output passes the recommended preset as it is: its uppercase doctype, omitted void
  // slashes and boolean attributes are what the preset asks for, so no rule is switched off.
  // `no-inline-style` (in the preset) matters doubly here: the Content-Security-Policy blocks them.
  extends: ['html-validate:recommended'],
});

interface Page {
  readonly file: string;
  /** Where the page is served, e.g. `/en/incidents/`. */
  readonly path: string;
  readonly html: string;
  readonly tags: readonly HtmlTag[];
  /** `<meta http-equiv="refresh">` target: a short link that only forwards. */
  readonly redirectTo: string | null;
}

let site: BuiltDemo;
let files: string[];
let fileSet: Set<string>;
let pages: Page[];
let origin: string;
/** Element ids of every page, for links with a fragment. */
const idsByFile = new Map<string, Set<string>>();

before(async () => {
  site = await builtDemo();
  origin = new URL(site.config.site).origin;
  files = await listDistFiles(site.dist);
  fileSet = new Set(files);
  pages = await Promise.all(
    files
      .filter((f) => f.endsWith('.html'))
      .map(async (file) => {
        const html = await readFile(join(site.dist, file), 'utf8');
        const tags = scanHtml(html);
        return { file, path: pageUrlPath(file), html, tags, redirectTo: metaRefreshTarget(tags) };
      }),
  );
  for (const page of pages) {
    const ids = new Set<string>();
    for (const tag of page.tags) {
      const id = tag.attrs.get('id') ?? (tag.name === 'a' ? tag.attrs.get('name') : undefined);
      if (id) ids.add(id);
    }
    idsByFile.set(page.file, ids);
  }
});

/** Where a URL written on a page at `base` leads, if it stays on this site; null for other sites and schemes. */
function internalUrl(raw: string, base: URL): URL | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin ? url : null;
}

/** A problem with one link, or null when it resolves (to the element its fragment names, too). */
function linkProblem(file: string, raw: string, base: URL): string | null {
  const url = internalUrl(raw, base);
  if (!url) return null;
  const target = resolveDistPath(fileSet, url.pathname);
  if (!target.ok) return `${file}: ${raw} → ${target.reason}`;
  let fragment: string;
  try {
    fragment = decodeURIComponent(url.hash.slice(1));
  } catch {
    return `${file}: ${raw} → its fragment is not valid percent-encoding`;
  }
  if (fragment && fragment !== 'top' && target.file.endsWith('.html') && !idsByFile.get(target.file)?.has(fragment)) {
    return `${file}: ${raw} → ${target.file} has no element with id "${fragment}"`;
  }
  return null;
}

/** The URLs of one attribute: `srcset` holds several, the others one. */
function attributeUrls(name: string, value: string): string[] {
  if (name !== 'srcset') return [value];
  return value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

function pageBase(page: Page): URL {
  return new URL(page.path, origin);
}

function relList(tag: HtmlTag): string[] {
  return (tag.attrs.get('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** `Content-Security-Policy` directives by name, each with its sources. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

describe('the built demo site (dist/)', () => {
  test('has the pages a status site needs', () => {
    for (const locale of site.config.locales) {
      const home = locale === site.config.defaultLocale ? 'index.html' : `${locale}/index.html`;
      assert.ok(fileSet.has(home), `no home page for ${locale} (${home})`);
    }
    assert.ok(pages.some((p) => /^incidents\/[^/]+\/index\.html$/.test(p.file)), 'no incident page');
  });

  test('every HTML page passes html-validate (recommended)', async () => {
    const problems: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(page.html, page.file);
      for (const message of report.results.flatMap((r) => r.messages)) {
        problems.push(`${page.file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}${message.selector ? ` (${message.selector})` : ''}`);
      }
    }
    assertNoProblems(problems);
  });

  test('every page has <html lang> in one of the site languages and a title', () => {
    const problems: string[] = [];
    for (const page of pages) {
      const lang = page.tags.find((t) => t.name === 'html')?.attrs.get('lang') ?? '';
      if (!site.config.locales.some((l) => lang === l || lang.startsWith(`${l}-`))) problems.push(`${page.file}: <html lang="${lang}"> is not one of ${site.config.locales.join(', ')}`);
      if (!elementText(page.html, 'title')?.trim()) problems.push(`${page.file}: no <title> or an empty one`);
    }
    assertNoProblems(problems);
  });

  test('every page names its canonical address: its own, or for a forwarding short link the page it forwards to', () => {
    const problems: string[] = [];
    for (const page of pages) {
      const canonicals = page.tags.filter((t) => t.name === 'link' && relList(t).includes('canonical'));
      if (canonicals.length !== 1) {
        problems.push(`${page.file}: ${canonicals.length} <link rel="canonical">, expected 1`);
        continue;
      }
      const href = canonicals[0]!.attrs.get('href') ?? '';
      const expected = new URL(page.redirectTo ?? page.path, pageBase(page)).href;
      if (href !== expected) problems.push(`${page.file}: canonical ${href}, expected ${expected}`);
    }
    assertNoProblems(problems);
  });

  test('every page links its version in every language and an x-default, as absolute addresses', () => {
    const problems: string[] = [];
    const expected = [...site.config.locales, 'x-default'].sort();
    for (const page of pages) {
      // A short link forwards at once and is not indexed; the page it names carries the alternates.
      if (page.redirectTo) continue;
      const alternates = page.tags.filter((t) => t.name === 'link' && relList(t).includes('alternate') && t.attrs.has('hreflang'));
      const langs = alternates.map((t) => t.attrs.get('hreflang') ?? '').sort();
      if (JSON.stringify(langs) !== JSON.stringify(expected)) problems.push(`${page.file}: hreflang alternates [${langs.join(', ')}], expected [${expected.join(', ')}]`);
      const byLang = new Map(alternates.map((t) => [t.attrs.get('hreflang'), t.attrs.get('href') ?? '']));
      for (const [lang, href] of byLang) {
        if (!href.startsWith(`${origin}/`)) problems.push(`${page.file}: hreflang ${lang} → ${href} is not an absolute address on ${origin}`);
      }
      const lang = page.tags.find((t) => t.name === 'html')?.attrs.get('lang');
      const canonical = page.tags.find((t) => t.name === 'link' && relList(t).includes('canonical'))?.attrs.get('href');
      if (lang && byLang.has(lang) && byLang.get(lang) !== canonical) problems.push(`${page.file}: hreflang ${lang} → ${byLang.get(lang)} differs from its canonical ${canonical}`);
      if (byLang.get('x-default') !== byLang.get(site.config.defaultLocale)) problems.push(`${page.file}: x-default → ${byLang.get('x-default')} is not the ${site.config.defaultLocale} page ${byLang.get(site.config.defaultLocale)}`);
    }
    assertNoProblems(problems);
  });

  test('every page carries a strict Content-Security-Policy meta tag before anything it loads', () => {
    const problems: string[] = [];
    for (const page of pages) {
      const metas = page.tags.filter((t) => t.name === 'meta' && t.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy');
      if (metas.length !== 1) {
        problems.push(`${page.file}: ${metas.length} Content-Security-Policy meta tags, expected 1`);
        continue;
      }
      const meta = metas[0]!;
      if (!meta.inHead) problems.push(`${page.file}: the Content-Security-Policy meta tag is outside <head>, where browsers ignore it`);
      // A policy in a meta tag governs only what comes after it.
      const early = page.tags.find((t) => t.offset < meta.offset && (t.name === 'script' || t.name === 'style' || (t.name === 'link' && relList(t).some((r) => FETCHING_RELS.has(r)))));
      if (early) problems.push(`${page.file}: ${early.source} comes before the Content-Security-Policy meta tag`);
      const policy = parsePolicy(meta.attrs.get('content') ?? '');
      const fallback = policy.get('default-src');
      for (const directive of ['script-src', 'style-src']) {
        const sources = policy.get(directive) ?? fallback;
        if (!sources) problems.push(`${page.file}: the policy has neither ${directive} nor default-src`);
        else if (sources.some((s) => ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:', 'data:'].includes(s.toLowerCase()))) problems.push(`${page.file}: ${directive} allows ${sources.join(' ')}`);
      }
      const objects = policy.get('object-src') ?? fallback;
      if (objects?.join(' ') !== "'none'") problems.push(`${page.file}: object-src is not 'none'`);
      if (!policy.has('base-uri')) problems.push(`${page.file}: the policy sets no base-uri`);
    }
    assertNoProblems(problems);
  });

  test('no page has what the policy blocks: inline scripts, <style>, style= attributes, event handler attributes, javascript: URLs', () => {
    const problems: string[] = [];
    for (const page of pages) {
      for (const tag of page.tags) {
        const type = (tag.attrs.get('type') ?? '').toLowerCase();
        if (tag.name === 'script' && !tag.attrs.has('src') && !DATA_BLOCK_TYPES.has(type)) problems.push(`${page.file}: inline script ${tag.source}`);
        if (tag.name === 'style') problems.push(`${page.file}: <style> element`);
        if (tag.attrs.has('style')) problems.push(`${page.file}: style= attribute on ${tag.source}`);
        for (const [name, value] of tag.attrs) {
          if (/^on[a-z]+$/.test(name)) problems.push(`${page.file}: ${name}= handler on ${tag.source}`);
          if (URL_ATTRIBUTES.includes(name) && /^\s*javascript:/i.test(value)) problems.push(`${page.file}: javascript: URL on ${tag.source}`);
        }
      }
    }
    assertNoProblems(problems);
  });

  test('no page loads a script, style sheet, image or font from another origin', async () => {
    const problems: string[] = [];
    const foreign = (value: string) => /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(value);
    for (const page of pages) {
      for (const tag of page.tags) {
        const attributes = tag.name === 'link' ? (relList(tag).some((r) => FETCHING_RELS.has(r)) ? ['href'] : []) : (RESOURCE_ATTRIBUTES[tag.name] ?? []);
        for (const name of attributes) {
          const value = tag.attrs.get(name);
          if (value === undefined) continue;
          for (const url of attributeUrls(name, value)) {
            if (foreign(url)) problems.push(`${page.file}: ${tag.name} loads ${url}`);
            const dataAllowed = tag.name === 'img' || tag.name === 'source' || tag.name === 'image';
            if (/^\s*data:/i.test(url) && !dataAllowed) problems.push(`${page.file}: ${tag.name} loads a data: URL, which the policy blocks`);
          }
        }
      }
    }
    for (const file of files.filter((f) => f.endsWith('.css'))) {
      const css = await readFile(join(site.dist, file), 'utf8');
      for (const m of css.matchAll(/@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")]+)['"]?\s*\)/gi)) {
        const url = m[1] ?? m[2] ?? '';
        if (foreign(url)) problems.push(`${file}: loads ${url}`);
      }
    }
    assertNoProblems(problems);
  });

  test('every link within the site resolves to a file in dist/: pages, style sheets and scripts', async () => {
    const problems: string[] = [];
    for (const page of pages) {
      const base = pageBase(page);
      for (const tag of page.tags) {
        for (const name of URL_ATTRIBUTES) {
          const value = tag.attrs.get(name);
          if (value === undefined || (name === 'data' && tag.name !== 'object')) continue;
          for (const url of attributeUrls(name, value)) {
            const problem = linkProblem(page.file, url, base);
            if (problem) problems.push(problem);
          }
        }
        // Absolute addresses in social meta and the forward of a short link are links too.
        const content = tag.name === 'meta' ? tag.attrs.get('content') : undefined;
        if (content?.startsWith(`${origin}/`)) {
          const problem = linkProblem(page.file, content, base);
          if (problem) problems.push(problem);
        }
      }
      if (page.redirectTo) {
        const problem = linkProblem(page.file, page.redirectTo, base);
        if (problem) problems.push(`${problem} (meta refresh)`);
      }
    }
    for (const file of files.filter((f) => f.endsWith('.css') || f.endsWith('.js'))) {
      const text = await readFile(join(site.dist, file), 'utf8');
      const base = new URL(`/${file}`, origin);
      const refs = file.endsWith('.css') ? cssReferences(text) : jsImports(text);
      for (const ref of refs) {
        const problem = linkProblem(file, ref, base);
        if (problem) problems.push(problem);
      }
    }
    assertNoProblems(problems);
  });

  test('every link within the site in feeds, sitemaps, robots.txt and JSON resolves to a file in dist/', async () => {
    const problems: string[] = [];
    const root = new URL('/', origin);
    const absolute = new RegExp(`${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:/[^\\s"'<>\\\\]*)?`, 'g');
    const embedded = /\b(?:href|src)\s*=\s*["']([^"']+)["']/gi;
    for (const file of files.filter((f) => TEXT_EXTENSIONS.has(extname(f)))) {
      const text = await readFile(join(site.dist, file), 'utf8');
      const refs: string[] = [];
      if (file.endsWith('.json')) {
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch (error) {
          problems.push(`${file}: not valid JSON (${(error as Error).message})`);
          continue;
        }
        for (const value of jsonStrings(data)) {
          if (value.startsWith(`${origin}/`) || value === origin) refs.push(value);
          // Feed items carry HTML; its links are resolved against the site, as feed readers do.
          for (const m of value.matchAll(embedded)) refs.push(m[1]!);
        }
      } else {
        // Decoded once more, so that the escaped HTML inside feed entries shows its links.
        const decoded = decodeEntities(decodeEntities(text));
        refs.push(...(decoded.match(absolute) ?? []));
        if (!file.endsWith('.txt')) for (const m of decoded.matchAll(embedded)) refs.push(m[1]!);
      }
      for (const ref of new Set(refs)) {
        const problem = linkProblem(file, ref, root);
        if (problem) problems.push(problem);
      }
    }
    assertNoProblems(problems);
  });

  test(`each home page with the style sheets and scripts it loads is under ${HOME_BUDGET_BYTES / 1024} KB gzipped`, async (t) => {
    const problems: string[] = [];
    for (const locale of site.config.locales) {
      const file = locale === site.config.defaultLocale ? 'index.html' : `${locale}/index.html`;
      const page = pages.find((p) => p.file === file);
      if (!page) {
        problems.push(`${file}: missing`);
        continue;
      }
      const sizes = new Map<string, number>([[file, gzipSync(page.html).length], ...(await gzippedLoads(page, ['script', 'stylesheet']))]);
      const total = [...sizes.values()].reduce((a, b) => a + b, 0);
      t.diagnostic(`${file}: ${total} bytes gzipped (${[...sizes].map(([f, n]) => `${f} ${n}`).join(', ')})`);
      if (total > HOME_BUDGET_BYTES) problems.push(`${file}: ${total} bytes gzipped with what it loads, over the budget of ${HOME_BUDGET_BYTES}`);
    }
    assertNoProblems(problems);
  });

  test(`the header checker's JavaScript is under ${CHECK_SCRIPT_BUDGET_BYTES / 1024} KB gzipped; other pages load none but the copy button's`, async (t) => {
    const problems: string[] = [];
    for (const page of pages) {
      const scripts = await gzippedLoads(page, ['script']);
      const total = [...scripts.values()].reduce((a, b) => a + b, 0);
      if (/^(?:[a-z]{2}\/)?check\/index\.html$/.test(page.file)) {
        t.diagnostic(`${page.file}: scripts ${total} bytes gzipped`);
        if (total === 0) problems.push(`${page.file}: loads no script, so the checker cannot work`);
        if (total > CHECK_SCRIPT_BUDGET_BYTES) problems.push(`${page.file}: ${total} bytes of script gzipped, over the budget of ${CHECK_SCRIPT_BUDGET_BYTES}`);
      } else if (total > COPY_SCRIPT_BUDGET_BYTES) {
        problems.push(`${page.file}: loads ${total} bytes of script (${[...scripts.keys()].join(', ')}); only /check/ may carry more than the copy button`);
      }
    }
    assertNoProblems(problems);
  });
});

/**
 * The files a page loads of the kinds asked for (scripts with the chunks they import; style
 * sheets with their @imports), each with its gzipped size.
 */
async function gzippedLoads(page: Page, kinds: readonly ('script' | 'stylesheet')[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const queue: string[] = [];
  for (const tag of page.tags) {
    const src = tag.name === 'script' && kinds.includes('script') ? tag.attrs.get('src')
      : tag.name === 'link' && relList(tag).some((r) => (r === 'stylesheet' && kinds.includes('stylesheet')) || (r === 'modulepreload' && kinds.includes('script'))) ? tag.attrs.get('href')
      : undefined;
    const url = src ? internalUrl(src, pageBase(page)) : null;
    if (url) queue.push(url.pathname.slice(1));
  }
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (sizes.has(next) || !fileSet.has(next)) continue;
    const bytes = await readFile(join(site.dist, next));
    sizes.set(next, gzipSync(bytes).length);
    const text = bytes.toString('utf8');
    const refs = next.endsWith('.css') ? [...text.matchAll(/@import\s+(?:url\()?\s*['"]?([^'")\s;]+)/gi)].map((m) => m[1]!) : next.endsWith('.js') ? jsImports(text) : [];
    for (const ref of refs) {
      const url = internalUrl(ref, new URL(`/${next}`, origin));
      if (url) queue.push(url.pathname.slice(1));
    }
  }
  return sizes;
}

describe('the day bars and the incident chart of the built demo', () => {
  const localeOf = (page: Page) => (site.config.locales.find((l) => l !== site.config.defaultLocale && page.file.startsWith(`${l}/`)) ?? site.config.defaultLocale);
  const homes = () => pages.filter((p) => /^(?:[a-z]{2}\/)?index\.html$/.test(p.file));
  const senderPages = () => pages.filter((p) => /^(?:[a-z]{2}\/)?senders\/[^/]+\/index\.html$/.test(p.file));
  const text = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
  const oursPage = (page: Page) => /^(?:[a-z]{2}\/)?senders\/ours\/index\.html$/.test(page.file);
  /** The pages of our delivery to each receiver (and of our outgoing mail as a whole). */
  const deliveryPages = () => pages.filter((p) => /^(?:[a-z]{2}\/)?delivery\/[^/]+\/index\.html$/.test(p.file));
  /** The part of a page about our mail to others: a delivery page, or the home page's section of it. */
  const deliveryPart = (page: Page) => (deliveryPages().includes(page) ? page.html : /<section aria-labelledby="delivery">[\s\S]*?<\/section>/.exec(page.html)?.[0] ?? '');
  /** The part of a page about our own servers: their page, or their row of the home page. */
  const oursPart = (page: Page) => (oursPage(page) ? page.html : /<section aria-labelledby="ours">[\s\S]*?<\/section>/.exec(page.html)?.[0] ?? '');

  test('the home page and every sender page have one legend naming every colour of the bars in words', () => {
    const problems: string[] = [];
    for (const page of [...homes(), ...senderPages()]) {
      const locale = localeOf(page);
      const legends = page.html.match(/<div class="bar-legend">[\s\S]*?<\/div>/g) ?? [];
      if (legends.length !== 1) problems.push(`${page.file}: ${legends.length} legends of the day bars, expected 1`);
      const words = [...impactSchema.options.map((i) => translate(locale, `state.${i}`)), translate(locale, 'senders.noData')];
      const keys = [...(legends[0] ?? '').matchAll(/<li><span class="key ([a-z-]+)" aria-hidden="true"><\/span>([^<]+)<\/li>/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(keys.map(([, word]) => word), words, page.file);
      assert.deepEqual(keys.map(([cls]) => cls), [...impactSchema.options.map((i) => `impact-${i}`), 'empty'], page.file);
      // What "got through" means, where a share is shown: every page but our own servers'.
      const defined = (legends[0] ?? '').includes(`<p>${translate(locale, 'senders.shareDefinition')}</p>`);
      if (defined === oursPage(page)) problems.push(`${page.file}: the legend ${defined ? 'defines a share no bar shows' : 'does not say what got through means'}`);
    }
    // What "accepted" means, wherever bars of our mail to others are.
    assert.ok(deliveryPages().length > 0, 'no delivery page in the demo');
    for (const page of [...homes(), ...deliveryPages()]) {
      const defined = decodeEntities(page.html).includes(`<p>${translate(localeOf(page), 'delivery.shareDefinition')}</p>`);
      if (defined !== (deliveryPart(page) !== '')) problems.push(`${page.file}: the legend ${defined ? 'defines a delivery share no bar shows' : 'does not say what accepted means'}`);
    }
    assertNoProblems(problems);
  });

  test('every history has 90 bars between its two ends, and says what share of a sender\'s connections got through, or how many connections our servers had', () => {
    const problems: string[] = [];
    for (const page of [...homes(), ...senderPages(), ...deliveryPages()]) {
      const locale = localeOf(page);
      const delivery = deliveryPart(page);
      // Our own servers' failures are every sender's broken-off connections: a share would read as our failure rate.
      const ours = oursPart(page);
      if (homes().includes(page) && !ours) problems.push(`${page.file}: no row of our own servers`);
      const histories = page.html.match(/<div class="history">[\s\S]*?<\/p>\s*<\/div>/g) ?? [];
      if (histories.length === 0) problems.push(`${page.file}: no history`);
      for (const history of histories) {
        const bars = history.match(/<li class="bar /g)?.length ?? 0;
        if (bars !== 90) problems.push(`${page.file}: ${bars} bars`);
        const ends = [...history.matchAll(/<p class="bar-axis">\s*<span>([^<]*)<\/span>\s*<span class="bar-share">([^<]*)<\/span>\s*<span>([^<]*)<\/span>/g)][0];
        if (!ends) {
          problems.push(`${page.file}: a history without its axis`);
          continue;
        }
        const [, start, share, end] = ends;
        // The demo is built as of its last log line only where MXSTATUS_NOW says so; else its ends are dates.
        const labels = [translate(locale, 'senders.axisStart'), translate(locale, 'senders.axisEnd')];
        if (!(start === labels[0] && end === labels[1]) && !(/\d{4}$/.test(start!) && /\d{4}$/.test(end!))) problems.push(`${page.file}: ends "${start}" and "${end}"`);
        // Our mail to others shows the share of our delivery attempts accepted, our outgoing mail as a whole too.
        const figure = delivery.includes(history)
          ? (locale === 'de' ? /^\d{1,3}(?:,\d)?\u00a0% von [\d.]+ Zustellversuchen angenommen/ : /^\d{1,3}(?:\.\d)?% of [\d,]+ delivery attempts accepted/)
          : ours.includes(history)
          ? (locale === 'de' ? /^[\d.]+ Verbindungen zu unseren Servern(?: \(|$)/ : /^[\d,]+ connections to our servers(?: \(|$)/)
          : (locale === 'de' ? /^\d{1,3}(?:,\d)?\u00a0% von [\d.]+ Verbindungen kamen durch/ : /^\d{1,3}(?:\.\d)?% of [\d,]+ connections got through/);
        if (!figure.test(decodeEntities(share!))) problems.push(`${page.file}: ${ours.includes(history) ? 'our servers\' figure' : 'share'} "${share}"`);
      }
    }
    assertNoProblems(problems);
  });

  test('each bar names its day and state (with its figures, but on the home page for a day of an incident only), a day without data hidden from screen readers, and a bar with data links to its row in the sender\'s history (on the home page outside the tab order)', () => {
    const problems: string[] = [];
    for (const page of [...homes(), ...senderPages(), ...deliveryPages()]) {
      const home = homes().includes(page);
      const ours = oursPart(page);
      const oursFailures = /\d fehlgeschlagen|\d failed/.exec(text(ours.match(/<ol class="bars">[\s\S]*?<\/ol>/)?.[0] ?? ''));
      if (oursFailures) problems.push(`${page.file}: a bar of our own servers counts senders' broken-off connections as failed ("${oursFailures[0]}")`);
      const oursTable = /senders\/ours\//.test(page.file) ? (/<table>[\s\S]*?<\/table>/.exec(page.html)?.[0] ?? '') : '';
      if (/<th scope="col">(?:Fehler|Failed)<\/th>/.test(oursTable)) problems.push(`${page.file}: our own servers' history has a column of failures, the senders' broken-off connections`);
      for (const [, cls, hidden, inner] of page.html.matchAll(/<li class="bar ([a-z-]+)"( aria-hidden="true")?>([\s\S]*?)<\/li>/g)) {
        const name = text(inner!);
        if (!/^\d{1,2}\.? [A-Za-zä]+ \d{4}: /.test(name)) problems.push(`${page.file}: a bar named "${name}"`);
        // The figure beside the bars says on how many days there is data; 90 "no data" a row would bury the rest.
        if (Boolean(hidden) !== (cls === 'empty')) problems.push(`${page.file}: a bar "${name}" ${hidden ? 'hidden from' : 'read by'} screen readers`);
        if (cls === 'empty') {
          if (inner!.includes('<a')) problems.push(`${page.file}: a day without data links somewhere`);
          continue;
        }
        // A day of an incident gives its figures everywhere; a normal day only on the component's own page (the home page's bytes).
        const figures = /\d (?:Verbindungen|connections|Zustellversuche|delivery attempts)\b/.test(name);
        if (figures !== (!home || cls !== 'impact-none')) problems.push(`${page.file}: a ${home ? 'home page' : 'component page'} bar of ${cls} "${name}" ${figures ? 'gives' : 'lacks'} its figures`);
        const link = /^<a href="([^"]*)"( tabindex="-1")?>/.exec(inner!.trim());
        const target = home ? /^\/(?:en\/)?(?:senders|delivery)\/[^/]+\/#day-\d{4}-\d{2}-\d{2}$/ : /^#day-\d{4}-\d{2}-\d{2}$/;
        if (!link || !target.test(link[1]!) || Boolean(link[2]) !== home) problems.push(`${page.file}: bar ${inner!.slice(0, 120)}`);
      }
    }
    // Where each link leads is checked with every other link of the site (its row's id included).
    assertNoProblems(problems);
  });

  test('the incident chart has a time axis of days in the page language, a value scale, and its values as a table', () => {
    const problems: string[] = [];
    const charts = pages.filter((p) => p.html.includes('<figure class="chart">'));
    assert.ok(charts.length >= 2, 'no incident page with a chart');
    for (const page of charts) {
      const locale = localeOf(page);
      const day = locale === 'de' ? /^(?:Mo|Di|Mi|Do|Fr|Sa|So) \d{1,2}\.\d{1,2}\.$/ : /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}$/;
      // A chart of two days or more names three days at least; a shorter one (our mail throttled for a morning) its day.
      const drawn = page.html.match(/<rect class="connections"/g)?.length ?? 0;
      const days = drawn >= 48 ? 3 : 1;
      for (const set of ['narrow', 'wide']) {
        const labels = [...page.html.matchAll(new RegExp(`<text class="time-label ${set}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => m[1]!);
        if (labels.filter((l) => day.test(l)).length < days) problems.push(`${page.file}: ${set} time axis ${JSON.stringify(labels)}`);
      }
      const values = [...page.html.matchAll(/<text class="value-label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
      if (values.length < 2 || !values.every((v) => /^[\d.,]+$/.test(v))) problems.push(`${page.file}: value scale ${JSON.stringify(values)}`);
      const hours = page.html.match(/<rect class="connections"/g)?.length ?? 0;
      const table = /<details class="chart-table">[\s\S]*?<\/details>/.exec(page.html)?.[0] ?? '';
      const rows = table.match(/<tr><th scope="row">/g)?.length ?? 0;
      if (hours === 0 || rows !== hours) problems.push(`${page.file}: ${hours} hours drawn, ${rows} rows in the table`);
    }
    assertNoProblems(problems);
  });
});

describe('the checks themselves', () => {
  test('the tag scanner reads quoted attributes containing ">" and skips comments and script text', () => {
    const tags = scanHtml('<!-- <img src="x"> --><a title="a > b" href="/x/?a=1&amp;b=2">x</a><script>if (a<b) {}</script><img src=/y.png>');
    assert.deepEqual(tags.map((t) => [t.name, Object.fromEntries(t.attrs)]), [
      ['a', { title: 'a > b', href: '/x/?a=1&b=2' }],
      ['script', {}],
      ['img', { src: '/y.png' }],
    ]);
  });

  test('a forwarding short link names its target', () => {
    assert.equal(metaRefreshTarget(scanHtml('<meta http-equiv="refresh" content="0; url=/incidents/x/">')), '/incidents/x/');
    assert.equal(metaRefreshTarget(scanHtml('<meta charset="utf-8">')), null);
  });

  test('a link to a directory needs its trailing slash, and a missing file is named', () => {
    const files = new Set(['index.html', 'en/index.html', '_astro/a.css']);
    assert.deepEqual(resolveDistPath(files, '/en/'), { ok: true, file: 'en/index.html' });
    assert.deepEqual(resolveDistPath(files, '/en'), { ok: false, reason: 'a directory without its trailing slash' });
    assert.deepEqual(resolveDistPath(files, '/_astro/b.css'), { ok: false, reason: 'no _astro/b.css in dist/' });
    assert.equal(pageUrlPath('en/incidents/index.html'), '/en/incidents/');
  });
});

/** `url(…)` and `@import` targets of a style sheet, data: URLs left out. */
function cssReferences(css: string): string[] {
  const refs: string[] = [];
  for (const m of css.matchAll(/@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")]+)['"]?\s*\)/gi)) {
    const ref = (m[1] ?? m[2] ?? '').trim();
    if (ref && !ref.startsWith('data:') && !ref.startsWith('#')) refs.push(ref);
  }
  return refs;
}

/** Relative module specifiers a bundled script imports, statically or dynamically. */
function jsImports(js: string): string[] {
  const refs: string[] = [];
  for (const m of js.matchAll(/(?:\bimport\s*(?:[\w*{}\s,$]+from\s*)?|\bimport\s*\(\s*|\bexport\s*[\w*{}\s,$]+from\s*)["'`](\.{1,2}\/[^"'`]+|\/[^"'`]+)["'`]/g)) {
    refs.push(m[1]!);
  }
  return refs;
}

function* jsonStrings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* jsonStrings(v);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* jsonStrings(v);
}
