import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { orderLogFiles } from './order-log-files.ts';

describe('orderLogFiles', () => {
  test('reads a numbered logrotate set oldest first', () => {
    assert.deepEqual(orderLogFiles(['/var/log/mail.log', '/var/log/mail.log.1', '/var/log/mail.log.2.gz', '/var/log/mail.log.3.gz']), [
      '/var/log/mail.log.3.gz',
      '/var/log/mail.log.2.gz',
      '/var/log/mail.log.1',
      '/var/log/mail.log',
    ]);
  });

  test('orders numbers as numbers: .10 is older than .9', () => {
    assert.deepEqual(orderLogFiles(['mail.log.9.gz', 'mail.log.10.gz', 'mail.log']), ['mail.log.10.gz', 'mail.log.9.gz', 'mail.log']);
  });

  test('reads a dateext set oldest first', () => {
    assert.deepEqual(orderLogFiles(['mail.log', 'mail.log-20260323.gz', 'mail.log-20260316.gz']), ['mail.log-20260316.gz', 'mail.log-20260323.gz', 'mail.log']);
  });

  test('keeps the sets of several hosts apart, in command-line order', () => {
    assert.deepEqual(orderLogFiles(['mx1/mail.log', 'mx1/mail.log.1.gz', 'mx2/mail.log', 'mx2/mail.log.1.gz']), [
      'mx1/mail.log.1.gz',
      'mx1/mail.log',
      'mx2/mail.log.1.gz',
      'mx2/mail.log',
    ]);
  });

  test('standard input stays where it is', () => {
    assert.deepEqual(orderLogFiles(['-']), ['-']);
  });
});
