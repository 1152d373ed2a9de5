import { DEMO_SEED, DEMO_YEAR, DEMO_ZONE, generateDemoLogs, generateDemoRelayLog } from '../mxstatus/demo/generate-demo-logs.ts';
import { ZoneClock } from '../mxstatus/parse/zone-clock.ts';

/** One line of the benchmark log and its time (UTC epoch ms, whole seconds as written). */
export interface BenchLogLine {
  readonly time: number;
  readonly text: string;
}

const DAY = 86_400_000;
/** The demo covers 16 March 00:00 to 24 March ~12:15; nine days later the next seed begins. */
const SEED_SPAN = 9 * DAY;
/** mx2's pids overlap mx1's; on one host they must not, so mx2's move up (pid_max is 4194304). */
const MX2_PID_OFFSET = 100_000;
/** The relay's pids move up further, above mx2's. */
const RELAY_PID_OFFSET = 200_000;
/**
 * The relay's messages per hour at the busiest time of day in the mixed log: about a tenth of its
 * lines are then the relay's (SMTP client, queue manager, cleanup, bounce), as on an MX host that
 * also sends its users' mail.
 */
export const BENCH_RELAY_PEAK_PER_HOUR = 75;
/** The relay's messages per hour at the busiest time for the outbound-only log: a big relay (about 1.07 M lines a seed). */
const OUTBOUND_ONLY_PEAK_PER_HOUR = 2_000;
const HOST = 'mx1';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const demoClock = new ZoneClock(DEMO_ZONE);

/**
 * Which lines the benchmark's log holds: `mixed` (the MX hosts' and, about a tenth, the relay's),
 * `inbound` (the MX hosts' alone) or `outbound` (a busy relay's alone), for the cost of an
 * outbound line against an inbound one.
 */
export type BenchLogMix = 'mixed' | 'inbound' | 'outbound';

/**
 * The benchmark's log: the demo's traffic seed after seed (the bundled demo first), each seed's
 * two MX hosts and its outbound relay (at BENCH_RELAY_PEAK_PER_HOUR) merged in time order into one
 * host, each seed nine days after the previous one, as a BSD syslog in UTC — one chronological log
 * of any length, one seed (~405,000 lines) in memory at a time. UTC keeps it strictly chronological
 * across daylight-saving changes, so the summarizer reads it with `--tz UTC`; 25 seeds (10 M lines)
 * span March to October of one year. `inbound` leaves the relay out; `outbound` is the relay
 * alone, a busy one (`outboundPeakPerHour` messages an hour at the busiest time; a test's, fewer).
 *
 * @example
 * benchLogLines().next().value.text
 * // 'Mar 15 23:00:28 mx1 postfix/smtpd[118022]: connect from unknown[91.216.178.100]'
 */
export function* benchLogLines(mix: BenchLogMix = 'mixed', options: { readonly outboundPeakPerHour?: number } = {}): Generator<BenchLogLine, never> {
  for (let k = 0; ; k++) {
    const shift = k * SEED_SPAN;
    if (mix === 'outbound') {
      yield* splitLines(generateDemoRelayLog(DEMO_SEED + k, { peakPerHour: options.outboundPeakPerHour ?? OUTBOUND_ONLY_PEAK_PER_HOUR }).text).map((line) => fromRelayLine(line, shift));
      continue;
    }
    const files = generateDemoLogs(DEMO_SEED + k, { relayPeakPerHour: mix === 'mixed' ? BENCH_RELAY_PEAK_PER_HOUR : 0 });
    const text = (path: string) => splitLines(files.find((file) => file.path === path)?.text ?? '');
    yield* mergeByTime([
      text('mx1/mail.log').map((line) => fromBsdLine(line, shift)),
      [...text('mx2/mail.log.1.gz'), ...text('mx2/mail.log')].map((line) => fromRfc3339Line(line, shift)),
      text('out1/mail.log').map((line) => fromRelayLine(line, shift)),
    ]);
  }
}

/** Lists each in time order, merged into one; on a tie the earlier list's line first. */
function* mergeByTime(lists: readonly (readonly BenchLogLine[])[]): Generator<BenchLogLine> {
  const next = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const line = lists[i]![next[i]!];
      if (line && (best < 0 || line.time < lists[best]![next[best]!]!.time)) best = i;
    }
    if (best < 0) return;
    yield lists[best]![next[best]!++]!;
  }
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// Mar 16 00:03:00 mx1 postfix/anvil[2123]: statistics: max cache size 12 at Mar 15 23:56:00
function fromBsdLine(line: string, shift: number): BenchLogLine {
  const time = demoBsdTime(line, 0) + shift;
  return { time, text: `${bsdStamp(time)} ${shiftAnvilStamp(line.slice(16), shift)}` };
}

// Mar 16 00:00:58 out1 postfix/qmgr[2791]: 4K6zsK9qc7Jth8D: removed — as mx1's, its pid moved up.
function fromRelayLine(line: string, shift: number): BenchLogLine {
  const time = demoBsdTime(line, 0) + shift;
  const tagStart = line.indexOf(' ', 16) + 1;
  const pidStart = line.indexOf('[', tagStart) + 1;
  const pidEnd = line.indexOf(']', pidStart);
  const pid = Number(line.slice(pidStart, pidEnd)) + RELAY_PID_OFFSET;
  return { time, text: `${bsdStamp(time)} ${HOST} ${line.slice(tagStart, pidStart)}${pid}${line.slice(pidEnd)}` };
}

// 2026-03-16T00:00:54.792000+01:00 mx2 postfix/smtpd[18022]: connect from unknown[194.38.200.220]
function fromRfc3339Line(line: string, shift: number): BenchLogLine {
  const space = line.indexOf(' ');
  const stamp = line.slice(0, space);
  // Date.parse takes milliseconds, not microseconds: drop the last three fraction digits.
  const time = Math.floor(Date.parse(stamp.slice(0, 23) + stamp.slice(-6)) / 1000) * 1000 + shift;
  const tagStart = line.indexOf(' ', space + 1) + 1;
  const pidStart = line.indexOf('[', tagStart) + 1;
  const pidEnd = line.indexOf(']', pidStart);
  const pid = Number(line.slice(pidStart, pidEnd)) + MX2_PID_OFFSET;
  const rest = `${line.slice(tagStart, pidStart)}${pid}${line.slice(pidEnd)}`;
  return { time, text: `${bsdStamp(time)} ${HOST} ${shiftAnvilStamp(rest, shift)}` };
}

/** anvil's statistics name a time of their own (`… at Mar 15 23:56:00`): it moves with the line. */
function shiftAnvilStamp(rest: string, shift: number): string {
  if (!rest.includes('/anvil[')) return rest;
  const at = rest.length - 15;
  if (rest.slice(at - 4, at) !== ' at ') return rest;
  return `${rest.slice(0, at)}${bsdStamp(demoBsdTime(rest, at) + shift)}`;
}

/** A demo BSD timestamp (Europe/Berlin, 2026) at `offset` of `text`, in UTC epoch ms. */
function demoBsdTime(text: string, offset: number): number {
  const month = MONTHS.indexOf(text.slice(offset, offset + 3));
  const day = Number(text.slice(offset + 4, offset + 6));
  const hour = Number(text.slice(offset + 7, offset + 9));
  const minute = Number(text.slice(offset + 10, offset + 12));
  const second = Number(text.slice(offset + 13, offset + 15));
  return demoClock.toUtc(Date.UTC(DEMO_YEAR, month, day, hour, minute, second));
}

let lastStampTime = Number.NaN;
let lastStamp = '';

/** `Mar 23 17:02:35` in UTC; consecutive lines mostly share their second, so the last is kept. */
function bsdStamp(time: number): string {
  if (time !== lastStampTime) {
    const iso = new Date(time).toISOString();
    const day = iso.slice(8, 10);
    lastStamp = `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${day[0] === '0' ? ` ${day[1]}` : day} ${iso.slice(11, 19)}`;
    lastStampTime = time;
  }
  return lastStamp;
}
