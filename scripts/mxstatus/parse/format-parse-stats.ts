import type { ParseStats, TimeRange } from './parse-stats.ts';
import { hostForTerminal, plainForTerminal, programForTerminal } from '../terminal-text.ts';
import { earliest, latest } from './parse-stats.ts';

/** The parse report of `mxstatus summarize --stats`, as plain text. */
export function formatParseStats(stats: ParseStats): string {
  const lines = [`lines read: ${stats.lines}`, `lines without a syslog envelope: ${stats.linesWithoutEnvelope}`, `lines dated far from their file's time (left out): ${stats.linesOutOfTime}`, `mail lines dated far from the lines around them (left out): ${stats.linesOutlying}`, `mail lines after a jump in time, held for the next run to confirm: ${stats.held}`, `sessions and messages given up, too many open at once: ${stats.givenUp.sessions} sessions, ${stats.givenUp.messages} messages`, 'events by kind:'];
  for (const [kind, n] of [...stats.eventsByKind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    lines.push(`  ${kind}: ${n}`);
  }
  // Names from the log reach the terminal only when they are plain names (see terminal-text.ts).
  const unrecognised = [...merge(stats.unrecognisedByProgram, programForTerminal)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  lines.push(`unrecognised ${unrecognised.reduce((sum, [, n]) => sum + n, 0)} lines, by program:`);
  for (const [program, n] of unrecognised) lines.push(`  ${program}: ${n}`);
  lines.push('files:');
  for (const file of stats.files.values()) lines.push(`  ${plainForTerminal(file.path)}: ${file.lines} lines, ${range(file)}`);
  lines.push('hosts:');
  const hosts = new Map<string, TimeRange>();
  for (const [host, r] of stats.hosts) {
    const name = hostForTerminal(host);
    const seen = hosts.get(name);
    hosts.set(name, seen ? { first: earliest(seen.first, r.first), last: latest(seen.last, r.last) } : r);
  }
  for (const [host, r] of [...hosts].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`  ${host}: ${range(r)}`);
  return `${lines.join('\n')}\n`;
}

/** Counts by name, the names mapped (several may become one placeholder). */
function merge(counts: ReadonlyMap<string, number>, name: (raw: string) => string): Map<string, number> {
  const merged = new Map<string, number>();
  for (const [raw, n] of counts) merged.set(name(raw), (merged.get(name(raw)) ?? 0) + n);
  return merged;
}



function range(r: TimeRange): string {
  if (r.first === null || r.last === null) return 'no timestamps';
  return `${new Date(r.first).toISOString()} – ${new Date(r.last).toISOString()}`;
}
