import { stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { loadSiteConfig } from '../../../src/core/config/load-site-config.ts';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';

/**
 * What `mxstatus preview` makes sure of before Astro starts, so that each is one line naming the
 * fix rather than Astro's stack trace: a site.yaml Astro's config can read, a built site in
 * `outDir`, and the port free on `host`.
 *
 * @example
 * await checkPreview('content', 'dist', 'localhost', 4321) // ok(undefined), or fail(4, 'dist: no built site here …')
 */
export async function checkPreview(contentDir: string, outDir: string, host: string, port: number): Promise<Result<void>> {
  const config = await loadSiteConfig(contentDir);
  if (!config.ok) return config;
  const home = await stat(join(outDir, 'index.html')).catch(() => null);
  if (!home?.isFile()) return fail(exitCodes.input, `${outDir}: no built site here (no index.html); build it first with mxstatus build --out ${outDir}, or give --out the folder you built into`);
  const taken = await portProblem(host, port);
  return taken === null ? ok(undefined) : fail(exitCodes.usage, taken);
}

/** Whether `host:port` can be listened on: null when it can, else the line that says why not. */
function portProblem(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(`--port ${port}: already in use on ${host} (another preview, or another server); stop it, or choose another port with --port, e.g. --port ${port + 1}`);
      else if (error.code === 'EACCES') resolve(`--port ${port}: not allowed to listen on it (ports below 1024 need root); choose another with --port, e.g. --port 4321`);
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') resolve(`--host ${host}: not an address of this machine; use localhost, 0.0.0.0 (every interface) or one of its addresses`);
      else resolve(`--host ${host} --port ${port}: cannot listen there (${error.code ?? error.message}); choose another --host or --port`);
    });
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(null)));
  });
}
