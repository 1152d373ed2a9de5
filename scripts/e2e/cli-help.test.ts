/**
 * `mxstatus --help` as a newcomer meets it: every command listed, and nothing loaded for it but
 * the command line's wiring. The summarizer, Astro and the header analysis load only when their
 * command runs, every command in one Node. How fast help is, `npm run bench` measures; tests do
 * not time things.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exitCodeMeanings, exitCodes } from '../../src/core/problem.ts';
import { mxstatus, scratchWithLog, STARTTLS_ABORT_LINES } from './cli-fixture.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RECORDER = fileURLToPath(new URL('./record-loaded-modules.ts', import.meta.url));

let dir: string;
let content: string;
let log: string;

before(async () => {
  ({ dir, content, log } = await scratchWithLog('mxstatus-help-', STARTTLS_ABORT_LINES));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The commands there are: one file each under scripts/mxstatus/commands/. */
async function commandFiles(): Promise<string[]> {
  return (await readdir(join(ROOT, 'scripts/mxstatus/commands'))).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
}

/** The command names of the Commands: section of a help text. */
function listedCommands(help: string): string[] {
  const section = help.slice(help.indexOf('\nCommands:\n'));
  return [...section.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]!).sort();
}

interface LoadingProcess {
  readonly heapFlag: boolean;
  /** Modules of the repository by path, packages by name, Node's built-ins as `node:…`. */
  readonly modules: string[];
}

/** Runs `mxstatus ARGS…` and returns, per Node process it took, what that process loaded. */
async function loadedBy(args: readonly string[]): Promise<{ code: number | null; stderr: string; processes: LoadingProcess[] }> {
  const scratch = await mkdtemp(join(tmpdir(), 'mxstatus-modules-'));
  try {
    const file = join(scratch, 'modules.jsonl');
    const run = spawnSync(process.execPath, ['--import', RECORDER, 'scripts/mxstatus.js', ...args], {
      encoding: 'utf8',
      env: { ...process.env, MXSTATUS_LOADED_MODULES: file },
    });
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const processes = lines.map((line) => {
      const { heapFlag, modules } = JSON.parse(line) as { heapFlag: boolean; modules: string[] };
      return { heapFlag, modules: [...new Set(modules.map(moduleName))] };
    });
    return { code: run.status, stderr: run.stderr, processes };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function moduleName(url: string): string {
  if (!url.startsWith('file:')) return url;
  const path = relative(ROOT, fileURLToPath(url));
  return /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path;
}

/** What help may load: scripts/mxstatus.js, the wiring, the command files and what they share, commander. */
const WIRING = /^(?:node:.*|commander|scripts\/mxstatus\.js|scripts\/mxstatus\/cli\.ts|scripts\/mxstatus\/commands\/[a-z-]+\.ts|scripts\/mxstatus\/cli\/(?:report|option-parsers|summarize-options)\.ts|scripts\/mxstatus\/terminal-text\.ts|src\/core\/(?:problem|contract)\.ts)$/;

describe('mxstatus --help', () => {
  test('lists every command, one file each under scripts/mxstatus/commands/, and help', async () => {
    const { code, stdout } = mxstatus(['--help']);
    assert.equal(code, 0);
    assert.deepEqual(listedCommands(stdout), [...(await commandFiles()), 'help'].sort());
    assert.equal(mxstatus(['help']).stdout, stdout);
  });

  test('lists every exit code of src/core/problem.ts with its meaning, after the commands', () => {
    const { stdout } = mxstatus(['--help']);
    const section = stdout.slice(stdout.indexOf('\nExit codes:\n'));
    assert.ok(stdout.indexOf('\nCommands:\n') < stdout.indexOf('\nExit codes:\n'), stdout);
    for (const [name, code] of Object.entries(exitCodes)) {
      assert.ok(section.includes(`\n  ${String(code).padStart(2)}  ${exitCodeMeanings[name as keyof typeof exitCodes]}\n`), `exit code ${code} (${name})`);
    }
  });

  test('--version and -V print the version of package.json and exit 0', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) assert.deepEqual(mxstatus([flag]), { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('demo-logs names its required --out in the usage line', () => {
    assert.match(mxstatus(['demo-logs', '--help']).stdout, /^Usage: mxstatus demo-logs --out <dir> \[--seed <n>\]\n/);
  });

  test('every command has its own help', async () => {
    for (const command of await commandFiles()) {
      const { code, stdout } = mxstatus([command, '--help']);
      assert.equal(code, 0, command);
      assert.match(stdout, new RegExp(`^Usage: mxstatus ${command} `), command);
    }
  });

  test('loads nothing but the wiring, in one Node: no parser, no Astro, no header analysis', async () => {
    const commands = await commandFiles();
    for (const args of [['--help'], ['help'], [], ['help', 'summarize'], ...commands.map((c) => [c, '--help'])]) {
      const { processes } = await loadedBy(args);
      assert.equal(processes.length, 1, `mxstatus ${args.join(' ')}: ${processes.length} Node processes`);
      assert.deepEqual(processes[0]!.modules.filter((m) => !WIRING.test(m)), [], `mxstatus ${args.join(' ')}`);
    }
  });
});

describe('an older Node', () => {
  // Debian's own Node (20) where it is installed, as on the machines this runs on.
  const systemNode = spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' });
  const old = systemNode.status === 0 && Number(/^v(\d+)/.exec(systemNode.stdout)?.[1]) < 22;
  test('running scripts/mxstatus.js gets one line naming the Node to use, and exit 2', { skip: !old && 'no Node older than 22 at /usr/bin/node' }, () => {
    // Without the test run's NODE_OPTIONS: they preload TypeScript, which that Node cannot load.
    const { NODE_OPTIONS: _, ...env } = process.env;
    const run = spawnSync('/usr/bin/node', ['scripts/mxstatus.js', '--help'], { encoding: 'utf8', env });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^mxstatus: needs Node 22\.19 or later, this is [\d.]+; run it with the Node npm install brings: node_modules\/\.bin\/node scripts\/mxstatus\.js, or npm run mxstatus --\n$/);
  });
});

describe('what a command loads', () => {
  test('summarize runs in one Node (no second start), which loads the summarizer', async () => {
    const { code, stderr, processes } = await loadedBy(['summarize', '--content', content, '--quiet', log]);
    assert.equal(code, 0, stderr);
    assert.equal(processes.length, 1);
    assert.ok(processes[0]!.modules.includes('scripts/mxstatus/run-summarize.ts'));
  });

  test('check runs in one Node, and loads the summarizer’s parser not at all', async () => {
    const { processes } = await loadedBy(['check', '--content', content]);
    assert.equal(processes.length, 1);
    assert.ok(processes[0]!.modules.includes('scripts/mxstatus/check/run-check.ts'));
    assert.ok(!processes[0]!.modules.some((m) => m.startsWith('scripts/mxstatus/parse/')));
  });
});
