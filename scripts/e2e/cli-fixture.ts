/** What the command-line tests share: a scratch folder with a content directory, and running the CLI. */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** A new scratch folder holding `content/` with the project's site.yaml. */
export async function scratchWithContent(prefix: string): Promise<{ dir: string; content: string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const content = join(dir, 'content');
  await mkdir(content);
  await copyFile('content/site.yaml', join(content, 'site.yaml'));
  return { dir, content };
}

/** One Outlook.com connection lost during STARTTLS on mx2, and an anvil line: the smallest log with a failure. */
export const STARTTLS_ABORT_LINES: readonly string[] = [
  'Mar 23 17:02:30 mx2 postfix/smtpd[25931]: connect from mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]',
  'Mar 23 17:02:35 mx2 postfix/smtpd[25931]: lost connection after STARTTLS from mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]',
  'Mar 23 17:02:35 mx2 postfix/smtpd[25931]: disconnect from mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71] ehlo=1 starttls=1 commands=2',
  'Mar 23 17:03:00 mx2 postfix/anvil[900]: statistics: max connection rate 1/60s for (smtp:40.107.22.71) at Mar 23 17:02:30',
];

/** A scratch folder with `content/` and a `mail.log` of `lines`. */
export async function scratchWithLog(prefix: string, lines: readonly string[]): Promise<{ dir: string; content: string; log: string }> {
  const scratch = await scratchWithContent(prefix);
  const log = join(scratch.dir, 'mail.log');
  await writeFile(log, `${lines.join('\n')}\n`);
  return { ...scratch, log };
}

/** Runs `mxstatus ARGS…` to its end and returns its exit code and output. */
export function mxstatus(args: readonly string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/mxstatus.js', ...args], { encoding: 'utf8', ...(input === undefined ? {} : { input }) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir` with its text, by relative path in sorted order: for comparing record trees. */
export async function readTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(relative(dir, join(entry.parentPath, entry.name)), await readFile(join(entry.parentPath, entry.name), 'utf8'));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
