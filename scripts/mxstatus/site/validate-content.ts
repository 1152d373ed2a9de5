import { exitCodes, type Problem } from '../../../src/core/problem.ts';
import { runCheck } from '../check/run-check.ts';

/**
 * What `mxstatus build` checks before Astro starts: the content as `mxstatus check` reads it.
 * Each problem the site cannot be built with is one line, as check prints it, and a last line
 * says that nothing was built; an empty list when the build may go on.
 *
 * @example
 * (await validateContent('content')).map((p) => p.message)
 * // ['content/site.yaml: timeZone: not an IANA time zone (got "Berlin"); use e.g. Europe/Berlin', 'content: the site was not built (1 problem above) …']
 */
export async function validateContent(contentDir: string): Promise<readonly Problem[]> {
  const checked = await runCheck(contentDir);
  if (!checked.ok) return [checked.problem];
  const { blocking } = checked.value;
  if (blocking.length === 0) return [];
  const count = blocking.length === 1 ? '1 problem' : `${blocking.length} problems`;
  return [
    ...blocking.map((message) => ({ exitCode: exitCodes.config, message })),
    { exitCode: exitCodes.config, message: `${contentDir}: the site was not built (${count} above) and the published site is as it was; fix them, then run again (mxstatus check --content ${contentDir} lists every problem)` },
  ];
}
