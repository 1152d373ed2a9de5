import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyseHeaders, type AnalysisNote, type AuthenticationSummary } from './analyse-headers.ts';
import type { ReceivedTls } from './parse-received.ts';

/**
 * What one sample in `samples/` must yield, oldest hop first: `<case>.txt` holds the pasted
 * headers byte for byte (documentation addresses; CRLF kept where a sample has it) and
 * `<case>.expected.json` this.
 */
interface Expected {
  readonly description: string;
  readonly delays: readonly (number | null)[];
  readonly total: number | null;
  readonly tls?: readonly ReceivedTls['state'][];
  readonly skew?: readonly boolean[];
  readonly notes?: readonly AnalysisNote[];
  readonly authentication?: AuthenticationSummary | null;
}

interface Sample extends Expected {
  /** The file name without `.txt`. */
  readonly name: string;
  readonly text: string;
}

const SAMPLE_DIR = new URL('./samples/', import.meta.url);
const MIN_SAMPLES = 30;

const files = readdirSync(SAMPLE_DIR).sort();
const textNames = files.filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -'.txt'.length));
const expectedNames = files.filter((f) => f.endsWith('.expected.json')).map((f) => f.slice(0, -'.expected.json'.length));

const SAMPLES: readonly Sample[] = textNames
  .filter((name) => expectedNames.includes(name))
  .map((name) => ({
    ...readExpected(name),
    name,
    text: readFileSync(new URL(`${name}.txt`, SAMPLE_DIR), 'utf8'),
  }));

function readExpected(name: string): Expected {
  const parsed: unknown = JSON.parse(readFileSync(new URL(`${name}.expected.json`, SAMPLE_DIR), 'utf8'));
  assert.ok(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed), `${name}.expected.json: not an object`);
  const known = new Set(['description', 'delays', 'total', 'tls', 'skew', 'notes', 'authentication']);
  const unknown = Object.keys(parsed).filter((k) => !known.has(k));
  assert.deepEqual(unknown, [], `${name}.expected.json: unknown fields`);
  const e = parsed as Expected;
  assert.equal(typeof e.description, 'string', `${name}.expected.json: description`);
  assert.ok(Array.isArray(e.delays) && e.delays.every((d) => d === null || typeof d === 'number'), `${name}.expected.json: delays`);
  assert.ok(e.total === null || typeof e.total === 'number', `${name}.expected.json: total`);
  return e;
}

describe('header samples in samples/', () => {
  test(`there are at least ${MIN_SAMPLES}`, () => {
    assert.ok(SAMPLES.length >= MIN_SAMPLES, `only ${SAMPLES.length} samples`);
  });

  test('every .txt has an .expected.json and every .expected.json a .txt', () => {
    assert.deepEqual(textNames.filter((n) => !expectedNames.includes(n)), [], '.txt without .expected.json');
    assert.deepEqual(expectedNames.filter((n) => !textNames.includes(n)), [], '.expected.json without .txt');
  });

  test('the mbox export keeps its CRLF line ends', () => {
    const mbox = SAMPLES.find((s) => s.name === 'mbox-export-crlf-lowercase-names');
    assert.ok(mbox);
    assert.ok(mbox.text.startsWith('\r\nFrom '));
    assert.equal(mbox.text.replace(/\r\n/g, '').includes('\n'), false);
  });
});

describe('analyseHeaders on real-world samples', () => {
  for (const sample of SAMPLES) {
    test(`times every hop of ${sample.description} (${sample.name})`, () => {
      const result = analyseHeaders(sample.text);
      assert.equal(result.kind, 'analysed');
      if (result.kind !== 'analysed') return;
      assert.deepEqual(result.hops.map((h) => h.delaySeconds), sample.delays);
      assert.equal(result.totalSeconds, sample.total);
      if (sample.tls) assert.deepEqual(result.hops.map((h) => h.received.tls.state), sample.tls);
      if (sample.skew) assert.deepEqual(result.hops.map((h) => h.clockSkew), sample.skew);
      if (sample.notes) assert.deepEqual(result.notes, sample.notes);
      if (sample.authentication !== undefined) assert.deepEqual(result.authentication, sample.authentication);
    });
  }
});
