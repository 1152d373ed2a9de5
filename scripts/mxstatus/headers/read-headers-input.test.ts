import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { analyseHeaders, MAX_HEADER_CHARS } from '../../../src/core/headers/analyse-headers.ts';
import { exitCodes } from '../../../src/core/problem.ts';
import { readHeadersInput } from './read-headers-input.ts';

/** Standard input as a pipe, or as a terminal (`isTTY`), holding `text` until its end. */
function stdin(text: string, isTTY: boolean): NodeJS.ReadStream {
  return Object.assign(Readable.from([text]), { isTTY }) as unknown as NodeJS.ReadStream;
}

/** A pipe of `chunks` chunks of 64 KB of `x` (an mbox, say), counting the chunks taken from it. */
function longPipe(chunks: number): { stream: NodeJS.ReadStream; taken: () => number } {
  let taken = 0;
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const stream = Readable.from((function* () {
    for (let i = 0; i < chunks; i++) yield (taken++, chunk);
  })());
  return { stream: Object.assign(stream, { isTTY: false }) as unknown as NodeJS.ReadStream, taken: () => taken };
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

const RECEIVED = 'Received: from a.example.org by b.example.net; Mon, 23 Mar 2026 10:00:00 +0000\n';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mxstatus-read-headers-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('readHeadersInput', () => {
  test('on a terminal, asks for the headers and reads until the end of input (Ctrl-D)', async () => {
    const { value, stderr } = await stderrOf(() => readHeadersInput(undefined, 'en', stdin(`${RECEIVED}\nmore\n`, true)));
    assert.equal(stderr, 'Paste the headers of the late email, then press Ctrl-D on a line of its own:\n');
    assert.deepEqual(value, { ok: true, value: { text: `${RECEIVED}\nmore\n`, file: null } });
  });

  test('asks in the language of the report', async () => {
    const { stderr } = await stderrOf(() => readHeadersInput(undefined, 'de', stdin(RECEIVED, true)));
    assert.equal(stderr, 'Fügen Sie die Kopfzeilen der verspäteten E-Mail ein und drücken Sie dann am Anfang einer neuen Zeile Strg+D:\n');
  });

  test('from a pipe (and with -), reads standard input without a word', async () => {
    for (const file of [undefined, '-']) {
      const { value, stderr } = await stderrOf(() => readHeadersInput(file, 'de', stdin('Date: x\n', false)));
      assert.equal(stderr, '');
      assert.deepEqual(value, { ok: true, value: { text: 'Date: x\n', file: null } });
    }
  });

  test('reads a saved email named on the command line, its body too while it is short', async () => {
    const file = join(dir, 'late-email.eml');
    await writeFile(file, `${RECEIVED}\nHallo Anna,\n`);
    assert.deepEqual(await readHeadersInput(file, 'en'), { ok: true, value: { text: `${RECEIVED}\nHallo Anna,\n`, file } });
  });

  describe('edge cases', () => {
    test('stops reading a pipe one character past the limit and closes it: an mbox piped in is never held whole', async () => {
      const pipe = longPipe(200); // 12.5 MB
      const result = await readHeadersInput(undefined, 'en', pipe.stream);
      assert.ok(result.ok);
      assert.equal(result.value.text.length, MAX_HEADER_CHARS + 1);
      assert.ok(pipe.taken() < 40, `${pipe.taken()} of 200 chunks taken`);
      assert.equal(pipe.stream.destroyed, true);
      // Still too long to the analysis, which the command says in one line.
      assert.deepEqual(analyseHeaders(result.value.text), { kind: 'not-headers', reason: 'too-long' });
    });

    test('stops reading a file one character past the limit', async () => {
      const file = join(dir, 'huge.eml');
      await writeFile(file, RECEIVED.repeat(40_000)); // 3.2 MB of headers without a blank line
      const result = await readHeadersInput(file, 'en');
      assert.ok(result.ok);
      assert.equal(result.value.text.length, MAX_HEADER_CHARS + 1);
      assert.deepEqual(analyseHeaders(result.value.text), { kind: 'not-headers', reason: 'too-long' });
    });

    test('a large body after the headers is cut, and the headers are read whole', async () => {
      const file = join(dir, 'with-attachment.eml');
      const headers = `${RECEIVED}Date: Mon, 23 Mar 2026 09:59:00 +0000\n`;
      await writeFile(file, `${headers}\n${'QUJD'.repeat(500_000)}\n`);
      const result = await readHeadersInput(file, 'en');
      assert.ok(result.ok);
      assert.ok(result.value.text.startsWith(`${headers}\n`));
      assert.equal(result.value.text.length, MAX_HEADER_CHARS + 1);
      const analysis = analyseHeaders(result.value.text);
      assert.equal(analysis.kind === 'analysed' && analysis.hops[0]?.delaySeconds, 60);
    });

    test('blank lines before the headers do not count towards the limit', async () => {
      const text = `${'\n'.repeat(100_000)}${RECEIVED.repeat(5_000)}\nbody\n`; // 100 000 blank lines, then 400 KB of headers
      const result = await readHeadersInput(undefined, 'en', stdin(text, false));
      assert.ok(result.ok);
      assert.equal(result.value.text, text);
      assert.equal(analyseHeaders(result.value.text).kind, 'analysed');
    });

    test('characters of several bytes split between chunks are read whole', async () => {
      const bytes = Buffer.from(`Subject: Grüße\n${RECEIVED}`);
      const split = bytes.indexOf(Buffer.from('ü')) + 1;
      const stream = Object.assign(Readable.from([bytes.subarray(0, split), bytes.subarray(split)]), { isTTY: false }) as unknown as NodeJS.ReadStream;
      assert.deepEqual(await readHeadersInput(undefined, 'en', stream), { ok: true, value: { text: `Subject: Grüße\n${RECEIVED}`, file: null } });
    });
  });

  describe('invalid input', () => {
    test('a folder instead of a file is one line naming it, with the input exit code', async () => {
      const result = await readHeadersInput('scripts', 'en', stdin('', true));
      assert.deepEqual(result, { ok: false, problem: { exitCode: exitCodes.input, message: 'scripts: a folder, not a file; give the file that holds the headers of the late email, or pipe them in: mxstatus headers < file' } });
    });

    test('a file that does not exist is one line naming it', async () => {
      const result = await readHeadersInput(join(dir, 'no-such.eml'), 'de');
      assert.deepEqual(result, { ok: false, problem: { exitCode: exitCodes.input, message: `${join(dir, 'no-such.eml')}: no such file; give the file that holds the headers of the late email, or pipe them in: mxstatus headers < file` } });
    });
  });
});
