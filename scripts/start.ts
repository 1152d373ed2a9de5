/**
 * `npm start`: the whole pipeline on the bundled demo — generate the demo logs (once), summarize
 * them into content/, build the site and serve it at http://localhost:4321.
 *
 * The site is built as of the demo's last log line (its clock pinned there), so that it looks
 * like a live site instead of one whose data stopped months ago. `npm start -- --at TIME` shows
 * the demo as it stood at TIME, e.g. in the middle of the incident: the logs up to TIME are
 * summarized into a content directory of their own under .cache/, and the site is built as of TIME.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_PERIOD } from './mxstatus/demo/generate-demo-logs.ts';
import { writeDemoLogs } from './mxstatus/demo/write-demo-logs.ts';
import { exitCodes, type Problem } from '../src/core/problem.ts';
import { runSummarize } from './mxstatus/run-summarize.ts';
import { buildSite } from './mxstatus/site/build-site.ts';
import { runAstro } from './mxstatus/site/run-astro.ts';

function stop(problem: Problem): never {
  console.error(`mxstatus: ${problem.message}`);
  process.exit(problem.exitCode);
}

/** The instant of `--at TIME`, or undefined without it. */
function atOption(args: readonly string[]): number | undefined {
  const i = args.indexOf('--at');
  if (i < 0) return undefined;
  const value = args[i + 1] ?? '';
  const at = Date.parse(value);
  const range = `${new Date(DEMO_PERIOD.start).toISOString()} and ${new Date(DEMO_PERIOD.end).toISOString()}`;
  if (Number.isNaN(at) || at < DEMO_PERIOD.start || at > DEMO_PERIOD.end) {
    stop({ exitCode: exitCodes.usage, message: `--at ${JSON.stringify(value)}: not a time of the demo; give an ISO 8601 time between ${range}, e.g. --at 2026-03-21T12:00+01:00` });
  }
  return at;
}

const at = atOption(process.argv.slice(2));
let logsDir = 'demo-logs';
let contentDir = resolve('content');
if (at === undefined) {
  if (!existsSync(`${logsDir}/mx1/mail.log`)) {
    console.log(`Writing the demo logs to ${logsDir}/ …`);
    const written = await writeDemoLogs(logsDir);
    if (!written.ok) stop(written.problem);
  }
} else {
  // The demo as it stood at that moment: its own logs and content, so content/ stays as it is.
  const scratch = join('.cache', 'demo-at', new Date(at).toISOString().replace(/[:.]/g, '-'));
  await rm(scratch, { recursive: true, force: true });
  logsDir = join(scratch, 'logs');
  contentDir = resolve(scratch, 'content');
  console.log(`Writing the demo logs as they stood at ${new Date(at).toISOString()} to ${logsDir}/ …`);
  const written = await writeDemoLogs(logsDir, undefined, { until: at });
  if (!written.ok) stop(written.problem);
  await mkdir(contentDir, { recursive: true });
  await copyFile(join('content', 'site.yaml'), join(contentDir, 'site.yaml'));
}
console.log('Summarizing the demo logs …');
const summary = await runSummarize({ contentDir, inputs: [`${logsDir}/*/mail.log*`], nowMs: Date.now() });
if (!summary.ok) stop(summary.problem);
const { written, incidents, covered } = summary.value;
console.log(`${incidents} incident(s); records: ${written?.created ?? 0} created, ${written?.updated ?? 0} updated, ${written?.unchanged ?? 0} unchanged`);
// The build's clock: --at, else the last log line (MXSTATUS_NOW, when set, wins).
process.env.MXSTATUS_NOW ??= new Date(at ?? covered.last).toISOString();
console.log(`Building the site as of ${process.env.MXSTATUS_NOW} …`);
const built = await buildSite(contentDir, 'dist');
if (!built.ok) stop(built.problem);
console.log('Serving the site at http://localhost:4321/ (Ctrl-C stops it)');
const served = await runAstro(['preview', '--port', '4321'], contentDir);
if (!served.ok) stop(served.problem);
