import type { ParseStats, TimeRange } from './parse-stats.ts';

/** The parse report of `mxstatus summarize --stats`, as plain text. */
export function formatParseStats(stats: ParseStats): string {
  const lines = [`lines read: ${stats.lines}`, `lines without a syslog envelope: ${stats.linesWithoutEnvelope}`, `lines dated far from their file's time (left out): ${stats.linesOutOfTime}`, 'events by kind:'];
  for (const [kind, n] of [...stats.eventsByKind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    lines.push(`  ${kind}: ${n}`);
  }
  const unrecognised = [...stats.unrecognisedByProgram].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  lines.push(`unrecognised ${unrecognised.reduce((sum, [, n]) => sum + n, 0)} lines, by program:`);
  for (const [program, n] of unrecognised) lines.push(`  ${program}: ${n}`);
  lines.push('files:');
  for (const file of stats.files.values()) lines.push(`  ${file.path}: ${file.lines} lines, ${range(file)}`);
  lines.push('hosts:');
  for (const [host, r] of [...stats.hosts].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`  ${host}: ${range(r)}`);
  return `${lines.join('\n')}\n`;
}

function range(r: TimeRange): string {
  if (r.first === null || r.last === null) return 'no timestamps';
  return `${new Date(r.first).toISOString()} – ${new Date(r.last).toISOString()}`;
}
