/**
 * `npm start`: the whole pipeline on the bundled demo — generate the demo logs (once), summarize
 * them into content/, build the site and serve it at http://localhost:4321.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeDemoLogs } from './mxstatus/demo/write-demo-logs.ts';
import type { Problem } from '../src/core/problem.ts';
import { runSummarize } from './mxstatus/run-summarize.ts';
import { buildSite } from './mxstatus/site/build-site.ts';
import { runAstro } from './mxstatus/site/run-astro.ts';

const demoDir = 'demo-logs';
const contentDir = resolve('content');

function stop(problem: Problem): never {
  console.error(`mxstatus: ${problem.message}`);
  process.exit(problem.exitCode);
}

if (!existsSync(`${demoDir}/mx1/mail.log`)) {
  console.log(`Writing the demo logs to ${demoDir}/ …`);
  const written = await writeDemoLogs(demoDir);
  if (!written.ok) stop(written.problem);
}
console.log('Summarizing the demo logs …');
const summary = await runSummarize({ contentDir, inputs: [`${demoDir}/*/mail.log*`], nowMs: Date.now() });
if (!summary.ok) stop(summary.problem);
const { written, incidents } = summary.value;
console.log(`${incidents} incident(s); records: ${written?.created ?? 0} created, ${written?.updated ?? 0} updated, ${written?.unchanged ?? 0} unchanged`);
const built = await buildSite(contentDir, 'dist');
if (!built.ok) stop(built.problem);
console.log('Serving the site at http://localhost:4321/ (Ctrl-C stops it)');
const served = await runAstro(['preview', '--port', '4321'], contentDir);
if (!served.ok) stop(served.problem);
