import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exitCodes } from '../../../src/core/problem.ts';
import { loadHeadersSite } from './load-headers-site.ts';

let content: string;

/** The checkout's site.yaml with other `locales` and `defaultLocale`. */
async function siteWith(locales: string, defaultLocale: string): Promise<void> {
  const yaml = (await readFile('content/site.yaml', 'utf8')).replace(/^locales: .*$/m, `locales: ${locales}`).replace(/^defaultLocale: .*$/m, `defaultLocale: ${defaultLocale}`);
  await writeFile(join(content, 'site.yaml'), yaml);
}

before(async () => {
  content = await mkdtemp(join(tmpdir(), 'mxstatus-headers-site-'));
});
after(() => rm(content, { recursive: true, force: true }));

describe('loadHeadersSite', () => {
  test("speaks the site's default language without --lang, and the one --lang names", async () => {
    await siteWith('[de, en]', 'de');
    const site = await loadHeadersSite(content);
    assert.equal(site.ok && site.value.locale, 'de');
    const english = await loadHeadersSite(content, 'en');
    assert.equal(english.ok && english.value.locale, 'en');
  });

  test('a site in one language speaks it', async () => {
    await siteWith('[en]', 'en');
    const site = await loadHeadersSite(content, 'en');
    assert.equal(site.ok && site.value.locale, 'en');
  });

  describe('invalid input', () => {
    test('--lang of a language the site has no pages in is a usage error naming the locales there are', async () => {
      await siteWith('[de]', 'de');
      assert.deepEqual(await loadHeadersSite(content, 'en'), {
        ok: false,
        problem: { exitCode: exitCodes.usage, message: `--lang en: not one of the locales in ${join(content, 'site.yaml')} (de); use --lang de, or add en to locales` },
      });
    });

    test('a site.yaml that cannot be read is its one-line config problem', async () => {
      const result = await loadHeadersSite(join(content, 'no-such-folder'), 'de');
      assert.equal(!result.ok && result.problem.exitCode, exitCodes.config);
    });
  });
});
