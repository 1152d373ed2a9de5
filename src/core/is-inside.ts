import { isAbsolute, relative, sep } from 'node:path';

/**
 * Whether `path` lies below `dir` (not `dir` itself), both absolute: for what a run may replace or
 * read (`--out`, notes behind links).
 *
 * @example
 * isInside('/srv/mxstatus/content', '/srv/mxstatus') // true
 * isInside('/srv/mxstatus-old', '/srv/mxstatus') // false
 */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
