/**
 * `mxstatus check` over the demo content as the summarizer writes it, then over copies of it with
 * one thing broken each: every problem is one exact line naming the file.
 */
import assert from 'node:assert/strict';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exitCodes } from '../../../src/core/problem.ts';
import { copyDemoContent, demoRecords } from '../../e2e/demo-fixture.ts';
import { formatCheckReport, runCheck, type CheckReport } from './run-check.ts';

/** The one incident of the demo logs (README.md, "Quick start"). */
const INCIDENT = '2026-03-19-microsoft-tls-failure';
/** The demo's outbound incident: Microsoft throttling our relay. */
const OUTBOUND_INCIDENT = '2026-03-23-microsoft-rate-limit';
const REWRITE = 'run mxstatus summarize again over your logs to rewrite it';
const MAINTENANCE = '---\ntype: maintenance\ntitle: "Neue Server"\nstart: 2026-04-01T22:00:00+02:00\nend: 2026-04-02T02:00:00+02:00\n---\n\nWir tauschen die Server.\n';

let work: string;
let demo: string;
let copies = 0;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'mxstatus-check-'));
  // The demo content as the summarizer wrote it (scripts/e2e/demo-fixture.ts), in a copy of this file's own.
  demo = await copyDemoContent(await demoRecords(), join(work, 'demo'));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A fresh copy of the demo content, to break one thing in. */
async function copyOfDemo(): Promise<string> {
  const dir = join(work, `case-${++copies}`);
  await cp(demo, dir, { recursive: true });
  return dir;
}

async function check(dir: string): Promise<CheckReport> {
  const result = await runCheck(dir);
  assert.ok(result.ok, result.ok ? '' : result.problem.message);
  return result.value;
}

async function problemsOf(dir: string): Promise<readonly string[]> {
  return (await check(dir)).problems;
}

async function editJson(path: string, edit: (value: Record<string, unknown>) => void): Promise<void> {
  const value = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  edit(value);
  await writeFile(path, JSON.stringify(value, null, 2));
}

async function writeNote(dir: string, locale: string, name: string, text: string): Promise<string> {
  const path = join(dir, 'notes', locale, name);
  await mkdir(join(dir, 'notes', locale), { recursive: true });
  await writeFile(path, text);
  return path;
}

/** Where the demo's status.json lists a sender. */
async function statusIndex(dir: string, sender: string): Promise<number> {
  const status = JSON.parse(await readFile(join(dir, 'records', 'status.json'), 'utf8')) as { senders: { id: string }[] };
  return status.senders.findIndex((s) => s.id === sender);
}

describe('valid content', () => {
  test('the demo content as summarized has no problems', async () => {
    const report = await check(demo);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.checked, { status: 1, incidents: 2, senders: 12, receivers: 7, notes: 4 });
    assert.equal(
      formatCheckReport(report),
      `checked ${demo}: site.yaml, status.json, 2 incident records, 12 sender records, 7 receiver records, 4 notes\nno problems\n`,
    );
  });

  test('a maintenance in every language, with a known sender, has no problems', async () => {
    const dir = await copyOfDemo();
    const withSender = MAINTENANCE.replace('end:', 'sender: microsoft\nend:');
    await writeNote(dir, 'de', 'neue-server.md', withSender);
    await writeNote(dir, 'en', 'neue-server.md', withSender.replace('Neue Server', 'New servers'));
    assert.deepEqual(await problemsOf(dir), []);
  });

  test('content without records is fine, and the report says nothing was summarized', async () => {
    const dir = join(work, 'fresh');
    await mkdir(dir);
    await copyFile('content/site.yaml', join(dir, 'site.yaml'));
    const report = await check(dir);
    assert.deepEqual(report.problems, []);
    assert.equal(
      formatCheckReport(report),
      [
        `checked ${dir}: site.yaml, 0 incident records, 0 sender records, 0 notes`,
        `${join(dir, 'records')}: not there yet, as nothing has been summarized; mxstatus summarize writes it`,
        'no problems',
        '',
      ].join('\n'),
    );
  });
});

describe('site.yaml', () => {
  test('every problem of site.yaml is listed, and the checks that need it are left out', async () => {
    const dir = await copyOfDemo();
    await writeFile(join(dir, 'site.yaml'), 'name: Example Mail\nsite: status.example.net\ntimeZone: Berlin\n');
    await writeNote(dir, 'fr', 'wartung.md', MAINTENANCE);
    const report = await check(dir);
    assert.deepEqual(report.problems, [
      `${join(dir, 'site.yaml')}: site: not a full URL (got "status.example.net"); write it with https://, e.g. https://status.example.net`,
      `${join(dir, 'site.yaml')}: timeZone: not an IANA time zone (got "Berlin"); use Europe/Berlin`,
    ]);
    assert.deepEqual(report.remarks, ['the languages of notes and the senders of maintenance were not checked: site.yaml has problems']);
  });

  test('a missing site.yaml is a problem', async () => {
    const dir = await copyOfDemo();
    await unlink(join(dir, 'site.yaml'));
    assert.deepEqual(await problemsOf(dir), [
      `${join(dir, 'site.yaml')}: cannot read it (ENOENT); create it (see README.md, "content/site.yaml") or pass --content DIR`,
    ]);
  });
});

describe('records', () => {
  test('bad JSON names the file, the line and the fix', async () => {
    const dir = await copyOfDemo();
    const path = join(dir, 'records', 'senders', 'apple.json');
    await writeFile(path, '{\n  "id": "apple",\n  "name": "Apple iCloud",\n}\n');
    const report = await check(dir);
    assert.deepEqual(report.problems, [`${path}:4: not valid JSON: expected double-quoted property name (got "}"); ${REWRITE}`]);
    assert.ok(report.remarks.includes('records are written by mxstatus summarize: rather than editing one, run it again over your logs'));
  });

  test('an empty record', async () => {
    const dir = await copyOfDemo();
    const path = join(dir, 'records', 'incidents', `${INCIDENT}.json`);
    await writeFile(path, '');
    assert.deepEqual(await problemsOf(dir), [`${path}: empty; ${REWRITE}`]);
  });

  test('schema violations: every field, with the value', async () => {
    const dir = await copyOfDemo();
    const path = join(dir, 'records', 'incidents', `${INCIDENT}.json`);
    await editJson(path, (record) => {
      record.failures = -1;
      record.impact = 'severe';
      record.comment = 'checked by hand';
    });
    assert.deepEqual(await problemsOf(dir), [
      `${path}: impact: not allowed (got "severe"); use one of none, minor, major, critical`,
      `${path}: failures: too small (got -1); use at least 0`,
      `${path}: comment: unknown field (got "checked by hand"); remove it; the fields here are version, direction, id, sender, kind, attribution, status, impact, startedAt, endedAt, failures, connections, failureRatio, hosts, hourly, excerpts, recovery, ourHosts, ourDelivery, outbound`,
    ]);
  });

  test('a broken record is not also reported as missing by the notes and status that name it', async () => {
    const dir = await copyOfDemo();
    const path = join(dir, 'records', 'incidents', `${INCIDENT}.json`);
    await editJson(path, (record) => {
      record.startedAt = 'yesterday';
    });
    assert.deepEqual(await problemsOf(dir), [`${path}: startedAt: not an ISO date and time (got "yesterday"); write it like 2026-03-19T08:11:00.000Z`]);
  });

  test('more than ten problems in one file are counted, not listed', async () => {
    const dir = await copyOfDemo();
    const path = join(dir, 'records', 'senders', 'google.json');
    await editJson(path, (record) => {
      record.days = Array.from({ length: 12 }, (_, i) => ({ date: `2026-03-${String(i + 10)}`, connections: 1, failures: 0, worst: 'bad' }));
    });
    const problems = await problemsOf(dir);
    assert.equal(problems.length, 10);
    assert.equal(problems[0], `${path}: days[0].worst: not allowed (got "bad"); use one of none, minor, major, critical`);
    assert.equal(problems[9], `${path}: days[9].worst: not allowed (got "bad"); use one of none, minor, major, critical (and 3 more in this file)`);
  });

  test('a record whose id is not its file name', async () => {
    const dir = await copyOfDemo();
    const path = join(dir, 'records', 'senders', 'posteo.json');
    await editJson(path, (record) => {
      record.id = 'posteo-de';
    });
    assert.deepEqual(await problemsOf(dir), [`${path}: id: not the file name (got "posteo-de"); rename the file to posteo-de.json, or ${REWRITE}`]);
  });

  test('records without status.json', async () => {
    const dir = await copyOfDemo();
    await unlink(join(dir, 'records', 'status.json'));
    assert.deepEqual(await problemsOf(dir), [`${join(dir, 'records', 'status.json')}: missing; ${REWRITE}: the home page shows no state without it`]);
  });
});

describe('references between records', () => {
  test('status.json lists a sender without a sender record', async () => {
    const dir = await copyOfDemo();
    const index = await statusIndex(dir, 'yahoo');
    await unlink(join(dir, 'records', 'senders', 'yahoo.json'));
    assert.deepEqual(await problemsOf(dir), [
      `${join(dir, 'records', 'status.json')}: senders[${index}].id: no sender record, so its link on the home page leads nowhere (got "yahoo"); ${REWRITE}`,
    ]);
  });

  test('our mail to others: a receiver without its record, and its incident linking nowhere', async () => {
    const dir = await copyOfDemo();
    await unlink(join(dir, 'records', 'receivers', 'microsoft.json'));
    const status = JSON.parse(await readFile(join(dir, 'records', 'status.json'), 'utf8')) as { receivers: { id: string }[] };
    const index = status.receivers.findIndex((r) => r.id === 'microsoft');
    assert.deepEqual(await problemsOf(dir), [
      `${join(dir, 'records', 'status.json')}: receivers[${index}].id: no receiver record, so its link on the home page leads nowhere (got "microsoft"); ${REWRITE}`,
      `${join(dir, 'records', 'incidents', `${OUTBOUND_INCIDENT}.json`)}: sender.id: no receiver record, so the incident links to a page that does not exist (got "microsoft"); ${REWRITE}`,
    ]);
  });

  test('an incident whose sender has no record', async () => {
    const dir = await copyOfDemo();
    const index = await statusIndex(dir, 'microsoft');
    await unlink(join(dir, 'records', 'senders', 'microsoft.json'));
    assert.deepEqual(await problemsOf(dir), [
      `${join(dir, 'records', 'status.json')}: senders[${index}].id: no sender record, so its link on the home page leads nowhere (got "microsoft"); ${REWRITE}`,
      `${join(dir, 'records', 'incidents', `${INCIDENT}.json`)}: sender.id: no sender record, so the incident links to a page that does not exist (got "microsoft"); ${REWRITE}`,
    ]);
  });

  test('status.json names an ongoing incident that has no record, or one that is resolved', async () => {
    const dir = await copyOfDemo();
    const index = await statusIndex(dir, 'microsoft');
    const path = join(dir, 'records', 'status.json');
    await editJson(path, (status) => {
      (status.senders as { ongoing: string[] }[])[index]!.ongoing = ['2026-03-24-microsoft-timeout', INCIDENT];
    });
    assert.deepEqual(await problemsOf(dir), [
      `${path}: senders[${index}].ongoing[0]: no incident record (got "2026-03-24-microsoft-timeout"); ${REWRITE}`,
      `${path}: senders[${index}].ongoing[1]: the incident is resolved (got "${INCIDENT}"); ${REWRITE}`,
    ]);
  });

  test('an ongoing incident that status.json leaves out, and an overall state that does not match', async () => {
    const dir = await copyOfDemo();
    const index = await statusIndex(dir, 'microsoft');
    const incident = join(dir, 'records', 'incidents', `${INCIDENT}.json`);
    const impact = (JSON.parse(await readFile(incident, 'utf8')) as { impact: string }).impact;
    await editJson(incident, (record) => {
      record.status = 'ongoing';
    });
    const path = join(dir, 'records', 'status.json');
    assert.deepEqual(await problemsOf(dir), [
      `${path}: senders[${index}].ongoing: leaves out the ongoing incident ${INCIDENT} (got []); ${REWRITE}`,
      `${path}: overall: not the worst impact of the ongoing incidents, ${impact} (got "none"); ${REWRITE}`,
    ]);
  });
});

describe('notes', () => {
  test('front matter that is not valid YAML: the line in the file', async () => {
    const dir = await copyOfDemo();
    const path = await writeNote(dir, 'en', `${INCIDENT}.md`, '---\nincident: 2026-03-19-microsoft-tls-failure\ntitle: Outlook.com: delays\n---\n\nText.\n');
    assert.deepEqual(await problemsOf(dir), [`${path}:3: not valid YAML: the value contains ": " (got "title: Outlook.com: delays"); put it in quotes: title: "Outlook.com: delays"`]);
  });

  test('front matter against the note schema: every field', async () => {
    const dir = await copyOfDemo();
    const path = await writeNote(dir, 'en', `${INCIDENT}.md`, '---\ntitel: Delays\nupdates:\n  - at: tomorrow\n    status: fixed\n    text: Fixed.\n---\n');
    assert.deepEqual(await problemsOf(dir), [
      `${path}: title: missing; add it, e.g. title: "Delayed mail from Outlook.com"`,
      `${path}: updates[0].at: not a date and time (got "tomorrow"); write one with its time zone, e.g. at: 2026-03-23T18:00:00+01:00`,
      `${path}: updates[0].status: not allowed (got "fixed"); use one of investigating, identified, monitoring, resolved, update`,
      `${path}: titel: unknown field (got "Delays"); rename it to title`,
    ]);
  });

  test('an unquoted date where text belongs, as Astro reads it', async () => {
    const dir = await copyOfDemo();
    const path = await writeNote(dir, 'en', `${INCIDENT}.md`, '---\ntitle: 2026-03-19\n---\n');
    assert.deepEqual(await problemsOf(dir), [`${path}: title: a date, not text (got "2026-03-19T00:00:00.000Z"); put it in quotes: title: "2026-03-19"`]);
  });

  test('a note without front matter', async () => {
    const dir = await copyOfDemo();
    const path = await writeNote(dir, 'de', `${INCIDENT}.md`, '# Verzögerungen\n\nText.\n');
    assert.deepEqual(await problemsOf(dir), [`${path}: no front matter; start the file with a line ---, then title: "…", then another line ---`]);
  });

  test('a maintenance without end', async () => {
    const dir = await copyOfDemo();
    const text = MAINTENANCE.replace(/end: .*\n/, '');
    const path = await writeNote(dir, 'de', 'wartung.md', text);
    await writeNote(dir, 'en', 'wartung.md', text);
    assert.deepEqual(await problemsOf(dir), [
      `${path}: start: a maintenance needs start and end (got "2026-04-01T20:00:00.000Z"); add end, e.g. end: 2026-04-02T02:00:00+02:00`,
      `${join(dir, 'notes', 'en', 'wartung.md')}: start: a maintenance needs start and end (got "2026-04-01T20:00:00.000Z"); add end, e.g. end: 2026-04-02T02:00:00+02:00`,
    ]);
  });

  test('a YAML alias bomb is refused, not expanded', async () => {
    const dir = await copyOfDemo();
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(',')}]`);
    const path = await writeNote(dir, 'en', `${INCIDENT}.md`, `---\ntitle: Delays\n${levels.join('\n')}\n---\n`);
    const [problem, ...rest] = await problemsOf(dir);
    assert.deepEqual(rest, []);
    assert.match(problem ?? '', new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid YAML: .*alias.*; write the values out instead of using aliases$`));
  });

  test('file names that are no id, a link out of content/, a note too large: never shown, each said once', async () => {
    const dir = await copyOfDemo();
    const spaced = await writeNote(dir, 'en', 'Webmail Login.md', MAINTENANCE);
    const accented = await writeNote(dir, 'en', 'wébmail.md', MAINTENANCE);
    const outside = join(work, `outside-${copies}.md`);
    await writeFile(outside, MAINTENANCE);
    const link = join(dir, 'notes', 'en', 'linked.md');
    await symlink(outside, link);
    const large = await writeNote(dir, 'en', 'large.md', `${MAINTENANCE}${'x'.repeat(300 * 1024)}\n`);
    assert.deepEqual([...(await problemsOf(dir))].sort(), [
      `${accented}: file name: not an id of lower-case letters, digits and hyphens, so the site never shows it (got "wébmail.md"); rename it, e.g. webmail.md`,
      `${large}: 301 KB, more than a note may be (256 KB); shorten it`,
      `${link}: a link to a file outside ${dir}, so the site never reads it; copy the note into ${join(dir, 'notes', 'en')} instead of linking to it`,
      `${spaced}: file name: not an id of lower-case letters, digits and hyphens, so the site never shows it (got "Webmail Login.md"); rename it, e.g. webmail-login.md`,
    ].sort());
  });

  test('a Markdown file outside a language folder', async () => {
    const dir = await copyOfDemo();
    const path = join(dir, 'notes', 'wartung.md');
    await writeFile(path, MAINTENANCE);
    assert.deepEqual(await problemsOf(dir), [`${path}: not directly in a language folder, so the site never shows it; move it to ${join(dir, 'notes', '<locale>', 'wartung.md')}`]);
  });
});

describe('references of notes', () => {
  test('a note named after an incident that has no record', async () => {
    const dir = await copyOfDemo();
    const path = await writeNote(dir, 'en', '2026-03-20-google-timeout.md', '---\ntitle: "Delays from Gmail"\n---\n');
    assert.deepEqual(await problemsOf(dir), [
      `${path}: file name: no incident record of that id, so the note is never shown (got "2026-03-20-google-timeout"); name it after an incident of ${join(dir, 'records', 'incidents')}, give it a start if no log shows the incident, or make it type: maintenance with start and end`,
    ]);
  });

  test('an incident no log shows: a note with a start and an incident id for a name passes; a bad name, an end before the start or an unknown sender do not', async () => {
    const dir = await copyOfDemo();
    for (const locale of ['de', 'en']) await writeNote(dir, locale, '2026-03-22-webmail-login.md', '---\ntitle: "Webmail login fails"\nstart: 2026-03-22T08:00:00+01:00\nend: 2026-03-22T09:30:00+01:00\n---\nFixed.\n');
    assert.deepEqual(await problemsOf(dir), []);
    const badName = await writeNote(dir, 'en', 'webmail.md', '---\ntitle: "Webmail"\nstart: 2026-03-22T08:00:00+01:00\n---\n');
    const backwards = await writeNote(dir, 'en', '2026-03-23-imap.md', '---\ntitle: "IMAP"\nstart: 2026-03-23T08:00:00Z\nend: 2026-03-23T07:00:00Z\nsender: gooogle\n---\n');
    assert.deepEqual(await problemsOf(dir), [
      `${badName}: file name: not an incident id, so the note is never shown (got "webmail"); name it after the day it began and a few words, e.g. 2026-04-02-webmail-login.md`,
      `${backwards}: end: before start "2026-03-23T08:00:00.000Z" (got "2026-03-23T07:00:00.000Z"); put end after start`,
      `${backwards}: sender: not a known sender (got "gooogle"); use google`,
    ].sort());
  });

  test('a misspelt incident, in the file name or in incident:', async () => {
    const dir = await copyOfDemo();
    const misnamed = await writeNote(dir, 'en', '2026-03-19-microsoft-tls-failur.md', '---\ntitle: "Delays"\n---\n');
    const misreferenced = await writeNote(dir, 'de', 'outlook.md', '---\nincident: 2026-03-19-microsoft-tls-faliure\ntitle: "Verzögerungen"\n---\n');
    assert.deepEqual(await problemsOf(dir), [
      `${misreferenced}: incident: no incident record of that id, so the note is never shown (got "2026-03-19-microsoft-tls-faliure"); set incident: ${INCIDENT}`,
      `${misnamed}: file name: no incident record of that id, so the note is never shown (got "2026-03-19-microsoft-tls-failur"); rename the file to ${INCIDENT}.md`,
    ]);
  });

  test('incident notes while nothing has been summarized', async () => {
    const dir = await copyOfDemo();
    await rm(join(dir, 'records'), { recursive: true });
    const report = await check(dir);
    assert.deepEqual(
      report.problems,
      ['de', 'en'].flatMap((locale) =>
        [INCIDENT, OUTBOUND_INCIDENT].map(
          (id) => `${join(dir, 'notes', locale, `${id}.md`)}: incident: no incident record of that id, so the note is never shown (got "${id}"); name an incident of ${join(dir, 'records', 'incidents')}`,
        ),
      ),
    );
    assert.ok(report.remarks.some((remark) => remark.includes('not there yet')));
  });

  test('two notes of one language for one incident', async () => {
    const dir = await copyOfDemo();
    const path = await writeNote(dir, 'de', 'outlook.md', `---\nincident: ${INCIDENT}\ntitle: "Noch einmal"\n---\n`);
    assert.deepEqual(await problemsOf(dir), [
      `${path}: incident: the same incident as ${join(dir, 'notes', 'de', `${INCIDENT}.md`)} (got "${INCIDENT}"); merge the two notes: the site shows only one of them`,
    ]);
  });

  test('a note of an incident that names another sender', async () => {
    const dir = await copyOfDemo();
    const path = await writeNote(dir, 'en', `${INCIDENT}.md`, '---\ntitle: "Delays"\nsender: google\n---\n');
    assert.deepEqual(await problemsOf(dir), [
      `${path}: sender: not the incident's sender microsoft (got "google"); remove it: the note of an incident takes its sender from the record`,
    ]);
  });

  test('a note in a language folder the site does not have', async () => {
    const dir = await copyOfDemo();
    const path = await writeNote(dir, 'fr', `${INCIDENT}.md`, '---\ntitle: "Retards"\n---\n');
    assert.deepEqual(await problemsOf(dir), [
      `${path}: language folder: not one of locales in site.yaml, so the note is never shown (got "fr"); move it to ${join(dir, 'notes', 'de')} or ${join(dir, 'notes', 'en')}`,
    ]);
  });

  test('a note in a language the site could offer but site.yaml leaves out', async () => {
    const dir = await copyOfDemo();
    await writeFile(join(dir, 'site.yaml'), 'name: Example Mail\nsite: https://status.example.net\nlocales: [de]\n');
    assert.deepEqual(
      await problemsOf(dir),
      [INCIDENT, OUTBOUND_INCIDENT].map(
        (id) => `${join(dir, 'notes', 'en', `${id}.md`)}: language folder: not one of locales in site.yaml, so the note is never shown (got "en"); move it to ${join(dir, 'notes', 'de')}, or add en to locales in site.yaml`,
      ),
    );
  });

  test('a maintenance: missing translation, end before start, unknown sender', async () => {
    const dir = await copyOfDemo();
    const path = await writeNote(dir, 'de', 'wartung.md', MAINTENANCE.replace('start: 2026-04-01T22:00:00+02:00', 'start: 2026-04-02T22:00:00+02:00').replace('end:', 'sender: microsft\nend:'));
    assert.deepEqual(await problemsOf(dir), [
      `${path}: end: before start "2026-04-02T20:00:00.000Z" (got "2026-04-02T00:00:00.000Z"); put end after start`,
      `${path}: sender: not a known sender (got "microsft"); use microsoft`,
      `${path}: no en version (${join(dir, 'notes', 'en', 'wartung.md')} is missing); add it, or the en pages will not show this maintenance`,
    ]);
  });

  test('a maintenance that would take the place of an incident’s note', async () => {
    const dir = await copyOfDemo();
    const named = await writeNote(dir, 'de', `${INCIDENT}.md`, MAINTENANCE);
    const pointing = await writeNote(dir, 'en', `${INCIDENT}.md`, MAINTENANCE.replace('type:', `incident: ${INCIDENT}\ntype:`));
    assert.deepEqual(await problemsOf(dir), [
      `${named}: file name: the id of an incident record (got "${INCIDENT}"); rename the file: the site would show this maintenance as that incident's note`,
      `${pointing}: incident: not for a maintenance (got "${INCIDENT}"); remove it: the site would show this maintenance as that incident's note`,
    ]);
  });
});

describe('the report', () => {
  test('problems first, then what was checked, remarks and the count', async () => {
    const dir = await copyOfDemo();
    const path = join(dir, 'records', 'senders', 'apple.json');
    await writeFile(path, '[');
    const result = await runCheck(dir);
    assert.ok(result.ok);
    assert.equal(
      formatCheckReport(result.value),
      [
        `${path}: not valid JSON: unexpected end of JSON input; ${REWRITE}`,
        '',
        `checked ${dir}: site.yaml, status.json, 2 incident records, 12 sender records, 7 receiver records, 4 notes`,
        'records are written by mxstatus summarize: rather than editing one, run it again over your logs',
        '1 problem',
        '',
      ].join('\n'),
    );
  });
});

describe('invalid input', () => {
  test('a content directory that does not exist fails with the config exit code', async () => {
    const missing = join(work, 'nowhere');
    const result = await runCheck(missing);
    assert.ok(!result.ok);
    assert.equal(result.problem.exitCode, exitCodes.config);
    assert.equal(result.problem.message, `${missing}: no such folder; pass --content DIR, the folder that holds site.yaml`);
  });
});
