import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeWriteError } from './describe-write-error.ts';

const failure = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('describeWriteError', () => {
  test('names the cause and the fix', () => {
    assert.equal(describeWriteError(failure('ENOSPC')), 'the disk is full (ENOSPC); free space on it');
    assert.match(describeWriteError(failure('EFBIG')), /^the file would be larger than this process may write \(EFBIG\); raise the limit \(ulimit -f, or LimitFSIZE= under systemd\)$/);
    assert.match(describeWriteError(failure('EROFS')), /ReadWritePaths=/);
    assert.equal(describeWriteError(failure('EIO')), 'EIO; check that the folder exists and is writable');
  });
});
