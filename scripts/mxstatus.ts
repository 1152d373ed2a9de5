#!/usr/bin/env node
/**
 * mxstatus — turns Postfix logs into a public delivery-status site.
 *
 * The commands that read or write logs (`summarize`, `build`, `demo-logs`) run in a Node with a
 * small young generation (`--max-semi-space-size=2`): the summarizer makes short-lived strings by
 * the million and keeps sessions for seconds of log time, and with V8's default the heap grows far
 * beyond what is live (1 M lines: 459 MB peak RSS, 4.7 s; with the flag 318 MB, 4.2 s; writing the
 * demo's logs: 600 MB, with the flag 500 MB). V8 takes the flag only at start, so for them this
 * launcher starts the command once more with it, passing everything through. The other commands,
 * and any help, run in this process: a second Node costs about 0.1 s, most of what `--help` takes.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const HEAP_FLAG = '--max-semi-space-size=2';
const HEAP_COMMANDS = ['summarize', 'build', 'demo-logs'];
const args = process.argv.slice(2);

/** Whether this run wants the flag: one of HEAP_COMMANDS, unless only its help is asked for. */
function wantsHeapFlag(): boolean {
  const options = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  return HEAP_COMMANDS.includes(args[0] ?? '') && !options.includes('--help') && !options.includes('-h');
}

if (!wantsHeapFlag() || process.execArgv.some((arg) => arg.startsWith('--max-semi-space-size'))) {
  // Here a signal ends the command as it ends any process: the shell sees 128 + its number, as below.
  await import('./mxstatus/cli.ts');
} else {
  const child = spawn(process.execPath, [HEAP_FLAG, ...process.execArgv, fileURLToPath(new URL('./mxstatus/cli.ts', import.meta.url)), ...args], { stdio: 'inherit' });
  // The command handles these itself (it releases its lock); the launcher only passes them on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`mxstatus: cannot start node (${error.message}); run npm install`);
    process.exit(1);
  });
  // Ended by a signal: the shell's convention, 128 + its number (137 for an OOM kill).
  child.on('exit', (code, signal) => process.exit(signal ? 128 + (constants.signals[signal] ?? 15) : (code ?? 1)));
}
