/**
 * Preloaded (`NODE_OPTIONS=--import=…`) into every node a command starts, this stands in for
 * `astro build`: in the one process that runs node_modules/astro/bin/astro.mjs build, it writes a
 * stand-in page into --outDir, naming the content directory the build was given (MXSTATUS_CONTENT),
 * and ends the process with success; everywhere else it does nothing. For tests that run a command
 * many times and need the real site only once (deploy-recipes.test.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAstroBuild } from './astro-build-process.ts';

/**
 * The environment of a command whose `astro build` is skipped: this module first in NODE_OPTIONS
 * (it need not queue for a build).
 */
export function skippingAstroBuild(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: [`--import="${fileURLToPath(import.meta.url)}"`, env.NODE_OPTIONS].filter(Boolean).join(' ') };
}

/** The page a skipped build leaves: `<!-- astro build skipped; content: DIR -->`. */
export function skippedBuildPage(contentDir: string): string {
  return `<!-- astro build skipped; content: ${contentDir} -->\n`;
}

if (isAstroBuild(process.argv)) {
  const args = process.argv.slice(3);
  const outDir = args[args.indexOf('--outDir') + 1];
  if (!args.includes('--outDir') || !outDir) throw new Error(`skip-astro-build: no --outDir in ${args.join(' ')}`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'index.html'), skippedBuildPage(process.env.MXSTATUS_CONTENT ?? ''));
  process.exit(0);
}
