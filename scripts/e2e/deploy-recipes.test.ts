/**
 * The deployment recipes in scripts/deploy/ as written: the systemd unit's ExecStart and the cron
 * line run, with their paths moved into a scratch folder, against a log that grows and rotates;
 * the records must equal those of one run over the whole log, and the site must be there after
 * every run. The web server snippets must send the site's own Content-Security-Policy.
 *
 * Six runs, one Astro build: the last run of the systemd unit builds the real site; in the others
 * skip-astro-build.ts stands in for `astro build` inside the recipe's command, and the page it
 * leaves in the recipe's --out names the content directory the build was given.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFile, copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { LOCALES } from '../../src/core/contract.ts';
import { contentSecurityPolicy } from '../../src/core/content-security-policy.ts';
import { runSummarize } from '../mxstatus/run-summarize.ts';
import { scratchCacheDir } from '../browser/build-demo-site.ts';
import { readTree, scratchWithContent } from './cli-fixture.ts';
import { demoRecords } from './demo-fixture.ts';
import { skippedBuildPage, skippingAstroBuild } from './skip-astro-build.ts';

const DEPLOY = 'scripts/deploy';
let dir: string;
let mx1: Buffer;
let full: Map<string, string>;
/** The recipe's content directories: the one a real build ran on leaves an Astro cache. */
const contentDirs: string[] = [];

/** The recipe's command with its paths moved under `root`: the checkout is this one. */
function relocate(command: string, root: string): string {
  return command
    .replaceAll('/opt/mxstatus', process.cwd())
    .replaceAll('/srv/mxstatus', join(root, 'srv'))
    .replaceAll('/var/lib/mxstatus', join(root, 'var-lib'))
    .replaceAll('/var/log/mail.log', join(root, 'log', 'mail.log'));
}

before(async () => {
  ({ dir } = await scratchWithContent('mxstatus-deploy-'));
  mx1 = await readFile(join((await demoRecords()).logs, 'mx1', 'mail.log'));
  // The truth: one run over the whole log.
  await writeFile(join(dir, 'whole.log'), mx1);
  const whole = await runSummarize({ contentDir: join(dir, 'content'), inputs: [join(dir, 'whole.log')], nowMs: Date.now() });
  assert.ok(whole.ok);
  full = await readTree(join(dir, 'content', 'records'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
  for (const content of contentDirs) await rm(scratchCacheDir(content), { recursive: true, force: true });
});

type Run = (env: NodeJS.ProcessEnv) => { status: number | null; stderr: string };

const skippingBuild = skippingAstroBuild();

/**
 * Runs a recipe three times while its log grows, rotating it (logrotate `create`) before the last
 * run. `build`: whether the last run builds the real site; every other run's build is skipped.
 */
async function runGrowing(root: string, run: Run, build: 'last' | 'never'): Promise<void> {
  const content = join(root, 'srv', 'content');
  contentDirs.push(content);
  await mkdir(content, { recursive: true });
  await mkdir(join(root, 'log'), { recursive: true });
  await mkdir(join(root, 'var-lib'), { recursive: true });
  await copyFile('content/site.yaml', join(root, 'srv', 'content', 'site.yaml'));
  const log = join(root, 'log', 'mail.log');
  const cut = (share: number) => {
    const newline = mx1.indexOf(10, Math.round(mx1.length * share));
    return newline < 0 ? mx1.length : newline + 1;
  };
  const steps = [cut(0.4), cut(0.75), mx1.length];
  let done = 0;
  for (const [i, to] of steps.entries()) {
    if (i === 2) {
      await appendFile(log, mx1.subarray(done, cut(0.85)));
      done = cut(0.85);
      await rename(log, `${log}.1`);
    }
    await appendFile(log, mx1.subarray(done, to));
    done = to;
    const real = build === 'last' && i === steps.length - 1;
    const result = run(real ? process.env : skippingBuild);
    assert.equal(result.status, 0, result.stderr);
    const home = await readFile(join(root, 'srv', 'dist', 'index.html'), 'utf8');
    if (real) assert.match(home, /<html lang="de"/);
    else assert.equal(home, skippedBuildPage(content), 'the build was not given the recipe\'s content and --out');
  }
  const records = await readTree(join(root, 'srv', 'content', 'records'));
  assert.deepEqual([...records.keys()].sort(), [...full.keys()].sort());
  for (const [path, text] of full) assert.equal(records.get(path), text, `${path} differs from one run over the whole log`);
}

describe('the deployment recipes, run as written', () => {
  test('the systemd unit: its ExecStart, every five minutes against a growing, rotating log', { timeout: 180_000 }, async () => {
    const unit = await readFile(join(DEPLOY, 'mxstatus.service'), 'utf8');
    const execStart = /^ExecStart=(.+)$/m.exec(unit)?.[1];
    const workingDirectory = /^WorkingDirectory=(.+)$/m.exec(unit)?.[1];
    assert.ok(execStart && workingDirectory);
    assert.match(unit, /^StateDirectory=mxstatus$/m);
    assert.match(unit, /^SuccessExitStatus=7$/m);
    const root = join(dir, 'systemd');
    // systemd splits ExecStart like a shell without expansion; the pattern is single-quoted for mxstatus.
    await runGrowing(root, (env) => spawnSync('sh', ['-c', relocate(execStart, root)], { cwd: relocate(workingDirectory, root), encoding: 'utf8', env }), 'last');
  });

  test('the cron line, against a growing, rotating log', { timeout: 180_000 }, async () => {
    const cron = (await readFile(join(DEPLOY, 'mxstatus.cron'), 'utf8')).split('\n').find((line) => /^\*\/5 /.test(line));
    assert.ok(cron);
    const [, user, command] = /^(?:\S+\s+){5}(\S+)\s+(.+)$/.exec(cron) ?? [];
    assert.equal(user, 'mxstatus');
    assert.ok(command);
    const root = join(dir, 'cron');
    await runGrowing(root, (env) => spawnSync('sh', ['-c', relocate(command, root)], { encoding: 'utf8', env }), 'never');
  });

  test('nginx and Caddy send the policy the pages carry, with frame-ancestors, and cache hashed assets for a year', async () => {
    const policy = `${contentSecurityPolicy}; frame-ancestors 'none'`;
    const nginx = await readFile(join(DEPLOY, 'nginx.conf'), 'utf8');
    const caddy = await readFile(join(DEPLOY, 'Caddyfile'), 'utf8');
    assert.ok(nginx.includes(`add_header Content-Security-Policy "${policy}" always;`), 'nginx.conf: the policy differs from src/core/content-security-policy.ts');
    assert.ok(caddy.includes(`Content-Security-Policy "${policy}"`), 'Caddyfile: the policy differs from src/core/content-security-policy.ts');
    for (const text of [nginx, caddy]) {
      assert.match(text, /max-age=31536000, immutable/);
      assert.match(text, /X-Content-Type-Options "nosniff"/);
      assert.match(text, /\/srv\/mxstatus\/dist/);
    }
  });

  test("nginx and Caddy let other sites read the API of every language, whichever is the default", async () => {
    const nginx = await readFile(join(DEPLOY, 'nginx.conf'), 'utf8');
    const caddy = await readFile(join(DEPLOY, 'Caddyfile'), 'utf8');
    const apiLocation = /location ~ (\S+) \{[^}]*Access-Control-Allow-Origin/.exec(nginx)?.[1];
    assert.ok(apiLocation, 'nginx.conf: no location allows other origins');
    const nginxApi = new RegExp(apiLocation);
    const caddyApi = /@api path (.+)/.exec(caddy)?.[1]?.split(' ') ?? [];
    // The default language's API at /api/, the others' under their prefix: every locale may be either.
    for (const path of ['/api/v2/summary.json', ...LOCALES.map((l) => `/${l}/api/v2/summary.json`)]) {
      assert.ok(nginxApi.test(path), `nginx.conf: ${path}`);
      assert.ok(caddyApi.some((pattern) => new RegExp(`^${pattern.replace(/\*/g, '.*')}$`).test(path)), `Caddyfile: ${path}`);
    }
  });
});
