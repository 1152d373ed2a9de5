import assert from 'node:assert/strict';
import { mkdtemp, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { exitCodes } from '../../src/core/problem.ts';
import { ZoneClock } from './parse/zone-clock.ts';
import { readEvents, type ReadEventsOptions } from './read-events.ts';
import type { SmtpSession } from './sessions/smtp-session.ts';
import { SessionTracker } from './sessions/track-sessions.ts';
import { FilePositions } from './state/summarize-state.ts';

const OUTLOOK = 'mail-am6eur05on2071.outbound.protection.outlook.com[40.107.22.71]';
/** One Outlook.com connection lost during STARTTLS, and lines of every other sort. */
const LINES = [
  `Mar 23 17:02:30 mx2 postfix/smtpd[25931]: connect from ${OUTLOOK}`,
  `Mar 23 17:02:35 mx2 postfix/smtpd[25931]: lost connection after STARTTLS from ${OUTLOOK}`,
  `Mar 23 17:02:35 mx2 postfix/smtpd[25931]: disconnect from ${OUTLOOK} ehlo=1 starttls=1 commands=2`,
  'Mar 23 17:03:00 mx2 postfix/anvil[900]: statistics: max connection rate 1/60s for (smtp:40.107.22.71) at Mar 23 17:02:30',
  'Mar 23 17:03:01 mx2 sshd[77]: Accepted publickey for root from 192.0.2.9 port 50022 ssh2',
  'not a syslog line',
  // Years before the file was written: a forged or broken line, left out.
  '2020-01-01T00:00:00Z mx2 postfix/smtpd[1]: connect from x[192.0.2.1]',
];
const WRITTEN = new Date('2026-03-24T12:00:00Z');

async function logFile(lines: readonly string[]): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'mxstatus-read-events-')), 'mail.log');
  await writeFile(path, `${lines.join('\n')}\n`);
  await utimes(path, WRITTEN, WRITTEN);
  return path;
}

function tracked(): { tracker: SessionTracker; sessions: SmtpSession[] } {
  const sessions: SmtpSession[] = [];
  return { tracker: new SessionTracker({ session: (s) => sessions.push(s), message: () => {} }), sessions };
}

const options = (more: Partial<ReadEventsOptions> = {}): ReadEventsOptions => ({ clock: new ZoneClock('Europe/Berlin'), year: undefined, positions: null, nowMs: WRITTEN.getTime(), progress: undefined, ...more });

describe('readEvents', () => {
  test('every line lands in one counter; Postfix events reach the tracker', async () => {
    const path = await logFile(LINES);
    const { tracker, sessions } = tracked();
    const read = await readEvents([path], tracker, options());
    tracker.flush();
    const { stats } = read;
    assert.deepEqual([stats.lines, stats.linesWithoutEnvelope, stats.linesOutOfTime], [7, 1, 1]);
    assert.deepEqual(Object.fromEntries(stats.eventsByKind), { connect: 1, 'session-aborted': 1, disconnect: 1, unrecognised: 2 });
    assert.deepEqual(Object.fromEntries(stats.unrecognisedByProgram), { 'postfix/anvil': 1, sshd: 1 });
    // Only mail lines give the times covered: not sshd's, not anvil's.
    assert.deepEqual([stats.firstTime, stats.lastTime], [Date.parse('2026-03-23T16:02:30Z'), Date.parse('2026-03-23T16:02:35Z')]);
    assert.deepEqual(sessions.map((s) => [s.client.name, s.outcome, s.stage]), [['mail-am6eur05on2071.outbound.protection.outlook.com', 'tls-failed', 'STARTTLS']]);
    const info = await stat(path);
    assert.deepEqual(read.files, [{ path, skipped: 0, offset: LINES.join('\n').length + 1, dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs }]);
    assert.deepEqual(read.problems, []);
  });

  test('--year sets the year of BSD timestamps; a line years away from both that year and its file is still left out', async () => {
    const path = await logFile(LINES);
    const { stats } = await readEvents([path], tracked().tracker, options({ year: 2024 }));
    assert.deepEqual([stats.linesOutOfTime, stats.linesOutlying], [1, 0]);
    assert.deepEqual([stats.firstTime, stats.lastTime], [Date.parse('2024-03-23T16:02:30Z'), Date.parse('2024-03-23T16:02:35Z')]);
  });

  test('in incremental mode, tells each file\'s position and latest time, and reads only what is new', async () => {
    const path = await logFile(LINES.slice(0, 3));
    const positions = new FilePositions([]);
    await readEvents([path], tracked().tracker, options({ positions }));
    const [position] = positions.list(WRITTEN.getTime());
    assert.deepEqual([position?.path, position?.offset, position?.lastTime], [path, LINES.slice(0, 3).join('\n').length + 1, Date.parse('2026-03-23T16:02:35Z')]);
    const again = await readEvents([path], tracked().tracker, options({ positions }));
    assert.deepEqual([again.stats.lines, again.files[0]?.skipped], [0, position?.offset]);
  });

  test('tells a progress display of lines and of each file done', async () => {
    const path = await logFile(LINES);
    const heard: string[] = [];
    const progress = { bytes: () => {}, lines: (_: unknown, count: number) => heard.push(`lines ${count}`), fileDone: () => heard.push('done') };
    await readEvents([path], tracked().tracker, options({ progress }));
    assert.deepEqual(heard, ['lines 7', 'done']);
  });

  describe('lines dated far from the rest', () => {
    /** A connection from a Gmail host every minute from `from` (UTC), `count` of them, as RFC 3339 lines. */
    const connects = (from: string, count: number) =>
      Array.from({ length: count }, (_, i) => `${new Date(Date.parse(from) + i * 60_000).toISOString()} mx1 postfix/smtpd[1]: connect from mail-ed1-f41.google.com[209.85.208.41]`);

    test('in incremental mode, lines after a jump beyond the file\'s time are held, read again and confirmed by the next run', async () => {
      const first = [...connects('2026-03-24T09:00:00Z', 10), ...connects('2026-03-24T13:00:00Z', 3)];
      const path = await logFile(first);
      const positions = new FilePositions([]);
      const one = await readEvents([path], tracked().tracker, options({ positions }));
      assert.deepEqual([one.stats.eventsByKind.get('connect'), one.stats.held, one.stats.lastTime], [10, 3, Date.parse('2026-03-24T09:09:00Z')]);
      assert.equal(positions.list(WRITTEN.getTime())[0]?.held?.length, 3);
      // The log goes on from the jump: the three held lines were real.
      const later = new Date('2026-03-24T14:00:00Z');
      await writeFile(path, `${[...first, ...connects('2026-03-24T13:03:00Z', 10)].join('\n')}\n`);
      await utimes(path, later, later);
      const two = await readEvents([path], tracked().tracker, options({ positions, nowMs: later.getTime() }));
      assert.deepEqual([two.stats.eventsByKind.get('connect'), two.stats.held, two.stats.linesOutlying], [13, 0, 0]);
      assert.deepEqual(positions.list(later.getTime())[0]?.held, []);
    });

    test('a line dated two days after its file was written is left out at once, not held', async () => {
      const first = [...connects('2026-03-24T09:00:00Z', 10), ...connects('2026-03-26T09:00:00Z', 1)];
      const path = await logFile(first);
      const positions = new FilePositions([]);
      const one = await readEvents([path], tracked().tracker, options({ positions }));
      assert.deepEqual([one.stats.linesOutlying, one.stats.held], [1, 0]);
      await writeFile(path, `${[...first, ...connects('2026-03-24T09:10:00Z', 5)].join('\n')}\n`);
      await utimes(path, WRITTEN, WRITTEN);
      const two = await readEvents([path], tracked().tracker, options({ positions }));
      assert.deepEqual([two.stats.eventsByKind.get('connect'), two.stats.linesOutlying, two.stats.lastTime], [5, 0, Date.parse('2026-03-24T09:14:00Z')]);
    });

    test('a central log of two hosts whose clocks are six minutes apart: every line of both is taken', async () => {
      const lines: string[] = [];
      for (let i = 0; i < 120; i++) {
        const at = Date.parse('2026-03-24T09:00:00Z') + i * 20_000;
        lines.push(`${new Date(at).toISOString()} mx1 postfix/smtpd[1]: connect from mail-ed1-f41.google.com[209.85.208.41]`);
        lines.push(`${new Date(at - 6 * 60_000).toISOString()} mx2 postfix/smtpd[2]: connect from mail-ed1-f41.google.com[209.85.208.41]`);
      }
      const { stats } = await readEvents([await logFile(lines)], tracked().tracker, options());
      assert.deepEqual([stats.eventsByKind.get('connect'), stats.linesOutlying], [240, 0]);
    });

    test('incremental: a log rotated in the repeated autumn hour right after a run (nothing new in the rotated file) goes on in the second pass', async () => {
      const bsd = (wall: string) => `Oct 25 ${wall} mx1 postfix/smtpd[1]: connect from mail-ed1-f41.google.com[209.85.208.41]`;
      const dir = await mkdtemp(join(tmpdir(), 'mxstatus-read-events-'));
      const live = join(dir, 'mail.log');
      // 01:30 … 02:55 CEST, then 02:00 … 02:35 CET: read by a run at 02:36 CET.
      const first = [...['01:30', '01:45', '02:00', '02:15', '02:30', '02:45', '02:55'], ...['02:00', '02:10', '02:20', '02:30', '02:35']].map((m) => bsd(`${m}:00`));
      await writeFile(live, `${first.join('\n')}\n`);
      const at1 = new Date('2026-10-25T01:36:00Z');
      await utimes(live, at1, at1);
      const positions = new FilePositions([]);
      await readEvents([live], tracked().tracker, options({ positions, nowMs: at1.getTime() }));
      // logrotate: mail.log → mail.log.1 (nothing new in it), a new mail.log from 02:40 CET.
      await rename(live, `${live}.1`);
      await writeFile(live, `${['02:40', '02:50', '03:00'].map((m) => bsd(`${m}:00`)).join('\n')}\n`);
      const at2 = new Date('2026-10-25T02:01:00Z');
      await utimes(live, at2, at2);
      const two = await readEvents([`${live}.1`, live], tracked().tracker, options({ positions, nowMs: at2.getTime() }));
      assert.deepEqual([two.stats.files.get(live)?.first, two.stats.files.get(live)?.last], [Date.parse('2026-10-25T01:40:00Z'), Date.parse('2026-10-25T02:00:00Z')]);
    });

    for (const mtime of ['1970-01-01T00:00:00Z', '2099-03-24T12:00:00Z']) {
      test(`a BSD file modified "${mtime.slice(0, 4)}" takes its year from the run's clock instead`, async () => {
        const path = await logFile(LINES.slice(0, 3));
        await utimes(path, new Date(mtime), new Date(mtime));
        const { stats } = await readEvents([path], tracked().tracker, options());
        assert.deepEqual([stats.firstTime, stats.lastTime, stats.linesOutOfTime], [Date.parse('2026-03-23T16:02:30Z'), Date.parse('2026-03-23T16:02:35Z'), 0]);
      });
    }

    test('a log rotated inside the repeated autumn hour goes on in its second pass (zone-less times)', async () => {
      // Europe/Berlin, 25 October 2026: 02:00–03:00 comes twice, first CEST (UTC+2), then CET (UTC+1).
      const bsd = (wall: string) => `Oct 25 ${wall} mx1 postfix/smtpd[1]: connect from mail-ed1-f41.google.com[209.85.208.41]`;
      const minutes = (fromHour: number, fromMinute: number, count: number) =>
        Array.from({ length: count }, (_, i) => {
          const m = fromHour * 60 + fromMinute + i * 5;
          return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;
        });
      const dir = await mkdtemp(join(tmpdir(), 'mxstatus-read-events-'));
      const written = new Date('2026-10-25T03:00:00Z');
      const rotated = join(dir, 'mail.log.1');
      const live = join(dir, 'mail.log');
      await writeFile(rotated, `${minutes(1, 30, 18).map(bsd).join('\n')}\n`); // 01:30 … 02:55 CEST
      await writeFile(live, `${minutes(2, 0, 18).map(bsd).join('\n')}\n`); // 02:00 … 03:25, CET
      for (const file of [rotated, live]) await utimes(file, written, written);
      const { stats } = await readEvents([rotated, live], tracked().tracker, options({ nowMs: written.getTime() }));
      assert.deepEqual([stats.files.get(live)?.first, stats.files.get(live)?.last], [Date.parse('2026-10-25T01:00:00Z'), Date.parse('2026-10-25T02:25:00Z')]);
      assert.deepEqual([stats.eventsByKind.get('connect'), stats.linesOutlying], [36, 0]);
    });
  });

  describe('invalid input', () => {
    test('a missing file is a problem; the other files are still read', async () => {
      const path = await logFile(LINES);
      const read = await readEvents([`${path}.missing`, path], tracked().tracker, options());
      assert.deepEqual(read.problems.map((p) => p.exitCode), [exitCodes.input]);
      assert.equal(read.stats.lines, 7);
    });
  });
});
