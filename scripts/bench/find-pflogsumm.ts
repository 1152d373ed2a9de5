import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';

/** pflogsumm ready to run, or why not and how to get it. */
export type PflogsummStatus =
  | { readonly available: true; readonly path: string; readonly version: string; readonly installedNow: boolean }
  | { readonly available: false; readonly reason: string; readonly howToInstall: string };

export const PFLOGSUMM = '/usr/sbin/pflogsumm';
const HOW_TO_INSTALL = 'sudo apt-get install pflogsumm   (Debian/Ubuntu package "pflogsumm"), then run the benchmark again';

/**
 * Finds Debian's pflogsumm, installing it with apt-get when it is missing and we run as root.
 * Never throws: an unavailable pflogsumm is reported in its column, not skipped.
 *
 * @example
 * const pflogsumm = await findPflogsumm((line) => console.error(line));
 * // { available: true, path: '/usr/sbin/pflogsumm', version: 'pflogsumm 1.1.5', installedNow: false }
 */
export async function findPflogsumm(say: (line: string) => void): Promise<PflogsummStatus> {
  let installedNow = false;
  if (!(await isExecutable(PFLOGSUMM))) {
    if (process.getuid?.() !== 0) {
      say(`${PFLOGSUMM} is missing and installing needs root; its column stays empty. Install: ${HOW_TO_INSTALL}`);
      return { available: false, reason: `${PFLOGSUMM} is not installed`, howToInstall: HOW_TO_INSTALL };
    }
    say(`${PFLOGSUMM} is missing; installing it: apt-get install -y pflogsumm …`);
    let install = await run('apt-get', ['install', '-y', '-q', 'pflogsumm']);
    if (install.code !== 0) {
      // A fresh container often has no package lists yet.
      say('apt-get install failed; running apt-get update and trying again …');
      await run('apt-get', ['update', '-q']);
      install = await run('apt-get', ['install', '-y', '-q', 'pflogsumm']);
    }
    if (install.code !== 0 || !(await isExecutable(PFLOGSUMM))) {
      return { available: false, reason: `apt-get install pflogsumm failed (${install.lastLine || `exit ${install.code}`})`, howToInstall: HOW_TO_INSTALL };
    }
    installedNow = true;
  }
  const version = await run(PFLOGSUMM, ['--version']);
  return { available: true, path: PFLOGSUMM, version: version.firstLine || 'pflogsumm (version unknown)', installedNow };
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function run(command: string, args: readonly string[]): Promise<{ code: number | null; firstLine: string; lastLine: string }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
  const code = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('close', resolve);
  });
  const lines = output.trim().split('\n');
  return { code, firstLine: lines[0] ?? '', lastLine: lines[lines.length - 1] ?? '' };
}
