import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseHeaderBlock } from './parse-header-block.ts';

describe('parseHeaderBlock', () => {
  test('unfolds continuation lines into one value', () => {
    const block = parseHeaderBlock('Received: from a.example.org\n\tby b.example.net\n  with ESMTP; Mon, 1 Jan 2024 10:00:00 +0000\nSubject: hi\n');
    assert.deepEqual(block.fields, [
      { name: 'Received', key: 'received', value: 'from a.example.org by b.example.net with ESMTP; Mon, 1 Jan 2024 10:00:00 +0000' },
      { name: 'Subject', key: 'subject', value: 'hi' },
    ]);
  });

  test('stops at the blank line before the body', () => {
    assert.equal(parseHeaderBlock('Subject: a\n\nBody: not a header\n').fields.length, 1);
  });

  describe('edge cases', () => {
    test('accepts CRLF and lone CR line ends', () => {
      assert.equal(parseHeaderBlock('Subject: a\r\n b\r\nTo: x@example.net\r\n').fields[0]?.value, 'a b');
      assert.equal(parseHeaderBlock('Subject: a\r b\rTo: x@example.net\r').fields.length, 2);
    });

    test('skips a leading blank line, a byte order mark and an mbox From line', () => {
      const block = parseHeaderBlock('\uFEFF\n\nFrom sender@example.org Mon Jan  1 10:00:00 2024\nFrom: sender@example.org\n');
      assert.equal(block.mboxFromLine, true);
      assert.deepEqual(block.fields.map((f) => f.key), ['from']);
    });

    test('keeps header names in any case and lowers only the key', () => {
      const [field] = parseHeaderBlock('RECEIVED: from a.example.org').fields;
      assert.equal(field?.name, 'RECEIVED');
      assert.equal(field?.key, 'received');
    });

    test('joins lines that lost their indentation to the field above and counts them', () => {
      const block = parseHeaderBlock('Received: from a.example.org (a.example.org [192.0.2.1])\nby mx.example.net (Postfix) with ESMTPS id 4T;\nMon, 1 Jan 2024 10:00:00 +0000\nSubject: x');
      assert.equal(block.fields.length, 2);
      assert.equal(block.rejoinedLines, 2);
      assert.match(block.fields[0]!.value, /with ESMTPS id 4T; Mon, 1 Jan 2024 10:00:00 \+0000$/);
    });

    test('does not take a time at the start of a line for a header name', () => {
      assert.equal(parseHeaderBlock('Received: by b.example.net; Mon, 1 Jan 2024\n10:00:00 +0000').fields.length, 1);
      assert.equal(parseHeaderBlock('Received: from a.example.org (\nfe80::1) by b.example.net').fields.length, 1);
    });
  });

  describe('invalid input', () => {
    test('counts lines before any field as stray', () => {
      const block = parseHeaderBlock('hello there\nhow are you');
      assert.deepEqual(block.fields, []);
      assert.equal(block.strayLines, 2);
    });
  });
});
