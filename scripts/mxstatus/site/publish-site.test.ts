import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exitCodes } from '../../../src/core/problem.ts';
import { inspectOutDir, SITE_MARKER } from './out-dir.ts';
import { publishSite, removeLeftovers } from './publish-site.ts';

let dir: string;
let n = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mxstatus-publish-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** A built site in a scratch folder, its home page saying `text`. */
async function built(text: string): Promise<string> {
  const staged = join(dir, `staged-${n++}`);
  await mkdir(staged);
  await writeFile(join(staged, 'index.html'), text);
  await writeFile(join(staged, SITE_MARKER), 'mxstatus\n');
  return staged;
}

/** A place of its own for each test, with a content directory and a checkout beside it. */
async function place(): Promise<{ root: string; out: string; guard: { contentDir: string; checkout: string; statePath: string } }> {
  const root = join(dir, `place-${n++}`);
  await mkdir(join(root, 'content'), { recursive: true });
  await mkdir(join(root, 'checkout'));
  await writeFile(join(root, 'content', 'site.yaml'), 'name: x\n');
  return { root, out: join(root, 'dist'), guard: { contentDir: join(root, 'content'), checkout: join(root, 'checkout'), statePath: join(root, 'state', 'mxstatus.state') } };
}

async function publish(out: string, guard: Parameters<typeof inspectOutDir>[1], text: string): Promise<void> {
  const current = await inspectOutDir(out, guard);
  assert.ok(current.ok, current.ok ? '' : current.problem.message);
  await publishSite(await built(text), out, current.value);
}

describe('inspectOutDir refuses what mxstatus did not build', () => {
  test('the content directory, a folder holding it, the state file or the checkout: refused with exit 9, nothing touched', async () => {
    const { root, guard } = await place();
    for (const out of [guard.contentDir, root, guard.checkout, join(root, 'state', 'mxstatus.state'), join(root, 'state')]) {
      const result = await inspectOutDir(out, guard);
      assert.equal(result.ok, false, out);
      if (result.ok) continue;
      assert.equal(result.problem.exitCode, exitCodes.outRefused);
      assert.match(result.problem.message, /not replaced, it (is|holds) (the content directory|the state file|the mxstatus checkout)/);
      assert.doesNotMatch(result.problem.message, /\n/);
    }
    assert.equal(await readFile(join(guard.contentDir, 'site.yaml'), 'utf8'), 'name: x\n');
  });

  test('a folder of other files, a file, a link to a folder it did not build: refused', async () => {
    const { root, guard } = await place();
    await mkdir(join(root, 'www'));
    await writeFile(join(root, 'www', 'index.html'), 'mine');
    await writeFile(join(root, 'file'), 'x');
    await symlink('www', join(root, 'link'));
    for (const [out, why] of [['www', /folder that mxstatus did not build/], ['file', /a file, not a folder/], ['link', /link to a folder that mxstatus did not build/]] as const) {
      const result = await inspectOutDir(join(root, out), guard);
      assert.ok(!result.ok && why.test(result.problem.message), out);
    }
    assert.equal(await readFile(join(root, 'www', 'index.html'), 'utf8'), 'mine');
  });

  test('a missing or empty folder is taken', async () => {
    const { root, guard } = await place();
    await mkdir(join(root, 'empty'));
    assert.deepEqual(await inspectOutDir(join(root, 'missing'), guard), { ok: true, value: { kind: 'missing' } });
    assert.deepEqual(await inspectOutDir(join(root, 'empty'), guard), { ok: true, value: { kind: 'empty' } });
  });
});

describe('publishSite', () => {
  test('--out becomes a link to a complete site, replaced in one step; the old site is removed', async () => {
    const { root, out, guard } = await place();
    await publish(out, guard, 'first');
    assert.ok((await lstat(out)).isSymbolicLink());
    assert.equal(await readFile(join(out, 'index.html'), 'utf8'), 'first');
    const firstTarget = await readlink(out);
    await publish(out, guard, 'second');
    assert.equal(await readFile(join(out, 'index.html'), 'utf8'), 'second');
    assert.notEqual(await readlink(out), firstTarget);
    assert.deepEqual((await readdir(root)).filter((f) => f.startsWith('.dist.')), [await readlink(out)]);
  });

  test('a plain folder from an older build becomes a link, once', async () => {
    const { root, out, guard } = await place();
    await mkdir(out);
    await writeFile(join(out, 'index.html'), 'old');
    await writeFile(join(out, SITE_MARKER), 'mxstatus\n');
    await publish(out, guard, 'new');
    assert.ok((await lstat(out)).isSymbolicLink());
    assert.equal(await readFile(join(out, 'index.html'), 'utf8'), 'new');
    assert.deepEqual((await readdir(root)).filter((f) => f.startsWith('.dist.')).length, 1);
  });

  test('what a killed run left beside --out is removed by the next; nothing else is', async () => {
    const { root, out, guard } = await place();
    await publish(out, guard, 'live');
    const killed = join(root, '.dist.site-0badc0de');
    await mkdir(killed);
    await writeFile(join(killed, SITE_MARKER), 'mxstatus\n');
    await mkdir(join(root, '.dist.new-12345678'));
    await symlink('nowhere', join(root, '.dist.link-87654321'));
    await mkdir(join(root, '.dist.site-notours1'));
    const foreign = join(root, '.dist.site-abcdef12');
    await mkdir(foreign);
    await writeFile(join(foreign, 'keep.txt'), 'not built by mxstatus');
    const removed = await removeLeftovers(out);
    assert.deepEqual(removed.map((p) => p.slice(root.length + 1)).sort(), ['.dist.link-87654321', '.dist.new-12345678', '.dist.site-0badc0de']);
    assert.equal(await readFile(join(foreign, 'keep.txt'), 'utf8'), 'not built by mxstatus');
    assert.equal(await readFile(join(out, 'index.html'), 'utf8'), 'live');
  });
});
