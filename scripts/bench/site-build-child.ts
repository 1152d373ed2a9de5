/**
 * `node scripts/bench/site-build-child.ts CONTENT_DIR OUT_DIR`: one `astro build` of CONTENT_DIR
 * into OUT_DIR through runAstro, as `npm start` builds. measure-site-build.ts starts it
 * under GNU time, whose peak RSS then covers the astro process (a waited-for child); it prints
 * the build's own wall time as JSON (`{"wallMs":21345.6}`) so Node's start-up here is not counted.
 */
import { runAstro } from '../mxstatus/site/run-astro.ts';

const [contentDir, outDir] = process.argv.slice(2);
if (!contentDir || !outDir) {
  console.error('usage: node scripts/bench/site-build-child.ts CONTENT_DIR OUT_DIR');
  process.exit(2);
}
const started = performance.now();
const result = await runAstro(['build', '--outDir', outDir], contentDir, { quiet: true });
const wallMs = performance.now() - started;
if (!result.ok) {
  console.error(result.problem.message);
  process.exit(result.problem.exitCode);
}
console.log(JSON.stringify({ wallMs }));
