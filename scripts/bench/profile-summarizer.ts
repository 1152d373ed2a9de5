import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';
import { table } from './format-bench-report.ts';
import { freshContent } from './fresh-content.ts';
import { measureCommand } from './measure-command.ts';

/** The parts of a V8 CPU profile (`node --cpu-prof`) this reads. */
interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }; readonly children?: readonly number[] }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One function of a profile: where it is, and its share of the sampled time. */
export interface ProfileEntry {
  readonly name: string;
  readonly selfShare: number;
  readonly totalShare: number;
}

/**
 * Runs `mxstatus summarize` once on `logPath` under V8's sampling profiler (with the heap flag, as
 * it runs) and returns the functions that took the most time of their own, with the share of
 * everything they called too. `--profile` of `npm run bench` prints them: where to look next.
 *
 * @example
 * await profileSummarizer(logs.small.path, { repoRoot, nodePath: process.execPath }, 15)
 * // ok({ sampledMs: 5360, entries: [{ name: '(garbage collector)', selfShare: 0.153, totalShare: 0.153 }, …] })
 */
export async function profileSummarizer(
  logPath: string,
  setup: { readonly repoRoot: string; readonly nodePath: string },
  count: number,
): Promise<Result<{ sampledMs: number; entries: ProfileEntry[] }>> {
  const scratch = await mkdtemp(join(tmpdir(), 'mxstatus-bench-profile-'));
  try {
    const content = await freshContent(join(scratch, 'content'), setup.repoRoot);
    const profiles = join(scratch, 'profiles');
    const argv = [setup.nodePath, '--max-semi-space-size=2', '--cpu-prof', `--cpu-prof-dir=${profiles}`, 'scripts/mxstatus.js', 'summarize', '--quiet', '--content', content, '--tz', 'UTC', logPath];
    const run = await measureCommand(argv, { cwd: setup.repoRoot });
    if (!run.ok) return run;
    const [file] = (await readdir(profiles).catch(() => [])).filter((name) => name.endsWith('.cpuprofile'));
    if (run.value.exitCode !== 0 || !file) return fail(exitCodes.internal, `mxstatus summarize under the profiler exited with status ${run.value.exitCode} and ${file ? 'a' : 'no'} profile; run it by hand to see why`);
    const profile = JSON.parse(await readFile(join(profiles, file), 'utf8')) as CpuProfile;
    return ok(topFunctions(profile, setup.repoRoot, count));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The `count` functions with the most self time, each with its share of self and total time. */
export function topFunctions(profile: CpuProfile, repoRoot: string, count: number): { sampledMs: number; entries: ProfileEntry[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url.startsWith('file:') ? relative(repoRoot, fileURLToPath(url)) : url.replace(/^node:/, '');
    return `${functionName || '(anonymous)'}${where ? ` ${where}:${lineNumber + 1}` : ''}`;
  };
  const timeById = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    timeById.set(id, (timeById.get(id) ?? 0) + dt);
    total += dt;
  });
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, time] of timeById) {
    self.set(nameOf(id), (self.get(nameOf(id)) ?? 0) + time);
    // Each function once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = nameOf(at);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + time);
    }
  }
  const entries = [...self]
    .filter(([name]) => name !== '(idle)' && name !== '(root)' && name !== '(program)')
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, count)
    .map(([name, time]) => ({ name, selfShare: time / total, totalShare: (inclusive.get(name) ?? time) / total }));
  return { sampledMs: total / 1000, entries };
}

/** The profile in the benchmark's report. */
export function formatProfile(logName: string, profile: { sampledMs: number; entries: readonly ProfileEntry[] }): string {
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  const rows = [['function', 'self', 'with callees'], ...profile.entries.map((e) => [e.name, percent(e.selfShare), percent(e.totalShare)])];
  return [
    `Profile of mxstatus summarize on ${logName} (--profile; ${(profile.sampledMs / 1000).toFixed(2)} s sampled, one run): the functions with the most time of their own`,
    '',
    ...table(rows, ['l', 'r', 'r']),
    '',
  ].join('\n');
}
