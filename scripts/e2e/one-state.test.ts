/**
 * One answer to "what is the state now": the home page's banner, the sender badges on the home
 * page and on the sender pages, and the Statuspage API must agree, also about an incident that
 * only a note reports. Before the shared derivation (src/core/state/current-state.ts), an ongoing
 * reported incident of Google with impact major gave a "major" banner, a "Normal" badge for Google
 * and `partial_outage` in the API. Built from hand-written records: no logs needed.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { astroCacheDir } from '../../src/core/content-dir.ts';
import { runAstro } from '../mxstatus/site/run-astro.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const REPORTED = '2026-03-23-gmail-delays';

let work: string;
let content: string;
let dist: string;
/** The same content built two hours after its last log line, the timer still running but no logs arriving. */
let staleDist: string;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const sender = (id: string, name: string) => ({ id, name, statusPage: null, days: [{ date: '2026-03-23', connections: 100, failures: 0, worst: 'none' }] });

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'mxstatus-one-state-'));
  content = join(work, 'content');
  dist = join(work, 'dist');
  await mkdir(join(content, 'records', 'senders'), { recursive: true });
  await mkdir(join(content, 'records', 'incidents'), { recursive: true });
  await copyFile('content/site.yaml', join(content, 'site.yaml'));
  // What the logs say: nothing is going on.
  await writeFile(
    join(content, 'records', 'status.json'),
    json({
      asOf: '2026-03-23T12:00:00.000Z',
      overall: 'none',
      senders: [
        { id: 'google', name: 'Gmail', state: 'none', ongoing: [] },
        { id: 'microsoft', name: 'Outlook.com', state: 'none', ongoing: [] },
      ],
    }),
  );
  await writeFile(join(content, 'records', 'senders', 'google.json'), json(sender('google', 'Gmail')));
  await writeFile(join(content, 'records', 'senders', 'microsoft.json'), json(sender('microsoft', 'Outlook.com')));
  // What staff know: Gmail's mail is late, and no log shows it. No end: still going on.
  for (const locale of ['de', 'en']) {
    await mkdir(join(content, 'notes', locale), { recursive: true });
    await writeFile(join(content, 'notes', locale, `${REPORTED}.md`), `---\ntitle: Gmail delays\nsender: google\nstart: 2026-03-23T09:00:00Z\nimpact: major\n---\n\nUsers report late mail from Gmail.\n`);
  }
  // Built a few minutes after the last log line: the data is current.
  process.env.MXSTATUS_NOW = '2026-03-23T12:05:00.000Z';
  const built = await runAstro(['build', '--outDir', dist], content, { quiet: true }).finally(() => delete process.env.MXSTATUS_NOW);
  assert.ok(built.ok, built.ok ? '' : built.problem.message);
  staleDist = join(work, 'dist-stale');
  process.env.MXSTATUS_NOW = '2026-03-23T14:00:00.000Z';
  const later = await runAstro(['build', '--outDir', staleDist], content, { quiet: true }).finally(() => delete process.env.MXSTATUS_NOW);
  assert.ok(later.ok, later.ok ? '' : later.problem.message);
});

after(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(join(projectRoot, astroCacheDir(content)), { recursive: true, force: true });
});

const page = (path: string, root = dist) => readFile(join(root, path, 'index.html'), 'utf8');
/** A document of the API: `/api/v2/` speaks the default language, `/en/api/v2/` (prefix `en/`) English. */
const api = async (path: string, root = dist, prefix = '') => JSON.parse(await readFile(join(root, prefix, 'api', 'v2', path), 'utf8'));

/** The impact class of the badge in the home page's list item of one sender. */
function homeBadge(html: string, senderId: string): string | undefined {
  const item = html.split('<li>').find((li) => li.includes(`/senders/${senderId}/"`));
  return item?.match(/class="badge impact-(\w+)"/)?.[1];
}

describe('one state on every surface', () => {
  test('an ongoing reported incident of Google, impact major: banner, badges and API all say major for Google only', async () => {
    for (const prefix of ['', 'en/']) {
      const home = await page(prefix);
      assert.match(home, /class="overall impact-major"/, `${prefix || '/'}: banner`);
      assert.equal(homeBadge(home, 'google'), 'major', `${prefix || '/'}: Google's badge`);
      assert.equal(homeBadge(home, 'microsoft'), 'none', `${prefix || '/'}: Outlook.com's badge`);
      assert.match(await page(`${prefix}senders/google`), /class="badge impact-major"/, `${prefix}senders/google`);
      assert.match(await page(`${prefix}senders/microsoft`), /class="badge impact-none"/, `${prefix}senders/microsoft`);
    }
    const status = await api('status.json');
    assert.equal(status.status.indicator, 'major');
    const components = new Map((await api('components.json')).components.map((c: { id: string; status: string }) => [c.id, c.status]));
    // Statuspage's word for a major impact.
    assert.equal(components.get('google'), 'partial_outage');
    assert.equal(components.get('microsoft'), 'operational');
    assert.equal(components.get('ours'), 'operational');
    const summary = await api('summary.json');
    assert.deepEqual(summary.incidents.map((i: { id: string }) => i.id), [REPORTED]);
  });

  test('our own servers come first on the home page, in both languages, with a page of their own', async () => {
    for (const [prefix, name] of [['', 'Mailserver von Example Mail'], ['en/', 'Mail servers of Example Mail']] as const) {
      const home = await page(prefix);
      const links = [...home.matchAll(/class="sender-name" href="([^"]+)">([^<]+)</g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(links[0], [`/${prefix}senders/ours/`, name], `${prefix || '/'}: first component`);
      assert.equal(homeBadge(home, 'ours'), 'none');
      const own = await page(`${prefix}senders/ours`);
      assert.match(own, new RegExp(`<h1>${name}</h1>`));
      assert.match(own, /class="badge impact-none"/);
    }
  });
});

describe('without fresh data', () => {
  test('no banner, badge or sender page says normal, in either language, and the API says data is missing', async () => {
    for (const [prefix, since] of [['', 'Keine aktuellen Daten seit dem 23. März 2026 um 13:00 Uhr MEZ'], ['en/', 'No current data since 23 March 2026, 13:00 CET']] as const) {
      const home = await page(prefix, staleDist);
      assert.match(home, /class="overall impact-stale"/, `${prefix || '/'}: banner`);
      assert.ok(home.includes(since), `${prefix || '/'}: says since when`);
      for (const id of ['ours', 'google', 'microsoft']) {
        assert.equal(homeBadge(home, id), 'stale', `${prefix || '/'}: ${id}'s badge`);
        assert.match(await page(`${prefix}senders/${id}`, staleDist), /class="badge impact-stale"/, `${prefix}senders/${id}`);
      }
      // The daily bars and their legend tell the history (a day was normal); nothing else may claim normal now.
      const now = home.replace(/<ol class="bars">[\s\S]*?<\/ol>|<div class="bar-legend">[\s\S]*?<\/div>/g, '').replace(/<[^>]+>/g, ' ');
      assert.doesNotMatch(now, /\bNormal\b|normally|normal\./, `${prefix || '/'}: no claim of normal`);
      assert.match(await page(`${prefix}check`, staleDist), /class="stale"/, `${prefix}check`);
    }
    // The ongoing incident's page says that what it shows is the last state known.
    assert.match(await page('en/incidents/2026-03-23-gmail-delays', staleDist), /class="stale"[^>]*>No current data since 23 March 2026, 13:00 CET\. What this page says is the last state known/);
    for (const [prefix, since] of [['', /^Keine aktuellen Daten seit dem 23\. März 2026 um 13:00 Uhr MEZ/], ['en/', /^No current data since 23 March 2026, 13:00 CET/]] as const) {
      const { status } = await api('status.json', staleDist, prefix);
      assert.notEqual(status.indicator, 'none');
      assert.match(status.description, since);
      for (const component of (await api('components.json', staleDist, prefix)).components) assert.match(component.description, since, `${prefix}${component.id}`);
    }
  });
});
