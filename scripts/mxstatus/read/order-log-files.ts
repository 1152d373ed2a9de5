import { basename, dirname } from 'node:path';

/**
 * Orders log files so that each rotated set reads oldest first, as logrotate numbers them
 * (`mail.log.3.gz`, `mail.log.2.gz`, `mail.log.1`, `mail.log`) or dates them
 * (`mail.log-20260316.gz`, `mail.log-20260323`, `mail.log`). Sets keep their command-line order.
 *
 * @example
 * orderLogFiles(['mail.log', 'mail.log.1', 'mail.log.2.gz']) // ['mail.log.2.gz', 'mail.log.1', 'mail.log']
 */
export function orderLogFiles(paths: readonly string[]): string[] {
  const sets = new Map<string, { path: string; age: number; index: number }[]>();
  paths.forEach((path, index) => {
    const { set, age } = rotationOf(path);
    const members = sets.get(set) ?? [];
    members.push({ path, age, index });
    sets.set(set, members);
  });
  return [...sets.values()].flatMap((members) =>
    members.sort((a, b) => b.age - a.age || a.index - b.index).map((m) => m.path),
  );
}

/** The rotated set a file belongs to: `/var/log/mail.log` for `/var/log/mail.log.2.gz`. */
export function rotationSet(path: string): string {
  return rotationOf(path).set;
}

/** The set a file belongs to and how old it is within it (0 = the live file). */
function rotationOf(path: string): { set: string; age: number } {
  const name = basename(path).replace(/\.(gz|bz2|xz|zst)$/, '');
  const numbered = /^(.*)\.(\d{1,4})$/.exec(name);
  if (numbered) return { set: `${dirname(path)}/${numbered[1]}`, age: Number(numbered[2]) };
  const dated = /^(.*)-(\d{8}|\d{10})$/.exec(name);
  // Later dates are younger: invert them so that a larger age still means older.
  if (dated) return { set: `${dirname(path)}/${dated[1]}`, age: 1e10 - Number(dated[2]!.slice(0, 8)) };
  return { set: `${dirname(path)}/${name}`, age: 0 };
}
