import { DEMO_SEED, DEMO_YEAR, DEMO_ZONE, generateDemoLogs } from '../mxstatus/demo/generate-demo-logs.ts';
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
const HOST = 'mx1';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const demoClock = new ZoneClock(DEMO_ZONE);

/**
 * The benchmark's log: the demo's traffic seed after seed (the bundled demo first), each seed's
 * two MX hosts merged in time order into one host, each seed nine days after the previous one, as
 * a BSD syslog in UTC — one chronological log of any length, one seed (~365,000 lines) in memory
 * at a time. UTC keeps it strictly chronological across daylight-saving changes, so the
 * summarizer reads it with `--tz UTC`; 28 seeds (10 M lines) span March to November of one year.
 *
 * @example
 * benchLogLines().next().value.text
 * // 'Mar 15 23:00:28 mx1 postfix/smtpd[118022]: connect from unknown[91.216.178.100]'
 */
export function* benchLogLines(): Generator<BenchLogLine, never> {
  for (let k = 0; ; k++) {
    const shift = k * SEED_SPAN;
    const [mx1, mx2Old, mx2New] = generateDemoLogs(DEMO_SEED + k).map((file) => splitLines(file.text));
    const a = (mx1 ?? []).map((line) => fromBsdLine(line, shift));
    const b = [...(mx2Old ?? []), ...(mx2New ?? [])].map((line) => fromRfc3339Line(line, shift));
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const next = j >= b.length || (i < a.length && a[i]!.time <= b[j]!.time) ? a[i++]! : b[j++]!;
      yield next;
    }
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
