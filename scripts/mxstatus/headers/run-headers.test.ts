import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locale } from '../../../src/core/contract.ts';
import { MAX_HEADER_CHARS } from '../../../src/core/headers/analyse-headers.ts';
import { exitCodes } from '../../../src/core/problem.ts';
import { loadHeadersSite, type HeadersSite } from './load-headers-site.ts';
import { runHeaders } from './run-headers.ts';

const SAMPLE = new URL('../../../src/core/headers/samples/outlook-delayed-by-demo-incident.txt', import.meta.url);

let dir: string;
let content: string;
let headers: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mxstatus-run-headers-'));
  content = join(dir, 'content');
  await mkdir(join(content, 'records', 'incidents'), { recursive: true });
  await copyFile('content/site.yaml', join(content, 'site.yaml'));
  headers = await readFile(SAMPLE, 'utf8');
});
after(() => rm(dir, { recursive: true, force: true }));

/** The temporary content folder, in `locale`. */
async function site(locale: Locale): Promise<HeadersSite> {
  const loaded = await loadHeadersSite(content, locale);
  assert.ok(loaded.ok);
  return loaded.value;
}

/** The one-line message of `runHeaders` on text that is no headers. */
async function refusal(locale: Locale, text: string, file: string | null): Promise<string> {
  const result = await runHeaders(await site(locale), { text, file });
  assert.ok(!result.ok);
  assert.equal(result.problem.exitCode, exitCodes.input);
  return result.problem.message;
}

describe('runHeaders', () => {
  describe('invalid input', () => {
    test('nothing on standard input: one sentence in the language of the report', async () => {
      assert.equal(await refusal('de', '', null), 'Über die Standardeingabe kam nichts an: Fügen Sie die Kopfzeilen der verspäteten E-Mail ein oder nennen Sie die Datei, in der sie stehen.');
      assert.equal(await refusal('en', ' \n\n', null), 'Nothing came in on standard input: paste the headers of the late email, or name the file that holds them.');
    });

    test('an empty file: one sentence naming it, in the language of the report', async () => {
      assert.equal(await refusal('de', '', 'late-email.eml'), 'late-email.eml ist leer: Nennen Sie die Datei mit den Kopfzeilen der verspäteten E-Mail.');
      assert.equal(await refusal('en', '', 'late-email.eml'), 'late-email.eml is empty: name the file that holds the headers of the late email.');
    });

    test("text that is no headers: where it came from and the page's words, all in the language of the report", async () => {
      assert.match(await refusal('de', 'Meine E-Mail kam zu spät!\n', null), /^Standardeingabe: Das sieht nicht nach Kopfzeilen aus: /);
      assert.match(await refusal('en', 'My email is late!\n', null), /^standard input: This does not look like email headers: /);
      assert.match(await refusal('de', 'Meine E-Mail kam zu spät!\n', 'late-email.eml'), /^late-email\.eml: Das sieht nicht nach Kopfzeilen aus: /);
    });

    test('too long: one line in the words of the command line', async () => {
      const message = await refusal('de', 'Received: x\n'.repeat(MAX_HEADER_CHARS / 10), null);
      assert.equal(message, 'standard input: over 512 KB of text before the first blank line, more than email headers ever are; pass only the headers of the late email');
    });

    test('a malformed incident record is a one-line problem naming the file, with the config exit code', async () => {
      const path = join(content, 'records', 'incidents', '2026-03-19-microsoft-tls-failure.json');
      await writeFile(join(content, 'records', 'status.json'), '{"asOf":"2026-03-23T18:00:00.000Z","overall":"none","senders":[]}\n');
      await writeFile(path, '{ "id": "2026-03-19-microsoft-tls-failure", \n}\n');
      const result = await runHeaders(await site('de'), { text: headers, file: null });
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.problem.exitCode, exitCodes.config);
      assert.ok(result.problem.message.startsWith(`${path}:2: not valid JSON`), result.problem.message);
      assert.match(result.problem.message, /run mxstatus summarize again/);
      assert.doesNotMatch(result.problem.message, /\n/);
    });

    test('mxstatus headers says so in one line on standard error and exits 3, not with an internal error', () => {
      const run = spawnSync(process.execPath, ['scripts/mxstatus.js', 'headers', '--content', content], { encoding: 'utf8', input: headers });
      assert.equal(run.status, exitCodes.config, run.stderr);
      assert.equal(run.stdout, '');
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0]!, /^mxstatus: .*2026-03-19-microsoft-tls-failure\.json:2: not valid JSON/);
      assert.doesNotMatch(run.stderr, /internal error|SyntaxError/);
    });
  });
});
