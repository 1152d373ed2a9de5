/**
 * Nothing hostile runs: the site built from the canary log (scripts/e2e/canary-log.ts) — whose
 * HELO names, host names and client texts are HTML, JavaScript, JSON, XML and Markdown — loaded
 * page by page in Debian's Chromium. Every script a page loads must be one of dist/_astro/*.js;
 * no dialog may open and nothing may be evaluated from a string; no element may carry an event
 * handler or a `javascript:` address; and no page may violate its Content-Security-Policy, log
 * an error or ask another origin for anything.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { IncidentRecord } from '../../src/core/schemas/incident-record.ts';
import { buildCanarySite, type CanarySite } from '../e2e/canary-log.ts';
import { assertNoProblems } from './assert-no-problems.ts';
import { listDistFiles, pageUrlPath } from './dist-files.ts';
import { launchChromium, missingChromium } from './launch-chromium.ts';
import { metaRefreshTarget, scanHtml } from './scan-html.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';
import { confineToOrigin, watchPage, type PageWatch } from './watch-page.ts';

/** Pages checked at once: two keeps both cores of a small CI machine busy. */
const PARALLEL = 2;

const missing = missingChromium();
if (missing) {
  // One line and a failed run, never a skip: a gate that silently skips is no gate.
  console.error(missing);
  process.exit(1);
}

interface SitePage {
  readonly path: string;
  readonly redirectTo: string | null;
}

/** What the init script saw in one document. */
interface ScriptWatch {
  /** alert(), eval(), new Function(), setTimeout("…") and the like, with their first argument. */
  readonly calls: string[];
  /** Every <script> element that entered the document: its src, type, and the start of its text. */
  readonly scripts: { readonly src: string | null; readonly type: string | null; readonly text: string }[];
}

/**
 * Runs before any script of a page (added through the DevTools protocol, so the page's policy
 * neither blocks it nor is loosened by it): wraps what injected script would call, and watches
 * for script elements however they enter the document.
 */
function installScriptWatch(): void {
  const seen: ScriptWatch = { calls: [], scripts: [] };
  Object.defineProperty(window, '__mxstatusScriptWatch', { value: seen });
  const note = (name: string, args: readonly unknown[]) => seen.calls.push(`${name}(${args.map((a) => String(a).slice(0, 80)).join(', ')})`);
  const w = window as unknown as Record<string, unknown>;
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    w[name] = (...args: unknown[]) => {
      note(name, args);
      return null;
    };
  }
  window.eval = new Proxy(window.eval, {
    apply(target, self, args) {
      // Playwright evaluates the test's own functions (they say so in their first line) with eval.
      if (!String(args[0]).includes('mxstatus-own-evaluation')) note('eval', args);
      return Reflect.apply(target, self, args);
    },
  });
  w.Function = new Proxy(Function, {
    apply(target, self, args) {
      note('Function', args);
      return Reflect.apply(target, self, args);
    },
    construct(target, args) {
      note('new Function', args);
      return Reflect.construct(target, args);
    },
  });
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const original = window[name] as (...args: unknown[]) => number;
    w[name] = function (this: unknown, handler: unknown, ...rest: unknown[]) {
      if (typeof handler === 'string') note(name, [handler]);
      return original.call(this, handler, ...rest);
    };
  }
  const record = (element: Element) =>
    seen.scripts.push({ src: element.getAttribute('src'), type: element.getAttribute('type'), text: element.hasAttribute('src') ? '' : (element.textContent ?? '').slice(0, 120) });
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.localName === 'script') record(node);
        for (const inner of node.querySelectorAll('script')) record(inner);
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Elements with an event-handler attribute or a `javascript:` address: markup that got through unescaped. */
function findInjectedMarkup(): string[] {
  void 'mxstatus-own-evaluation';
  const found: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const handler = /^on/i.test(attribute.name);
      const scriptUrl = /^(?:href|src|action|formaction|xlink:href|data)$/i.test(attribute.name) && /^\s*javascript:/i.test(attribute.value);
      if (handler || scriptUrl) found.push(`<${element.localName} ${attribute.name}="${attribute.value.slice(0, 80)}">`);
    }
  }
  return found;
}

/** Inline <script> blocks the browser never runs. */
const DATA_BLOCK_TYPES = new Set(['application/json', 'application/ld+json']);

let browser: Browser;
let site: CanarySite;
let server: StaticServer;
let pages: SitePage[];
/** The scripts the site ships: `/_astro/….js`. */
let shipped: Set<string>;

before(async () => {
  browser = await launchChromium();
  site = await buildCanarySite();
  server = await startStaticServer(site.dist);
  const files = await listDistFiles(site.dist);
  shipped = new Set(files.filter((f) => /^_astro\/[^/]+\.js$/.test(f)).map((f) => `/${f}`));
  pages = await Promise.all(
    files
      .filter((f) => f.endsWith('.html'))
      .map(async (file) => ({ path: pageUrlPath(file), redirectTo: metaRefreshTarget(scanHtml(await readFile(join(site.dist, file), 'utf8'))) })),
  );
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

/** A context confined to the local server, with the script watch in every document. */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  await confineToOrigin(context, server.origin);
  await context.addInitScript(installScriptWatch);
  return context;
}

/** A tab whose script requests and dialogs are recorded, on top of what `watchPage` records. */
async function newTab(context: BrowserContext): Promise<{ tab: Page; watch: PageWatch; scriptRequests: string[]; dialogs: string[] }> {
  const tab = await context.newPage();
  const watch = await watchPage(tab, server.origin);
  const scriptRequests: string[] = [];
  const dialogs: string[] = [];
  tab.on('request', (request) => {
    if (request.resourceType() === 'script') scriptRequests.push(request.url());
  });
  tab.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { tab, watch, scriptRequests, dialogs };
}

/** Everything wrong with the document now in `tab`. */
async function documentProblems(tab: Page): Promise<string[]> {
  const problems: string[] = [];
  const seen = await tab.evaluate(() => {
    void 'mxstatus-own-evaluation';
    return (window as unknown as { __mxstatusScriptWatch?: ScriptWatch }).__mxstatusScriptWatch ?? null;
  });
  if (!seen) return ['the script watch did not run in this document'];
  problems.push(...seen.calls.map((call) => `called ${call}`));
  for (const script of seen.scripts) {
    if (script.src !== null) {
      const url = new URL(script.src, tab.url());
      if (url.origin !== server.origin || !shipped.has(url.pathname)) problems.push(`<script src="${script.src}"> is no script of dist/_astro/`);
    } else if (!DATA_BLOCK_TYPES.has((script.type ?? '').toLowerCase())) {
      problems.push(`inline <script type="${script.type ?? ''}">${script.text}`);
    }
  }
  problems.push(...(await tab.evaluate(findInjectedMarkup)).map((markup) => `injected markup: ${markup}`));
  return problems;
}

function requestProblems(watch: PageWatch, scriptRequests: readonly string[], dialogs: readonly string[]): string[] {
  return [
    ...scriptRequests.filter((url) => new URL(url).origin !== server.origin || !shipped.has(new URL(url).pathname)).map((url) => `loaded a script the site did not ship: ${url}`),
    ...dialogs.map((d) => `a dialog opened: ${d}`),
    ...watch.foreignRequests.map((url) => `request to another origin: ${url}`),
    ...watch.cspViolations.map((text) => `CSP violation: ${text}`),
    ...watch.errors.map((text) => `console error: ${text}`),
    ...watch.failedRequests.map((text) => `failed to load: ${text}`),
  ];
}

describe('the canary site in Chromium', () => {
  test('the watch catches an injected handler, an inline script, eval and a dialog', async () => {
    const context = await newContext();
    try {
      const { tab, dialogs } = await newTab(context);
      // A page without a policy, so that what the watch must catch can actually happen.
      await tab.route(`${server.origin}/__fixture__.html`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><title>t</title><img src="data:," onerror="alert(\'x\')"><a href="javascript:void 0">x</a><script>eval("1+1");setTimeout("void 0")</script>',
        }),
      );
      await tab.goto(`${server.origin}/__fixture__.html`);
      const problems = await documentProblems(tab);
      assert.ok(problems.some((p) => p.startsWith('called alert(x)')), problems.join('\n'));
      assert.ok(problems.some((p) => p === 'called eval(1+1)'), problems.join('\n'));
      assert.ok(problems.some((p) => p === 'called setTimeout(void 0)'), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('inline <script type="">eval(')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('injected markup: <img onerror=')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('injected markup: <a href="javascript:')), problems.join('\n'));
      assert.deepEqual(dialogs, [], 'alert is replaced before any script runs');
    } finally {
      await context.close();
    }
  });

  test('every host a record names is shown on its page as text, markup or not', async (t) => {
    const context = await newContext();
    try {
      const { tab } = await newTab(context);
      let checked = 0;
      let markup = 0;
      for (const id of await readdir(join(site.content, 'records', 'incidents'))) {
        const record = JSON.parse(await readFile(join(site.content, 'records', 'incidents', id), 'utf8')) as IncidentRecord;
        const named = record.hosts.sample.map((h) => `${h.name}[${h.ip}]`);
        await tab.goto(`${server.origin}/en/incidents/${record.id}/`);
        // textContent: the host list may sit in a closed <details>. Parsed as markup, a name's tags would be gone from it.
        const text = (await tab.locator('main').textContent()) ?? '';
        for (const h of named) assert.ok(text.includes(h), `${record.id}: ${h} is not shown as text`);
        checked += named.length;
        markup += named.filter((h) => /[<>"&]/.test(h)).length;
      }
      assert.ok(checked > 0, 'no record names a host: nothing was checked');
      // Names with markup: none, since names that are no host names are no longer published (see canary.test.ts).
      t.diagnostic(`${checked} hosts shown as text, ${markup} of them with markup characters`);
    } finally {
      await context.close();
    }
  });

  test('every page runs only the scripts the site ships, and nothing else', { timeout: 180_000, concurrency: PARALLEL }, async (t) => {
    assert.ok(pages.length > 20, `${pages.length} pages`);
    assert.ok(shipped.size > 0, 'dist/_astro holds no script');
    const context = await newContext();
    const queue = [...pages];
    const loadedScripts = new Set<string>();
    const worker = async () => {
      const { tab, watch, scriptRequests, dialogs } = await newTab(context);
      try {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { path, redirectTo } = next;
          await tab.goto('about:blank');
          watch.reset();
          scriptRequests.length = 0;
          dialogs.length = 0;
          await t.test(path, async () => {
            await tab.goto(`${server.origin}${path}`, { waitUntil: 'load' });
            if (redirectTo) await tab.waitForURL(new URL(redirectTo, `${server.origin}${path}`).href, { timeout: 5_000 });
            await tab.waitForLoadState('networkidle');
            const problems = [...(await documentProblems(tab)), ...requestProblems(watch, scriptRequests, dialogs)];
            t.diagnostic(`${path}: ${scriptRequests.length} script(s)`);
            for (const url of scriptRequests) loadedScripts.add(new URL(url).pathname);
            assertNoProblems(problems);
          });
        }
      } finally {
        await tab.close();
      }
    };
    try {
      await Promise.all(Array.from({ length: PARALLEL }, worker));
    } finally {
      await context.close();
    }
    assert.ok(loadedScripts.size > 0, 'no page loaded a script: the script watch saw nothing to check');
  });

  test('/check/ shows pasted hostile headers as text and runs none of them', async () => {
    const context = await newContext();
    try {
      const { tab, watch, scriptRequests, dialogs } = await newTab(context);
      await tab.goto(`${server.origin}/en/check/`, { waitUntil: 'networkidle' });
      const headers = [
        'Received: from <script>alert("CANARY-HELO-1")</script> ("><img src=x onerror=alert(\'CANARY-HELO-2\')> [203.0.113.25])',
        '\tby mx1.example.net (Postfix) with ESMTPS id 4Xk2Jd0Fh3z9rx7; Tue, 10 Mar 2026 14:05:00 +0100 (CET)',
        'Received: from [CANARY-HELO-5](javascript:alert(1)) (ｓｍｔｐ.outlook.com [40.107.99.12])',
        '\tby <b>CANARY-HOST-8</b>.outbound.protection.outlook.com with SMTP; Tue, 10 Mar 2026 13:01:00 +0000',
        'Date: Tue, 10 Mar 2026 13:00:00 +0000',
        'Subject: ]]></x>{"a":"CANARY"}',
        '',
      ].join('\n');
      await tab.locator('#check-input').fill(headers);
      await tab.locator('form.check-form button[type=submit]').click();
      await tab.locator('#check-result .verdict').waitFor({ state: 'visible', timeout: 5_000 });
      assert.match(await tab.locator('#check-result').innerText(), /<script>alert\("CANARY-HELO-1"\)<\/script>|CANARY/);
      assertNoProblems([...(await documentProblems(tab)), ...requestProblems(watch, scriptRequests, dialogs)]);
    } finally {
      await context.close();
    }
  });
});
