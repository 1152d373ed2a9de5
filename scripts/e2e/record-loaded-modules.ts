/**
 * Preloaded by the command-line tests with `node --import`: at exit, every process appends one
 * JSON line to the file named in MXSTATUS_LOADED_MODULES — whether it ran with the heap flag
 * (`--max-semi-space-size`), and the URL of every module it loaded — to see what a command loads,
 * and in how many Node processes.
 */
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const out = process.env.MXSTATUS_LOADED_MODULES;
const modules: string[] = [];

registerHooks({
  load(url, context, nextLoad) {
    modules.push(url);
    return nextLoad(url, context);
  },
});

process.on('exit', () => {
  if (!out) return;
  const heapFlag = process.execArgv.some((arg) => arg.startsWith('--max-semi-space-size'));
  appendFileSync(out, `${JSON.stringify({ heapFlag, modules })}\n`);
});
