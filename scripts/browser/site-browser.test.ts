/**
 * The built demo site in Debian's Chromium (`npm run test:browser`): every page, served by a plain
 * static server on 127.0.0.1, checked with axe-core in light and dark, without JavaScript, at a
 * phone's width, for requests that leave the server and for Content-Security-Policy violations;
 * then screenshots for people to look at, in test-results/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test, type TestContext } from 'node:test';
import axe from 'axe-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { feedPaths, localePath, shortPath } from '../../src/core/routes.ts';
import { assertNoProblems } from './assert-no-problems.ts';
import { buildDemoSite, type DemoSite } from './build-demo-site.ts';
import { listDistFiles, pageUrlPath } from './dist-files.ts';
import { findHorizontalOverflow } from './find-horizontal-overflow.ts';
import { launchChromium, missingChromium } from './launch-chromium.ts';
import { metaRefreshTarget, scanHtml } from './scan-html.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';
import { confineToOrigin, watchPage, type PageWatch } from './watch-page.ts';

const SCHEMES = ['light', 'dark'] as const;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
/** Pages checked at once: two keeps both cores of a small CI machine busy. */
const PARALLEL = 2;

interface SitePage {
  /** e.g. `/en/incidents/` */
  readonly path: string;
  /** Where a forwarding short link (`<meta http-equiv="refresh">`) leads, or null. */
  readonly redirectTo: string | null;
}

const missing = missingChromium();
if (missing) {
  // One line and a failed run, never a skip: a gate that silently skips is no gate (.ci/run installs it).
  console.error(missing);
  process.exit(1);
}

let browser: Browser;
let site: DemoSite;
let server: StaticServer;
let pages: SitePage[];

before(async () => {
  browser = await launchChromium();
  site = await buildDemoSite();
  server = await startStaticServer(site.dist);
  const files = (await listDistFiles(site.dist)).filter((f) => f.endsWith('.html'));
  pages = await Promise.all(
    files.map(async (file) => {
      const html = await readFile(join(site.dist, file), 'utf8');
      return { path: pageUrlPath(file), redirectTo: metaRefreshTarget(scanHtml(html)) };
    }),
  );
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

/** A context confined to the local server. */
async function newContext(options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESKTOP, ...options });
  await confineToOrigin(context, server.origin);
  return context;
}

/**
 * Takes a page to an address and waits for its load event, or with `settle` also until the network
 * has been idle for half a second, so that what its scripts load or do later is seen too.
 */
async function visit(page: Page, path: string, settle = false): Promise<number | null> {
  const response = await page.goto(`${server.origin}${path}`, { waitUntil: settle ? 'networkidle' : 'load' });
  return response?.status() ?? null;
}

/**
 * Runs `check` for each of `list` as subtests, `PARALLEL` at a time, each worker with one browser
 * tab it reuses (a new tab costs a new renderer process).
 */
async function eachPage(
  t: TestContext,
  context: BrowserContext,
  list: readonly SitePage[],
  name: (p: SitePage) => string,
  check: (tab: Page, watch: PageWatch, p: SitePage) => Promise<void>,
): Promise<void> {
  const queue = [...list];
  const worker = async () => {
    const tab = await context.newPage();
    const watch = await watchPage(tab, server.origin);
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const sitePage = next;
        // Leave the last page first, so that nothing it still does is taken for the next one's.
        await tab.goto('about:blank');
        watch.reset();
        await t.test(name(sitePage), () => check(tab, watch, sitePage));
      }
    } finally {
      await tab.close();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

function watchProblems(watch: PageWatch): string[] {
  return [
    ...watch.foreignRequests.map((url) => `request to another origin: ${url}`),
    ...watch.cspViolations.map((text) => `CSP violation: ${text}`),
    ...watch.errors.map((text) => `script error: ${text}`),
    ...watch.failedRequests.map((text) => `failed to load: ${text}`),
  ];
}

/**
 * Reads a page's policy and tries what it must refuse: a string handed to setTimeout (code that
 * DevTools evaluates may eval regardless of the policy; the timer's string runs later as the
 * page's own task, where the policy decides) and an inline script added to the document.
 */
async function probePolicy(tab: Page): Promise<{ policy: string | null; evalRan: boolean; inlineRan: boolean }> {
  return tab.evaluate(async () => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy" i]');
    const flags = window as unknown as { __mxstatusEvalRan?: boolean; __mxstatusInlineRan?: boolean };
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__mxstatusEvalRan = true;', 0);
    const injected = document.createElement('script');
    injected.textContent = 'window.__mxstatusInlineRan = true;';
    document.body.append(injected);
    // Timers of equal delay run in order: once this one has run, the string's turn has passed.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { policy: meta?.getAttribute('content') ?? null, evalRan: flags.__mxstatusEvalRan === true, inlineRan: flags.__mxstatusInlineRan === true };
  });
}

describe('the checks themselves', () => {
  let fixture: string;
  let fixtureServer: StaticServer;

  before(async () => {
    fixture = await mkdtemp(join(tmpdir(), 'mxstatus-browser-fixture-'));
    const policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:">`;
    await writeFile(join(fixture, 'blocked.html'), `<!doctype html><html lang="en"><head>${policy}<title>t</title></head><body><h1 style="color: red">t</h1><script>document.title = 'ran';</script></body></html>`);
    await writeFile(join(fixture, 'loose.html'), `<!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="script-src 'self' 'unsafe-inline' 'unsafe-eval'"><title>t</title></head><body><p>t</p></body></html>`);
    await writeFile(join(fixture, 'wide.html'), `<!doctype html><html lang="en"><head><title>t</title></head><body><p>fits</p><div class="wide"><span>x</span><pre>${'x'.repeat(200)}</pre></div></body></html>`);
    await writeFile(join(fixture, 'foreign.html'), `<!doctype html><html lang="en"><head><title>t</title></head><body><img src="http://example.invalid/pixel.png" alt=""></body></html>`);
    fixtureServer = await startStaticServer(fixture);
  });

  after(async () => {
    await fixtureServer?.close();
    await rm(fixture, { recursive: true, force: true });
  });

  test('an inline style and an inline script are reported as CSP violations, and they stay blocked', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const watch = await watchPage(page, fixtureServer.origin);
      await page.goto(`${fixtureServer.origin}/blocked.html`);
      assert.equal(await page.title(), 't', 'the inline script ran');
      assert.ok(watch.cspViolations.some((v) => /inline style/i.test(v)), watch.cspViolations.join('\n'));
      assert.ok(watch.cspViolations.some((v) => /inline script/i.test(v)), watch.cspViolations.join('\n'));
      assert.ok(watch.cspViolations.some((v) => v.startsWith('securitypolicyviolation: ')), watch.cspViolations.join('\n'));
    } finally {
      await context.close();
    }
  });

  test('the policy probe sees eval and inline scripts run where a policy allows them, and refused where it does not', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${fixtureServer.origin}/loose.html`);
      assert.deepEqual(await probePolicy(page), { policy: "script-src 'self' 'unsafe-inline' 'unsafe-eval'", evalRan: true, inlineRan: true });
      await page.goto(`${fixtureServer.origin}/blocked.html`);
      assert.deepEqual(await probePolicy(page), { policy: "default-src 'self'; img-src 'self' data:", evalRan: false, inlineRan: false });
    } finally {
      await context.close();
    }
  });

  test('a request to another origin is reported and never leaves the machine', async () => {
    const context = await browser.newContext();
    try {
      await confineToOrigin(context, fixtureServer.origin);
      const page = await context.newPage();
      const watch = await watchPage(page, fixtureServer.origin);
      await page.goto(`${fixtureServer.origin}/foreign.html`, { waitUntil: 'networkidle' });
      assert.deepEqual(watch.foreignRequests, ['http://example.invalid/pixel.png']);
    } finally {
      await context.close();
    }
  });

  test('a page wider than a phone is caught, naming what sticks out', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    try {
      const page = await context.newPage();
      await page.goto(`${fixtureServer.origin}/wide.html`);
      assert.match((await findHorizontalOverflow(page, PHONE.width)) ?? '', /^scrolls sideways: \d+ px wide \(<pre> \d+ px\)$/);
      await page.setViewportSize({ width: 2000, height: 800 });
      assert.equal(await findHorizontalOverflow(page, 2000), null);
    } finally {
      await context.close();
    }
  });

  test('the server answers with content types, directory indexes and its 404 page', async () => {
    const home = await fetch(`${server.origin}/`);
    assert.equal(home.status, 200);
    assert.equal(home.headers.get('content-type'), 'text/html; charset=utf-8');
    const missing = await fetch(`${server.origin}/no/such/page/`);
    assert.equal(missing.status, 404);
    const slashless = await fetch(`${server.origin}/en`, { redirect: 'manual' });
    assert.equal(slashless.status, 301);
    assert.equal(slashless.headers.get('location'), '/en/');
    const outside = await fetch(`${server.origin}/../../etc/passwd`);
    assert.equal(outside.status, 404);
  });
});

describe('the header checker (/check/)', () => {
  /** Written in Outlook on 23 March at 10:03 UTC, handed to us at 17:45 CET once Outlook.com had recovered. */
  const delayedByDemoIncident = () => readFile(fileURLToPath(new URL('../../src/core/headers/samples/outlook-delayed-by-demo-incident.txt', import.meta.url)), 'utf8');
  const expected = {
    de: /^Diese E-Mail hat 6 Std\., 41 Min\. bei Outlook\.com \/ Microsoft 365 gewartet, bevor sie uns erreichte – siehe /,
    en: /^This email waited 6 hr 41 min at Outlook\.com \/ Microsoft 365 before reaching us — see /,
  } as const;

  /** Pastes text into the checker, presses the button and returns the verdict, counting every request made after the page had loaded. */
  async function paste(tab: Page, locale: 'de' | 'en', text: string) {
    await visit(tab, localePath(locale, '/check/', site.config), true);
    const requests: string[] = [];
    tab.on('request', (request) => requests.push(request.url()));
    await tab.locator('#check-input').fill(text);
    await tab.locator('form.check-form button[type=submit]').click();
    const verdict = tab.locator('#check-result .verdict');
    await verdict.waitFor({ state: 'visible', timeout: 5_000 });
    return { verdict, requests };
  }

  for (const locale of ['de', 'en'] as const) {
    test(`a mail delayed by the demo's Outlook.com incident is told so, with a link to it, on a phone (${locale}), and nothing is sent`, async () => {
      const context = await newContext({ viewport: PHONE, colorScheme: 'dark' });
      try {
        const tab = await context.newPage();
        const watch = await watchPage(tab, server.origin);
        const { verdict, requests } = await paste(tab, locale, await delayedByDemoIncident());
        assert.match((await verdict.innerText()).trim(), expected[locale]);
        const link = verdict.locator('a');
        assert.equal(await link.getAttribute('href'), localePath(locale, '/incidents/2026-03-19-microsoft-tls-failure/', site.config));
        assert.equal(await tab.locator('.check-hops li').count(), 4);
        assert.equal(await tab.locator('.check-hops li:nth-child(3) .hop-hand-off').count(), 1, 'the hop into mx1 is marked as the hand-off');
        assert.deepEqual(requests, [], 'the page made requests after it had loaded');
        const overflow = await findHorizontalOverflow(tab, PHONE.width);
        assertNoProblems([...watchProblems(watch), ...(overflow ? [overflow] : [])]);
        await mkdir(SCREENSHOTS, { recursive: true });
        await tab.screenshot({ path: join(SCREENSHOTS, `check-result-${locale}-dark-${PHONE.width}.png`), fullPage: true });
        await link.click();
        await tab.waitForURL(`${server.origin}${localePath(locale, '/incidents/2026-03-19-microsoft-tls-failure/', site.config)}`);
      } finally {
        await context.close();
      }
    });
  }

  test('the result passes axe in light and dark', async () => {
    for (const scheme of SCHEMES) {
      const context = await newContext({ colorScheme: scheme });
      await context.addInitScript({ content: axe.source });
      try {
        const tab = await context.newPage();
        await paste(tab, 'en', await delayedByDemoIncident());
        const results = await tab.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
        assertNoProblems(results.violations.map((v) => `${scheme}: ${v.id} ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`));
        await tab.screenshot({ path: join(SCREENSHOTS, `check-result-en-${scheme}-${DESKTOP.width}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    }
  });

  test('text that is not mail headers is answered in words; hostile text stays text', async () => {
    const context = await newContext({});
    try {
      const tab = await context.newPage();
      const watch = await watchPage(tab, server.origin);
      const { verdict } = await paste(tab, 'en', 'Hello, my mail from Outlook is late! <img src=x onerror=alert(1)>');
      assert.match(await verdict.innerText(), /This does not look like email headers/);
      const hostile = await paste(tab, 'en', 'Received: from <img src=x onerror="document.title=1"> (x [192.0.2.1]) by <b>mx</b>; Mon, 23 Mar 2026 10:00:00 +0000\nDate: Mon, 23 Mar 2026 09:59:00 +0000\n');
      await hostile.verdict.waitFor();
      assert.equal(await tab.locator('#check-result img, #check-result b').count(), 0);
      assert.match(await tab.locator('.check-hops').innerText(), /<img/);
      assertNoProblems(watchProblems(watch));
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the form stays hidden and the support address is shown instead', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    try {
      const tab = await context.newPage();
      await visit(tab, '/check/');
      assert.equal(await tab.locator('form.check-form').isVisible(), false);
      const note = tab.locator('.no-script');
      assert.ok(await note.isVisible());
      assert.match(await note.innerText(), /support@example\.net/);
    } finally {
      await context.close();
    }
  });
});

/** Runs `use` with a tab of a new context confined to the server, and closes the context after. */
async function withTab(options: BrowserContextOptions, use: (tab: Page, context: BrowserContext) => Promise<void>): Promise<void> {
  const context = await newContext(options);
  try {
    await use(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

describe('links people follow, without JavaScript', () => {
  test('the short link an incident page shows leads to the same incident page in the same language', () =>
    withTab({ javaScriptEnabled: false }, async (tab) => {
      const config = site.config;
      for (const locale of config.locales) {
        const incident = pages.find((p) => !p.redirectTo && p.path.startsWith(localePath(locale, '/incidents/', config)) && /\/incidents\/\d{4}-[^/]+\/$/.test(p.path));
        assert.ok(incident, `no incident page in ${locale}`);
        const id = incident.path.split('/').at(-2)!;
        await visit(tab, incident.path);
        const shown = new URL((await tab.locator('.shortlink-url').innerText()).trim());
        assert.equal(shown.pathname, shortPath(locale, id, config));
        await visit(tab, shown.pathname);
        await tab.waitForURL(`${server.origin}${incident.path}`, { timeout: 5_000 });
        assert.equal(await tab.locator('html').getAttribute('lang'), locale);
      }
    }));

  test("the footer leads to the subscribe page of the page's language; every feed and API document it links loads", { timeout: 60_000 }, () =>
    withTab({ javaScriptEnabled: false, viewport: PHONE }, async (tab, context) => {
      const config = site.config;
      for (const locale of config.locales) {
        await visit(tab, localePath(locale, '/', config));
        const footerLink = tab.locator('footer a[href$="/subscribe/"]');
        assert.ok(await footerLink.isVisible(), `${locale}: no visible subscribe link in the footer`);
        await footerLink.click();
        await tab.waitForURL(`${server.origin}${localePath(locale, '/subscribe/', config)}`, { timeout: 5_000 });
        const hrefs = await tab.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        const documents = hrefs.filter((href) => /\.(?:atom|rss|json)$/.test(href));
        assert.ok(documents.includes(feedPaths(locale, config).rss) && documents.includes(localePath(locale, '/api/v2/summary.json', config)), `${locale}: ${documents.length} feeds and documents`);
        const problems: string[] = [];
        for (const href of new Set(documents)) {
          const response = await context.request.get(`${server.origin}${href}`);
          const body = await response.text();
          if (response.status() !== 200) problems.push(`${href}: answered ${response.status()}`);
          else if (href.endsWith('.json') ? !body.startsWith('{') : !body.startsWith('<?xml')) problems.push(`${href}: not a feed or JSON document`);
        }
        assertNoProblems(problems);
      }
    }));

  test("a sender page links that sender's own feeds", () =>
    withTab({ javaScriptEnabled: false }, async (tab) => {
      const config = site.config;
      for (const locale of config.locales) {
        await visit(tab, localePath(locale, '/senders/microsoft/', config));
        const hrefs = await tab.locator('.subscribe-sender a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        const { atom, rss, json } = feedPaths(locale, config, 'microsoft');
        assert.deepEqual(hrefs.slice(0, 3), [atom, rss, json]);
        assert.ok(await tab.locator('.subscribe-sender').isVisible());
      }
    }));
});

describe('every page of the built demo site in Chromium', () => {
  test('axe-core finds no violations, in light and in dark', { timeout: 240_000, concurrency: PARALLEL }, async (t) => {
    for (const scheme of SCHEMES) {
      const context = await newContext({ colorScheme: scheme });
      // axe comes in as an init script, added through the DevTools protocol: the page's policy does
      // not govern it, so the page keeps its Content-Security-Policy and axe checks exactly what
      // visitors get. (page.addScriptTag would add an inline script the policy blocks, and bypassCSP
      // would let blocked inline styles through and change what axe measures.)
      await context.addInitScript({ content: axe.source });
      try {
        // A short link forwards at once; its target is checked as a page of its own.
        const content = pages.filter((p) => !p.redirectTo);
        await eachPage(t, context, content, (p) => `${p.path} (${scheme})`, async (tab, _watch, { path }) => {
          await visit(tab, path);
          const results = await tab.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
          assertNoProblems(
            results.violations.map((v) => {
              const nodes = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.any[0]?.message ? ` – ${n.any[0].message}` : ''}`);
              return `${v.id} [${v.impact ?? 'n/a'}] ${v.help}: ${v.nodes.length} element(s), e.g. ${nodes.join('; ')}`;
            }),
          );
        });
      } finally {
        await context.close();
      }
    }
  });

  test('without JavaScript every page shows its heading and content', { timeout: 120_000, concurrency: PARALLEL }, async (t) => {
    const context = await newContext({ javaScriptEnabled: false });
    try {
      await eachPage(t, context, pages, (p) => p.path, async (tab, watch, { path, redirectTo }) => {
        const status = await visit(tab, path);
        if (redirectTo) {
          await tab.waitForURL(new URL(redirectTo, `${server.origin}${path}`).href, { timeout: 5_000 });
          return;
        }
        const problems = watchProblems(watch);
        if (status !== 200) problems.push(`answered ${status}`);
        const heading = tab.locator('main h1');
        const headings = await heading.count();
        const headingText = headings === 1 ? (await heading.innerText()).trim() : '';
        if (headings !== 1) problems.push(`${headings} <h1> in <main>, expected 1`);
        else if (!(await heading.isVisible()) || !headingText) problems.push('the <h1> is hidden or empty');
        const main = tab.locator('main');
        const content = (await main.count()) === 1 && (await main.isVisible()) ? (await main.innerText()).trim() : '';
        if (content.length - headingText.length < 20) problems.push(`<main> shows almost nothing beside its heading: "${content.slice(0, 80)}"`);
        assertNoProblems(problems);
      });
    } finally {
      await context.close();
    }
  });

  test(`at ${PHONE.width} px no page scrolls sideways (nor a table on it), requests another origin, violates its CSP or throws`, { timeout: 120_000, concurrency: PARALLEL }, async (t) => {
    const context = await newContext({ viewport: PHONE, colorScheme: 'light' });
    try {
      await eachPage(t, context, pages, (p) => p.path, async (tab, watch, { path, redirectTo }) => {
        await visit(tab, path, true);
        if (redirectTo) await tab.waitForURL(new URL(redirectTo, `${server.origin}${path}`).href, { timeout: 5_000 });
        const problems = watchProblems(watch);
        const overflow = await findHorizontalOverflow(tab, PHONE.width);
        if (overflow) problems.push(overflow);
        assertNoProblems(problems);
      });
    } finally {
      await context.close();
    }
  });

  test('every page enforces a strict policy: no unsafe-inline or unsafe-eval, no other origin; eval and an injected inline script are refused', { timeout: 120_000, concurrency: PARALLEL }, async (t) => {
    const context = await newContext({});
    try {
      const content = pages.filter((p) => !p.redirectTo);
      await eachPage(t, context, content, (p) => p.path, async (tab, watch, { path }) => {
        await visit(tab, path);
        const found = await probePolicy(tab);
        const problems: string[] = [];
        if (!found.policy) problems.push('no Content-Security-Policy meta element');
        for (const directive of (found.policy ?? '').split(';')) {
          const [name, ...sources] = directive.trim().split(/\s+/);
          for (const source of sources) {
            const allowed = source === "'self'" || source === "'none'" || (name === 'img-src' && source === 'data:');
            if (!allowed) problems.push(`${name} allows ${source}`);
          }
        }
        if (found.evalRan) problems.push('a string passed to setTimeout was evaluated');
        if (found.inlineRan) problems.push('an injected inline script ran');
        // The refusals are the policy at work; they are the only violations allowed here.
        const others = watch.cspViolations.filter((v) => !/eval|inline/i.test(v));
        problems.push(...others.map((v) => `unexpected CSP violation: ${v}`));
        assertNoProblems(problems);
      });
    } finally {
      await context.close();
    }
  });

  test('an unknown address answers 404 with the site’s own 404 page, styled', async () => {
    const context = await newContext({});
    try {
      const page = await context.newPage();
      const watch = await watchPage(page, server.origin);
      const status = await visit(page, '/no/such/page/', true);
      assert.equal(status, 404);
      assertNoProblems(watchProblems(watch));
      assert.ok(await page.locator('main h1').isVisible(), 'no visible <h1> in <main>');
      const styled = await page.evaluate(() => [...document.styleSheets].some((sheet) => sheet.cssRules.length > 0));
      assert.ok(styled, 'the 404 page has no style sheet when served at a nested address');
    } finally {
      await context.close();
    }
  });

  test(`the home page and an incident page at ${PHONE.width} and ${DESKTOP.width} px: no sideways scrolling, the bars' legend shown, the chart's axis laid out`, { timeout: 120_000 }, async (t) => {
    const incident = pages.find((p) => /^\/incidents\/[^/]+\/$/.test(p.path) && !p.redirectTo && p.path.includes('-tls-failure'));
    assert.ok(incident, 'no incident page with a chart');
    await mkdir(SCREENSHOTS, { recursive: true });
    for (const viewport of [PHONE, DESKTOP]) {
      const context = await newContext({ viewport });
      try {
        const tab = await context.newPage();
        for (const locale of site.config.locales) {
          await t.test(`${locale}, ${viewport.width} px`, async () => {
            const problems: string[] = [];
            await visit(tab, localePath(locale, '/', site.config));
            problems.push(...[await findHorizontalOverflow(tab, viewport.width)].filter((o) => o !== null).map((o) => `home: ${o}`));
            const keys = tab.locator('.bar-legend .bar-keys li');
            if ((await keys.count()) !== 5) problems.push(`home: ${await keys.count()} keys in the legend, expected 5`);
            for (const key of await keys.all()) {
              if (!(await key.isVisible()) || !(await key.innerText()).trim()) problems.push(`home: a legend key hidden or without words`);
            }
            const axis = tab.locator('.bar-axis').first();
            if (!(await axis.isVisible()) || (await axis.locator('span').count()) !== 3) problems.push('home: the bars have no visible axis');

            await visit(tab, localePath(locale, incident!.path, site.config));
            problems.push(...[await findHorizontalOverflow(tab, viewport.width)].filter((o) => o !== null).map((o) => `incident: ${o}`));
            // Laid out in the browser: the labels shown must lie inside the chart, one after another, none over the next.
            const layout = await tab.evaluate(() => {
              const frame = document.querySelector('.chart svg')!.getBoundingClientRect();
              const shown = (selector: string) => [...document.querySelectorAll(selector)].filter((e) => getComputedStyle(e).display !== 'none').map((e) => {
                const box = e.getBoundingClientRect();
                return { text: e.textContent ?? '', left: box.left, right: box.right, width: box.width };
              });
              return { frame: { left: frame.left, right: frame.right }, times: shown('.chart .time-label'), values: shown('.chart .value-label') };
            });
            if (layout.times.length < 3) problems.push(`incident: ${layout.times.length} time labels shown`);
            if (layout.values.length < 2) problems.push(`incident: ${layout.values.length} values on the scale`);
            for (const [i, label] of layout.times.entries()) {
              if (label.width === 0 || label.left < layout.frame.left || label.right > layout.frame.right + 0.5) problems.push(`incident: "${label.text}" outside the chart`);
              const next = layout.times[i + 1];
              if (next && next.left < label.right) problems.push(`incident: "${label.text}" runs into "${next.text}"`);
            }
            await tab.screenshot({ path: join(SCREENSHOTS, `incident-chart-${locale}-${viewport.width}.png`), fullPage: true });
            assertNoProblems(problems);
          });
        }
      } finally {
        await context.close();
      }
    }
  });

  test('on a sender page, a day bar takes the keyboard\'s focus, shows its day and leads to that day\'s row', async () => {
    const context = await newContext({ viewport: PHONE, javaScriptEnabled: false });
    try {
      const tab = await context.newPage();
      await visit(tab, '/senders/microsoft/');
      const bar = tab.locator('.bars a').last();
      await bar.focus();
      await tab.keyboard.press('Shift+Tab');
      await tab.keyboard.press('Tab');
      const detail = bar.locator('.day-detail');
      const box = await detail.boundingBox();
      assert.ok(box && box.width > 20 && box.height > 5, 'the focused bar shows no text');
      assert.match(await detail.innerText(), /^\d{1,2}\. [A-Za-zä]+ \d{4}: [\d.]+ Verbindungen, [\d.]+ fehlgeschlagen – /);
      const href = await bar.getAttribute('href');
      await tab.keyboard.press('Enter');
      await tab.waitForURL(`${server.origin}/senders/microsoft/${href}`);
      assert.ok(await tab.locator(`tr${href!.replace(/[.:]/g, '\\$&')}`).isVisible(), `no row ${href} on the page`);
    } finally {
      await context.close();
    }
  });

  test('every check above covers our mail to others: a delivery page, its feeds announced, and an outbound incident with its short link', () => {
    for (const locale of site.config.locales) {
      for (const path of ['/delivery/ours/', '/delivery/google/', '/incidents/2026-03-24-google-reputation/', '/incidents/2026-03-23-microsoft-rate-limit/']) {
        assert.ok(pages.some((p) => p.path === localePath(locale, path, site.config) && !p.redirectTo), `no page ${localePath(locale, path, site.config)}`);
      }
      assert.ok(pages.some((p) => p.path === shortPath(locale, '2026-03-24-google-reputation', site.config)), 'no short link of the outbound incident');
    }
  });

  test('screenshots of the home page, the subscribe page, an incident and a sender, light and dark, in every language, desktop and phone', { timeout: 120_000 }, async (t) => {
    const config = site.config;
    const incident = pages.find((p) => /^\/incidents\/[^/]+\/$/.test(p.path) && !p.redirectTo);
    // The sender of that incident, whose page has something to show; else any sender, else the list.
    const senders = pages.filter((p) => /^\/senders\/[^/]+\/$/.test(p.path));
    const third = senders.find((p) => incident?.path.includes(`-${p.path.split('/')[2]}-`)) ?? senders[0] ?? pages.find((p) => p.path === '/incidents/');
    const shots: { name: string; path: string }[] = [{ name: 'home', path: '/' }, { name: 'check', path: '/check/' }, { name: 'subscribe', path: '/subscribe/' }];
    if (incident) shots.push({ name: 'incident', path: incident.path });
    if (third) shots.push({ name: third.path.split('/')[1] === 'senders' ? 'sender' : 'incidents', path: third.path });
    // Our mail to others: a receiver's page and the incident of its refusing us (mail lost, its replies quoted).
    for (const [name, path] of [['delivery', '/delivery/google/'], ['incident-outbound', '/incidents/2026-03-24-google-reputation/']] as const) {
      if (pages.some((p) => p.path === path)) shots.push({ name, path });
    }
    await mkdir(SCREENSHOTS, { recursive: true });
    const written: string[] = [];
    for (const scheme of SCHEMES) {
      for (const viewport of [DESKTOP, PHONE]) {
        const context = await newContext({ colorScheme: scheme, viewport });
        try {
          const tab = await context.newPage();
          for (const locale of config.locales) {
            for (const shot of shots) {
              await visit(tab, localePath(locale, shot.path, config));
              const file = join(SCREENSHOTS, `${shot.name}-${locale}-${scheme}-${viewport.width}.png`);
              await tab.screenshot({ path: file, fullPage: true });
              written.push(file);
            }
          }
        } finally {
          await context.close();
        }
      }
    }
    for (const file of written) t.diagnostic(file);
    assert.ok(incident, 'no incident page to take a picture of');
  });
});
