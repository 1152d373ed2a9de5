/**
 * Preloaded (`NODE_OPTIONS=--import=…`) into the nodes a command starts, this makes `astro build`
 * fail as Astro does on a page that throws: an `[ERROR]` line and a stack trace, exit 1. Everywhere
 * else it does nothing. For the test of what `mxstatus build` says when Astro itself fails.
 */
import { isAstroBuild } from './astro-build-process.ts';

if (isAstroBuild(process.argv)) {
  console.log('12:00:00 [build] Building static entrypoints...');
  console.error('12:00:01 [ERROR] [build] Failed to render /senders/microsoft/: stand-in failure of fail-astro-build.ts');
  console.error('Error: stand-in failure\n    at renderPage (file:///node_modules/astro/dist/core/render/page.js:1:1)\n    at async generatePath (file:///node_modules/astro/dist/core/build/generate.js:2:2)');
  process.exit(1);
}
