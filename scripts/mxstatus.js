#!/usr/bin/env -S node --max-semi-space-size=2
/**
 * mxstatus — turns Postfix logs into a public delivery-status site.
 *
 * One Node process. Two things make it start fast and run lean:
 * - V8's compile cache (`module.enableCompileCache`): `summarize` loads about 280 modules, and
 *   compiling them is most of its start-up; cached (in Node's default place under the temporary
 *   directory, or NODE_COMPILE_CACHE) the next run skips it. Where nothing can be written (a
 *   read-only sandbox) Node goes on without the cache.
 * - A small young generation (`--max-semi-space-size=2`, from the first line above; npm's scripts
 *   and the deployment recipes pass it too): the summarizer makes short-lived strings by the
 *   million, and with V8's default the heap grows far beyond what is live (2 M lines: 480 MB peak
 *   RSS, with the flag 350 MB, at the same speed). V8 takes the flag only when Node starts, so a
 *   bare `node scripts/mxstatus.js` runs without it: correct, with more memory.
 */
import * as nodeModule from 'node:module';

// The code is TypeScript, which Node runs from 22.18 on (package.json asks for 22.19): an older
// Node on the PATH (a system's) gets one line naming the fix, not an error from deep inside.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(`mxstatus: needs Node 22.19 or later, this is ${process.versions.node}; run it with the Node npm install brings: node_modules/.bin/node scripts/mxstatus.js, or npm run mxstatus --`);
  process.exit(2);
}
nodeModule.enableCompileCache();
await import('./mxstatus/cli.ts');
