/**
 * Lines dated far from the rest must change nothing (issue: "one stray line deletes history"):
 * a stray early line, a line days ahead at the end (a BSD file whose modification time is 1970 or
 * 2099: read-events.test.ts). Each run starts from the records one run over all demo logs wrote (its history), reads
 * only the last two days of the logs, and must leave the same records as the same run without the
 * stray line: no incident record removed, no sender's history cut.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { runSummarize } from '../mxstatus/run-summarize.ts';
import { readTree } from './cli-fixture.ts';
import { copyDemoContent, demoRecords, type DemoRecords } from './demo-fixture.ts';

const NOW = Date.parse('2026-03-24T12:00:00Z');
let demo: DemoRecords;
let work: string;
/** mx1 (BSD) and mx2 (RFC 3339) from 23 March on. */
let mx1: string[];
let mx2: string[];

before(async () => {
  demo = await demoRecords();
  work = await mkdtemp(join(tmpdir(), 'mxstatus-stray-'));
  mx1 = (await readFile(join(demo.logs, 'mx1', 'mail.log'), 'utf8')).split('\n').filter((l) => /^Mar 2[34] /.test(l));
  mx2 = [...gunzipSync(await readFile(join(demo.logs, 'mx2', 'mail.log.1.gz'))).toString('utf8').split('\n'), ...(await readFile(join(demo.logs, 'mx2', 'mail.log'), 'utf8')).split('\n')].filter((l) =>
    /^2026-03-2[34]T/.test(l),
  );
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

let runs = 0;
/** One plain run over the two logs, from the demo's full records; what it reported, and the records it left. */
async function summarizeOver(logs: { mx1: readonly string[]; mx2: readonly string[]; mx1Mtime?: Date }) {
  const dir = join(work, `run-${++runs}`);
  await mkdir(join(dir, 'mx1'), { recursive: true });
  await mkdir(join(dir, 'mx2'), { recursive: true });
  await writeFile(join(dir, 'mx1', 'mail.log'), `${logs.mx1.join('\n')}\n`);
  await writeFile(join(dir, 'mx2', 'mail.log'), `${logs.mx2.join('\n')}\n`);
  const mtime = logs.mx1Mtime ?? new Date(NOW);
  await utimes(join(dir, 'mx1', 'mail.log'), mtime, mtime);
  await utimes(join(dir, 'mx2', 'mail.log'), new Date(NOW), new Date(NOW));
  const content = await copyDemoContent(demo, join(dir, 'content'));
  const result = await runSummarize({ contentDir: content, inputs: [join(dir, 'mx1', 'mail.log'), join(dir, 'mx2', 'mail.log')], nowMs: NOW });
  assert.ok(result.ok, result.ok ? '' : result.problem.message);
  return { result: result.value, records: await readTree(join(content, 'records')) };
}

function assertSameRecords(actual: Map<string, string>, expected: Map<string, string>): void {
  assert.deepEqual([...actual.keys()], [...expected.keys()]);
  for (const [path, text] of expected) assert.equal(actual.get(path), text, `${path} differs`);
}

describe('a line dated far from the rest', () => {
  let plain: Awaited<ReturnType<typeof summarizeOver>>;
  before(async () => {
    plain = await summarizeOver({ mx1, mx2 });
  });

  test('the history the logs no longer hold stays: the 19 March incident, and Microsoft\'s days from 16 March', async () => {
    assert.equal(plain.result.written?.removed, 0);
    assert.ok(plain.records.has('incidents/2026-03-19-microsoft-tls-failure.json'));
    const microsoft = JSON.parse(plain.records.get('senders/microsoft.json')!) as { days: { date: string }[] };
    assert.equal(microsoft.days[0]?.date, '2026-03-16');
  });

  test('a stray early line, of the kernel or of Postfix, changes nothing', async () => {
    const stray = ['2026-03-02T03:04:05+01:00 mx7 kernel: [12.345] clocksource: tsc unstable', '2026-03-02T03:04:05+01:00 mx7 postfix/smtpd[1]: connect from unknown[192.0.2.1]'];
    const run = await summarizeOver({ mx1, mx2: [...stray, ...mx2] });
    assert.equal(run.result.stats.linesOutlying, 1);
    assert.equal(run.result.covered.first, plain.result.covered.first);
    assertSameRecords(run.records, plain.records);
  });

  test('a line two days ahead at the end moves neither "as of" nor an incident', async () => {
    const ahead = '2026-03-26T09:00:00+01:00 mx2 postfix/smtpd[1]: connect from unknown[192.0.2.1]';
    const bsdAhead = 'Mar 26 09:00:00 mx1 postfix/smtpd[1]: connect from unknown[192.0.2.1]';
    const run = await summarizeOver({ mx1: [...mx1, bsdAhead], mx2: [...mx2, ahead] });
    assert.equal(run.result.stats.linesOutlying, 2);
    assert.equal(run.result.covered.last, plain.result.covered.last);
    assertSameRecords(run.records, plain.records);
  });
});

describe("a host's older rotated file gone (a full run over what logrotate kept)", () => {
  test('the 19 March incident, seen again by mx1 alone, keeps the numbers of the run that read both hosts', async () => {
    const dir = join(work, 'rotated-away');
    const content = await copyDemoContent(demo, join(dir, 'content'));
    const before = await readTree(join(content, 'records'));
    const id = 'incidents/2026-03-19-microsoft-tls-failure.json';
    // mx1 whole, mx2 without mail.log.1.gz (its lines up to 21 March).
    const inputs = [join(demo.logs, 'mx1', 'mail.log'), join(demo.logs, 'mx2', 'mail.log')];
    const result = await runSummarize({ contentDir: content, inputs, nowMs: NOW });
    assert.ok(result.ok, result.ok ? '' : result.problem.message);
    const after = await readTree(join(content, 'records'));
    assert.equal(after.get(id), before.get(id));
    assert.equal(result.value.written?.removed, 0);
    // The same run without the earlier records writes the smaller numbers of what it saw.
    const alone = join(dir, 'alone');
    await mkdir(alone, { recursive: true });
    await writeFile(join(alone, 'site.yaml'), await readFile(join(content, 'site.yaml')));
    const fresh = await runSummarize({ contentDir: alone, inputs, nowMs: NOW });
    assert.ok(fresh.ok, fresh.ok ? '' : fresh.problem.message);
    const failures = (text: string | undefined) => (JSON.parse(text ?? '{}') as { failures?: number }).failures;
    const seen = failures((await readTree(join(alone, 'records'))).get(id));
    assert.ok(seen !== undefined && seen < failures(before.get(id))!, `the partial run alone counts ${seen} failures, the full one ${failures(before.get(id))}`);
  });

  test('every host\'s file of its first days gone: no second, shorter record of the 19 March incident under a later date, and no notes for one', async () => {
    const dir = join(work, 'start-rotated-away');
    const content = await copyDemoContent(demo, join(dir, 'content'));
    const before = await readTree(join(content, 'records'));
    const notesBefore = await readTree(join(content, 'notes'));
    const late = (await readFile(join(demo.logs, 'mx1', 'mail.log'), 'utf8')).split('\n').filter((l) => !/^Mar (1\d|20) /.test(l));
    await mkdir(join(dir, 'mx1'), { recursive: true });
    await writeFile(join(dir, 'mx1', 'mail.log'), late.join('\n'));
    await utimes(join(dir, 'mx1', 'mail.log'), new Date(NOW), new Date(NOW));
    const result = await runSummarize({ contentDir: content, inputs: [join(dir, 'mx1', 'mail.log'), join(demo.logs, 'mx2', 'mail.log')], nowMs: NOW });
    assert.ok(result.ok, result.ok ? '' : result.problem.message);
    const after = await readTree(join(content, 'records'));
    assert.deepEqual([...after.keys()].filter((k) => k.startsWith('incidents/')), [...before.keys()].filter((k) => k.startsWith('incidents/')));
    assert.equal(after.get('incidents/2026-03-19-microsoft-tls-failure.json'), before.get('incidents/2026-03-19-microsoft-tls-failure.json'));
    assert.deepEqual([...(await readTree(join(content, 'notes'))).keys()], [...notesBefore.keys()]);
  });
});

