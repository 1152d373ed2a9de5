/** What the command-line tests share: a scratch folder with a content directory, and running the CLI. */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new scratch folder holding `content/` with the project's site.yaml. */
export async function scratchWithContent(prefix: string): Promise<{ dir: string; content: string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const content = join(dir, 'content');
  await mkdir(content);
  await copyFile('content/site.yaml', join(content, 'site.yaml'));
  return { dir, content };
}

/** Runs `mxstatus ARGS…` to its end and returns its exit code and output. */
export function mxstatus(args: readonly string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/mxstatus.ts', ...args], { encoding: 'utf8', ...(input === undefined ? {} : { input }) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
