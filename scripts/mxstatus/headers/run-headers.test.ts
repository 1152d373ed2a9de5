import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exitCodes } from '../../../src/core/problem.ts';
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

describe('runHeaders', () => {
  describe('invalid input', () => {
    test('a malformed incident record is a one-line problem naming the file, with the config exit code', async () => {
      const path = join(content, 'records', 'incidents', '2026-03-19-microsoft-tls-failure.json');
      await writeFile(join(content, 'records', 'status.json'), '{"asOf":"2026-03-23T18:00:00.000Z","overall":"none","senders":[]}\n');
      await writeFile(path, '{ "id": "2026-03-19-microsoft-tls-failure", \n}\n');
      const result = await runHeaders(content, { text: headers, source: 'standard input' });
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
