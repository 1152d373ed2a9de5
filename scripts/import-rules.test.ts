/**
 * Imports flow one way (ARCHITECTURE.md): the command line (`scripts/`) and the site (the rest of
 * `src/`, and astro.config.mjs) use the shared core (`src/core/`) and never each other; the core
 * uses npm packages, Node's built-ins and itself only. Every import specifier of every source file
 * is read and judged here, so a new arrow the wrong way fails `npm test`.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Layer = 'core' | 'site' | 'cli' | 'outside';

/** The layer a repository path belongs to. */
export function layerOf(path: string): Layer {
  if (path.startsWith('src/core/')) return 'core';
  if (path.startsWith('src/') || path === 'astro.config.mjs') return 'site';
  if (path.startsWith('scripts/')) return 'cli';
  return 'outside';
}

/** Static imports, re-exports, side-effect imports and dynamic `import('…')` with a literal. */
const SPECIFIER = /(?:^|[\s;{}])(?:import|export)\s+(?:type\s+)?(?:[\w*\s{},$]*?\s*from\s*)?['"]([^'"\n]+)['"]|\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** The import specifiers of a source text (TypeScript, JavaScript or an .astro file). */
export function importSpecifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2])!);
}

/**
 * Why `from` may not import `specifier`, or null when it may. Relative specifiers are resolved to
 * the layer of the file they name; bare ones are npm packages or Node's built-ins, except Astro's
 * virtual modules (`astro:content` …), which only the site can load.
 */
export function importProblem(from: string, specifier: string): string | null {
  const source = layerOf(from);
  if (!specifier.startsWith('.')) {
    if (source === 'core' && specifier.startsWith('astro:')) return `${from}: the core imports ${specifier}, which exists only inside an Astro build`;
    return null;
  }
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  const layer = layerOf(target);
  if (source === 'core' && layer !== 'core') return `${from}: the core imports ${target} (${layer}); the core may use only itself and npm packages`;
  if (source === 'site' && layer === 'cli') return `${from}: the site imports ${target} from the command line; move what both need into src/core/`;
  if (source === 'cli' && layer === 'site') return `${from}: the command line imports ${target} from the site; move what both need into src/core/`;
  return null;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|mts|mjs|js|astro)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split(sep).join('/'));
}

describe('imports flow one way', () => {
  test('the rule itself: each wrong arrow is named, the right ones pass', () => {
    assert.match(importProblem('src/lib/site-data.ts', '../../scripts/mxstatus/senders/sender-catalog.ts') ?? '', /site imports scripts\/mxstatus/);
    assert.match(importProblem('scripts/mxstatus/check/run-check.ts', '../../../src/lib/site-data.ts') ?? '', /command line imports src\/lib/);
    assert.match(importProblem('src/core/state/current-state.ts', '../../lib/site-data.ts') ?? '', /the core imports src\/lib/);
    assert.match(importProblem('src/core/notes/read-notes.ts', 'astro:content') ?? '', /inside an Astro build/);
    assert.equal(importProblem('src/lib/site-data.ts', '../core/schemas/note.ts'), null);
    assert.equal(importProblem('scripts/mxstatus/cli.ts', '../../src/core/problem.ts'), null);
    assert.equal(importProblem('src/core/senders/classify-sender.ts', 'ipaddr.js'), null);
    assert.equal(importProblem('src/pages/index.astro', 'astro:content'), null);
  });

  test('import specifiers are found in every form', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      "export { c } from './c.ts';",
      "export * from './d.ts';",
      "import './e.ts';",
      'const f = await import("./f.ts");',
      "import G, {\n  h,\n  i,\n} from './g.ts';",
      '---\nimport Base from "../layouts/Base.astro";\n---',
    ].join('\n');
    assert.deepEqual(importSpecifiers(text), ['./a.ts', '../b.ts', './c.ts', './d.ts', './e.ts', '../layouts/Base.astro', './g.ts', './f.ts'].sort((a, b) => text.indexOf(a) - text.indexOf(b)));
  });

  test('no file of the repository breaks the rule', async () => {
    const files = [...(await sourceFiles('src')), ...(await sourceFiles('scripts')), 'astro.config.mjs'];
    assert.ok(files.length > 100, `only ${files.length} source files found`);
    const problems: string[] = [];
    let imports = 0;
    for (const file of files) {
      for (const specifier of importSpecifiers(await readFile(join(ROOT, file), 'utf8'))) {
        imports++;
        const problem = importProblem(file, specifier);
        if (problem) problems.push(problem);
      }
    }
    assert.ok(imports > 500, `only ${imports} imports found`);
    assert.deepEqual(problems, []);
  });
});
