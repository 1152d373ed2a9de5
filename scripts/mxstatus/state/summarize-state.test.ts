import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { exitCodes } from '../../../src/core/problem.ts';
import { FilePositions, loadState, saveState, settingsHash, STATE_VERSION, stateText, type SummarizeState } from './summarize-state.ts';

const settings = settingsHash({ senders: [], ownHosts: ['example.net'], timeZone: 'Europe/Berlin', year: null });
const state: SummarizeState = { version: STATE_VERSION, settings, files: [], firstTime: Date.parse('2026-03-16T00:00:00Z'), lastTime: Date.parse('2026-03-24T12:00:00Z'), tracker: { sessions: [], messages: [], recent: [], older: [], lastSweep: [] }, series: [] };

async function stateFile(bytes: Buffer | string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'mxstatus-state-')), 'mxstatus.state');
  await writeFile(path, bytes);
  return path;
}

describe('loadState', () => {
  test('reads back what saveState wrote', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'mxstatus-state-')), 'mxstatus.state');
    assert.ok((await saveState(path, state)).ok);
    assert.deepEqual(await loadState(path, settings), { ok: true, value: state });
  });

  test('saveState writes zstd; a gzipped state, as earlier versions wrote it, reads the same', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'mxstatus-state-')), 'mxstatus.state');
    assert.ok((await saveState(path, state)).ok);
    assert.deepEqual([...(await readFile(path)).subarray(0, 4)], [0x28, 0xb5, 0x2f, 0xfd]);
    assert.deepEqual(await loadState(await stateFile(gzipSync(JSON.stringify(state))), settings), { ok: true, value: state });
  });

  test('a state with any one bit flipped is refused, or reads as it was written: never as other numbers or names', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'mxstatus-state-')), 'mxstatus.state');
    const file = { fingerprint: 'a'.repeat(32), offset: 123_456, path: '/var/log/mail.log', dev: 2049, ino: 131_075, size: 123_456, compressed: false, lastTime: Date.parse('2026-03-24T11:59:00Z'), seenAt: Date.parse('2026-03-24T12:00:00Z') };
    const written: SummarizeState = { ...state, files: [file] };
    assert.ok((await saveState(path, written)).ok);
    assert.deepEqual(await loadState(path, settings), { ok: true, value: written });
    const bytes = await readFile(path);
    const accepted: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const flipped = Buffer.from(bytes);
      flipped[i]! ^= 1 << (i % 8);
      const loaded = await loadState(await stateFile(flipped), settings);
      if (loaded.ok) {
        assert.deepEqual(loaded.value, written, `byte ${i}`);
        accepted.push(i);
      } else assert.equal(loaded.problem.exitCode, exitCodes.state);
    }
    assert.ok(accepted.length < bytes.length / 10, `${accepted.length} of ${bytes.length} flips accepted`);
  });

  test('more than the most a state may hold, once decompressed, is refused before it is parsed', () => {
    assert.equal(stateText(zstdCompressSync('{"a":1}'), 100), '{"a":1}');
    assert.throws(() => stateText(zstdCompressSync(`{"a":"${'x'.repeat(1000)}"}`), 100));
    assert.throws(() => stateText(gzipSync(`{"a":"${'x'.repeat(1000)}"}`), 100));
  });

  test('no state yet: null, and the run reads everything', async () => {
    assert.deepEqual(await loadState(join(tmpdir(), 'mxstatus-no-such-state'), settings), { ok: true, value: null });
  });

  describe('invalid input', () => {
    test('a state of version 1 (first failure and TLS success as joined strings) is refused with exit 8 and the fix', async () => {
      const path = await stateFile(gzipSync(JSON.stringify({ ...state, version: 1 })));
      const loaded = await loadState(path, settings);
      assert.ok(!loaded.ok);
      assert.equal(loaded.problem.exitCode, exitCodes.state);
      assert.equal(loaded.problem.message, `${path}: state of another mxstatus version (1); delete it and run once over all logs you keep`);
    });

    test('a state made under other settings is refused with exit 8', async () => {
      const loaded = await loadState(await stateFile(gzipSync(JSON.stringify(state))), settingsHash({ senders: [], ownHosts: [], timeZone: 'UTC', year: null }));
      assert.ok(!loaded.ok);
      assert.equal(loaded.problem.exitCode, exitCodes.state);
      assert.match(loaded.problem.message, /made with other sender rules.*delete it and run once over all logs you keep/);
    });

    for (const [what, bytes] of [
      ['neither zstd nor gzip', 'not compressed'],
      ['gzip of no JSON', gzipSync('{')],
      ['zstd of no JSON', zstdCompressSync('{')],
      ['zstd cut short', zstdCompressSync(JSON.stringify(state)).subarray(0, 20)],
    ] as const) {
      test(`${what}: refused with exit 8`, async () => {
        const loaded = await loadState(await stateFile(bytes), settings);
        assert.ok(!loaded.ok);
        assert.equal(loaded.problem.exitCode, exitCodes.state);
        assert.match(loaded.problem.message, /not an mxstatus state file, or damaged; delete it/);
      });
    }

    for (const json of ['null', '[]', '7', '"state"', '{"files":[]}']) {
      test(`JSON that is no state (${json}): not an mxstatus state file, exit 8`, async () => {
        const loaded = await loadState(await stateFile(zstdCompressSync(json)), settings);
        assert.ok(!loaded.ok);
        assert.equal(loaded.problem.exitCode, exitCodes.state);
        assert.match(loaded.problem.message, /not an mxstatus state file, or damaged; delete it/);
      });
    }
  });

  describe('FilePositions', () => {
    test('a .gz read short (logrotate still compressing it) never lowers what was read of it', () => {
      const source = { path: 'mail.log.1.gz', mtimeMs: 0, compressed: true, dev: 1, ino: 2, size: 10, fingerprint: 'f'.repeat(32) };
      const positions = new FilePositions([]);
      positions.update(source, 5000, null, Date.parse('2026-03-24T12:00:00Z'));
      positions.update(source, 1200, null, Date.parse('2026-03-24T12:05:00Z'));
      assert.equal(positions.resumeAt(source), 5000);
      // A plain file truncated and written anew is read from where it is now.
      const plain = { ...source, path: 'mail.log', compressed: false, size: 10_000 };
      positions.update(plain, 1200, null, Date.parse('2026-03-24T12:05:00Z'));
      assert.equal(positions.resumeAt(plain), 1200);
    });
  });
});
