/**
 * The bundled demo end to end: demo logs → summarize → records and notes → Astro build, as the
 * shared demo (demo-fixture.ts) went through it. The truth is known: Outlook.com's STARTTLS aborts
 * ended at 17:43 on 23 March (Europe/Berlin).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { TZDate } from '@date-fns/tz';
import { incidentRecordSchema, type IncidentRecord } from '../../src/core/schemas/incident-record.ts';
import { writeDemoLogs } from '../mxstatus/demo/write-demo-logs.ts';
import { MICROSOFT_FIRST_DEFERRAL, MICROSOFT_LAST_DEFERRAL } from '../mxstatus/demo/generate-demo-logs.ts';
import { runSummarize } from '../mxstatus/run-summarize.ts';
import { builtDemo, copyDemoContent, demoRecords, type DemoRecords } from './demo-fixture.ts';

let demo: DemoRecords;
/** This file's own scratch folder, for logs written again and a copy of the content to change. */
let work: string;

before(async () => {
  // The logs and records are there before the site is: the site's tests wait for it (below).
  demo = await demoRecords();
  work = await mkdtemp(join(tmpdir(), 'mxstatus-demo-pipeline-'));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

async function digestTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path.slice(dir.length), createHash('sha256').update(await readFile(path)).digest('hex'));
  }
  return out;
}

async function readIncidents(): Promise<IncidentRecord[]> {
  const dir = join(demo.summarized, 'records', 'incidents');
  const files = (await readdir(dir)).sort();
  return Promise.all(files.map(async (f) => incidentRecordSchema.parse(JSON.parse(await readFile(join(dir, f), 'utf8')))));
}

describe('demo logs', () => {
  test('the same seed writes the same bytes, gzip included', async () => {
    const again = join(work, 'logs-again');
    assert.ok((await writeDemoLogs(again)).ok);
    assert.deepEqual(await digestTree(again), await digestTree(demo.logs));
  });

  test('another seed writes other logs', async () => {
    const other = join(work, 'logs-other');
    assert.ok((await writeDemoLogs(other, 7)).ok);
    const a = await digestTree(other);
    const b = await digestTree(demo.logs);
    assert.notEqual(a.get('/mx1/mail.log'), b.get('/mx1/mail.log'));
  });

  test('mx2 is rotated and gzipped, and every file ends at its modification time', async () => {
    const old = gunzipSync(await readFile(join(demo.logs, 'mx2', 'mail.log.1.gz'))).toString('utf8');
    assert.match(old.split('\n')[0]!, /^2026-03-16T00:0\d:\d\d\.\d{6}\+01:00 mx2 postfix\//);
    const mx1 = await readFile(join(demo.logs, 'mx1', 'mail.log'), 'utf8');
    const lastLine = mx1.trimEnd().split('\n').at(-1)!;
    assert.match(lastLine, /^Mar 24 \d\d:\d\d:\d\d mx1 postfix\//);
    const mtime = (await stat(join(demo.logs, 'mx1', 'mail.log'))).mtime;
    const local = new TZDate(mtime.getTime(), 'Europe/Berlin');
    assert.equal(lastLine.slice(7, 15), `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}:${String(local.getSeconds()).padStart(2, '0')}`);
  });

  test('the logs tell the story: STARTTLS aborts from Outlook.com, then TLSv1.2 from the same servers', async () => {
    const mx1 = await readFile(join(demo.logs, 'mx1', 'mail.log'), 'utf8');
    assert.match(mx1, /Mar 2\d \d\d:\d\d:\d\d mx1 postfix\/smtpd\[\d+\]: lost connection after STARTTLS from mail-[a-z0-9]+on\d+\.outbound\.protection\.outlook\.com\[40\.107\.\d+\.\d+\]/);
    assert.match(mx1, /Anonymous TLS connection established from mail-[a-z0-9]+on\d+\.outbound\.protection\.outlook\.com\[[0-9a-f.:]+\]: TLSv1\.2 with cipher ECDHE-RSA-AES256-SHA384 \(256\/256 bits\)/);
    assert.match(mx1, /postfix\/submission\/smtpd\[\d+\]: [0-9A-F]{10,11}: client=.*, sasl_method=PLAIN, sasl_username=/);
    assert.match(mx1, /NOQUEUE: reject: RCPT from /);
    assert.match(mx1, /lost connection after AUTH from unknown\[/);
    assert.match(mx1, /delay=[\d.]+, delays=[\d.]+\/[\d.]+\/[\d.]+\/[\d.]+, dsn=2\.0\.0, status=sent/);
    const lastAbort = [...mx1.matchAll(/^(Mar \d\d \d\d:\d\d:\d\d) mx1 postfix\/smtpd\[\d+\]: lost connection after STARTTLS from mail-/gm)].at(-1);
    assert.ok(lastAbort);
  });
});

describe('summarize on the demo logs', () => {
  /** Mail to us: the Outlook.com STARTTLS incident. */
  let incidents: IncidentRecord[];
  /** Our mail to others: Microsoft throttling our relay. */
  let outbound: IncidentRecord[];

  before(async () => {
    assert.deepEqual(demo.problems, []);
    const all = await readIncidents();
    incidents = all.filter((r) => r.direction === 'inbound');
    outbound = all.filter((r) => r.direction === 'outbound');
  });

  test('finds exactly one incident of mail to us: Outlook.com, on the sender side, resolved', () => {
    assert.equal(incidents.length, 1);
    const [incident] = incidents;
    assert.equal(incident!.sender.id, 'microsoft');
    assert.equal(incident!.kind, 'tls-failure');
    assert.equal(incident!.attribution, 'sender');
    assert.equal(incident!.status, 'resolved');
  });

  test('and one of our mail to others: Microsoft throttling our relay on 23 March, from its first deferral to its last, nothing lost', () => {
    assert.deepEqual(outbound.map((r) => [r.sender.id, r.kind, r.attribution, r.status]), [['microsoft', 'rate-limit', 'receiver', 'resolved']]);
    const [record] = outbound;
    assert.equal(Date.parse(record!.startedAt), MICROSOFT_FIRST_DEFERRAL);
    assert.equal(Date.parse(record!.endedAt), MICROSOFT_LAST_DEFERRAL);
    assert.equal(record!.outbound!.lost, 0);
    assert.equal(record!.outbound!.bounced, 0);
    assert.deepEqual(record!.outbound!.replies.map((r) => [r.code, r.enhanced]), [[451, '4.7.650']]);
    assert.doesNotMatch(JSON.stringify(record), /@|203\.0\.113\.5/);
    assert.ok(record!.outbound!.recovery && Date.parse(record!.outbound!.recovery.at) > MICROSOFT_LAST_DEFERRAL && record!.outbound!.recovery.tls);
    // Only delayed, never lost: major at most however long.
    assert.equal(record!.impact, 'major');
  });

  test('it ends at 17:43 on 23 March, Europe/Berlin, and began on 19 March', () => {
    const end = new TZDate(Date.parse(incidents[0]!.endedAt), 'Europe/Berlin');
    assert.deepEqual([end.getMonth() + 1, end.getDate(), end.getHours(), end.getMinutes()], [3, 23, 17, 43]);
    const start = new TZDate(Date.parse(incidents[0]!.startedAt), 'Europe/Berlin');
    assert.deepEqual([start.getMonth() + 1, start.getDate()], [3, 19]);
    assert.ok(Math.abs(start.getHours() * 60 + start.getMinutes() - (9 * 60 + 10)) <= 5, `start ${start.toString()}`);
  });

  test('the recovery is TLSv1.2 with ECDHE-RSA-AES256-SHA384 from Outlook.com after the end', () => {
    const { recovery, endedAt } = incidents[0]!;
    assert.ok(recovery);
    assert.equal(recovery.protocol, 'TLSv1.2');
    assert.equal(recovery.cipher, 'ECDHE-RSA-AES256-SHA384');
    assert.match(recovery.host, /\.outbound\.protection\.outlook\.com$/);
    assert.ok(recovery.at > endedAt);
    assert.ok(recovery.hostsRecovered > 0);
  });

  test('we delivered what we received within seconds', () => {
    const delivery = incidents[0]!.ourDelivery;
    assert.ok(delivery && delivery.messages > 100);
    assert.ok(delivery.p95Seconds < 5, `p95 ${delivery.p95Seconds}`);
  });

  test('a second run writes nothing new and never touches the notes', async () => {
    const content = await copyDemoContent(demo, join(work, 'content'));
    const notePath = join(content, 'notes', 'de', `${incidents[0]!.id}.md`);
    const edited = '---\ntitle: Von Hand geschrieben\n---\n\nEin Mensch hat diese Notiz geschrieben.\n';
    await writeFile(notePath, edited);
    const before = await digestTree(join(content, 'records'));
    const result = await runSummarize({ contentDir: content, inputs: demo.inputs, nowMs: Date.now() });
    assert.ok(result.ok);
    assert.equal(result.value.written?.created, 0);
    assert.equal(result.value.written?.updated, 0);
    assert.deepEqual(await digestTree(join(content, 'records')), before);
    assert.equal(await readFile(notePath, 'utf8'), edited);
  });
});

describe('the site built from the demo', () => {
  let id: string;

  let dist: string;

  before(async () => {
    dist = (await builtDemo()).dist;
    id = (await readIncidents())[0]!.id;
  });

  const page = (path: string) => readFile(join(dist, path, 'index.html'), 'utf8');

  test('/ shows the incident in German, as of the last log line', async () => {
    const html = await page('');
    assert.match(html, /<html lang="de">/);
    assert.match(html, /Stand: 24\. März 2026 um \d\d:\d\d Uhr MEZ/);
    assert.ok(html.includes(`href="/incidents/${id}/"`));
    assert.match(html, /Outlook\.com/);
  });

  test('/en/ shows the incident in English', async () => {
    const html = await page('en');
    assert.match(html, /<html lang="en">/);
    assert.match(html, /As of 24 March 2026, \d\d:\d\d CET/);
    assert.ok(html.includes(`href="/en/incidents/${id}/"`));
  });

  test('the incident page says when it ended, in Europe/Berlin time with the zone named, in both languages', async () => {
    const de = await page(`incidents/${id}`);
    assert.match(de, /23\. März 2026 um 17:43 Uhr MEZ/);
    assert.match(de, /Betrifft E-Mails von Outlook\.com/);
    assert.match(de, /Alle Zeitangaben: Mitteleuropäische Zeit \(MEZ\/MESZ\)/);
    const en = await page(`en/incidents/${id}`);
    assert.match(en, /23 March 2026, 17:43 CET/);
    assert.match(en, /Affects email from Outlook\.com/);
    assert.match(en, /TLSv1\.2/);
  });
});
