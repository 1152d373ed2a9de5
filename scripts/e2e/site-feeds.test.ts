/**
 * Feeds and the Statuspage API of a real build: the demo's records (demo-fixture.ts) → a note
 * with hostile text and a planned maintenance → Astro build. Every feed is read with a real XML
 * parser (or JSON.parse) and every `/api/v2/` file is checked against the Statuspage v2 schemas.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { stringify } from 'yaml';
import { incidentRecordSchema, type IncidentRecord } from '../../src/core/schemas/incident-record.ts';
import { siteConfigSchema, type Locale, type SiteConfig } from '../../src/core/schemas/site-config.ts';
import { statusRecordSchema } from '../../src/core/schemas/status-record.ts';
import { feedPaths, localePath, shortPath } from '../../src/core/routes.ts';
import { statuspageDocumentSchemas, type StatuspageDocumentPath, type StatuspageDocuments } from '../../src/core/schemas/statuspage-schema.ts';
import { xmlProblem } from '../../src/core/testing/xml-problem.ts';
import { scratchCacheDir, writeOutboundDemoRecords } from '../browser/build-demo-site.ts';
import { componentOf } from '../../src/core/state/current-state.ts';
import { outboundComponent } from '../../src/core/contract.ts';
import { runAstro } from '../mxstatus/site/run-astro.ts';
import { copyDemoContent, demoRecords } from './demo-fixture.ts';

/** Markup, CDATA ends, quotes, an ampersand and an entity, an emoji and U+2028. */
const HOSTILE = '<script>alert(1)</script> ]]> "q" \'s\' & &amp; 🎉 \u2028 x ]]>';

let work: string;
let content: string;
let dist: string;
let config: SiteConfig;
let incidents: IncidentRecord[];
let senderIds: string[];
/** The receivers of our mail: the files of records/receivers/, ours.json among them (none until the demo has them). */
let receiverIds: string[];
let asOf: string;

before(async () => {
  const demo = await demoRecords();
  work = await mkdtemp(join(tmpdir(), 'mxstatus-feeds-'));
  // The demo as summarized; the notes below change it, and this file builds its own site from it.
  content = await copyDemoContent(demo, join(work, 'content'));
  dist = join(work, 'dist');

  const { parse } = await import('yaml');
  config = siteConfigSchema.parse(parse(await readFile(join(content, 'site.yaml'), 'utf8')));
  const records = join(content, 'records');
  incidents = await Promise.all(
    (await readdir(join(records, 'incidents'))).sort().map(async (f) => incidentRecordSchema.parse(JSON.parse(await readFile(join(records, 'incidents', f), 'utf8')))),
  );
  senderIds = (await readdir(join(records, 'senders'))).map((f) => f.replace(/\.json$/, '')).sort();
  asOf = statusRecordSchema.parse(JSON.parse(await readFile(join(records, 'status.json'), 'utf8'))).asOf;
  assert.ok(incidents.length > 0 && senderIds.length > 0);

  // Staff write hostile text into the English note; front matter is serialized, never templated.
  const note = (data: Record<string, unknown>, body: string) => `---\n${stringify(data)}---\n\n${body}\n`;
  await writeFile(
    join(content, 'notes', 'en', `${incidents[0]!.id}.md`),
    note({ incident: incidents[0]!.id, title: HOSTILE, updates: [{ at: '2026-03-23T18:00:00+01:00', status: 'resolved', text: HOSTILE }] }, 'Mail was *late*.'),
  );
  for (const locale of config.locales) {
    await writeFile(
      join(content, 'notes', locale, '2026-03-30-mx-upgrade.md'),
      note({ type: 'maintenance', title: 'mx upgrade', start: '2026-03-30T20:00:00Z', end: '2026-03-30T22:00:00Z' }, 'New servers.'),
    );
  }

  // An incident no log shows: staff's note is all there is.
  for (const locale of config.locales) {
    await writeFile(
      join(content, 'notes', locale, `${REPORTED}.md`),
      note({ title: `Gmail bounces (${locale})`, sender: 'google', start: '2026-03-22T08:00:00+01:00', end: '2026-03-22T11:30:00+01:00', impact: 'major', updates: [{ at: '2026-03-22T09:00:00+01:00', status: 'identified', text: 'Google confirms.' }] }, 'Users reported *bounces*.'),
    );
  }
  const google = JSON.parse(await readFile(join(records, 'senders', 'google.json'), 'utf8')) as { name: string };
  incidents.push({ ...incidents[0]!, id: REPORTED, sender: { id: 'google', name: google.name }, kind: 'reported' });

  // Our mail to others, where the demo's logs have none yet: Outlook.com throttling us, Gmail refusing us, our relay down.
  incidents.push(...(await writeOutboundDemoRecords(content)));
  receiverIds = (await readdir(join(records, 'receivers'))).map((f) => f.replace(/\.json$/, '')).sort();
  assert.ok(incidents.some((i) => i.direction === 'outbound') && receiverIds.includes('ours'));

  const built = await runAstro(['build', '--outDir', dist], content, { quiet: true });
  assert.ok(built.ok, built.ok ? '' : built.problem.message);
});

after(async () => {
  await rm(work, { recursive: true, force: true });
  if (content) await rm(scratchCacheDir(content), { recursive: true, force: true });
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (_name, jpath) => ['feed.link', 'feed.entry', 'feed.entry.link', 'rss.channel.atom:link', 'rss.channel.item'].includes(String(jpath)),
});

async function readXml(path: string) {
  const xml = await readFile(join(dist, path), 'utf8');
  assert.equal(xmlProblem(xml), null, `${path} is well-formed XML`);
  return parser.parse(xml);
}

const absolute = (path: string) => new URL(path, config.site).href;
const isTime = (text: unknown) => typeof text === 'string' && !Number.isNaN(Date.parse(text));

/** Every feed the site must have: site-wide, per sender and per receiver of our mail, in every language. */
function allFeeds() {
  const expectedOf = (locale: Locale, component?: string) =>
    incidents.filter((i) => !component || componentOf(i) === component).map((i) => absolute(localePath(locale, `/incidents/${i.id}/`, config)));
  return config.locales.flatMap((locale) => [
    ...[undefined, ...senderIds].map((senderId) => ({ locale, senderId, paths: feedPaths(locale, config, senderId), expected: expectedOf(locale, senderId) })),
    ...receiverIds.map((id) => ({ locale, senderId: id, paths: feedPaths(locale, config, id, 'outbound'), expected: expectedOf(locale, outboundComponent(id)) })),
  ]);
}

/**
 * A feed's entry ids, one per change of an incident's state: its beginning at its page's URL, each
 * later change at that URL with the anchor of its timeline item; every incident of the feed begins.
 */
function assertEntryIds(ids: readonly string[], expected: readonly string[], path: string) {
  assert.deepEqual([...new Set(ids.map((id) => id.replace(/#update-[\w-]+$/, '')))].sort(), [...expected].sort(), path);
  for (const url of expected) assert.ok(ids.includes(url), `${path}: no entry for the beginning of ${url}`);
  assert.equal(new Set(ids).size, ids.length, `${path}: an id twice`);
}

const REPORTED = '2026-03-22-gmail-bounces';

/** Where the Statuspage documents of one language are: `api/v2/` in the default language, `<locale>/api/v2/` in the others. */
const apiDir = (locale: Locale) => join(dist, localePath(locale, '/api/v2/', config));

/** A Statuspage document of the built site (by default the English one, which the hostile note is in), checked against its schema. */
const read = async <P extends StatuspageDocumentPath>(path: P, locale: Locale = 'en') =>
  statuspageDocumentSchemas[path].parse(JSON.parse(await readFile(join(apiDir(locale), path), 'utf8'))) as StatuspageDocuments[P];

describe('an incident no log shows, from a note of its own', () => {
  test('has its page in every language: the note, the notice, the timeline, and no evidence', async () => {
    for (const locale of config.locales) {
      const html = await readFile(join(dist, localePath(locale, `/incidents/${REPORTED}/`, config), 'index.html'), 'utf8');
      assert.match(html, new RegExp(`<h1>Gmail bounces \\(${locale}\\)</h1>`));
      assert.match(html, /Users reported <em>bounces<\/em>/);
      assert.match(html, /class="reported"/);
      assert.match(html, /Google confirms\./);
      assert.doesNotMatch(html, /id="evidence"/);
    }
  });

  test('is in the incident list, the sender feeds and the API, resolved, with its impact', async () => {
    const list = await readFile(join(dist, 'en', 'incidents', 'index.html'), 'utf8');
    assert.ok(list.includes(`/en/incidents/${REPORTED}/`));
    const { incidents: listed } = await read('incidents.json');
    const reported = listed.find((i) => i.id === REPORTED);
    assert.ok(reported);
    assert.deepEqual([reported.status, reported.impact, reported.started_at, reported.resolved_at], ['resolved', 'major', '2026-03-22T07:00:00.000Z', '2026-03-22T10:30:00.000Z']);
    assert.deepEqual(reported.incident_updates.map((u) => u.body).reverse(), ['Start of the problem, as reported.', 'Google confirms.', 'The problem is over.']);
  });
});

describe('feeds', () => {
  test('exist at the paths feedPaths gives, site-wide and for every sender, in every language', async () => {
    for (const { paths } of allFeeds()) {
      for (const path of Object.values(paths)) assert.ok((await stat(join(dist, path))).isFile(), path);
    }
  });

  test('Atom: a feed element with id, title, updated, author and a self link; an entry per change of an incident, with its URL as id', async () => {
    for (const { locale, paths, expected } of allFeeds()) {
      const { feed } = await readXml(paths.atom);
      assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom', paths.atom);
      assert.equal(feed['@_xml:lang'], locale);
      assert.equal(feed.id, absolute(paths.atom));
      assert.ok(feed.title['#text']);
      assert.ok(isTime(feed.updated));
      assert.ok(feed.author.name);
      assert.equal(feed.link.find((l: Record<string, string>) => l['@_rel'] === 'self')['@_href'], absolute(paths.atom));
      const entries = feed.entry ?? [];
      assertEntryIds(entries.map((e: { id: string }) => e.id), expected, paths.atom);
      for (const entry of entries) {
        assert.ok(entry.title['#text'], `${paths.atom}: entry title`);
        assert.ok(isTime(entry.updated) && isTime(entry.published));
        assert.equal(entry.link[0]['@_href'], entry.id);
        assert.equal(entry.content['@_type'], 'html');
        assert.ok(entry.content['#text'].length > 0);
      }
    }
  });

  test('RSS 2.0: a channel with title, link, description and atom:link rel=self; items with guid, link and pubDate', async () => {
    for (const { paths, expected } of allFeeds()) {
      const { rss } = await readXml(paths.rss);
      assert.equal(rss['@_version'], '2.0', paths.rss);
      const { channel } = rss;
      assert.ok(channel.title && channel.link && channel.description);
      assert.deepEqual(channel['atom:link'][0], { '@_href': absolute(paths.rss), '@_rel': 'self', '@_type': 'application/rss+xml' });
      const items = channel.item ?? [];
      assertEntryIds(items.map((i: { guid: { '#text': string } }) => i.guid['#text']), expected, paths.rss);
      for (const item of items) {
        assert.ok(item.title && item.description);
        assert.equal(item.link, item.guid['#text']);
        assert.ok(isTime(item.pubDate));
      }
    }
  });

  test('JSON Feed 1.1: version, title, feed_url; items with unique ids, URLs and content', async () => {
    for (const { locale, paths, expected } of allFeeds()) {
      const feed = JSON.parse(await readFile(join(dist, paths.json), 'utf8'));
      assert.equal(feed.version, 'https://jsonfeed.org/version/1.1', paths.json);
      assert.ok(feed.title);
      assert.equal(feed.feed_url, absolute(paths.json));
      assert.equal(feed.language, locale);
      assertEntryIds(feed.items.map((i: { id: string }) => i.id), expected, paths.json);
      for (const item of feed.items) {
        assert.equal(item.url, item.id);
        assert.ok(typeof item.content_html === 'string' && item.content_html.length > 0);
        assert.ok(isTime(item.date_published) && isTime(item.date_modified));
      }
    }
  });

  test('an incident is resolved in a new entry, which links to the item of the timeline that says so', async () => {
    for (const locale of config.locales) {
      const { feed } = await readXml(feedPaths(locale, config).atom);
      for (const entry of feed.entry as { id: string; title: { '#text': string } }[]) {
        const [page, anchor] = entry.id.replace(config.site.replace(/\/$/, ''), '').split('#') as [string, string | undefined];
        if (anchor === undefined) continue;
        const html = await readFile(join(dist, page, 'index.html'), 'utf8');
        assert.ok(html.includes(`<li id="${anchor}">`), `${entry.id}: no such item on the page`);
      }
      const resolved = incidents.filter((i) => i.status === 'resolved');
      assert.ok(resolved.length > 0);
      for (const incident of resolved) {
        const end = feed.entry.find((e: { id: string }) => e.id === `${absolute(localePath(locale, `/incidents/${incident.id}/`, config))}#update-end`);
        assert.ok(end, `${locale}: no entry for the end of ${incident.id}`);
        assert.match(end.title['#text'], locale === 'de' ? /^Behoben: / : /^Resolved: /);
      }
    }
  });

  test("the note's hostile title and update come back exactly, and only as text", async () => {
    const id = incidents[0]!.id;
    const paths = feedPaths('en', config);
    const { feed: atom } = await readXml(paths.atom);
    const entry = atom.entry.find((e: { id: string }) => e.id.endsWith(`/incidents/${id}/`));
    assert.equal(entry.title['#text'], `New incident: ${HOSTILE}`);
    assert.ok(entry.content['#text'].includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!entry.content['#text'].includes('<script>'));
    const { rss } = await readXml(paths.rss);
    assert.equal(rss.channel.item.find((i: { link: string }) => i.link.endsWith(`/incidents/${id}/`)).title, `New incident: ${HOSTILE}`);
    const json = await readFile(join(dist, paths.json), 'utf8');
    assert.ok(!json.includes('\u2028'));
    assert.equal(JSON.parse(json).items.find((i: { id: string }) => i.id.endsWith(`/incidents/${id}/`)).title, `New incident: ${HOSTILE}`);
  });
});

describe('/api/v2/', () => {
  test('has exactly the Statuspage documents in every language, each valid against its v2 schema', async () => {
    for (const locale of config.locales) {
      const api = apiDir(locale);
      const files = (await readdir(api, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => relative(api, join(e.parentPath, e.name)))
        .sort();
      assert.deepEqual(files, Object.keys(statuspageDocumentSchemas).sort(), locale);
      for (const path of files) {
        const result = statuspageDocumentSchemas[path as StatuspageDocumentPath].safeParse(JSON.parse(await readFile(join(api, path), 'utf8')));
        assert.ok(result.success, `${locale} ${path}: ${result.error?.message}`);
      }
    }
  });

  test('speaks the default language at /api/v2/ and English at /en/api/v2/, with the same ids and states', async () => {
    const [german, english] = await Promise.all([read('summary.json', 'de'), read('summary.json', 'en')]);
    assert.equal(config.defaultLocale, 'de');
    assert.match(german.components[0]!.name, /^Mailserver von /);
    assert.match(english.components[0]!.name, /^Mail servers of /);
    assert.notEqual(german.status.description, english.status.description);
    const shape = (d: typeof german) => [d.status.indicator, ...d.components.map((c) => `${c.id} ${c.status}`)];
    assert.deepEqual(shape(german), shape(english));
  });

  test('the page dates from the last log line, and the components are our servers, every tracked sender and our delivery to every receiver', async () => {
    const { page, components } = await read('summary.json');
    assert.equal(page.updated_at, asOf);
    assert.equal(page.url, absolute('/en/'));
    // senderIds are the files of records/senders/, ours.json among them; receiverIds those of records/receivers/.
    assert.ok(senderIds.includes('ours'));
    assert.deepEqual(components.map((c) => c.id).sort(), [...senderIds, ...receiverIds.map(outboundComponent)].sort());
    const { incidents: listed } = await read('incidents.json');
    for (const record of incidents.filter((i) => i.direction === 'outbound')) {
      assert.deepEqual(listed.find((i) => i.id === record.id)!.components.map((c) => c.id), [componentOf(record)], record.id);
    }
  });

  test('every incident is listed with a shortlink that the site serves, and the hostile note reads back as plain text', async () => {
    const { incidents: listed } = await read('incidents.json');
    assert.deepEqual(listed.map((i) => i.id).sort(), incidents.map((i) => i.id).sort());
    for (const locale of config.locales) {
      for (const incident of (await read('incidents.json', locale)).incidents) {
        assert.equal(incident.shortlink, absolute(shortPath(locale, incident.id, config)));
        assert.ok((await stat(join(dist, shortPath(locale, incident.id, config), 'index.html'))).isFile());
      }
    }
    // In the API a note's words stay its words, with its angle brackets made look-alikes (‹ ›): no client takes them for markup.
    const plain = HOSTILE.replace(/</g, '\u2039').replace(/>/g, '\u203a');
    const first = listed.find((i) => i.id === incidents[0]!.id)!;
    assert.equal(first.name, plain);
    assert.ok(first.incident_updates.some((u) => u.body === plain));
  });

  test('the planned maintenance is listed', async () => {
    const { scheduled_maintenances } = await read('scheduled-maintenances.json');
    assert.deepEqual(scheduled_maintenances.map((m) => [m.id, m.name, m.scheduled_for]), [['2026-03-30-mx-upgrade', 'mx upgrade', '2026-03-30T20:00:00.000Z']]);
  });
});
