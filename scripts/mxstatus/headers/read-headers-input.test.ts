import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { exitCodes } from '../../../src/core/problem.ts';
import { readHeadersInput } from './read-headers-input.ts';

/** Standard input as a pipe, or as a terminal (`isTTY`), holding `text` until its end. */
function stdin(text: string, isTTY: boolean): NodeJS.ReadStream {
  return Object.assign(Readable.from([text]), { isTTY }) as unknown as NodeJS.ReadStream;
}

/** What `run` writes to standard error. */
async function stderrOf<T>(run: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  const write = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { value: await run(), stderr };
  } finally {
    process.stderr.write = write;
  }
}

describe('readHeadersInput', () => {
  test('on a terminal, asks for the headers and reads until the end of input (Ctrl-D)', async () => {
    const { value, stderr } = await stderrOf(() => readHeadersInput(undefined, stdin('Received: from a by b; Mon, 23 Mar 2026 10:00:00 +0000\n\nmore\n', true)));
    assert.equal(stderr, 'Paste the headers of the late mail, then press Ctrl-D on a line of its own:\n');
    assert.deepEqual(value, { ok: true, value: { text: 'Received: from a by b; Mon, 23 Mar 2026 10:00:00 +0000\n\nmore\n', source: 'standard input' } });
  });

  test('from a pipe (and with -), reads standard input without a word', async () => {
    for (const file of [undefined, '-']) {
      const { value, stderr } = await stderrOf(() => readHeadersInput(file, stdin('Date: x\n', false)));
      assert.equal(stderr, '');
      assert.deepEqual(value, { ok: true, value: { text: 'Date: x\n', source: 'standard input' } });
    }
  });

  describe('invalid input', () => {
    test('a folder instead of a file is one line naming it, with the input exit code', async () => {
      const result = await readHeadersInput('scripts', stdin('', true));
      assert.deepEqual(result, { ok: false, problem: { exitCode: exitCodes.input, message: 'scripts: a folder, not a file; give the file that holds the headers of the late mail, or pipe them in: mxstatus headers < file' } });
    });
  });
});
