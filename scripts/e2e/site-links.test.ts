/**
 * What people follow on the built demo site (demo-fixture.ts): the subscribe page and the links to
 * it, each sender's feeds, the short link of each language, and the support contact. Read as a
 * static server hands the files out; the browser suite follows the same links in Chromium.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Locale, SiteConfig } from '../../src/core/schemas/site-config.ts';
import { feedPaths, localePath, shortPath } from '../../src/core/routes.ts';
import { statuspageDocumentSchemas } from '../../src/core/schemas/statuspage-schema.ts';
import { assertNoProblems } from '../browser/assert-no-problems.ts';
import { listDistFiles, pageUrlPath } from '../browser/dist-files.ts';
import { decodeEntities, metaRefreshTarget, scanHtml, type HtmlTag } from '../browser/scan-html.ts';
import { builtDemo } from './demo-fixture.ts';

interface Page {
  readonly file: string;
  /** Where the page is served, e.g. `/en/incidents/`. */
  readonly path: string;
  readonly html: string;
  readonly tags: readonly HtmlTag[];
  readonly locale: Locale;
  /** `<meta http-equiv="refresh">` target: a short link that only forwards. */
  readonly redirectTo: string | null;
}

let config: SiteConfig;
let dist: string;
let pages: Page[];
/** Our own servers and every sender: the ids of the default language's sender pages. */
let senderIds: string[];

before(async () => {
  const site = await builtDemo();
  config = site.config;
  dist = site.dist;
  const files = (await listDistFiles(site.dist)).filter((f) => f.endsWith('.html'));
  pages = await Promise.all(
    files.map(async (file) => {
      const html = await readFile(join(site.dist, file), 'utf8');
      const tags = scanHtml(html);
      const locale = tags.find((t) => t.name === 'html')?.attrs.get('lang') as Locale;
      return { file, path: pageUrlPath(file), html, tags, locale, redirectTo: metaRefreshTarget(tags) };
    }),
  );
  senderIds = pages.map((p) => /^\/senders\/([^/]+)\/$/.exec(p.path)?.[1]).filter((id) => id !== undefined);
  assert.ok(senderIds.includes('ours') && senderIds.length > 1);
});

const page = (path: string) => {
  const found = pages.find((p) => p.path === path);
  assert.ok(found, `no page at ${path}`);
  return found;
};
const links = (p: Page) => new Set(p.tags.filter((t) => t.name === 'a').map((t) => t.attrs.get('href') ?? ''));
/** Every link of `expected` that `p` lacks, one problem each. */
const missingLinks = (p: Page, expected: readonly string[]) => {
  const found = links(p);
  return expected.filter((href) => !found.has(href)).map((href) => `${p.file}: no link to ${href}`);
};
/** Incident pages: those that show a short link. */
const incidentPages = () => pages.filter((p) => p.html.includes('class="shortlink-url"'));

describe('subscribing', () => {
  test('every page links the subscribe page of its own language', () => {
    const content = pages.filter((p) => !p.redirectTo);
    assert.ok(content.length > 10);
    assertNoProblems(content.flatMap((p) => missingLinks(p, [localePath(p.locale, '/subscribe/', config)])));
  });

  test("the subscribe page of each language links the site's feeds, every sender's feeds and every API document, in its language", () => {
    const problems: string[] = [];
    for (const locale of config.locales) {
      const subscribe = page(localePath(locale, '/subscribe/', config));
      assert.equal(subscribe.locale, locale);
      const feeds = [undefined, ...senderIds].flatMap((id) => Object.values(feedPaths(locale, config, id)));
      const api = Object.keys(statuspageDocumentSchemas).map((document) => localePath(locale, `/api/v2/${document}`, config));
      problems.push(...missingLinks(subscribe, [...feeds, ...api, ...senderIds.map((id) => localePath(locale, `/senders/${id}/`, config))]));
      // The site-wide feeds are shown as the addresses to copy into a reader.
      for (const path of Object.values(feedPaths(locale, config))) {
        if (!subscribe.html.includes(`>${new URL(path, config.site).href}</a>`)) problems.push(`${subscribe.file}: ${path} not shown as an address`);
      }
    }
    assertNoProblems(problems);
  });

  test('our mail to others: the home page and the subscribe page link every delivery page, each with its own three feeds and how to use them', () => {
    const receiverIds = pages.map((p) => /^\/delivery\/([^/]+)\/$/.exec(p.path)?.[1]).filter((id) => id !== undefined);
    assert.ok(receiverIds.includes('ours') && receiverIds.length > 1, 'delivery pages in the demo');
    const problems: string[] = [];
    for (const locale of config.locales) {
      const pagesOf = receiverIds.map((id) => localePath(locale, `/delivery/${id}/`, config));
      problems.push(...missingLinks(page(localePath(locale, '/', config)), pagesOf.map((path) => path)));
      const feeds = receiverIds.flatMap((id) => Object.values(feedPaths(locale, config, id, 'outbound')));
      problems.push(...missingLinks(page(localePath(locale, '/subscribe/', config)), [...pagesOf, ...feeds]));
      for (const id of receiverIds) {
        const delivery = page(localePath(locale, `/delivery/${id}/`, config));
        problems.push(...missingLinks(delivery, [...Object.values(feedPaths(locale, config, id, 'outbound')), `${localePath(locale, '/subscribe/', config)}#how-to`]));
        // Its feeds are what the page announces to feed readers.
        if (!delivery.tags.some((t) => t.name === 'link' && t.attrs.get('href') === feedPaths(locale, config, id, 'outbound').atom)) problems.push(`${delivery.file}: does not announce its Atom feed`);
      }
      // /check/ explains mail that reached us; ours to others is on the home page's delivery section.
      problems.push(...missingLinks(page(localePath(locale, '/check/', config)), [`${localePath(locale, '/', config)}#delivery`]));
    }
    assertNoProblems(problems);
  });

  test('an outbound incident has its short link with the kind\'s code, and its page links its delivery component\'s feeds', () => {
    for (const locale of config.locales) {
      // The demo's: Microsoft throttling our relay.
      const target = localePath(locale, '/incidents/2026-03-23-microsoft-rate-limit/', config);
      assert.equal(page(localePath(locale, '/i/260323-microsoft-rl/', config)).redirectTo, target);
      const incident = page(target);
      assert.ok(incident.tags.some((t) => t.name === 'link' && t.attrs.get('href') === feedPaths(locale, config, 'microsoft', 'outbound').atom), incident.file);
    }
  });

  test('each sender page links its own three feeds and how to use them', () => {
    const problems: string[] = [];
    for (const locale of config.locales) {
      for (const id of senderIds) {
        const sender = page(localePath(locale, `/senders/${id}/`, config));
        problems.push(...missingLinks(sender, [...Object.values(feedPaths(locale, config, id)), `${localePath(locale, '/subscribe/', config)}#how-to`]));
      }
    }
    assertNoProblems(problems);
  });
});

describe('short links', () => {
  test('each incident page shows the short link of its own language', () => {
    const shown = incidentPages();
    assert.ok(shown.length >= 2 * config.locales.length, 'incident pages in every language');
    const problems: string[] = [];
    for (const p of shown) {
      const id = /\/incidents\/([^/]+)\/$/.exec(p.path)![1]!;
      const url = decodeEntities(/class="shortlink-url">([^<]+)</.exec(p.html)![1]!);
      const expected = new URL(shortPath(p.locale, id, config), config.site).href;
      if (url !== expected) problems.push(`${p.file}: shows ${url}, expected ${expected}`);
    }
    assertNoProblems(problems);
    assert.ok(shown.some((p) => p.locale === config.defaultLocale && !p.html.includes(`/${config.defaultLocale}/i/`)), 'the default language keeps /i/');
  });

  test('each short link forwards to the incident page in its language, with the icon, noindex, and a link to follow by hand', () => {
    const problems: string[] = [];
    for (const p of incidentPages()) {
      const id = /\/incidents\/([^/]+)\/$/.exec(p.path)![1]!;
      const forward = page(shortPath(p.locale, id, config));
      const target = localePath(p.locale, `/incidents/${id}/`, config);
      const has = (name: string, attr: string, value: string) => forward.tags.some((t) => t.name === name && t.attrs.get(attr) === value);
      if (forward.redirectTo !== target) problems.push(`${forward.file}: forwards to ${forward.redirectTo}, expected ${target}`);
      if (forward.locale !== p.locale) problems.push(`${forward.file}: lang ${forward.locale}, expected ${p.locale}`);
      if (!has('link', 'href', '/favicon.svg')) problems.push(`${forward.file}: no icon (browsers would ask for /favicon.ico)`);
      if (!has('meta', 'content', 'noindex')) problems.push(`${forward.file}: not noindex`);
      if (!has('a', 'href', target)) problems.push(`${forward.file}: no link to ${target}`);
    }
    assertNoProblems(problems);
  });

  test('robots.txt keeps crawlers off the short links of every language, which only forward', async () => {
    const robots = await readFile(join(dist, 'robots.txt'), 'utf8');
    const disallowed = robots.split('\n').filter((l) => l.startsWith('Disallow: ')).map((l) => l.slice('Disallow: '.length));
    assert.deepEqual(disallowed, config.locales.map((l) => localePath(l, '/i/', config)));
  });

  test('the subscribe page names each API language by its own name', () => {
    for (const locale of config.locales) {
      assert.match(page(localePath(locale, '/subscribe/', config)).html, /Deutsch: \/api\/v2\/, English: \/en\/api\/v2\//);
    }
  });
});

describe('the support contact', () => {
  test('the home page and every incident page show the e-mail address and the web address, in every language', () => {
    const { email, url } = config.support;
    assert.ok(email && url, 'the demo sets both');
    const shown = [...config.locales.map((l) => page(localePath(l, '/', config))), ...incidentPages()];
    assertNoProblems(shown.flatMap((p) => missingLinks(p, [`mailto:${email}`, url])));
  });
});
