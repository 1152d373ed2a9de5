import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileHostPatterns, hostPatternProblem, isHostPattern, patternEndsInSuffix } from './host-pattern.ts';

describe('compileHostPatterns', () => {
  const cases: readonly (readonly [pattern: string, matches: readonly string[], misses: readonly string[]])[] = [
    ['smtp*.smtpout.orange.fr', ['smtp05.smtpout.orange.fr', 'smtp-81.smtpout.orange.fr', 'smtp.smtpout.orange.fr'], ['out-69.smtpout.orange.fr', 'x.smtp05.smtpout.orange.fr', 'smtp05.smtpout.orange.fr.evil.example']],
    ['mout#.freenet.de', ['mout1.freenet.de', 'mout06.freenet.de'], ['mout.freenet.de', 'mouta.freenet.de', 'mout1a.freenet.de']],
    ['w#.tutanota.de', ['w1.tutanota.de', 'w13.tutanota.de'], ['www.tutanota.de', 'w.tutanota.de']],
    ['**.mail.*.yahoo.com', ['sonic305-21.consmr.mail.ir2.yahoo.com', 'nm3-vm1.access.bullet.mail.gq1.yahoo.com', 'mta7.mail.ir2.yahoo.com'], ['mail.ir2.yahoo.com', 'sonic305-21.consmr.ir2.yahoo.com', 'a.mail.b.c.yahoo.com']],
    ['*mta*.mtasv.net', ['mta202a-ord.mtasv.net', 'sc-ord-mta120.mtasv.net', 'mta.mtasv.net'], ['pm-bounces.mtasv.net', 'a.mta1.mtasv.net']],
  ];
  for (const [pattern, matches, misses] of cases) {
    test(`${pattern} matches whole names of its shape and nothing else`, () => {
      const re = compileHostPatterns([pattern]);
      for (const name of matches) assert.ok(re.test(name), name);
      for (const name of misses) assert.ok(!re.test(name), name);
    });
  }

  test('a name matching any one of several patterns matches', () => {
    const re = compileHostPatterns(['mout.freenet.de', 'mout#.freenet.de']);
    assert.ok(re.test('mout.freenet.de'));
    assert.ok(re.test('mout3.freenet.de'));
    assert.ok(!re.test('www.freenet.de'));
  });

  describe('edge cases', () => {
    test('upper case in the pattern or the name does not matter', () => {
      assert.ok(compileHostPatterns(['MOUT#.Freenet.DE']).test('mout1.freenet.de'));
      assert.ok(compileHostPatterns(['mout#.freenet.de']).test('MOUT1.FREENET.DE'));
    });

    test('a dot in the pattern is a dot, not any character', () => {
      assert.ok(!compileHostPatterns(['mout.freenet.de']).test('moutxfreenet.de'));
    });

    test('a 253-character hostile name is judged at once', () => {
      const re = compileHostPatterns(['**.mail.*.yahoo.com', '*-*.smtpout.orange.fr']);
      const started = performance.now();
      for (const name of [`${'a-'.repeat(115)}.mail.ir2.yahoo.co`, `${'a.'.repeat(120)}mail.yahoo.com`, `${'-'.repeat(60)}.smtpout.orange.f`]) re.test(name);
      assert.ok(performance.now() - started < 50);
    });
  });
});

describe('hostPatternProblem', () => {
  test('a host name with * and # inside labels and one ** label is a pattern', () => {
    for (const pattern of ['smtp*.smtpout.orange.fr', '**.mail.*.yahoo.com', 'mta-*.**.sparkpostmail.com', 'mout.freenet.de', 'sender*-*.zoho.eu']) {
      assert.equal(hostPatternProblem(pattern), null, pattern);
      assert.ok(isHostPattern(pattern), pattern);
    }
  });

  describe('invalid input', () => {
    const cases: readonly (readonly [pattern: string, what: string])[] = [
      ['mail[0-9]+\\.partner\\.example', 'not a host-name pattern'],
      ['freenet', 'not a host-name pattern'],
      ['mout..freenet.de', 'not a host-name pattern'],
      ['mout.freenet.de.', 'not a host-name pattern'],
      ['', 'not a host-name pattern'],
      ['mout .freenet.de', 'not a host-name pattern'],
      ['***.freenet.de', 'more than 2 wildcards in one label'],
      ['**.**.freenet.de', 'more than one ** label'],
      [`${'a'.repeat(60)}.`.repeat(5) + 'de', 'longer than a host name can be'],
    ];
    for (const [pattern, what] of cases) {
      test(`${JSON.stringify(pattern.slice(0, 40))} is refused as ${what}`, () => {
        assert.ok(hostPatternProblem(pattern)?.startsWith(`${what};`), String(hostPatternProblem(pattern)));
        assert.ok(!isHostPattern(pattern));
      });
    }
  });
});

describe('patternEndsInSuffix', () => {
  test('a pattern ends in a suffix at a label boundary, without a wildcard in that ending', () => {
    assert.ok(patternEndsInSuffix('mout#.freenet.de', ['gmx.net', 'freenet.de']));
    assert.ok(patternEndsInSuffix('**.mail.*.yahoo.com', ['yahoo.com']));
    assert.ok(patternEndsInSuffix('smtp.rzone.de', ['smtp.rzone.de']));
    assert.ok(patternEndsInSuffix('MOUT#.FREENET.DE', ['.Freenet.de.']));
    assert.ok(!patternEndsInSuffix('mout#.notfreenet.de', ['freenet.de']));
    assert.ok(!patternEndsInSuffix('mout.*.de', ['freenet.de']));
    assert.ok(!patternEndsInSuffix('mout#.freenet.de', []));
  });
});
