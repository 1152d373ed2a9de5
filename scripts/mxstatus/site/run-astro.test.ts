import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { astroEnvironment, failedBuildLogPath, pruneFailedBuildLogs } from './run-astro.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mxstatus-failed-builds-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pruneFailedBuildLogs', () => {
  test('keeps the newest failed-build logs and touches nothing else in the folder', async () => {
    const logs = Array.from({ length: 14 }, (_, i) => `failed-build-2026-12-06T21-${String(i).padStart(2, '0')}-00-000Z-a1b2c3.log`);
    const others = ['a1b2c3d4', 'failed-build-notes.txt', 'mine.log'];
    for (const name of [...logs, ...others]) await writeFile(join(dir, name), 'x');
    await pruneFailedBuildLogs(dir, 10);
    assert.deepEqual((await readdir(dir)).sort(), [...logs.slice(4), ...others].sort());
  });

  test('the path of a new log is one of those it prunes, in the folder given, and later ones sort after', async () => {
    const first = failedBuildLogPath(dir);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = failedBuildLogPath(dir);
    assert.equal(dirname(first), dir);
    assert.match(basename(first), /^failed-build-.*\.log$/);
    assert.ok(basename(first) < basename(second));
  });

  test('a folder that does not exist is no error', async () => {
    await pruneFailedBuildLogs(join(dir, 'missing'), 10);
  });
});

describe('astroEnvironment', () => {
  test("hands the bundler's freed memory back unless the caller set its own, and says the content directory", () => {
    const env = astroEnvironment({ PATH: '/usr/bin', MIMALLOC_PURGE_DELAY: '50' }, '/srv/content', true);
    assert.equal(env.MIMALLOC_PURGE_DELAY, '50');
    assert.equal(env.MIMALLOC_ARENA_EAGER_COMMIT, '0');
    assert.equal(env.MXSTATUS_CONTENT, '/srv/content');
    assert.equal(env.ASTRO_TELEMETRY_DISABLED, '1');
    assert.equal(env.MXSTATUS_ASTRO_LOG_LEVEL, 'warn');
    assert.equal(env.PATH, '/usr/bin');
    assert.equal(astroEnvironment({}, 'c', false).MIMALLOC_PURGE_DELAY, '0');
    assert.equal(astroEnvironment({}, 'c', false).MXSTATUS_ASTRO_LOG_LEVEL, undefined);
  });
});
