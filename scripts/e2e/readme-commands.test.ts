/**
 * Every shell block of README.md, run as written on a machine like a fresh one: the system's Node
 * (20 on Debian), a PATH of /usr/bin:/bin and a home of its own, in a scratch copy of the
 * checkout whose node_modules is this one's (what `npm install` brought). Paths of a production
 * machine (/srv/mxstatus, /var/lib/mxstatus, /var/log/mail.log) are moved into the scratch folder.
 *
 * A block may carry a mark on the line before it, `<!-- README test: … -->`, that says how:
 * - `skip (why)`: not run; the reason is printed with the skipped test.
 * - `given "CMD"`: CMD is done already (`npm install`: the copy has node_modules).
 * - `until "TEXT"`: the block serves until stopped: it runs until TEXT appears in its output, the
 *   site must then answer at http://localhost:4321/, and the block is stopped.
 * - `stand-in build`: skip-astro-build.ts stands in for `astro build` (one real build is enough,
 *   and the quick start makes it).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scratchCacheDir } from '../browser/build-demo-site.ts';
import { STARTTLS_ABORT_LINES } from './cli-fixture.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface ReadmeBlock {
  /** The line of README.md the block's fence opens on. */
  readonly line: number;
  readonly script: string;
  readonly skip: string | null;
  readonly given: string | null;
  readonly until: string | null;
  readonly standInBuild: boolean;
}

const MARK = /^<!-- README test: (.*) -->$/;

/** The ```sh blocks of a Markdown text, with their marks. */
function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)```sh$/.exec(lines[i]!);
    if (!fence) continue;
    const indent = fence[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j]!.trim() !== '```'; j++) body.push(lines[j]!.slice(indent));
    const previous = lines.slice(0, i).reverse().find((l) => l.trim() !== '')?.trim() ?? '';
    const mark = MARK.exec(previous)?.[1] ?? '';
    blocks.push({
      line: i + 1,
      script: body.join('\n'),
      skip: /\bskip \(([^)]+)\)/.exec(mark)?.[1] ?? null,
      given: /\bgiven "([^"]+)"/.exec(mark)?.[1] ?? null,
      until: /\buntil "([^"]+)"/.exec(mark)?.[1] ?? null,
      standInBuild: /\bstand-in build\b/.test(mark),
    });
    i = j;
  }
  return blocks;
}

let scratch: string;
let checkout: string;

/** The block's script with a production machine's paths moved into the scratch folder. */
function relocate(script: string): string {
  return script
    .replaceAll('/srv/mxstatus', join(scratch, 'srv'))
    .replaceAll('/var/lib/mxstatus', join(scratch, 'var-lib'))
    .replaceAll('/var/log/mail.log', join(scratch, 'var-log', 'mail.log'));
}

/** A fresh machine's environment: the system's PATH, a home of its own; the run's compile cache only to be quick. */
function freshEnv(block: ReadmeBlock): NodeJS.ProcessEnv {
  return {
    PATH: '/usr/bin:/bin',
    HOME: join(scratch, 'home'),
    LANG: 'C.UTF-8',
    ...(process.env.NODE_COMPILE_CACHE ? { NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE } : {}),
    ...(block.standInBuild ? { NODE_OPTIONS: `--import=${join(checkout, 'scripts/e2e/skip-astro-build.ts')}` } : {}),
  };
}

const canUseNetworkNamespace = process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0;

/** Runs a serving block until `until` appears, checks that the site answers, then stops it. */
async function runUntilServing(script: string, block: ReadmeBlock): Promise<{ said: string; status: number }> {
  // A network of its own, when root may make one, so that port 4321 is free whatever else runs here.
  const [command, args] = canUseNetworkNamespace
    ? ['unshare', ['-n', 'sh', '-c', '/usr/sbin/ip link set lo up && exec bash -c "$0"', script]]
    : ['bash', ['-c', script]];
  const child = spawn(command, args, { cwd: checkout, env: freshEnv(block), detached: true });
  let said = '';
  const seen = new Promise<boolean>((resolve) => {
    const look = (chunk: Buffer) => {
      said += chunk.toString('utf8');
      if (said.includes(block.until!)) resolve(true);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('close', () => resolve(false));
  });
  try {
    assert.ok(await seen, `${block.script}: ended before it said ${JSON.stringify(block.until)}:\n${said}`);
    // The preview listens a moment after it is started.
    for (let attempt = 0; attempt < 50; attempt++) {
      const inside = canUseNetworkNamespace ? ['nsenter', `--net=/proc/${child.pid}/ns/net`] : [];
      const curl = spawnSync(inside[0] ?? 'curl', [...inside.slice(1), ...(inside.length > 0 ? ['curl'] : []), '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://localhost:4321/'], { encoding: 'utf8' });
      if (curl.stdout === '200') return { said, status: 200 };
      await new Promise((r) => setTimeout(r, 200));
    }
    return { said, status: 0 };
  } finally {
    if (child.exitCode === null) {
      process.kill(-child.pid!, 'SIGINT');
      await new Promise((resolve) => child.once('close', resolve));
    }
  }
}

const blocks = readmeBlocks(await readFile(join(ROOT, 'README.md'), 'utf8'));

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mxstatus-readme-'));
  checkout = join(scratch, 'checkout');
  // The files git has, as a clone would; node_modules is this checkout's (what npm install brought).
  const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const file of tracked) {
    await mkdir(dirname(join(checkout, file)), { recursive: true });
    await cp(join(ROOT, file), join(checkout, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // deleted in the working tree, not yet committed
    });
  }
  await symlink(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
  await mkdir(join(scratch, 'home'));
  await mkdir(join(scratch, 'srv', 'content'), { recursive: true });
  await cp(join(ROOT, 'content', 'site.yaml'), join(scratch, 'srv', 'content', 'site.yaml'));
  await mkdir(join(scratch, 'var-lib'));
  await mkdir(join(scratch, 'var-log'));
  await writeFile(join(scratch, 'var-log', 'mail.log'), `${STARTTLS_ABORT_LINES.join('\n')}\n`);
});
after(async () => {
  // The quick start's build leaves Astro's cache of the copy's content/ in the shared node_modules.
  await rm(scratchCacheDir(join(checkout, 'content')), { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

describe('the shell blocks of README.md, run as written with the system Node and PATH', () => {
  test('there are blocks, and few are skipped', () => {
    assert.ok(blocks.length >= 5, `${blocks.length} blocks`);
    assert.ok(blocks.filter((b) => b.skip !== null).length <= 3, 'keep the skipped blocks few');
    assert.equal(blocks.filter((b) => b.until !== null).length, 1, 'one block serves (the quick start)');
  });

  for (const block of blocks) {
    const name = `README.md:${block.line}: ${block.script.split('\n')[0]}`;
    test(name, { skip: block.skip ?? false, timeout: 180_000 }, async () => {
      let script = relocate(block.script);
      if (block.given !== null) {
        assert.ok(script.startsWith(`${block.given} && `), `the block starts with ${block.given}`);
        script = script.slice(`${block.given} && `.length);
      }
      if (block.until !== null) {
        const { said, status } = await runUntilServing(script, block);
        assert.equal(status, 200, `http://localhost:4321/ did not answer:\n${said}`);
        assert.doesNotMatch(said, /generating static routes|├─/, 'Astro lists no route');
        return;
      }
      const run = spawnSync('bash', ['-e', '-c', script], { cwd: checkout, env: freshEnv(block), encoding: 'utf8' });
      assert.equal(run.status, 0, `${block.script}\n${run.stdout}\n${run.stderr}`);
      assert.doesNotMatch(run.stderr, /ERR_UNKNOWN_FILE_EXTENSION|needs Node 22/);
    });
  }
});
