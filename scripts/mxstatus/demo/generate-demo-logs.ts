import { ZoneClock } from '../parse/zone-clock.ts';
import { ACCESS_NETWORKS, FIRST_NAMES, LAST_NAMES, demoSenders, type DemoHost, type DemoSender } from './demo-senders.ts';
import { Random } from './random.ts';
import { postfixSeconds, RelayLog, type RecipientProblem, type RelayReceiverId } from './relay-log.ts';

/** The seed of the bundled demo: change it and every byte of the demo logs changes. */
export const DEMO_SEED = 20260323;
export const DEMO_YEAR = 2026;
export const DEMO_ZONE = 'Europe/Berlin';

/** One file of the demo log set, relative to the output directory. */
export interface DemoLogFile {
  readonly path: string;
  readonly text: string;
  /** The time of the file's last line: its modification time. */
  readonly mtimeMs: number;
  readonly gzip: boolean;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const clock = new ZoneClock(DEMO_ZONE);
const local = (month: number, day: number, hour: number, minute = 0, second = 0) =>
  clock.toUtc(Date.UTC(DEMO_YEAR, month - 1, day, hour, minute, second));

const PERIOD_START = local(3, 16, 0, 0);
const PERIOD_END = local(3, 24, 12, 0);
/** mx2's logrotate ran at midnight on Sunday, 22 March. */
const MX2_ROTATED_AT = local(3, 22, 0, 0);

/**
 * The Outlook.com incident: waves of connections aborted after STARTTLS, on and off for five
 * days, the last at 17:43 on 23 March (Europe/Berlin).
 */
export const OUTLOOK_WAVES: readonly (readonly [number, number])[] = [
  [local(3, 19, 9, 10), local(3, 19, 13, 40)],
  [local(3, 19, 15, 20), local(3, 19, 22, 5)],
  [local(3, 20, 8, 30), local(3, 20, 23, 50)],
  [local(3, 21, 10, 0), local(3, 21, 21, 10)],
  [local(3, 22, 7, 45), local(3, 22, 21, 10)],
  [local(3, 23, 6, 30), local(3, 23, 17, 43, 0)],
];
/** The last failed connection of the incident: 23 March, 17:43:27 Europe/Berlin. */
export const OUTLOOK_LAST_FAILURE = local(3, 23, 17, 43, 27);
const OUTLOOK_FAILURE_RATE = 0.82;
/** Isolated failures any sender has: no incident may come of them. */
const NOISE_FAILURE_RATE = 0.002;

type Attempt =
  | { kind: 'inbound'; at: number; sender: DemoSender; host: DemoHost; fail: FailureVariant | null; messageIndex: number }
  | { kind: 'bot'; at: number; variant: 'auth' | 'connect' | 'ehlo' | 'rdns' | 'relay' }
  | { kind: 'submission'; at: number };

type FailureVariant = 'starttls' | 'ssl-accept' | 'lost-data' | 'timeout-data' | 'lost-rcpt';

interface LogEntry {
  readonly at: number;
  readonly seq: number;
  readonly program: string;
  readonly pid: number;
  readonly message: string;
}

/**
 * Microsoft throttles our outbound relay (out1) on 23 March from 09:00 to 13:30 (Europe/Berlin):
 * most attempts to hotmail.com, outlook.com and the like are deferred with `451 4.7.650 … rate
 * limited due to IP reputation`, retried with Postfix's backoff, and all go out after it ends —
 * nothing is lost, some mail is held up for hours.
 */
export const MICROSOFT_THROTTLE = { from: local(3, 23, 9, 0), to: local(3, 23, 13, 30) } as const;
/** The throttling's first deferral: 23 March, 09:00:14 Europe/Berlin. */
export const MICROSOFT_FIRST_DEFERRAL = local(3, 23, 9, 0, 14);
/** The throttling's last deferral: 23 March, 13:29:38 Europe/Berlin. */
export const MICROSOFT_LAST_DEFERRAL = local(3, 23, 13, 29, 38);
const MICROSOFT_THROTTLE_SHARE = 0.85;
/** The outbound relay's messages per hour at the busiest time of day (a fifth of that at night). */
export const DEMO_RELAY_PEAK_PER_HOUR = 100;
/** The relay's own random stream (seed + this), so that mx1's and mx2's lines stay as they were. */
const RELAY_SEED_OFFSET = 0x6f757431;
/** Where our users' mail goes: shares of the relay's messages. */
const RELAY_SHARES: readonly (readonly [RelayReceiverId, number])[] = [
  ['google', 0.25],
  ['microsoft', 0.22],
  ['united-internet', 0.18],
  ['other', 0.17],
  ['t-online', 0.08],
  ['yahoo', 0.05],
  ['apple', 0.05],
];

/**
 * Writes, deterministically for a seed, nine days of Postfix logs of two MX hosts around the
 * Outlook.com STARTTLS incident — `mx1/mail.log` with BSD timestamps, and `mx2/mail.log.1.gz` +
 * `mx2/mail.log` with RFC 3339 timestamps — and of our outbound relay around Microsoft's
 * throttling (`out1/mail.log`, BSD timestamps; see generateDemoRelayLog). `relayPeakPerHour` sets
 * the relay's traffic (0: no relay log).
 *
 * @example
 * generateDemoLogs().map((f) => f.path) // ['mx1/mail.log', 'mx2/mail.log.1.gz', 'mx2/mail.log', 'out1/mail.log']
 */
export function generateDemoLogs(seed = DEMO_SEED, options: { until?: number; relayPeakPerHour?: number } = {}): DemoLogFile[] {
  return demoLogsUntil(planDemoLogs(seed, options), options.until);
}

/** Every line of the demo's nine days, planned and in order: what demoLogsUntil cuts. */
export interface DemoPlan {
  readonly mx1: readonly LogEntry[];
  readonly mx2: readonly LogEntry[];
  /** The relay's lines (none without it). */
  readonly out1: readonly LogEntry[] | null;
}

/**
 * Plans every line of the demo for a seed (the costly part of generateDemoLogs): a replay of the
 * demo at several moments plans once and cuts it at each (demoLogsUntil).
 *
 * @example
 * const plan = planDemoLogs();
 * demoLogsUntil(plan, Date.parse('2026-03-21T12:00:00+01:00')) // the files as they stood then
 */
export function planDemoLogs(seed = DEMO_SEED, options: { relayPeakPerHour?: number } = {}): DemoPlan {
  const random = new Random(seed);
  const senders = demoSenders(random);
  const attempts = planAttempts(random, senders);
  const hosts = [new MxHost('mx1', 2140, 'short', random), new MxHost('mx2', 18022, 'long', random)];
  for (const attempt of attempts) {
    const mx = random.chance(0.6) ? hosts[0]! : hosts[1]!;
    mx.emit(attempt);
  }
  for (const mx of hosts) mx.emitAnvilStatistics(PERIOD_START, PERIOD_END);
  const relayPeakPerHour = options.relayPeakPerHour ?? DEMO_RELAY_PEAK_PER_HOUR;
  return { mx1: hosts[0]!.sortedEntries(), mx2: hosts[1]!.sortedEntries(), out1: relayPeakPerHour > 0 ? planRelay(seed, relayPeakPerHour) : null };
}

/** The demo's files as they stood at `until` (all of them without it): the same lines up to then. */
export function demoLogsUntil(plan: DemoPlan, until = Infinity): DemoLogFile[] {
  const [mx1, mx2] = [plan.mx1, plan.mx2].map((entries) => entries.filter((e) => e.at <= until)) as [LogEntry[], LogEntry[]];
  const mx2Old = mx2.filter((e) => e.at < MX2_ROTATED_AT);
  const mx2New = mx2.filter((e) => e.at >= MX2_ROTATED_AT);
  const mx1Log = file('mx1/mail.log', mx1, (e) => bsdLine('mx1', e), false);
  const relay = plan.out1 ? [relayFile(plan.out1, until)] : [];
  // Before mx2's logrotate ran, all of its lines were still in mail.log.
  if (until < MX2_ROTATED_AT) return [mx1Log, file('mx2/mail.log', mx2Old, (e) => rfc3339Line('mx2', e), false), ...relay];
  return [mx1Log, file('mx2/mail.log.1.gz', mx2Old, (e) => rfc3339Line('mx2', e), true), file('mx2/mail.log', mx2New, (e) => rfc3339Line('mx2', e), false), ...relay];
}

/**
 * The demo's outbound relay, `out1/mail.log` (BSD timestamps): our users' mail to the big
 * receivers and to small domains, busier by day than by night, each message tried until it goes
 * (relay-log.ts); Microsoft's throttling on 23 March (MICROSOFT_THROTTLE), and all along the
 * recipients' own trouble that is no receiver's: unknown users bounced, full mailboxes deferred
 * (now and then until the message expires), small domains greylisting for a few minutes.
 * Deterministic for a seed, on a random stream of its own; with `until`, as it stood then.
 *
 * @example
 * generateDemoRelayLog(DEMO_SEED).text.split('\n')[0] // 'Mar 16 00:00:… out1 postfix/cleanup[3790]: 4…: message-id=<…@example.net>'
 */
export function generateDemoRelayLog(seed = DEMO_SEED, options: { until?: number; peakPerHour?: number } = {}): DemoLogFile {
  return relayFile(planRelay(seed, options.peakPerHour ?? DEMO_RELAY_PEAK_PER_HOUR), options.until);
}

/** The relay's file as it stood at `until`. */
function relayFile(entries: readonly LogEntry[], until = Infinity): DemoLogFile {
  return file('out1/mail.log', entries.filter((e) => e.at <= until), (e) => bsdLine('out1', e), false);
}

/** Every line of the relay's nine days, in order (see generateDemoRelayLog). */
function planRelay(seed: number, peak: number): readonly LogEntry[] {
  const random = new Random(seed + RELAY_SEED_OFFSET);
  // Every message planned to the period's end, then cut at `until`: the same lines up to then.
  const relay = new RelayLog(random, { until: PERIOD_END, firstPid: 3890 });
  const microsoftThrottles = (at: number) =>
    at === MICROSOFT_FIRST_DEFERRAL || at === MICROSOFT_LAST_DEFERRAL || (at > MICROSOFT_FIRST_DEFERRAL && at < MICROSOFT_LAST_DEFERRAL && random.chance(MICROSOFT_THROTTLE_SHARE)) ? 'rate-limit' : null;
  const fine = () => null;
  const recipientProblem = (receiver: RelayReceiverId): { recipientProblem: RecipientProblem | null; recipientTries?: number } => {
    const roll = random.next();
    if (roll < 0.008) return { recipientProblem: 'unknown-user' };
    // A full mailbox: deferred a few times, now and then until the message expires.
    if (roll < 0.012) return { recipientProblem: 'mailbox-full', recipientTries: random.chance(0.15) ? Infinity : random.int(1, 4) };
    // Small domains greylist a first sender for five minutes: one retry, now and then two.
    if (receiver === 'other' && roll < 0.2) return { recipientProblem: 'greylisted', recipientTries: random.chance(0.85) ? 1 : 2 };
    return { recipientProblem: null };
  };
  for (let minute = PERIOD_START; minute < PERIOD_END; minute += MINUTE) {
    const perMinute = (peak * dayFactor(minute)) / 60;
    for (const [receiver, share] of RELAY_SHARES) {
      for (let n = random.poisson(perMinute * share); n > 0; n--) {
        const arrived = minute + random.int(0, MINUTE - 1);
        relay.send({ arrived, receiver, failing: receiver === 'microsoft' ? microsoftThrottles : fine, ...recipientProblem(receiver) });
      }
    }
  }
  // The throttling's first and last deferrals, exactly where the story says they were.
  for (const at of [MICROSOFT_FIRST_DEFERRAL, MICROSOFT_LAST_DEFERRAL]) {
    relay.send({ arrived: at - 2_000, firstAttemptAt: at, receiver: 'microsoft', recipientProblem: null, failing: microsoftThrottles });
  }
  return relay.sortedEntries();
}

/** The first and last instant of the demo logs (UTC ms): 16 March 00:00 to 24 March 12:00, Europe/Berlin. */
export const DEMO_PERIOD = { start: PERIOD_START, end: PERIOD_END } as const;

function file(path: string, entries: readonly LogEntry[], format: (e: LogEntry) => string, gzip: boolean): DemoLogFile {
  const last = entries[entries.length - 1];
  return { path, text: entries.length === 0 ? '' : `${entries.map(format).join('\n')}\n`, mtimeMs: Math.floor((last?.at ?? PERIOD_END) / 1000) * 1000, gzip };
}

/** Busier by day than by night, like real inbound mail (local time). */
function dayFactor(at: number): number {
  const hour = new Date(at + clock.offsetAt(at)).getUTCHours() + new Date(at).getUTCMinutes() / 60;
  const daylight = Math.max(0, Math.sin(((hour - 6) / 16) * Math.PI));
  return 0.12 + 0.88 * daylight;
}

function inOutlookWave(at: number): boolean {
  return OUTLOOK_WAVES.some(([from, to]) => at >= from && at < to);
}

function planAttempts(random: Random, senders: readonly DemoSender[]): Attempt[] {
  const attempts: Attempt[] = [];
  let messageIndex = 0;
  const attemptInbound = (sender: DemoSender, at: number, index: number) => {
    // Exchange Online retries from another server of its pool, minutes later.
    for (let tries = 0; at < PERIOD_END && tries < 40; tries++) {
      const host = random.pick(sender.hosts);
      const outlook = sender.id === 'microsoft';
      let fail: FailureVariant | null = null;
      if (outlook && inOutlookWave(at) && random.chance(OUTLOOK_FAILURE_RATE)) {
        fail = random.chance(0.85) ? 'starttls' : 'ssl-accept';
      } else if (!(outlook && at > OUTLOOK_LAST_FAILURE) && random.chance(NOISE_FAILURE_RATE)) {
        fail = random.pick(['lost-data', 'timeout-data', 'lost-rcpt'] as const);
      }
      attempts.push({ kind: 'inbound', at, sender, host, fail, messageIndex: index });
      if (!fail) return;
      at += random.between(5, 40) * MINUTE;
    }
  };
  for (let minute = PERIOD_START; minute < PERIOD_END; minute += MINUTE) {
    const factor = dayFactor(minute);
    for (const sender of senders) {
      const n = random.poisson((sender.peakPerHour * factor) / 60);
      for (let i = 0; i < n; i++) attemptInbound(sender, minute + random.int(0, MINUTE - 1), messageIndex++);
    }
    for (let i = random.poisson(45 / 60); i > 0; i--) {
      const variant = random.pick(['auth', 'auth', 'auth', 'connect', 'connect', 'ehlo', 'rdns', 'relay'] as const);
      attempts.push({ kind: 'bot', at: minute + random.int(0, MINUTE - 1), variant });
    }
    for (let i = random.poisson((30 * factor) / 60); i > 0; i--) {
      attempts.push({ kind: 'submission', at: minute + random.int(0, MINUTE - 1) });
    }
  }
  // The incident's very last failure, exactly where the story says it was.
  const microsoft = senders.find((s) => s.id === 'microsoft')!;
  attempts.push({ kind: 'inbound', at: OUTLOOK_LAST_FAILURE, sender: microsoft, host: microsoft.hosts[7]!, fail: 'starttls', messageIndex: messageIndex++ });
  return attempts.sort((a, b) => a.at - b.at);
}

interface Process {
  pid: number;
  freeAt: number;
  uses: number;
}

/** One MX host: its processes, queue ids and the lines it logs. */
class MxHost {
  readonly name: string;
  readonly #random: Random;
  readonly #entries: LogEntry[] = [];
  readonly #queueIds = new Set<string>();
  readonly #queueIdStyle: 'short' | 'long';
  readonly #smtpd: Process[] = [];
  readonly #submission: Process[] = [];
  readonly #qmgr: number;
  readonly #cleanup: number[];
  readonly #lmtp: number[];
  readonly #smtp: number[];
  readonly #anvil: number;
  readonly #clientsSeen = new Map<string, number>();
  #nextPid: number;
  #seq = 0;

  constructor(name: string, firstPid: number, queueIdStyle: 'short' | 'long', random: Random) {
    this.name = name;
    this.#random = random;
    this.#queueIdStyle = queueIdStyle;
    this.#qmgr = firstPid - 1003;
    this.#anvil = firstPid - 17;
    this.#cleanup = [firstPid - 211, firstPid - 188, firstPid - 96];
    this.#lmtp = [firstPid - 174, firstPid - 150, firstPid - 61, firstPid - 12];
    this.#smtp = [firstPid - 140, firstPid - 77];
    this.#nextPid = firstPid;
  }

  sortedEntries(): LogEntry[] {
    return this.#entries.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  #log(at: number, program: string, pid: number, message: string): void {
    this.#entries.push({ at: Math.round(at * 1000) / 1000, seq: this.#seq++, program, pid, message });
  }

  /** smtpd processes serve up to 100 sessions and exit after 100 s idle (max_use, max_idle). */
  #process(pool: Process[], at: number, busyFor: number): number {
    for (let i = pool.length - 1; i >= 0; i--) {
      const p = pool[i]!;
      if (p.freeAt + 100_000 < at || p.uses >= 100) pool.splice(i, 1);
    }
    let process = pool.find((p) => p.freeAt <= at);
    if (!process) {
      process = { pid: this.#nextPid, freeAt: at, uses: 0 };
      this.#nextPid += this.#random.int(1, 23);
      pool.push(process);
    }
    process.uses++;
    process.freeAt = at + busyFor;
    return process.pid;
  }

  #queueId(): string {
    const r = this.#random;
    for (;;) {
      const id =
        this.#queueIdStyle === 'short'
          ? r.chars('0123456789ABCDEF', r.chance(0.8) ? 10 : 11)
          : `4${r.chars('BCDFGHJKLMNPQRSTVWXYZ', 1)}${r.chars('0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz', 13)}`;
      if (!this.#queueIds.has(id)) {
        this.#queueIds.add(id);
        return id;
      }
    }
  }

  emit(attempt: Attempt): void {
    if (attempt.kind === 'inbound') this.#inbound(attempt);
    else if (attempt.kind === 'bot') this.#bot(attempt.at, attempt.variant);
    else this.#submissionSession(attempt.at);
  }

  #inbound(attempt: Extract<Attempt, { kind: 'inbound' }>): void {
    const r = this.#random;
    const { at, sender, host, fail } = attempt;
    const client = `${host.name}[${host.ip}]`;
    this.#clientsSeen.set(host.ip, (this.#clientsSeen.get(host.ip) ?? 0) + 1);
    if (fail === 'starttls' || fail === 'ssl-accept') {
      const end = at + r.between(80, 2500);
      const pid = this.#process(this.#smtpd, at, end - at + 10);
      this.#log(at, 'postfix/smtpd', pid, `connect from ${client}`);
      if (fail === 'ssl-accept') this.#log(end - 2, 'postfix/smtpd', pid, `SSL_accept error from ${client}: ${r.pick(['-1', 'lost connection', 'Connection reset by peer'])}`);
      this.#log(end, 'postfix/smtpd', pid, `lost connection after STARTTLS from ${client}`);
      this.#log(end + 1, 'postfix/smtpd', pid, `disconnect from ${client} ehlo=1 starttls=1 commands=2`);
      return;
    }
    const tlsAt = at + r.between(40, 260);
    const accepted = tlsAt + r.between(60, 400);
    const recipients = r.chance(0.12) ? 2 : 1;
    const userUnknown = r.chance(0.03);
    if (fail) {
      const end = accepted + (fail === 'timeout-data' ? 300_000 : r.between(100, 3000));
      const pid = this.#process(this.#smtpd, at, end - at + 10);
      this.#log(at, 'postfix/smtpd', pid, `connect from ${client}`);
      this.#log(tlsAt, 'postfix/smtpd', pid, `Anonymous TLS connection established from ${client}: ${sender.tls}`);
      const stage = fail === 'lost-rcpt' ? 'RCPT' : 'DATA';
      const counts = fail === 'lost-rcpt' ? 'ehlo=2 starttls=1 mail=1 commands=4' : 'ehlo=2 starttls=1 mail=1 rcpt=1 data=0/1 commands=5/6';
      this.#log(end, 'postfix/smtpd', pid, fail === 'timeout-data' ? `timeout after DATA (${r.int(2000, 90000)} bytes) from ${client}` : `lost connection after ${stage} from ${client}`);
      this.#log(end + 1, 'postfix/smtpd', pid, `disconnect from ${client} ${counts}`);
      return;
    }
    const end = accepted + r.between(30, 600);
    const pid = this.#process(this.#smtpd, at, end - at + 10);
    const queueId = this.#queueId();
    const from = `${r.pick(FIRST_NAMES)}.${r.pick(LAST_NAMES)}@${r.pick(sender.fromDomains)}`;
    const rcpts = Array.from({ length: recipients }, () => `${r.pick(FIRST_NAMES)}.${r.pick(LAST_NAMES)}${r.chance(0.3) ? r.int(1, 99) : ''}@example.net`);
    this.#log(at, 'postfix/smtpd', pid, `connect from ${client}`);
    this.#log(tlsAt, 'postfix/smtpd', pid, `Anonymous TLS connection established from ${client}: ${sender.tls}`);
    if (userUnknown) {
      const lost = `${r.pick(FIRST_NAMES)}${r.int(1, 9)}@example.net`;
      this.#log(accepted - 20, 'postfix/smtpd', pid, `NOQUEUE: reject: RCPT from ${client}: 550 5.1.1 <${lost}>: Recipient address rejected: User unknown in virtual mailbox table; from=<${from}> to=<${lost}> proto=ESMTP helo=<${host.name}>`);
    }
    this.#log(accepted, 'postfix/smtpd', pid, `${queueId}: client=${client}`);
    this.#log(accepted + r.between(5, 60), `postfix/cleanup`, r.pick(this.#cleanup), `${queueId}: message-id=<${sender.messageId(r)}>`);
    const size = Math.round(Math.exp(r.between(8, 14)));
    const queued = accepted + r.between(60, 500);
    this.#log(queued, 'postfix/qmgr', this.#qmgr, `${queueId}: from=<${from}>, size=${size}, nrcpt=${recipients} (queue active)`);
    const chunks = sender.bdat ? r.int(1, 3) : 1;
    const data = sender.bdat ? `bdat=${chunks}` : 'data=1';
    const rcptCount = userUnknown ? `rcpt=${recipients}/${recipients + 1}` : `rcpt=${recipients}`;
    // ehlo=2 starttls=1 mail=1 rcpt=n data|bdat quit=1; a rejected RCPT counts as tried only.
    const commands = 5 + recipients + chunks;
    const tried = userUnknown ? `${commands}/${commands + 1}` : String(commands);
    this.#log(end, 'postfix/smtpd', pid, `disconnect from ${client} ehlo=2 starttls=1 mail=1 ${rcptCount} ${data} quit=1 commands=${tried}`);
    let last = queued;
    for (const rcpt of rcpts) last = Math.max(last, this.#deliverLocally(queueId, rcpt, accepted, queued));
    this.#log(last + r.between(1, 8), 'postfix/qmgr', this.#qmgr, `${queueId}: removed`);
  }

  /** LMTP to the mailbox store; now and then a full mailbox defers it for a while. */
  #deliverLocally(queueId: string, rcpt: string, accepted: number, queued: number): number {
    const r = this.#random;
    const store = r.chance(0.5) ? 'mailstore1.example.net[10.0.3.7]:24' : 'mailstore2.example.net[10.0.3.8]:24';
    const lmtp = r.pick(this.#lmtp);
    const b = r.between(0, 20);
    const c = r.between(1, 30);
    const d = r.between(20, 350);
    let at = queued + b + c + d;
    if (r.chance(0.004)) {
      this.#log(at, 'postfix/lmtp', lmtp, `${queueId}: to=<${rcpt}>, relay=${store}, ${delays(accepted, queued, b, c, d, at)}, dsn=4.2.2, status=deferred (host ${store.slice(0, -3)} said: 452 4.2.2 <${rcpt}> Quota exceeded (mailbox for user is full) (in reply to end of DATA command))`);
      const retry = at + r.between(300, 3600) * 1000;
      at = retry + c + d;
      this.#log(at, 'postfix/lmtp', lmtp, `${queueId}: to=<${rcpt}>, relay=${store}, ${delays(accepted, retry, b, c, d, at)}, dsn=2.0.0, status=sent (250 2.0.0 <${rcpt}> ${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 22)} Saved)`);
      return at;
    }
    this.#log(at, 'postfix/lmtp', lmtp, `${queueId}: to=<${rcpt}>, relay=${store}, ${delays(accepted, queued, b, c, d, at)}, dsn=2.0.0, status=sent (250 2.0.0 <${rcpt}> ${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 22)} Saved)`);
    return at;
  }

  #bot(at: number, variant: Extract<Attempt, { kind: 'bot' }>['variant']): void {
    const r = this.#random;
    // Bots come from hosting and residential networks, none of a sending organisation's ranges.
    const ip = `${r.pick(['45.135', '80.94', '91.92', '141.98', '185.220', '193.32', '194.26', '5.188'])}.${r.int(0, 255)}.${r.int(1, 254)}`;
    const named = variant === 'ehlo' || variant === 'relay';
    const client = named ? `${r.pick(['vps', 'srv', 'host', 'static'])}${r.int(1, 9999)}.${r.pick(['hosting-beispiel.net', 'cloud-server.example', 'vps-provider.example'])}[${ip}]` : `unknown[${ip}]`;
    const helo = r.pick(['User', 'WIN-' + r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 11), 'localhost', ip]);
    const end = at + r.between(200, 9000);
    const pid = this.#process(this.#smtpd, at, end - at + 10);
    this.#log(at, 'postfix/smtpd', pid, `connect from ${client}`);
    switch (variant) {
      case 'auth':
        this.#log(end - 300, 'postfix/smtpd', pid, `warning: ${client}: SASL LOGIN authentication failed: UGFzc3dvcmQ6`);
        this.#log(end, 'postfix/smtpd', pid, `lost connection after AUTH from ${client}`);
        this.#log(end + 1, 'postfix/smtpd', pid, `disconnect from ${client} ehlo=1 auth=0/1 commands=1/2`);
        return;
      case 'connect':
        this.#log(end, 'postfix/smtpd', pid, `lost connection after CONNECT from ${client}`);
        this.#log(end + 1, 'postfix/smtpd', pid, `disconnect from ${client} commands=0`);
        return;
      case 'ehlo':
        this.#log(end, 'postfix/smtpd', pid, `lost connection after EHLO from ${client}`);
        this.#log(end + 1, 'postfix/smtpd', pid, `disconnect from ${client} ehlo=1 commands=1`);
        return;
      case 'rdns': {
        const to = `${r.pick(FIRST_NAMES)}.${r.pick(LAST_NAMES)}@example.net`;
        this.#log(end - 200, 'postfix/smtpd', pid, `NOQUEUE: reject: RCPT from ${client}: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [${ip}]; from=<${r.chars('abcdefghijklmnopqrstuvwxyz', 7)}@${r.pick(['mail.ru', 'qq.com', 'example.biz'])}> to=<${to}> proto=ESMTP helo=<${helo}>`);
        this.#log(end, 'postfix/smtpd', pid, `disconnect from ${client} ehlo=1 mail=1 rcpt=0/1 rset=1 quit=1 commands=4/5`);
        return;
      }
      case 'relay': {
        const to = `${r.pick(FIRST_NAMES)}${r.int(1, 999)}@${r.pick(['gmail.com', 'yahoo.com', 'hotmail.com'])}`;
        this.#log(end - 200, 'postfix/smtpd', pid, `NOQUEUE: reject: RCPT from ${client}: 554 5.7.1 <${to}>: Relay access denied; from=<${r.chars('abcdefghijklmnopqrstuvwxyz', 6)}@example.net> to=<${to}> proto=ESMTP helo=<${helo}>`);
        this.#log(end, 'postfix/smtpd', pid, `disconnect from ${client} ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`);
        return;
      }
    }
  }

  /** Our own users sending from their access networks (port 587, SASL): never a sender organisation. */
  #submissionSession(at: number): void {
    const r = this.#random;
    const user = r.pick(ACCESS_NETWORKS)(r);
    const client = `${user.name}[${user.ip}]`;
    const login = `${r.pick(FIRST_NAMES)}.${r.pick(LAST_NAMES)}@example.net`;
    const tlsAt = at + r.between(30, 200);
    const accepted = tlsAt + r.between(200, 900);
    const end = accepted + r.between(100, 900);
    const pid = this.#process(this.#submission, at, end - at + 10);
    const queueId = this.#queueId();
    const program = 'postfix/submission/smtpd';
    this.#log(at, program, pid, `connect from ${client}`);
    this.#log(tlsAt, program, pid, `Anonymous TLS connection established from ${client}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256`);
    this.#log(accepted, program, pid, `${queueId}: client=${client}, sasl_method=PLAIN, sasl_username=${login}`);
    this.#log(accepted + r.between(5, 50), 'postfix/cleanup', r.pick(this.#cleanup), `${queueId}: message-id=<${r.chars('0123456789abcdef', 16)}@example.net>`);
    const queued = accepted + r.between(60, 400);
    this.#log(queued, 'postfix/qmgr', this.#qmgr, `${queueId}: from=<${login}>, size=${Math.round(Math.exp(r.between(8, 13)))}, nrcpt=1 (queue active)`);
    this.#log(end, program, pid, `disconnect from ${client} ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8`);
    const [domain, relay] = r.pick([
      ['gmail.com', 'gmail-smtp-in.l.google.com[142.250.102.26]:25'],
      ['outlook.com', 'outlook-com.olc.protection.outlook.com[52.101.68.17]:25'],
      ['gmx.de', 'mx00.emig.gmx.net[212.227.15.9]:25'],
      ['web.de', 'mx-ha03.web.de[212.227.17.8]:25'],
    ] as const);
    const c = r.between(20, 300);
    const d = r.between(100, 900);
    const done = queued + c + d;
    this.#log(done, 'postfix/smtp', r.pick(this.#smtp), `${queueId}: to=<${r.pick(FIRST_NAMES)}.${r.pick(LAST_NAMES)}@${domain}>, relay=${relay}, ${delays(accepted, queued, 0, c, d, done)}, dsn=2.0.0, status=sent (250 2.0.0 OK  ${Math.floor(done / 1000)} ${r.chars('abcdefghijklmnopqrstuvwxyz0123456789', 12)} - gsmtp)`);
    this.#log(done + r.between(1, 5), 'postfix/qmgr', this.#qmgr, `${queueId}: removed`);
  }

  /** anvil's periodic statistics: lines the summarizer must count but need not understand. */
  emitAnvilStatistics(from: number, to: number): void {
    for (let at = from + 3 * MINUTE; at < to; at += HOUR) {
      const busiest = [...this.#clientsSeen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
      if (!busiest) continue;
      const stamp = bsdStamp(at - 60_000 * this.#random.int(1, 50));
      this.#log(at, 'postfix/anvil', this.#anvil, `statistics: max connection rate ${this.#random.int(2, 9)}/60s for (smtp:${busiest[0]}) at ${stamp}`);
      this.#log(at, 'postfix/anvil', this.#anvil, `statistics: max connection count ${this.#random.int(1, 5)} for (smtp:${busiest[0]}) at ${stamp}`);
      this.#log(at, 'postfix/anvil', this.#anvil, `statistics: max cache size ${this.#random.int(3, 40)} at ${stamp}`);
    }
  }
}

/** `delay=…, delays=a/b/c/d` as Postfix writes them, from ms timestamps. */
function delays(accepted: number, queued: number, b: number, c: number, d: number, done: number): string {
  const a = queued - accepted;
  return `delay=${postfixSeconds((done - accepted) / 1000)}, delays=${[a, b, c, d].map((x) => postfixSeconds(x / 1000)).join('/')}`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function bsdStamp(at: number): string {
  const wall = new Date(at + clock.offsetAt(at));
  const day = String(wall.getUTCDate()).padStart(2, ' ');
  return `${MONTH_NAMES[wall.getUTCMonth()]} ${day} ${wall.toISOString().slice(11, 19)}`;
}

function bsdLine(host: string, e: LogEntry): string {
  return `${bsdStamp(e.at)} ${host} ${e.program}[${e.pid}]: ${e.message}`;
}

function rfc3339Line(host: string, e: LogEntry): string {
  const offset = clock.offsetAt(e.at);
  const wall = new Date(e.at + offset).toISOString().slice(0, 23);
  const micros = String(Math.round((e.at % 1) * 1000)).padStart(3, '0');
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset) / 60_000;
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${wall}${micros}${zone} ${host} ${e.program}[${e.pid}]: ${e.message}`;
}
