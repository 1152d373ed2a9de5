import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: the browser tests never download one. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Why Chromium cannot be started, in one line with the fix, or null when it is there.
 *
 * @example
 * missingChromium() // null, or "/usr/bin/chromium is missing: … run apt-get install -y chromium"
 */
export function missingChromium(): string | null {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return null;
  } catch {
    return `${CHROMIUM_PATH} is missing: the browser tests need Debian's Chromium; run apt-get install -y chromium`;
  }
}

/**
 * Starts Debian's headless Chromium, quiet: no background traffic, no updates, no sync.
 *
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 */
export async function launchChromium(): Promise<Browser> {
  const missing = missingChromium();
  if (missing) throw new Error(missing);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
