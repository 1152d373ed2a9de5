/** Whether a process (by its `process.argv`) runs this project's `astro build`, as runAstro() starts it. */
export function isAstroBuild(argv: readonly string[]): boolean {
  return /[\\/]node_modules[\\/]astro[\\/]bin[\\/]astro\.mjs$/.test(argv[1] ?? '') && argv[2] === 'build';
}
