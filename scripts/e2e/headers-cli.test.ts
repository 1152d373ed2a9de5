/**
 * `mxstatus headers` on a mail delayed by the demo's Outlook.com incident: it must say that the
 * mail waited at Outlook.com and name the incident.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { analyseHeaders, type HeadersAnalysed } from '../../src/core/headers/analyse-headers.ts';
import { translate } from '../../src/core/i18n/translate.ts';
import { exitCodes } from '../../src/core/problem.ts';
import { demoRecords } from './demo-fixture.ts';

let content: string;

before(async () => {
  // The demo's records, as the summarizer wrote them (demo-fixture.ts).
  content = (await demoRecords()).summarized;
});

/** Written on 23 March at 11:03 in Outlook, handed to us at 17:45 once Outlook.com had recovered. */
const DELAYED_BY_OUTLOOK = [
  'Received: from mx1.example.net (mx1.example.net [192.0.2.25])',
  '\tby mailstore1.example.net (Dovecot) with LMTP id kL8xBpBzQWb4MQAAq2Hmcw',
  '\tfor <anna.schmidt@example.net>; Mon, 23 Mar 2026 17:45:03 +0100',
  'Received: from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05on2071.outbound.protection.outlook.com [40.107.22.71])',
  '\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-SHA384 (256/256 bits))',
  '\tby mx1.example.net (Postfix) with ESMTPS id 4Xk2Jd0Fh3z9rx7',
  '\tfor <anna.schmidt@example.net>; Mon, 23 Mar 2026 17:45:02 +0100 (CET)',
  'Received: from AM9PR07MB7123.eurprd07.prod.outlook.com (2603:10a6:20b:3e4::12) by',
  ' AM9PR07MB7124.eurprd07.prod.outlook.com (2603:10a6:20b:3e5::9) with',
  ' Microsoft SMTP Server (version=TLS1_2,',
  ' cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7409.21; Mon, 23 Mar',
  ' 2026 10:03:41 +0000',
  'Received: from AM9PR07MB7123.eurprd07.prod.outlook.com ([fe80::1]) by',
  ' AM9PR07MB7123.eurprd07.prod.outlook.com ([fe80::1%5]) with mapi id',
  ' 15.20.7409.021; Mon, 23 Mar 2026 10:03:40 +0000',
  'From: Lena Weber <lena.weber@stadtwerke-beispiel.de>',
  'To: Anna Schmidt <anna.schmidt@example.net>',
  'Subject: Angebot',
  'Date: Mon, 23 Mar 2026 10:03:39 +0000',
  'Message-ID: <AM9PR07MB7123ABCDEF@AM9PR07MB7123.eurprd07.prod.outlook.com>',
  '',
].join('\n');

function mxstatus(args: string[], input: string) {
  const result = spawnSync(process.execPath, ['scripts/mxstatus.js', 'headers', '--content', content, ...args], { encoding: 'utf8', input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mxstatus headers', () => {
  test('says that the mail waited at Outlook.com and links the incident, in English with --lang en', () => {
    const { code, stdout, stderr } = mxstatus(['--lang', 'en'], DELAYED_BY_OUTLOOK);
    assert.equal(code, 0, stderr);
    // The demo's logs end in March 2026: as /check/ does, the report says first that its data is old.
    assert.match(stdout, /^No current data since 24 March 2026, 12:48 CET\. A delay after that time cannot be matched to an incident\.\n\n/);
    assert.match(stdout, /\nThis email waited 6 hr 41 min at Outlook\.com \/ Microsoft 365 before reaching us — see https:\/\/status\.example\.net\/en\/incidents\/2026-03-19-microsoft-tls-failure\/\./);
  });

  test("speaks the site's default language (German in the demo) without --lang, and links its page", () => {
    const { code, stdout, stderr } = mxstatus([], DELAYED_BY_OUTLOOK);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /\nDiese E-Mail hat 6 Std\., 41 Min\. bei Outlook\.com \/ Microsoft 365 gewartet, bevor sie uns erreichte – siehe https:\/\/status\.example\.net\/incidents\/2026-03-19-microsoft-tls-failure\/\./);
    assert.match(stdout, /\nStationen, älteste zuerst:\n/);
    assert.doesNotMatch(stdout, /This email|Hops, oldest first/);
  });

  test('lists every hop as /check/ does: route, time to the second, delay and TLS, and where the mail reached us', () => {
    const { stdout } = mxstatus(['--lang', 'en'], DELAYED_BY_OUTLOOK);
    const hops = stdout.slice(stdout.indexOf('Hops, oldest first:\n'));
    assert.equal(analyseHeaders(DELAYED_BY_OUTLOOK).kind, 'analysed');
    assert.equal((analyseHeaders(DELAYED_BY_OUTLOOK) as HeadersAnalysed).hops.length, 4);
    assert.match(hops, /^ {2}1\. AM9PR07MB7123\.eurprd07\.prod\.outlook\.com → AM9PR07MB7123\.eurprd07\.prod\.outlook\.com\n {5}23 Mar 2026, 11:03:40 CET · \+1 sec · encryption unknown$/m);
    assert.match(hops, /^ {2}3\. EUR05-AM6-obe\.outbound\.protection\.outlook\.com → mx1\.example\.net\n {5}23 Mar 2026, 17:45:02 CET · \+6 hr 41 min · encrypted \(TLSv1\.2\) ← reached us here$/m);
    assert.match(hops, /^ {2}4\. mx1\.example\.net → mailstore1\.example\.net\n/m);
    assert.match(stdout, /\nFrom the date of the email to the last hop: 6 hr 41 min\n/);
    assert.match(stdout, /\nWhere the time went:\n {2}Before it was sent \(sender's device or outbox\): /);
  });

  test('reads the headers from a file named on the command line, the same as from standard input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mxstatus-headers-file-'));
    try {
      const file = join(dir, 'late.eml');
      await writeFile(file, `${DELAYED_BY_OUTLOOK}\nHallo Anna,\n`);
      const fromFile = spawnSync(process.execPath, ['scripts/mxstatus.js', 'headers', file, '--content', content], { encoding: 'utf8' });
      assert.equal(fromFile.status, 0, fromFile.stderr);
      assert.equal(fromFile.stdout, mxstatus([], DELAYED_BY_OUTLOOK).stdout);
      assert.equal(fromFile.stderr, '');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('--json gives every hop with its delay in seconds and the matched incident id', () => {
    const { code, stdout } = mxstatus(['--json'], DELAYED_BY_OUTLOOK);
    assert.equal(code, 0);
    const json = JSON.parse(stdout) as { hops: { delaySeconds: number | null }[]; handOff: { incidentId: string; sender: { id: string }; waitedSeconds: number } };
    assert.deepEqual(json.hops.map((h) => h.delaySeconds), [1, 1, 24_081, 1]);
    assert.equal(json.handOff.sender.id, 'microsoft');
    assert.equal(json.handOff.incidentId, '2026-03-19-microsoft-tls-failure');
    assert.doesNotMatch(stdout, /anna\.schmidt|lena\.weber|AM9PR07MB7123ABCDEF/);
  });

  test('a mail that was not delayed by any incident points to support', () => {
    const onTime = DELAYED_BY_OUTLOOK.replace('Mon, 23 Mar 2026 17:45:03 +0100', 'Tue, 17 Mar 2026 11:03:43 +0100')
      .replace('Mon, 23 Mar 2026 17:45:02 +0100 (CET)', 'Tue, 17 Mar 2026 11:03:42 +0100 (CET)')
      .replaceAll('Mon, 23 Mar', 'Tue, 17 Mar')
      .replace(' 15.20.7409.21; Tue, 17 Mar', ' 15.20.7409.21; Tue, 17 Mar');
    const { stdout } = mxstatus(['--lang', 'en'], onTime);
    assert.match(stdout, /This email reached us 4 sec after it was sent: no notable delay\./);
  });

  test('a long wait at Outlook.com that no incident explains points to support', () => {
    const late = DELAYED_BY_OUTLOOK.replace('Mon, 23 Mar 2026 17:45:03 +0100', 'Tue, 17 Mar 2026 13:03:43 +0100')
      .replace('Mon, 23 Mar 2026 17:45:02 +0100 (CET)', 'Tue, 17 Mar 2026 13:03:42 +0100 (CET)')
      .replaceAll('Mon, 23 Mar', 'Tue, 17 Mar');
    const { code, stdout } = mxstatus(['--lang', 'en'], late);
    assert.equal(code, 0);
    assert.match(stdout, /3\. EUR05-AM6-obe\.outbound\.protection\.outlook\.com → mx1\.example\.net\n {5}17 Mar 2026, 13:03:42 CET · \+2 hr · encrypted \(TLSv1\.2\) ← reached us here/);
    assert.match(stdout, /This email waited 2 hr at Outlook\.com \/ Microsoft 365 before reaching us\. No incident we know of explains it\.\nIf the delay matters, write to support@example\.net and include these headers\./);
  });

  describe('invalid input', () => {
    test("text that is not mail headers: one line in the page's words, exit 4", () => {
      const { code, stderr } = mxstatus(['--lang', 'en'], 'hello, my mail is late!\n');
      assert.equal(code, exitCodes.input);
      assert.equal(stderr, `mxstatus: standard input: ${translate('en', 'check.notHeaders.no-fields')}\n`);
    });

    test('text that is not mail headers, in German: the source named in German too', () => {
      const { code, stderr } = mxstatus([], 'hallo, meine E-Mail kam zu spät!\n');
      assert.equal(code, exitCodes.input);
      assert.equal(stderr, `mxstatus: Standardeingabe: ${translate('de', 'check.notHeaders.no-fields')}\n`);
    });

    test('nothing at all: one sentence in one language, never an internal code such as (empty)', () => {
      const { code, stderr } = mxstatus([], '');
      assert.equal(code, exitCodes.input);
      assert.equal(stderr, `mxstatus: ${translate('de', 'check.cli.emptyInput')}\n`);
      assert.doesNotMatch(stderr, /standard input|\(empty\)|no-fields|not-headers/);
    });

    test('2 MB of headers piped in and the pipe left open: stops reading after 512 KB and says they are too long, without waiting for the end', async () => {
      const child = spawn(process.execPath, ['scripts/mxstatus.js', 'headers', '--content', content], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      child.stdin.on('error', () => {}); // the pipe breaks once mxstatus has read enough
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      // 2 MB of headers without a blank line, and the pipe left open: mxstatus must not wait for more.
      const line = 'Received: from a.example.org by b.example.net; Mon, 23 Mar 2026 10:00:00 +0000\n';
      child.stdin.write(line.repeat((2 * 1024 * 1024) / line.length));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 30_000)));
      const code = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      child.kill();
      assert.equal(code, exitCodes.input, `still reading after 30 s; standard error: ${stderr}`);
      assert.equal(stderr, 'mxstatus: standard input: over 512 KB of text before the first blank line, more than email headers ever are; pass only the headers of the late email\n');
    });

    test("--lang of a language the site has no pages in: a usage error naming the site's locales, before anything is read", async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mxstatus-headers-lang-'));
      try {
        await writeFile(join(dir, 'site.yaml'), (await readFile('content/site.yaml', 'utf8')).replace(/^locales: .*$/m, 'locales: [de]'));
        const run = spawnSync(process.execPath, ['scripts/mxstatus.js', 'headers', '--lang', 'en', '--content', dir], { encoding: 'utf8', input: DELAYED_BY_OUTLOOK });
        assert.equal(run.status, exitCodes.usage);
        assert.equal(run.stdout, '');
        assert.equal(run.stderr, `mxstatus: --lang en: not one of the locales in ${join(dir, 'site.yaml')} (de); use --lang de, or add en to locales\n`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    test('a file that does not exist: one line naming it and the fix, exit 4', () => {
      const run = spawnSync(process.execPath, ['scripts/mxstatus.js', 'headers', 'no-such-mail.eml', '--content', content], { encoding: 'utf8' });
      assert.equal(run.status, exitCodes.input);
      assert.equal(run.stderr, 'mxstatus: no-such-mail.eml: no such file; give the file that holds the headers of the late email, or pipe them in: mxstatus headers < file\n');
    });

    test('a language the site cannot speak is a usage error naming the choices', () => {
      const { code, stderr } = mxstatus(['--lang', 'fr'], DELAYED_BY_OUTLOOK);
      assert.equal(code, exitCodes.usage);
      assert.match(stderr, /option '--lang <locale>' argument 'fr' is invalid\. Allowed choices are de, en\./);
    });
  });
});
