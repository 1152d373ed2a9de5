import type { BrowserContext, Page } from 'playwright-core';

/** What a page did while it loaded that the site promises it never does. */
export interface PageWatch {
  /** Requests to anywhere but the local server (aborted before they leave the machine). */
  readonly foreignRequests: string[];
  /** Content-Security-Policy violations, from Chromium's console and from the page's own events. */
  readonly cspViolations: string[];
  /** Uncaught exceptions and console errors of the page's scripts. */
  readonly errors: string[];
  /** Resources of the site itself that failed or answered 4xx/5xx. */
  readonly failedRequests: string[];
  /** Forgets what was seen, before the page goes to the next address. */
  readonly reset: () => void;
}

/**
 * Keeps a context on the local server: every request elsewhere is aborted, so a test run never
 * reaches the network (`watchPage` still records it).
 */
export async function confineToOrigin(context: BrowserContext, origin: string): Promise<void> {
  await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
}

/**
 * Watches one page of a context confined with `confineToOrigin`.
 *
 * CSP violations are caught twice over, because each way alone misses some: Chromium logs every
 * blocked inline script, inline style and load as a console message "Refused to …" (Playwright
 * passes on these browser-side log entries as `console` events, also with JavaScript disabled);
 * and an init script listens for `securitypolicyviolation` events and logs them. The init script
 * is added through the DevTools protocol, not as an inline `<script>`, so the policy under test
 * does not block it (nor does it loosen the policy for the page).
 */
export async function watchPage(page: Page, origin: string): Promise<PageWatch> {
  const watch: PageWatch = {
    foreignRequests: [],
    cspViolations: [],
    errors: [],
    failedRequests: [],
    reset: () => {
      for (const list of [watch.foreignRequests, watch.cspViolations, watch.errors, watch.failedRequests]) list.length = 0;
    },
  };
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`securitypolicyviolation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile || document.URL}:${event.lineNumber})`);
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/^Refused to |^securitypolicyviolation: |Content[- ]Security[- ]Policy/i.test(text)) watch.cspViolations.push(text);
    else if (message.type() === 'error' && !text.startsWith('Failed to load resource')) watch.errors.push(text);
  });
  page.on('pageerror', (error) => watch.errors.push(`uncaught ${error.name}: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    // Leaving a page aborts what it still loads (a favicon, say); that is no broken resource.
    if (reason !== 'net::ERR_ABORTED' && new URL(request.url()).origin === origin) watch.failedRequests.push(`${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    const request = response.request();
    // The 404 page answers 404 on purpose; only what a page loads must answer 200.
    if (response.status() >= 400 && !request.isNavigationRequest() && new URL(response.url()).origin === origin) {
      watch.failedRequests.push(`${response.url()} (${response.status()})`);
    }
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') && url.origin !== origin) {
      watch.foreignRequests.push(request.url());
    }
  });
  return watch;
}
