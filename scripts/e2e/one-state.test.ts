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
  const built = await runAstro(['build', '--outDir', dist], content, { quiet: true });
  assert.ok(built.ok, built.ok ? '' : built.problem.message);
});

after(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(join(projectRoot, astroCacheDir(content)), { recursive: true, force: true });
});

const page = (path: string) => readFile(join(dist, path, 'index.html'), 'utf8');
const api = async (path: string) => JSON.parse(await readFile(join(dist, 'api', 'v2', path), 'utf8'));

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
});
