/**
 * Nothing private leaks: a log salted with canaries (see canary-log.ts) goes through summarize and
 * a full site build, and not one canary may turn up in content/records/, content/notes/ or dist/ —
 * not in a page, a feed, the API, the sitemap or a file name, whether written as is or encoded
 * (HTML and XML references, JSON escapes, percent-encoding). The records name only servers of
 * recognised sending organisations, by names that are theirs; everyone else is counted as "other".
 */
import assert from 'node:assert/strict';
import { mkdir, copyFile, readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { incidentRecordSchema, type IncidentRecord } from '../../src/core/schemas/incident-record.ts';
import { senderRecordSchema } from '../../src/core/schemas/sender-record.ts';
import { statusRecordSchema } from '../../src/core/schemas/status-record.ts';
import type { SiteConfig } from '../../src/core/schemas/site-config.ts';
import { assertNoProblems } from '../browser/assert-no-problems.ts';
import { loadSiteConfig } from '../../src/core/config/load-site-config.ts';
import { runSummarize } from '../mxstatus/run-summarize.ts';
import { createSenderClassifier, mergeSenderRules } from '../../src/core/senders/classify-sender.ts';
import { parseIpAddress } from '../../src/core/senders/ip-address.ts';
import { registrableDomain } from '../../src/core/senders/registrable-domain.ts';
import { builtInSenderRules } from '../../src/core/senders/sender-catalog.ts';
import { SenderSeries, failureCount, type SeriesState } from '../mxstatus/series/sender-series.ts';
import { stateText } from '../mxstatus/state/summarize-state.ts';
import { buildCanarySite, findCanaries, type Canary, type CanarySite } from './canary-log.ts';

let site: CanarySite;
let config: SiteConfig;
let incidents: IncidentRecord[];
/** Every file the summarizer and the build wrote, by path relative to the scratch directory. */
let written: { readonly path: string; readonly text: string }[];

before(async () => {
  site = await buildCanarySite();
  const loaded = await loadSiteConfig(site.content);
  assert.ok(loaded.ok);
  config = loaded.value;
  const dir = join(site.content, 'records', 'incidents');
  incidents = await Promise.all((await readdir(dir)).sort().map(async (f) => incidentRecordSchema.parse(JSON.parse(await readFile(join(dir, f), 'utf8')))));
  written = [];
  for (const root of [join(site.content, 'records'), join(site.content, 'notes'), site.dist]) {
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = join(entry.parentPath, entry.name);
      written.push({ path: relative(site.work, full).split(sep).join('/'), text: await readFile(full, 'utf8') });
    }
  }
});

after(async () => {
  await site?.remove();
});


/** One line per canary found in a file (or its name). */
function canaryProblems(canaries: readonly Canary[]): string[] {
  return written.flatMap(({ path, text }) => findCanaries(`${path}\n${text}`, canaries).map((c) => `${path}: ${c.what} (${JSON.stringify(c.needles[0])})`));
}

async function logText(path: string): Promise<string> {
  const bytes = await readFile(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

describe('the canary log', () => {
  test('is real syslog of two MX hosts, BSD and RFC 3339, and carries every canary', async () => {
    const texts = await Promise.all(site.log.inputs.map(logText));
    assert.match(texts[0]!, /^Mar 10 00:\d\d:\d\d mx1 postfix\/smtpd\[\d+\]: connect from /);
    assert.match(texts[1]!, /^2026-03-10T00:\d\d:\d\d\.\d{6}\+01:00 mx2 postfix\//);
    assert.match(texts[2]!, /^2026-03-11T00:\d\d:\d\d\.\d{6}\+01:00 mx2 postfix\//);
    const all = texts.join('');
    assert.match(all, /lost connection after STARTTLS from mail-[a-z0-9]+on\d+\.outbound\.protection\.outlook\.com\[40\.107\.\d+\.\d+\]/);
    // A canary missing from the log would prove nothing by missing from the site.
    const present = new Set(findCanaries(all, site.log.canaries));
    const absent = site.log.canaries.filter((c) => !present.has(c));
    assertNoProblems(absent.map((c) => `not in the log: ${c.what} ${JSON.stringify(c.needles)}`));
    assert.ok(site.log.canaries.length > 300, `${site.log.canaries.length} canaries`);
  });

  test('summarize reads every line, finds the Outlook.com wave, our outage and Microsoft throttling our mail, and nothing else', async () => {
    const lines = (await Promise.all(site.log.inputs.map(logText))).reduce((n, text) => n + text.split('\n').length - 1, 0);
    assert.equal(site.summary.stats.lines, lines);
    assert.deepEqual(site.summary.problems, []);
    assert.deepEqual(
      incidents.map((r) => [r.id, r.sender.id, r.attribution]),
      [
        ['2026-03-10-microsoft-tls-failure', 'microsoft', 'sender'],
        ['2026-03-11-microsoft-rate-limit', 'microsoft', 'receiver'],
        ['2026-03-11-ours-tls-failure', 'ours', 'ours'],
      ],
    );
  });
});

describe('nothing private leaks', () => {
  test('the scan finds a canary written raw, as HTML or XML references, JSON escapes or percent-encoding, in any case', () => {
    const helo = site.log.canaries.find((c) => c.needles[0] === '<script>alert("CANARY-HELO-1")</script>')!;
    const ip = site.log.canaries.find((c) => c.ip && c.needles[0] === '198.51.100.77')!;
    for (const text of [
      '<p><script>alert("CANARY-HELO-1")</script></p>',
      '<code>&lt;script&gt;alert(&quot;CANARY-HELO-1&quot;)&lt;/script&gt;</code>',
      '<title>&amp;lt;script&amp;gt;alert(&#34;canary-helo-1&#x22;)&amp;lt;/script&amp;gt;</title>',
      '{"helo":"\\u003cscript\\u003ealert(\\"CANARY-HELO-1\\")\\u003c\\/script\\u003e"}',
      '<a href="/x?h=%3Cscript%3Ealert(%22CANARY-HELO-1%22)%3C%2Fscript%3E">',
    ]) {
      assert.deepEqual(findCanaries(text, [helo, ip]), [helo], text);
    }
    assert.deepEqual(findCanaries('<td>198.51.100.77</td>', [ip]), [ip]);
    assert.deepEqual(findCanaries('198.51.100.7 198.51.100.770 10.198.51.100.77 198.51.100.77.5', [ip]), []);
  });

  test('the scan covers records, notes, pages, feeds, the API and the sitemap', () => {
    const kinds = new Set(written.map(({ path }) => `${path.split('/')[0]}${extname(path)}`));
    for (const kind of ['content.json', 'content.md', 'dist.html', 'dist.json', 'dist.xml', 'dist.atom', 'dist.rss', 'dist.js', 'dist.css']) {
      assert.ok(kinds.has(kind), `no ${kind} file was scanned: ${[...kinds].join(', ')}`);
    }
    assert.ok(written.some(({ path }) => path.startsWith('dist/incidents/2026-03-10-microsoft-tls-failure/')));
  });

  test('no canary appears in content/records, content/notes or dist, raw or decoded — forged names in a sender range and markup as an address included', () => {
    assertNoProblems(canaryProblems(site.log.canaries));
  });

  test('no end-user address appears anywhere', () => {
    const addresses = site.log.endUserIps.map((ip): Canary => ({ what: 'end-user IP', needles: [ip], ip: true }));
    assertNoProblems(canaryProblems(addresses));
  });
});

describe('records name only servers of recognised organisations', () => {
  test('every host in hosts.sample, excerpts and recovery is a server of the incident’s organisation, by a name of theirs or as unknown', () => {
    const rules = mergeSenderRules(builtInSenderRules, config.senders);
    const classify = createSenderClassifier(rules, { ownHostSuffixes: config.ownHosts, domainOf: registrableDomain });
    const problems: string[] = [];
    for (const record of incidents) {
      const named = [
        ...record.hosts.sample.map((h, i) => ({ where: `hosts.sample[${i}]`, ...h })),
        ...record.excerpts.map((e, i) => ({ where: `excerpts[${i}]`, name: e.host, ip: e.ip })),
        ...(record.recovery ? [{ where: 'recovery', name: record.recovery.host, ip: record.recovery.ip }] : []),
      ];
      for (const { where, name, ip } of named) {
        const problem = hostProblem(classify, rules, record, name, ip);
        if (problem) problems.push(`${record.id} ${where}: ${name}[${ip}]: ${problem}`);
      }
    }
    assertNoProblems(problems);
    // Of mail to us; an incident of our mail to others names no server of anyone's (only its receiver's words).
    const inbound = incidents.filter((r) => r.direction === 'inbound');
    assert.ok(inbound.every((r) => r.hosts.sample.length > 0 && r.excerpts.length > 0), 'an incident names no host: nothing was checked');
    for (const record of incidents.filter((r) => r.direction === 'outbound')) assert.deepEqual([record.hosts.sample, record.excerpts, record.recovery], [[], [], null], record.id);
  });

  test('sender records, the status and incidents are of catalog senders (or ours) only', async () => {
    // Our own servers have a record and a page of their own beside the catalog's senders.
    const catalog = new Set([...mergeSenderRules(builtInSenderRules, config.senders).map((r) => r.id), 'ours']);
    const problems: string[] = [];
    const dir = join(site.content, 'records', 'senders');
    for (const file of (await readdir(dir)).sort()) {
      const record = senderRecordSchema.parse(JSON.parse(await readFile(join(dir, file), 'utf8')));
      if (!catalog.has(record.id) || file !== `${record.id}.json`) problems.push(`senders/${file}: id ${record.id} is no catalog sender`);
    }
    const status = statusRecordSchema.parse(JSON.parse(await readFile(join(site.content, 'records', 'status.json'), 'utf8')));
    for (const s of status.senders) if (!catalog.has(s.id) || s.id === 'ours') problems.push(`status.json: sender ${s.id} is no catalog sender`);
    for (const r of incidents) if (!catalog.has(r.sender.id)) problems.push(`${r.id}: sender ${r.sender.id}`);
    for (const { path } of written) {
      const m = /^dist\/(?:en\/)?senders\/([^/]+)\//.exec(path);
      if (m && !catalog.has(m[1]!)) problems.push(`${path}: a page of sender ${m[1]}`);
    }
    assertNoProblems(problems);
  });

  test('senders outside the catalog are counted together as "other", and never by name', async () => {
    // The incremental state holds the series as they are counted (and, being private, mode 0600).
    const content = join(site.work, 'content-state');
    const statePath = join(site.work, 'state', 'mxstatus.state');
    await mkdir(content);
    await copyFile(join(site.content, 'site.yaml'), join(content, 'site.yaml'));
    const result = await runSummarize({ contentDir: content, inputs: site.log.inputs, nowMs: Date.now(), statePath });
    assert.ok(result.ok, result.ok ? '' : result.problem.message);
    assert.equal((await stat(statePath)).mode & 0o777, 0o600, 'the state file holds open sessions with client addresses');
    const state = JSON.parse(stateText(await readFile(statePath))) as { series: SeriesState[] };
    const other = state.series.find((s) => s.sender.id === 'other');
    assert.ok(other, `no "other" series among ${state.series.map((s) => s.sender.id).join(', ')}`);
    assert.equal(other.sender.known, false);
    assert.equal(other.trackHosts, false);
    const snapshot = SenderSeries.restore(other).snapshot();
    assert.deepEqual(snapshot.hosts, [], 'hosts of "other" are kept by name');
    const tlsFailures = snapshot.buckets.reduce((n, [, b]) => n + b.failures.tls, 0);
    const failures = snapshot.buckets.reduce((n, [, b]) => n + failureCount(b.failures), 0);
    const planted = site.log.unknownFailing.reduce((n, h) => n + h.failures, 0);
    assert.equal(tlsFailures, planted, `"other" counted ${tlsFailures} TLS failures; the unknown hosts failed ${planted} times`);
    assert.equal(failures, planted);
    for (const id of state.series.map((s) => s.sender.id)) assert.ok(!id.startsWith('domain-'), `a sender series named ${id}`);
  });
});

const HOST_NAME = /^[a-z0-9_-]{1,63}(?:\.[a-z0-9_-]{1,63})+$/;

/**
 * Why `name[ip]` may not be named in `record`, or null: the address must be one, the client
 * must classify as the incident's organisation (any recognised one for our own incidents), and
 * a name other than "unknown" must be a host name that ends in one of that organisation's suffixes.
 */
function hostProblem(
  classify: ReturnType<typeof createSenderClassifier>,
  rules: ReturnType<typeof mergeSenderRules>,
  record: IncidentRecord,
  name: string,
  ip: string,
): string | null {
  if (!parseIpAddress(ip)) return 'the address is no IP address';
  const sender = classify({ name, ip });
  if (!sender?.known) return 'no recognised organisation';
  if (record.attribution === 'sender' && sender.id !== record.sender.id) return `belongs to ${sender.id}, not ${record.sender.id}`;
  if (name === 'unknown') return null;
  const lower = name.toLowerCase().replace(/\.$/, '');
  const rule = rules.find((r) => r.id === sender.id)!;
  if (!HOST_NAME.test(lower) || !rule.hostSuffixes.some((s) => lower === s || lower.endsWith(`.${s}`))) return `not a host name of ${sender.name}`;
  return null;
}
