/**
 * Every shape a real incident takes (issue: "detection you can quote"), each a generated log whose
 * truth is known: bounds that stray background failures cannot move, silences of steady senders,
 * a partial outage, flapping, both DST nights, failures that are not TLS, an incident that goes on
 * past one run and closes in a later one, a sender on IPv6 only, one broken server of a big sender,
 * a small sender with a couple of failures.
 */
import assert from 'node:assert/strict';
import { appendFile, copyFile, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { OUTLOOK_TLS } from '../mxstatus/demo/demo-senders.ts';
import { runSummarize } from '../mxstatus/run-summarize.ts';
import { generateScenarioLog, type FailureWindow, type Scenario } from './scenario-log.ts';
import { assertNear, assertValidRecords, at, connects, described, filesOf, identity, NOISE, readIncidents, senders, summarizeScenario, ZONE, type Incident } from './scenario-run.ts';

/** The log shows seconds: bounds are exact to the second. */
const EXACT = 1000;

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mxstatus-shapes-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const summarize = (name: string, scenario: Scenario) => summarizeScenario(root, name, scenario);

describe('bounds that mean what they say', () => {
  for (const minutes of [5, 15, 40]) {
    test(`our certificate fails 10:05–10:30; a background failure ${minutes} minutes later moves no bound`, async () => {
      const after = at('2026-05-13 10:30') + minutes * 60_000;
      const hhmm = new Date(after + 2 * 3_600_000).toISOString().slice(11, 16);
      const end = new Date(after + 2 * 3_600_000 + 3 * 60_000).toISOString().slice(11, 16);
      // A stray window of three minutes: Gmail's one or few ordinary failures then.
      const stray: FailureWindow = { from: `2026-05-13 ${hhmm}`, to: `2026-05-13 ${end}`, share: 1, kind: 'starttls' };
      const { log, incidents } = await summarize(`stray-${minutes}`, {
        seed: 1500 + minutes,
        timeZone: ZONE,
        from: '2026-05-12 12:00',
        to: '2026-05-14 00:00',
        senders: senders({ id: 'google', perHour: 95, dayNight: true, failures: [stray] }),
        outages: [{ from: '2026-05-13 10:05', to: '2026-05-13 10:30', share: 1, kind: 'starttls' }],
        noise: NOISE,
      });
      const inOutage = log.sessions.filter((s) => s.failure && s.at >= at('2026-05-13 10:05') && s.at < at('2026-05-13 10:30')).map((s) => s.at);
      assert.ok(connects(log, 'google', at(stray.from), at(stray.to), true).length > 0, 'the stray failure is there');
      const ours = incidents.filter((i) => i.attribution === 'ours');
      assert.deepEqual(ours.map(identity), [{ id: '2026-05-13-ours-tls-failure', sender: 'ours', kind: 'tls-failure', attribution: 'ours', status: 'resolved' }], described(incidents));
      assertNear(ours[0]!.startedAt, inOutage[0]!, 'start (first failure)', EXACT);
      assertNear(ours[0]!.endedAt, inOutage.at(-1)!, 'end (last failure of the outage)', EXACT);
      assert.deepEqual(incidents.filter((i) => i.attribution === 'sender').map(identity), [], described(incidents));
    });
  }

  test('a sender\'s wave with one background failure 5 and one 40 minutes after it: the bounds are its first and last failure', async () => {
    const wave = { from: '2026-06-16 09:00', to: '2026-06-16 11:00', share: 0.7, kind: 'starttls' } as const;
    const strays = [
      { from: '2026-06-16 11:05', to: '2026-06-16 11:06', share: 1, kind: 'starttls' },
      { from: '2026-06-16 11:40', to: '2026-06-16 11:41', share: 1, kind: 'starttls' },
    ] as const;
    const { log, incidents } = await summarize('stray-sender', {
      seed: 1617,
      timeZone: ZONE,
      from: '2026-06-15 12:00',
      to: '2026-06-17 00:00',
      senders: senders({ id: 'microsoft', perHour: 90, dayNight: true, tls: OUTLOOK_TLS, failures: [wave, ...strays] }),
      noise: NOISE,
    });
    assert.deepEqual(strays.map((w) => connects(log, 'microsoft', at(w.from), at(w.to), true).length), [1, 1], 'one stray failure each');
    const failed = connects(log, 'microsoft', at(wave.from), at(wave.to), true);
    assert.deepEqual(incidents.map(identity), [{ id: '2026-06-16-microsoft-tls-failure', sender: 'microsoft', kind: 'tls-failure', attribution: 'sender', status: 'resolved' }], described(incidents));
    assertNear(incidents[0]!.startedAt, failed[0]!, 'start', EXACT);
    assertNear(incidents[0]!.endedAt, failed.at(-1)!, 'end', EXACT);
  });
});

describe('silence that is found', () => {
  test('steady senders of about 18, 60 and 120 connections an hour by day, each silent once (3 h, 1.5 h, 1 h): three silences, nothing else', async () => {
    // Three senders in one log, each silent at its own time on the third day, hours apart.
    const gaps = {
      apple: { from: '2026-07-08 13:00', to: '2026-07-08 16:00' },
      'united-internet': { from: '2026-07-08 08:00', to: '2026-07-08 09:30' },
      google: { from: '2026-07-08 18:00', to: '2026-07-08 19:00' },
    } as const;
    const { log, incidents } = await summarize('silences', {
      seed: 1718,
      timeZone: ZONE,
      from: '2026-07-06 00:00',
      to: '2026-07-09 00:00',
      senders: senders(
        { id: 'apple', perHour: 18, dayNight: true, silences: [gaps.apple] },
        { id: 'united-internet', perHour: 60, dayNight: true, silences: [gaps['united-internet']] },
        { id: 'google', perHour: 120, dayNight: true, silences: [gaps.google] },
      ),
      noise: NOISE,
    });
    assert.deepEqual(
      incidents.map(identity),
      ['apple', 'google', 'united-internet'].map((id) => ({ id: `2026-07-08-${id}-silence`, sender: id, kind: 'silence', attribution: 'sender', status: 'resolved' })),
      described(incidents),
    );
    for (const incident of incidents) {
      const gap = gaps[incident.sender.id as keyof typeof gaps];
      const lastBefore = connects(log, incident.sender.id, 0, at(gap.from), false).at(-1)!;
      const firstAfter = connects(log, incident.sender.id, at(gap.to), Infinity, false)[0]!;
      // The silence runs from the bucket after the last connection to the bucket of the next.
      assertNear(incident.startedAt, lastBefore, `${incident.sender.id}: start (last connection before the gap)`, 5 * 60_000);
      assertNear(incident.endedAt, firstAfter, `${incident.sender.id}: end (first connection after the gap)`, 5 * 60_000);
    }
  });

  test('the same senders without a gap, nights and a weekend: no silence', async () => {
    const { incidents } = await summarize('silence-none', {
      seed: 1799,
      timeZone: ZONE,
      from: '2026-07-04 00:00',
      to: '2026-07-08 00:00',
      senders: senders({ id: 'apple', perHour: 18, dayNight: true }, { id: 'posteo', perHour: 5, dayNight: true }),
      noise: NOISE,
    });
    assert.deepEqual(incidents.map(identity), [], described(incidents));
  });
});

describe('every shape a real incident takes', () => {
  test('a partial outage: Outlook.com\'s servers in 40.107.66–71.x fail, a third of its connections: one incident, minor, naming only those servers', async () => {
    const wave = { from: '2026-04-14 09:00', to: '2026-04-14 13:00', share: 0.75, kind: 'starttls', ipPrefix: '40.107.6' } as const;
    const { log, incidents } = await summarize('partial', {
      seed: 1801,
      timeZone: ZONE,
      from: '2026-04-13 00:00',
      to: '2026-04-15 00:00',
      senders: senders({ id: 'microsoft', perHour: 120, dayNight: true, tls: OUTLOOK_TLS, failures: [wave] }),
      noise: NOISE,
    });
    const failed = connects(log, 'microsoft', at(wave.from), at(wave.to), true);
    assert.deepEqual(incidents.map(identity), [{ id: '2026-04-14-microsoft-tls-failure', sender: 'microsoft', kind: 'tls-failure', attribution: 'sender', status: 'resolved' }], described(incidents));
    const [incident] = incidents as [Incident];
    assert.ok(incident.failureRatio > 0.2 && incident.failureRatio < 0.45, `ratio ${incident.failureRatio} from ${incident.startedAt} to ${incident.endedAt}`);
    assert.equal(incident.impact, 'minor');
    // Only the failing range's servers are named (the demo's pool gives some names two addresses: matched by name).
    const failing = new Set([...log.text.matchAll(/lost connection after STARTTLS from (\S+)\[40\.107\.6\d\./g)].map((m) => m[1]));
    assert.ok(incident.hosts.sample.length > 0 && incident.hosts.sample.every((h) => failing.has(h.name)), JSON.stringify(incident.hosts.sample));
    // A third failing: its last failures cannot be told from the background for certain.
    assertNear(incident.startedAt, failed[0]!, 'start', 10 * 60_000);
    assertNear(incident.endedAt, failed.at(-1)!, 'end', 10 * 60_000);
  });

  for (const level of [0, 1] as const) {
    const reasons = level === 0 ? 'reasons only a handshake gives' : 'also one a good handshake may end in (unexpected eof), the proxy logging its good handshakes';
    test(`Outlook.com failing the handshake with postscreen's TLS proxy (tlsproxy_tls_loglevel ${level}: ${reasons}), which names addresses only: one incident of Microsoft with its true bounds`, async () => {
      const wave = { from: '2026-04-28 09:00', to: '2026-04-28 11:00', share: 0.9, kind: 'tlsproxy' } as const;
      const { log, incidents } = await summarize(`tlsproxy-${level}`, {
        seed: 1806 + 2 * level,
        timeZone: ZONE,
        from: '2026-04-27 12:00',
        to: '2026-04-29 00:00',
        senders: senders({ id: 'microsoft', perHour: 120, dayNight: true, tls: OUTLOOK_TLS, failures: [wave] }),
        noise: NOISE,
        postscreenDeepTests: 0.3,
        tlsproxyLogLevel: level,
      });
      const failed = connects(log, 'microsoft', at(wave.from), at(wave.to), true);
      assert.ok(failed.length > 100 && log.text.includes('postfix/tlsproxy['), `${failed.length} failures through the proxy`);
      assert.equal(/tlsproxy\[\d+\]: warning: TLS library problem: .*unexpected eof/.test(log.text), level === 1);
      assert.deepEqual(incidents.map(identity), [{ id: '2026-04-28-microsoft-tls-failure', sender: 'microsoft', kind: 'tls-failure', attribution: 'sender', status: 'resolved' }], described(incidents));
      assertNear(incidents[0]!.startedAt, failed[0]!, 'start', EXACT);
      assertNear(incidents[0]!.endedAt, failed.at(-1)!, 'end', EXACT);
      assert.equal(incidents[0]!.failures, failed.length);
      // Servers known by their address alone are as many servers (named where smtpd saw the address
      // under a name), and those that got through again under their names recovered.
      const { hosts, recovery } = incidents[0]!;
      const addresses = new Set([...log.text.matchAll(/TLS library problem[^\n]*\n[^\n]*tlsproxy\[\d+\]: DISCONNECT \[([^\]]+)\]/g)].map((m) => m[1]));
      assert.equal(hosts.count, addresses.size);
      assert.ok(hosts.sample.every((h) => addresses.has(h.ip)), JSON.stringify(hosts.sample));
      assert.ok(recovery && recovery.hostsRecovered > hosts.count / 2, JSON.stringify(recovery));
    });
  }

  test('postscreen\'s deep tests before a third of all sessions, the TLS proxy at its default log level (no line for a good handshake): no incident', async () => {
    const { log, incidents } = await summarize('deep-tests', {
      seed: 1807,
      timeZone: ZONE,
      from: '2026-04-27 12:00',
      to: '2026-04-29 00:00',
      senders: senders({ id: 'microsoft', perHour: 120, dayNight: true, tls: OUTLOOK_TLS }),
      noise: NOISE,
      postscreenDeepTests: 0.3,
    });
    assert.ok((log.text.match(/postfix\/tlsproxy\[\d+\]: DISCONNECT/g)?.length ?? 0) > 1000);
    assert.deepEqual(incidents.map(identity), [], described(incidents));
  });

  test('flapping: failing ten minutes of every thirty for six hours is one incident, not twelve', async () => {
    const windows: FailureWindow[] = Array.from({ length: 12 }, (_, i) => {
      const from = 8 * 60 + i * 30;
      const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return { from: `2026-04-21 ${hm(from)}`, to: `2026-04-21 ${hm(from + 10)}`, share: 0.9, kind: 'starttls' };
    });
    const { log, incidents } = await summarize('flapping', {
      seed: 1802,
      timeZone: ZONE,
      from: '2026-04-20 12:00',
      to: '2026-04-22 00:00',
      senders: senders({ id: 'google', perHour: 120, dayNight: true, failures: windows }),
      noise: NOISE,
    });
    const failed = connects(log, 'google', at('2026-04-21 08:00'), at('2026-04-21 14:00'), true);
    assert.deepEqual(incidents.map(identity), [{ id: '2026-04-21-google-tls-failure', sender: 'google', kind: 'tls-failure', attribution: 'sender', status: 'resolved' }], described(incidents));
    assertNear(incidents[0]!.startedAt, failed[0]!, 'start');
    assertNear(incidents[0]!.endedAt, failed.at(-1)!, 'end');
  });

  for (const [night, date, from, to, hours] of [
    ['spring (02:00 → 03:00)', '2026-03-29', '01:00', '04:00', 2],
    ['autumn (03:00 → 02:00)', '2026-10-25', '01:00', '04:00', 4],
  ] as const) {
    test(`the DST night in ${night}, BSD timestamps: an incident across it has its true bounds (${hours} h)`, async () => {
      const wave = { from: `${date} ${from}`, to: `${date} ${to}`, share: 0.9, kind: 'starttls' } as const;
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const before = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
      const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
      const { log, incidents } = await summarize(`dst-${date}`, {
        seed: 1803,
        timeZone: ZONE,
        from: `${before} 00:00`,
        to: `${next} 12:00`,
        senders: senders({ id: 'google', perHour: 120, failures: [wave] }),
        noise: NOISE,
      });
      const failed = connects(log, 'google', at(wave.from), at(wave.to), true);
      assert.equal(at(wave.to) - at(wave.from), hours * 3_600_000);
      assert.deepEqual(incidents.map(identity), [{ id: `${date}-google-tls-failure`, sender: 'google', kind: 'tls-failure', attribution: 'sender', status: 'resolved' }], described(incidents));
      assertNear(incidents[0]!.startedAt, failed[0]!, 'start', EXACT);
      assertNear(incidents[0]!.endedAt, failed.at(-1)!, 'end', EXACT);
    });
  }

  test('timeouts in DATA at half of GMX\'s sessions, and Gmail on IPv6 only failing later that day: a timeout incident of its own, and Gmail\'s servers named with their IPv6 addresses', async () => {
    const timeouts = { from: '2026-11-17 10:00', to: '2026-11-17 12:00', share: 0.5, kind: 'timeout' } as const;
    const ipv6 = { from: '2026-11-17 14:00', to: '2026-11-17 16:00', share: 0.8, kind: 'ssl' } as const;
    const hosts = Array.from({ length: 24 }, (_, i) => {
      const x = (0x600 + i * 7).toString(16);
      return { name: `mail-wr1-x${x}.google.com`, ip: `2a00:1450:4864:20::${x}` };
    });
    const { log, incidents } = await summarize('timeouts-ipv6', {
      seed: 1804,
      timeZone: ZONE,
      from: '2026-11-16 12:00',
      to: '2026-11-18 00:00',
      senders: senders({ id: 'united-internet', perHour: 80, dayNight: true, failures: [timeouts] }, { id: 'google', perHour: 90, dayNight: true, hosts, failures: [ipv6] }),
      noise: NOISE,
    });
    assert.deepEqual(incidents.map(identity), [
      { id: '2026-11-17-google-tls-failure', sender: 'google', kind: 'tls-failure', attribution: 'sender', status: 'resolved' },
      { id: '2026-11-17-united-internet-timeout', sender: 'united-internet', kind: 'timeout', attribution: 'sender', status: 'resolved' },
    ], described(incidents));
    const [google, gmx] = incidents as [Incident, Incident];
    const timedOut = connects(log, 'united-internet', at(timeouts.from), at(timeouts.to), true);
    assertNear(gmx.startedAt, timedOut[0]!, 'GMX start');
    assertNear(gmx.endedAt, timedOut.at(-1)!, 'GMX end');
    assert.ok(gmx.excerpts.every((e) => e.failure === 'timeout' && e.stage === 'DATA'), JSON.stringify(gmx.excerpts.slice(0, 2)));
    const failed = connects(log, 'google', at(ipv6.from), at(ipv6.to), true);
    assert.ok(google.hosts.sample.every((h) => h.ip.startsWith('2a00:1450:4864:20::')), JSON.stringify(google.hosts.sample));
    assertNear(google.startedAt, failed[0]!, 'Gmail start');
    assertNear(google.endedAt, failed.at(-1)!, 'Gmail end');
  });

  test('one broken server of a big sender failing alone (1 of 320, every connection it makes), and a small sender with a couple of failures (Posteo, 5 an hour): no incident', async () => {
    const { incidents, log } = await summarize('no-incident', {
      seed: 1806,
      timeZone: ZONE,
      from: '2026-09-01 12:00',
      to: '2026-09-03 00:00',
      senders: senders(
        { id: 'microsoft', perHour: 200, dayNight: true, tls: OUTLOOK_TLS, failures: [{ from: '2026-09-02 08:00', to: '2026-09-02 18:00', share: 1, kind: 'starttls', ipPrefix: '40.107.22.1' }] },
        { id: 'posteo', perHour: 5, dayNight: true, failures: [{ from: '2026-09-02 10:00', to: '2026-09-02 11:00', share: 0.5, kind: 'starttls' }] },
      ),
      noise: NOISE,
    });
    assert.ok(connects(log, 'microsoft', at('2026-09-02 08:00'), at('2026-09-02 18:00'), true).length >= 10, 'the server failed');
    assert.ok(connects(log, 'posteo', at('2026-09-02 10:00'), at('2026-09-02 11:00'), true).length >= 1, 'Posteo failed');
    assert.deepEqual(incidents.map(identity), [], described(incidents));
  });
});

describe('one of our MX hosts failing while the others are fine', () => {
  for (const [hosts, failing] of [[['mx1', 'mx2'], 'mx2'], [['mx1', 'mx2', 'mx3', 'mx4', 'mx5'], 'mx3']] as const) {
    test(`${failing} of ${hosts.length} hosts fails every handshake for 40 minutes: ours, on ${failing} only, no sender blamed — also run by run with --state`, async () => {
      const outage = { from: '2026-06-23 11:00', to: '2026-06-23 11:40', share: 1, kind: 'ssl', mx: failing } as const;
      const scenario: Scenario = {
        seed: 1900 + hosts.length,
        timeZone: ZONE,
        from: '2026-06-22 12:00',
        to: '2026-06-24 00:00',
        mx: hosts,
        senders: senders(),
        outages: [outage],
        noise: NOISE,
      };
      const log = generateScenarioLog(scenario);
      const { incidents, content } = await summarizeScenario(root, `one-host-${hosts.length}`, scenario, log);
      const failed = log.sessions.filter((x) => x.failure && x.at >= at(outage.from) && x.at < at(outage.to)).map((x) => x.at);
      assert.deepEqual(incidents.map(identity), [{ id: '2026-06-23-ours-tls-failure', sender: 'ours', kind: 'tls-failure', attribution: 'ours', status: 'resolved' }], described(incidents));
      const [incident] = incidents as [Incident];
      assertNear(incident.startedAt, failed[0]!, 'start');
      assertNear(incident.endedAt, failed.at(-1)!, 'end');
      assert.deepEqual(incident.ourHosts?.filter((h) => h.affected).map((h) => h.name), [failing]);
      assert.deepEqual(incident.ourHosts?.map((h) => h.name), [...hosts]);

      // The same log in two runs with --state: the counts by host carry over, the records are the same.
      const dir = join(root, `one-host-${hosts.length}-steps`);
      const stepContent = join(dir, 'content');
      await mkdir(stepContent, { recursive: true });
      await copyFile('content/site.yaml', join(stepContent, 'site.yaml'));
      const file = join(dir, 'mail.log');
      const cut = log.text.indexOf('\n', log.text.indexOf('Jun 23 11:20:')) + 1;
      await writeFile(file, log.text.slice(0, cut));
      const state = join(dir, 'state');
      assert.ok((await runSummarize({ contentDir: stepContent, inputs: [file], nowMs: at('2026-06-23 11:21'), statePath: state })).ok);
      await appendFile(file, log.text.slice(cut));
      await utimes(file, log.mtimeMs / 1000, log.mtimeMs / 1000);
      assert.ok((await runSummarize({ contentDir: stepContent, inputs: [file], nowMs: log.mtimeMs, statePath: state })).ok);
      const a = await filesOf(join(stepContent, 'records'));
      const b = await filesOf(join(content, 'records'));
      assert.deepEqual([...a.keys()], [...b.keys()]);
      for (const [path, bytes] of b) assert.ok(bytes.equals(a.get(path)!), `${path} differs from one run over everything`);
    });
  }
});

describe('an incident still going on at the end of a run', () => {
  test('ongoing without an end in one run, closed by a later run with --state: the same records as one run over everything', async () => {
    const wave = { from: '2026-10-13 15:00', to: '2026-10-13 19:00', share: 0.8, kind: 'starttls' } as const;
    const scenario: Scenario = {
      seed: 1808,
      timeZone: ZONE,
      from: '2026-10-12 12:00',
      to: '2026-10-14 06:00',
      senders: senders({ id: 'microsoft', perHour: 90, dayNight: true, tls: OUTLOOK_TLS, failures: [wave] }),
      noise: NOISE,
    };
    const log = generateScenarioLog(scenario);
    const whole = await summarizeScenario(root, 'ongoing-whole', scenario, log);
    assert.deepEqual(whole.incidents.map(identity), [{ id: '2026-10-13-microsoft-tls-failure', sender: 'microsoft', kind: 'tls-failure', attribution: 'sender', status: 'resolved' }], described(whole.incidents));

    // The same log growing, summarized with --state: up to 17:00 (in the middle of the wave), then the rest.
    const dir = join(root, 'ongoing-steps');
    const content = join(dir, 'content');
    await mkdir(content, { recursive: true });
    await copyFile('content/site.yaml', join(content, 'site.yaml'));
    const file = join(dir, 'mail.log');
    const cut = log.text.indexOf('\n', log.text.indexOf('Oct 13 17:00:')) + 1;
    await writeFile(file, log.text.slice(0, cut));
    const midway = at('2026-10-13 17:00');
    await utimes(file, midway / 1000, midway / 1000);
    const state = join(dir, 'state');
    const first = await runSummarize({ contentDir: content, inputs: [file], nowMs: midway, statePath: state });
    assert.ok(first.ok);
    const [going] = (await readIncidents(content)) as [Incident];
    assert.deepEqual(identity(going), { id: '2026-10-13-microsoft-tls-failure', sender: 'microsoft', kind: 'tls-failure', attribution: 'sender', status: 'ongoing' });
    assert.ok(Date.parse(going.endedAt) <= midway, 'an ongoing incident ends no later than the logs');
    await appendFile(file, log.text.slice(cut));
    await utimes(file, log.mtimeMs / 1000, log.mtimeMs / 1000);
    const second = await runSummarize({ contentDir: content, inputs: [file], nowMs: log.mtimeMs, statePath: state });
    assert.ok(second.ok);
    const a = await filesOf(join(content, 'records'));
    const b = await filesOf(join(whole.content, 'records'));
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [path, bytes] of b) assert.ok(bytes.equals(a.get(path)!), `${path} differs from one run over everything`);
    assertValidRecords(await readIncidents(content));
  });
});
