import { mkdir, utimes, writeFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { exitCodes, fail, ok, type Result } from '../../../src/core/problem.ts';
import { generateDemoLogs, type DemoLogFile } from './generate-demo-logs.ts';

/**
 * Writes the demo log set under `outDir`, each file with the time of its last line as mtime; with
 * `until` (UTC ms), the logs as they stood at that moment.
 */
export async function writeDemoLogs(outDir: string, seed?: number, options: { until?: number } = {}): Promise<Result<string[]>> {
  return writeDemoFiles(outDir, generateDemoLogs(seed, options));
}

/** Writes demo log files already generated (see generateDemoLogs), as writeDemoLogs does. */
export async function writeDemoFiles(outDir: string, files: readonly DemoLogFile[]): Promise<Result<string[]>> {
  const written: string[] = [];
  try {
    for (const file of files) {
      const path = join(outDir, file.path);
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.tmp`;
      await writeFile(temp, file.gzip ? gzipSync(file.text, { level: 6 }) : file.text);
      await utimes(temp, file.mtimeMs / 1000, file.mtimeMs / 1000);
      await rename(temp, path);
      written.push(path);
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return fail(exitCodes.output, `${e.path ?? outDir}: cannot write the demo logs (${e.code ?? e.message}); choose a writable --out DIR`);
  }
  return ok(written);
}
