/**
 * Postfix logs whose truth is known, for end-to-end detection tests: a scenario says who sends how
 * much, when which sender fails and how, when one falls silent and when everyone fails (our side);
 * `generateScenarioLog` writes the syslog lines one or two MX hosts would have logged, in order,
 * and returns every session it planned so that a test can name the first and last failure exactly.
 *
 * Deterministic: the same scenario (seed included) gives the same bytes. Sessions are planned
 * minute by minute (Poisson arrivals), each from a host of the sender's pool, on a random MX host.
 *
 * @example
 * const log = generateScenarioLog({
 *   seed: 1, timeZone: 'Europe/Berlin', from: '2026-03-16 00:00', to: '2026-03-17 00:00',
 *   senders: [{ id: 'microsoft', perHour: 90, dayNight: true,
 *     failures: [{ from: '2026-03-16 09:10', to: '2026-03-16 12:40', share: 0.8, kind: 'starttls' }] }],
 * });
 * log.text.split('\n')[0] // 'Mar 16 00:02:36 mx2 postfix/smtpd[18021]: connect from mail-db3eur04on2054.outbound.protection.outlook.com[40.107.24.54]'
 * log.sessions.find((s) => s.failure)?.at // Date.parse('2026-03-16T08:10:39.824Z'): the window's first failure (09:10:39 local)
 */
import { demoSenders, type DemoHost, type DemoSender } from '../mxstatus/demo/demo-senders.ts';
import { Random } from '../mxstatus/demo/random.ts';
import { ZoneClock } from '../mxstatus/parse/zone-clock.ts';
import { createSenderClassifier } from '../../src/core/senders/classify-sender.ts';
import { builtInSenderRules } from '../../src/core/senders/sender-catalog.ts';
import { registrableDomain } from '../../src/core/senders/registrable-domain.ts';

/**
 * How a failing session ends:
 * - `starttls`: `lost connection after STARTTLS` (the client gives up on the handshake);
 * - `ssl`: `SSL_accept error …` and an OpenSSL warning, then `lost connection after STARTTLS`;
 * - `data`: `lost connection after DATA (N bytes)`, after TLS and an accepted RCPT;
 * - `timeout`: `timeout after DATA (N bytes)`, five minutes after the last byte;
 * - `tlsproxy`: postscreen's deep tests hand the STARTTLS to its TLS proxy, whose handshake fails
 *   (`CONNECT from [IP]:PORT`, an OpenSSL warning, `DISCONNECT [IP]:PORT`): the proxy names the
 *   address only. Never background noise (FAILURES), which keeps the older scenarios' lines.
 */
export type ScenarioFailure = 'starttls' | 'ssl' | 'data' | 'timeout' | 'tlsproxy';
const FAILURES: readonly ScenarioFailure[] = ['starttls', 'ssl', 'data', 'timeout'];

/** Wall-clock time in the scenario's zone: `2026-03-23 17:43` or `2026-03-23 17:43:27`. */
export type WallTime = string;

/** From (inclusive) to (exclusive), by the sessions' connect times. */
export interface WallRange {
  readonly from: WallTime;
  readonly to: WallTime;
}

export interface FailureWindow extends WallRange {
  /** Share (0…1) of the sessions connecting inside the window that fail. */
  readonly share: number;
  readonly kind: ScenarioFailure;
  /** Only sessions from the sender's servers whose address starts with this fail (one region, one range). */
  readonly ipPrefix?: string;
  /** Only sessions that reach this MX host of ours fail (an outage of one host). */
  readonly mx?: string;
}

export interface ScenarioSender {
  /** The sender's id in the built-in catalog (src/core/senders/sender-catalog.ts). */
  readonly id: string;
  /** Connections per hour; with `dayNight`, at the busiest time of day. */
  readonly perHour: number;
  /** Busy by day, quiet by night (12 % of the peak around 02:00 local), like real inbound mail. */
  readonly dayNight?: boolean;
  /** Sending servers (default: the demo's pool for this id); each must classify as `id`. */
  readonly hosts?: readonly DemoHost[];
  /** What a good handshake negotiates, as logged after `]: ` (default: the demo's, or TLSv1.3). */
  readonly tls?: string;
  readonly failures?: readonly FailureWindow[];
  /** No connection at all from this sender. */
  readonly silences?: readonly WallRange[];
}

export interface Scenario {
  readonly seed: number;
  /** IANA zone of the wall-clock times here and of the BSD timestamps written. */
  readonly timeZone: string;
  readonly from: WallTime;
  readonly to: WallTime;
  /** Our MX hosts; sessions are spread evenly over them. Default `['mx1', 'mx2']`. */
  readonly mx?: readonly string[];
  readonly senders: readonly ScenarioSender[];
  /** Windows in which every sender fails: our side (an expired certificate, a full disk). */
  readonly outages?: readonly FailureWindow[];
  /** Background noise; none when absent. */
  readonly noise?: {
    /**
     * Share of every sender's sessions that fail on their own, of any kind. Never within an hour
     * of the sender's failure windows or of an outage, so that those keep an exact first and
     * last failure.
     */
    readonly failureShare: number;
    /** Bots per hour: unknown clients lost after CONNECT or AUTH (SASL failures), and NOQUEUE rejects. */
    readonly botsPerHour: number;
    /**
     * Named clients the bots connect from instead, e.g. customers' home lines of an access
     * provider (`ARennes-651-1-97-34.w2-3.abo.wanadoo.fr[2.3.97.34]`); such bots mostly hang up
     * in the TLS handshake or right after connecting, some fail at AUTH. Default: hosting and
     * residential addresses without reverse DNS, logged as `unknown[…]`.
     */
    readonly botHosts?: readonly DemoHost[];
  };
  /** Lines inside this range are written with RFC 3339 timestamps (rsyslog high precision). */
  readonly rfc3339?: WallRange;
  /** The file's modification time to set; default: the time of its last line. */
  readonly mtime?: WallTime;
  /**
   * Share (0…1) of the sessions that go through postscreen's deep tests first: a minute before
   * the smtpd session, postscreen's session with a good STARTTLS through its TLS proxy, at
   * Postfix's default tlsproxy_tls_loglevel (0: CONNECT and DISCONNECT only), and a 450 at RCPT.
   */
  readonly postscreenDeepTests?: number;
  /**
   * postscreen's TLS proxy logs its good handshakes (`tlsproxy_tls_loglevel = 1`): the deep tests
   * log `… TLS connection established from …`, and a failing handshake may end in an OpenSSL
   * reason that comes after a good handshake too (`unexpected eof while reading`). Default 0.
   */
  readonly tlsproxyLogLevel?: 0 | 1;
}

/** One planned session of a scenario sender: the truth to test against. */
export interface ScenarioSession {
  /** Connect time, UTC ms (the log shows it to the second). */
  readonly at: number;
  readonly sender: string;
  readonly failure: ScenarioFailure | null;
}

export interface ScenarioLog {
  /** Chronological syslog lines of all MX hosts, each ending in a newline. */
  readonly text: string;
  /** What to set as the file's modification time (UTC ms): BSD timestamps take their year from it. */
  readonly mtimeMs: number;
  /** Every session of the scenario's senders, by connect time. */
  readonly sessions: readonly ScenarioSession[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const TLS13 = 'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)';
const HEX = '0123456789ABCDEF';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Window {
  readonly from: number;
  readonly to: number;
  readonly share: number;
  readonly kind: ScenarioFailure;
  readonly ipPrefix: string | null;
  readonly mx: string | null;
}

interface CompiledSender {
  readonly spec: ScenarioSender;
  readonly profile: DemoSender;
  readonly failures: readonly Window[];
  readonly silences: readonly Window[];
}

type BotVariant = 'auth' | 'connect' | 'rdns' | 'relay' | 'starttls';

/** A planned failure, and the window it comes from (which may spare some servers or MX hosts). */
interface PlannedFailure {
  readonly kind: ScenarioFailure;
  readonly window: Window | null;
}

type Planned =
  | { readonly at: number; readonly sender: CompiledSender; readonly failure: PlannedFailure | null; actual?: ScenarioFailure | null }
  | { readonly at: number; readonly sender: null; readonly bot: BotVariant; readonly host: DemoHost | null };

/** UTC ms of a wall-clock time in `zone`. */
export function wallToUtc(zone: string | ZoneClock, wall: WallTime): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d))?$/.exec(wall);
  if (!m) throw new Error(`${wall}: not a wall-clock time; write "YYYY-MM-DD HH:MM[:SS]"`);
  const clock = typeof zone === 'string' ? new ZoneClock(zone) : zone;
  return clock.toUtc(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)));
}

/** Writes the log of a scenario; see the module comment. */
export function generateScenarioLog(scenario: Scenario): ScenarioLog {
  const clock = new ZoneClock(scenario.timeZone);
  const utc = (wall: WallTime) => wallToUtc(clock, wall);
  const window = (w: WallRange & Partial<FailureWindow>): Window => ({ from: utc(w.from), to: utc(w.to), share: w.share ?? 1, kind: w.kind ?? 'starttls', ipPrefix: w.ipPrefix ?? null, mx: w.mx ?? null });
  const random = new Random(scenario.seed);
  const profiles = new Map(demoSenders(new Random(scenario.seed ^ 0x5eed)).map((s) => [s.id, s]));
  const senders = scenario.senders.map((spec): CompiledSender => ({
    spec,
    profile: profileOf(spec, profiles.get(spec.id)),
    failures: (spec.failures ?? []).map(window),
    silences: (spec.silences ?? []).map(window),
  }));
  const outages = (scenario.outages ?? []).map(window);
  const from = utc(scenario.from);
  const to = utc(scenario.to);

  const planned: Planned[] = [];
  for (let minute = from; minute < to; minute += MINUTE) {
    const daylight = dayFactor(clock, minute);
    for (const sender of senders) {
      const mean = (sender.spec.perHour * (sender.spec.dayNight ? daylight : 1)) / 60;
      for (let n = random.poisson(mean); n > 0; n--) {
        const at = minute + random.int(0, MINUTE - 1);
        if (at >= to || sender.silences.some((w) => inside(w, at))) continue;
        planned.push({ at, sender, failure: failureOf(random, sender, outages, scenario.noise?.failureShare ?? 0, at) });
      }
    }
    const botHosts = scenario.noise?.botHosts;
    for (let n = random.poisson((scenario.noise?.botsPerHour ?? 0) / 60); n > 0; n--) {
      const at = minute + random.int(0, MINUTE - 1);
      if (botHosts?.length) planned.push({ at, sender: null, bot: random.pick(['starttls', 'starttls', 'connect', 'auth'] as const), host: random.pick(botHosts) });
      else planned.push({ at, sender: null, bot: random.pick(['auth', 'auth', 'connect', 'connect', 'rdns', 'relay'] as const), host: null });
    }
  }
  planned.sort((a, b) => a.at - b.at);

  const log = new LogBook(random);
  const hosts = (scenario.mx ?? ['mx1', 'mx2']).map((name, i) => new MxHost(name, 2140 + i * 15_881, log, random, scenario.postscreenDeepTests ?? 0, scenario.tlsproxyLogLevel ?? 0));
  for (const p of planned) {
    const mx = random.pick(hosts);
    if (p.sender) {
      const spared = p.failure?.window?.mx != null && p.failure.window.mx !== mx.name;
      p.actual = mx.inbound(p.at, p.sender.profile, spared ? null : p.failure);
    } else mx.bot(p.at, p.bot, p.host);
  }

  const rfc = scenario.rfc3339 ? window(scenario.rfc3339) : null;
  const entries = log.sorted();
  const text = entries.map((e) => `${rfc && inside(rfc, e.at) ? rfc3339Stamp(clock, e.at) : bsdStamp(clock, e.at)} ${e.line}\n`).join('');
  const last = entries[entries.length - 1]?.at ?? to;
  return {
    text,
    mtimeMs: scenario.mtime ? utc(scenario.mtime) : Math.floor(last / 1000) * 1000,
    sessions: planned.flatMap((p) => (p.sender ? [{ at: p.at, sender: p.sender.spec.id, failure: p.actual ?? null }] : [])),
  };
}

/** The demo's profile of a sender (message ids, TLS, domains), with the scenario's overrides; every host checked against the catalog. */
function profileOf(spec: ScenarioSender, demo: DemoSender | undefined): DemoSender {
  const hosts = spec.hosts ?? demo?.hosts;
  if (!hosts?.length) throw new Error(`${spec.id}: the demo has no hosts for this sender; give the scenario sender \`hosts\``);
  for (const host of hosts) {
    const id = classify({ name: host.name, ip: host.ip })?.id;
    if (id !== spec.id) throw new Error(`${host.name}[${host.ip}] classifies as ${id ?? 'no sender'}, not ${spec.id}; fix the host pool`);
  }
  return {
    id: spec.id,
    peakPerHour: spec.perHour,
    hosts,
    tls: spec.tls ?? demo?.tls ?? TLS13,
    bdat: demo?.bdat ?? false,
    fromDomains: demo?.fromDomains ?? [`${spec.id}.example`],
    messageId: demo?.messageId ?? ((r) => `${r.chars(HEX.toLowerCase(), 24)}@${spec.id}.example`),
  };
}

const classify = createSenderClassifier(builtInSenderRules, { domainOf: registrableDomain });

function failureOf(random: Random, sender: CompiledSender, outages: readonly Window[], noiseShare: number, at: number): PlannedFailure | null {
  const window = outages.find((w) => inside(w, at)) ?? sender.failures.find((w) => inside(w, at));
  if (window) return random.chance(window.share) ? { kind: window.kind, window } : null;
  const nearWindow = [...outages, ...sender.failures].some((w) => at > w.from - HOUR && at < w.to + HOUR);
  return !nearWindow && random.chance(noiseShare) ? { kind: random.pick(FAILURES), window: null } : null;
}

function inside(w: Window, at: number): boolean {
  return at >= w.from && at < w.to;
}

/** Busier by day than by night, by local time: 1 at 14:00, 0.12 from 22:00 to 06:00. */
function dayFactor(clock: ZoneClock, at: number): number {
  const local = new Date(at + clock.offsetAt(at));
  const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
  return 0.12 + 0.88 * Math.max(0, Math.sin(((hour - 6) / 16) * Math.PI));
}

interface Entry {
  /** UTC ms with a fraction: the microseconds of RFC 3339 stamps. */
  readonly at: number;
  readonly seq: number;
  /** Everything after the timestamp: `mx1 postfix/smtpd[2140]: connect from …`. */
  readonly line: string;
}

/** The lines of all MX hosts; sorted by time, in logging order within one instant. */
class LogBook {
  readonly #entries: Entry[] = [];
  readonly #queueIds = new Set<string>();
  readonly #random: Random;

  constructor(random: Random) {
    this.#random = random;
  }

  add(at: number, mx: string, program: string, pid: number, message: string): void {
    this.#entries.push({ at, seq: this.#entries.length, line: `${mx} ${program}[${pid}]: ${message}` });
  }

  /** A short Postfix queue id (10–11 upper-case hex digits), unique over the whole log. */
  queueId(): string {
    for (;;) {
      const id = this.#random.chars(HEX, this.#random.chance(0.8) ? 10 : 11);
      if (!this.#queueIds.has(id)) {
        this.#queueIds.add(id);
        return id;
      }
    }
  }

  sorted(): Entry[] {
    return this.#entries.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}

/** One of our MX hosts: its daemons' pids and what they log. */
class MxHost {
  readonly #name: string;
  readonly #log: LogBook;
  readonly #random: Random;
  /** smtpd processes: pid, sessions served, and when they are free again. */
  readonly #smtpd: { pid: number; uses: number; freeAt: number }[] = [];
  readonly #qmgr: number;
  /** postscreen and its TLS proxy: one long-lived process each, serving many clients at once. */
  readonly #postscreen: number;
  readonly #tlsproxy: number;
  readonly #cleanup: readonly number[];
  readonly #lmtp: readonly number[];
  readonly #deepTests: number;
  readonly #proxyLogLevel: 0 | 1;
  #nextPid: number;

  constructor(name: string, firstPid: number, log: LogBook, random: Random, deepTests: number, proxyLogLevel: 0 | 1) {
    this.#name = name;
    this.#deepTests = deepTests;
    this.#proxyLogLevel = proxyLogLevel;
    this.#log = log;
    this.#random = random;
    this.#qmgr = firstPid - 1003;
    this.#postscreen = firstPid - 1412;
    this.#tlsproxy = firstPid - 1377;
    this.#cleanup = [firstPid - 211, firstPid - 188, firstPid - 96];
    this.#lmtp = [firstPid - 174, firstPid - 150, firstPid - 61];
    this.#nextPid = firstPid;
  }

  #add(at: number, program: string, pid: number, message: string): void {
    this.#log.add(at, this.#name, program, pid, message);
  }

  /** A free smtpd process, busy until `until`; processes exit after 100 sessions or 100 s idle (max_use, max_idle). */
  #smtpdPid(at: number, until: number): number {
    for (let i = this.#smtpd.length - 1; i >= 0; i--) {
      const p = this.#smtpd[i]!;
      if (p.uses >= 100 || p.freeAt + 100_000 < at) this.#smtpd.splice(i, 1);
    }
    let process = this.#smtpd.find((p) => p.freeAt < at);
    if (!process) {
      process = { pid: this.#nextPid, uses: 0, freeAt: 0 };
      this.#nextPid += this.#random.int(1, 23);
      this.#smtpd.push(process);
    }
    process.uses++;
    process.freeAt = until + 1000;
    return process.pid;
  }

  get name(): string {
    return this.#name;
  }

  /** One session of a sender; what failure it had (a window's ipPrefix spares the other servers). */
  inbound(at: number, sender: DemoSender, planned: PlannedFailure | null): ScenarioFailure | null {
    const r = this.#random;
    const host = r.pick(sender.hosts);
    const client = `${host.name}[${host.ip}]`;
    const prefix = planned?.window?.ipPrefix;
    const failure = planned && (prefix == null || host.ip.startsWith(prefix)) ? planned.kind : null;
    const smtpd = 'postfix/smtpd';
    if (failure === 'tlsproxy') {
      const proxyAt = at + r.between(20, 200);
      const end = proxyAt + r.between(150, 2500);
      const port = r.int(1024, 65535);
      const endpoint = `[${host.ip}]:${port}`;
      const postscreen = this.#postscreen;
      const proxy = this.#tlsproxy;
      this.#add(at, 'postfix/postscreen', postscreen, `CONNECT from ${endpoint} to [192.0.2.25]:25`);
      this.#add(proxyAt, 'postfix/tlsproxy', proxy, `CONNECT from ${endpoint}`);
      // The proxy logs its OpenSSL warning and the connection's DISCONNECT in one go.
      // A reason only a handshake gives; at log level 1 also one a good handshake may end in.
      const reasons = this.#proxyLogLevel === 1 ? ['unsupported protocol', 'unexpected eof while reading', 'unexpected eof while reading'] : ['unsupported protocol', 'version too low', 'no shared cipher'];
      this.#add(end, 'postfix/tlsproxy', proxy, `warning: TLS library problem: error:0A000102:SSL routines::${r.pick(reasons)}:../ssl/statem/statem_srvr.c:1657:`);
      this.#add(end, 'postfix/tlsproxy', proxy, `DISCONNECT ${endpoint}`);
      this.#add(end + 1, 'postfix/postscreen', postscreen, `DISCONNECT ${endpoint}`);
      return failure;
    }
    if (failure === 'starttls' || failure === 'ssl') {
      const end = at + r.between(150, 2500);
      const pid = this.#smtpdPid(at, end);
      this.#add(at, smtpd, pid, `connect from ${client}`);
      if (failure === 'ssl') {
        this.#add(end - 3, smtpd, pid, `SSL_accept error from ${client}: ${r.pick(['-1', 'lost connection', 'Connection reset by peer'])}`);
        this.#add(end - 2, smtpd, pid, 'warning: TLS library problem: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:317:');
      }
      this.#add(end, smtpd, pid, `lost connection after STARTTLS from ${client}`);
      this.#add(end + 1, smtpd, pid, `disconnect from ${client} ehlo=1 ${failure === 'ssl' ? 'starttls=0/1 commands=1/2' : 'starttls=1 commands=2'}`);
      return failure;
    }
    // Without deep tests, no random number is drawn: the older scenarios keep their lines.
    if (this.#deepTests > 0 && r.chance(this.#deepTests)) this.#deepTest(at - r.between(30_000, 90_000), host.ip);
    const tlsAt = at + r.between(40, 300);
    // Postfix opens the queue file, and logs `client=`, once the first RCPT is accepted
    // (smtpd_delay_open_until_valid_rcpt): a session lost in DATA has a queue id too.
    const rcptAt = tlsAt + r.between(60, 400);
    const queueId = this.#log.queueId();
    const end =
      failure === 'timeout' ? rcptAt + 300_000 + r.between(100, 2000) : failure === 'data' ? rcptAt + r.between(200, 6000) : rcptAt + r.between(150, 900);
    const pid = this.#smtpdPid(at, end);
    this.#add(at, smtpd, pid, `connect from ${client}`);
    this.#add(tlsAt, smtpd, pid, `Anonymous TLS connection established from ${client}: ${sender.tls}`);
    this.#add(rcptAt, smtpd, pid, `${queueId}: client=${client}`);
    if (failure) {
      const bytes = r.int(0, 60_000);
      this.#add(end, smtpd, pid, `${failure === 'timeout' ? 'timeout' : 'lost connection'} after DATA (${bytes} bytes) from ${client}`);
      this.#add(end + 1, smtpd, pid, `disconnect from ${client} ehlo=2 starttls=1 mail=1 rcpt=1 data=0/1 commands=5/6`);
      return failure;
    }
    const from = `${r.chars(LOWER, r.int(4, 9))}.${r.chars(LOWER, r.int(4, 9))}@${r.pick(sender.fromDomains)}`;
    const rcpt = `${r.chars(LOWER, r.int(3, 8))}${r.chance(0.3) ? r.int(1, 99) : ''}@example.net`;
    this.#add(rcptAt + r.between(5, 25), 'postfix/cleanup', r.pick(this.#cleanup), `${queueId}: message-id=<${sender.messageId(r)}>`);
    const queued = end - r.between(5, 20);
    this.#add(queued, 'postfix/qmgr', this.#qmgr, `${queueId}: from=<${from}>, size=${Math.round(Math.exp(r.between(8, 14)))}, nrcpt=1 (queue active)`);
    this.#add(end, smtpd, pid, `disconnect from ${client} ehlo=2 starttls=1 mail=1 rcpt=1 ${sender.bdat ? 'bdat=1' : 'data=1'} quit=1 commands=7`);
    // delays=a/b/c/d: before the queue manager, in it, connection set-up, transmission.
    const delays = [queued - rcptAt, r.between(0, 20), r.between(1, 30), r.between(20, 350)];
    const done = rcptAt + delays.reduce((sum, d) => sum + d, 0);
    const store = r.pick(['mailstore1.example.net[10.0.3.7]:24', 'mailstore2.example.net[10.0.3.8]:24']);
    this.#add(done, 'postfix/lmtp', r.pick(this.#lmtp), `${queueId}: to=<${rcpt}>, relay=${store}, delay=${seconds(done - rcptAt)}, delays=${delays.map(seconds).join('/')}, dsn=2.0.0, status=sent (250 2.0.0 <${rcpt}> ${r.chars(LOWER + HEX, 22)} Saved)`);
    this.#add(done + r.between(1, 8), 'postfix/qmgr', this.#qmgr, `${queueId}: removed`);
    return failure;
  }

  /** postscreen's deep tests passed, STARTTLS through its TLS proxy included, and the 450 that makes the client come back. */
  #deepTest(at: number, ip: string): void {
    const r = this.#random;
    const endpoint = `[${ip}]:${r.int(1024, 65535)}`;
    this.#add(at, 'postfix/postscreen', this.#postscreen, `CONNECT from ${endpoint} to [192.0.2.25]:25`);
    this.#add(at + 150, 'postfix/tlsproxy', this.#tlsproxy, `CONNECT from ${endpoint}`);
    if (this.#proxyLogLevel === 1) this.#add(at + 300, 'postfix/tlsproxy', this.#tlsproxy, `Anonymous TLS connection established from ${endpoint}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`);
    this.#add(at + 900, 'postfix/postscreen', this.#postscreen, `PASS NEW ${endpoint}`);
    this.#add(at + 950, 'postfix/postscreen', this.#postscreen, `NOQUEUE: reject: RCPT from ${endpoint}: 450 4.3.2 Service currently unavailable; from=<${r.chars(LOWER, 7)}@example.org>, to=<${r.chars(LOWER, 6)}@example.net>, proto=ESMTP, helo=<mail.example.org>`);
    this.#add(at + 1000, 'postfix/tlsproxy', this.#tlsproxy, `DISCONNECT ${endpoint}`);
    this.#add(at + 1001, 'postfix/postscreen', this.#postscreen, `DISCONNECT ${endpoint}`);
  }

  /**
   * Bots come from hosting and residential networks, outside every sender's ranges, mostly without
   * reverse DNS; or from `host`, a named client the scenario gives.
   */
  bot(at: number, variant: BotVariant, host: DemoHost | null): void {
    const r = this.#random;
    const ip = host?.ip ?? `${r.pick(['45.135', '80.94', '91.92', '141.98', '185.220', '193.32', '5.188'])}.${r.int(0, 255)}.${r.int(1, 254)}`;
    const client = host ? `${host.name}[${host.ip}]` : variant === 'relay' ? `vps${r.int(1, 9999)}.hosting-beispiel.net[${ip}]` : `unknown[${ip}]`;
    const end = at + r.between(300, 9000);
    const pid = this.#smtpdPid(at, end);
    const smtpd = 'postfix/smtpd';
    this.#add(at, smtpd, pid, `connect from ${client}`);
    const to = `${r.chars(LOWER, 6)}@example.net`;
    const helo = r.pick(['User', 'localhost', `WIN-${r.chars(HEX, 11)}`, ip]);
    switch (variant) {
      case 'auth':
        this.#add(end - 250, smtpd, pid, `warning: ${client}: SASL LOGIN authentication failed: UGFzc3dvcmQ6`);
        this.#add(end, smtpd, pid, `lost connection after AUTH from ${client}`);
        this.#add(end + 1, smtpd, pid, `disconnect from ${client} ehlo=1 auth=0/1 commands=1/2`);
        return;
      case 'connect':
        this.#add(end, smtpd, pid, `lost connection after CONNECT from ${client}`);
        this.#add(end + 1, smtpd, pid, `disconnect from ${client} commands=0`);
        return;
      case 'starttls':
        // A scanner that asks for TLS and hangs up in the handshake.
        this.#add(end, smtpd, pid, `lost connection after STARTTLS from ${client}`);
        this.#add(end + 1, smtpd, pid, `disconnect from ${client} ehlo=1 starttls=1 commands=2`);
        return;
      case 'rdns':
        this.#add(end - 200, smtpd, pid, `NOQUEUE: reject: RCPT from ${client}: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [${ip}]; from=<${r.chars(LOWER, 7)}@example.biz> to=<${to}> proto=ESMTP helo=<${helo}>`);
        this.#add(end, smtpd, pid, `disconnect from ${client} ehlo=1 mail=1 rcpt=0/1 rset=1 quit=1 commands=4/5`);
        return;
      case 'relay': {
        const away = `${r.chars(LOWER, 6)}@gmail.com`;
        this.#add(end - 200, smtpd, pid, `NOQUEUE: reject: RCPT from ${client}: 554 5.7.1 <${away}>: Relay access denied; from=<${r.chars(LOWER, 6)}@example.net> to=<${away}> proto=ESMTP helo=<${helo}>`);
        this.#add(end, smtpd, pid, `disconnect from ${client} ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`);
        return;
      }
    }
  }
}

/** Postfix prints two decimals below 1 s, one below 10 s, and whole seconds above. */
/** A duration as Postfix logs `delay=`: `0.42`, `3.5`, `600`. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return s >= 10 ? String(Math.round(s)) : String(Number(s.toFixed(s < 1 ? 2 : 1)));
}

/** `Mar  3 07:00:01`: no year, no zone, the day padded with a space (the last second's stamp is kept: lines come in order). */
let lastStamp: { second: number; clock: ZoneClock | null; text: string } = { second: Number.NaN, clock: null, text: '' };
export function bsdStamp(clock: ZoneClock, at: number): string {
  const second = Math.floor(at / 1000);
  if (second === lastStamp.second && clock === lastStamp.clock) return lastStamp.text;
  const wall = new Date(Math.floor(at) + clock.offsetAt(at));
  const text = `${MONTHS[wall.getUTCMonth()]} ${String(wall.getUTCDate()).padStart(2, ' ')} ${wall.toISOString().slice(11, 19)}`;
  lastStamp = { second, clock, text };
  return text;
}

/** `2026-03-23T17:02:35.123456+01:00`, as rsyslog writes with RSYSLOG_FileFormat. */
function rfc3339Stamp(clock: ZoneClock, at: number): string {
  const offset = clock.offsetAt(at);
  const wall = new Date(Math.floor(at) + offset).toISOString().slice(0, 23);
  const micros = String(Math.floor((at % 1) * 1000)).padStart(3, '0');
  const minutes = Math.abs(offset) / MINUTE;
  const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${wall}${micros}${zone}`;
}
