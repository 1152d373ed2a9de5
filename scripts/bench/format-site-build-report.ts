import type { TargetCheck } from './check-bench-targets.ts';
import { table } from './format-bench-report.ts';
import { formatMegabytes, formatSeconds } from './format-figures.ts';
import { SITE_BUILD_NOW, type SiteBuildRun } from './measure-site-build.ts';
import type { OneCorePrefix } from './one-core-prefix.ts';

/** The site build's targets (issues 5 and 16), and the figures of the Hugo-based page they are set against. */
export const SITE_BUILD_TARGET = {
  incidents: 2_000,
  wallMs: 30_000,
  cores: 2,
  /** A Hugo-based status page on the same machine, for 2,000 incidents; it grows quadratically. */
  hugoWallMs: 72_000,
  /** The astro process's peak RSS at 2,000 incidents. */
  peakRssBytes: 1_000_000_000,
  /** The home page, gzipped, at 2,000 incidents: what a phone fetches first. */
  homeGzipBytes: 30_000,
  /** The larger size, and its time. */
  largeIncidents: 5_000,
  largeWallMs: 60_000,
} as const;

/** What the site section's header says about the run. */
export interface SiteBuildReportSetup {
  readonly quick: boolean;
  /** With --site-only this section is the whole report, and carries the machine's description. */
  readonly siteOnly: boolean;
  readonly revision: string;
  readonly nodeVersion: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly cpus: OneCorePrefix;
}

/**
 * Holds the 2,000-incident build against the target; without one (--quick) the target is
 * unavailable. Pure: the benchmark prints the verdict and exits non-zero when it is missed.
 *
 * @example
 * checkSiteBuildTarget(runs)
 * // { target: '2,000 incidents in under 30 s on a 2-core machine', figure: '2,000: 94.92 s (a Hugo-based page there: ~72 s, …)', verdict: 'missed' }
 */
export function checkSiteBuildTargets(runs: readonly SiteBuildRun[]): TargetCheck[] {
  const { incidents, peakRssBytes, homeGzipBytes, largeIncidents, largeWallMs, cores } = SITE_BUILD_TARGET;
  const at = runs.find((r) => r.incidents === incidents);
  const large = runs.find((r) => r.incidents === largeIncidents);
  const n = incidents.toLocaleString('en');
  const notMeasured = `not measured: this run built ${runs.map((r) => r.incidents.toLocaleString('en')).join(', ') || 'nothing'} (drop --quick)`;
  return [
    checkSiteBuildTarget(runs),
    at
      ? { target: `astro's peak RSS at ${n} incidents ≤ ${formatMegabytes(peakRssBytes)}`, figure: formatMegabytes(at.peakRssBytes), verdict: at.peakRssBytes <= peakRssBytes ? 'met' : 'missed' }
      : { target: `astro's peak RSS at ${n} incidents ≤ ${formatMegabytes(peakRssBytes)}`, figure: notMeasured, verdict: 'unavailable' },
    at
      ? { target: `home page at ${n} incidents ≤ ${homeGzipBytes / 1000} KB gzipped`, figure: `${(at.homeGzipBytes / 1000).toFixed(1)} KB`, verdict: at.homeGzipBytes <= homeGzipBytes ? 'met' : 'missed' }
      : { target: `home page at ${n} incidents ≤ ${homeGzipBytes / 1000} KB gzipped`, figure: notMeasured, verdict: 'unavailable' },
    large
      ? { target: `${largeIncidents.toLocaleString('en')} incidents in under ${largeWallMs / 1000} s on a ${cores}-core machine`, figure: formatSeconds(large.wallMs), verdict: large.wallMs < largeWallMs ? 'met' : 'missed' }
      : { target: `${largeIncidents.toLocaleString('en')} incidents in under ${largeWallMs / 1000} s on a ${cores}-core machine`, figure: notMeasured, verdict: 'unavailable' },
  ];
}

/** The 2,000-incident build time against its target. */
export function checkSiteBuildTarget(runs: readonly SiteBuildRun[]): TargetCheck {
  const { incidents, wallMs, cores, hugoWallMs } = SITE_BUILD_TARGET;
  const target = `${incidents.toLocaleString('en')} incidents in under ${wallMs / 1000} s on a ${cores}-core machine`;
  const run = runs.find((r) => r.incidents === incidents);
  if (!run) {
    const sizes = runs.map((r) => r.incidents.toLocaleString('en')).join(', ');
    return { target, figure: `not measured: this run built ${sizes || 'nothing'} (drop --quick)`, verdict: 'unavailable' };
  }
  const figure = `${incidents.toLocaleString('en')}: ${formatSeconds(run.wallMs)} (a Hugo-based page there: ~${hugoWallMs / 1000} s, growing quadratically)`;
  return { target, figure, verdict: run.wallMs < wallMs ? 'met' : 'missed' };
}

/**
 * The site section of the benchmark's report: one row per size (pages, wall time, seconds per
 * 100 incidents overall and between consecutive sizes, peak RSS), how the time grows, and the
 * target with its verdict.
 *
 * @example
 * console.log(formatSiteBuildReport(setup, runs));
 */
export function formatSiteBuildReport(setup: SiteBuildReportSetup, runs: readonly SiteBuildRun[]): string {
  const out: string[] = [];
  if (setup.siteOnly) {
    out.push(`mxstatus benchmark (--site-only${setup.quick ? ', --quick' : ''}) of ${setup.revision}`);
    out.push(`  Node ${setup.nodeVersion} · ${setup.cpuModel} · ${setup.cpuCount} CPUs`);
    out.push('');
  }
  out.push('Site build times: astro build of generated content, each size once and cold (a fresh content directory and Astro cache)');
  out.push(`  astro build: ${setup.cpus.description} · MXSTATUS_NOW=${SITE_BUILD_NOW}`);
  const first = runs[0];
  if (first) {
    out.push(
      `  content: ${first.fixture.senders} senders with 90 days of history; incidents over 3 years, ${first.fixture.ongoing} ongoing; ` +
        'draft notes in every language for about half of them, a third of those with updates',
    );
  }
  out.push('  wall time is the astro process\'s, start to exit; CPU is its user + system time (GNU time %U + %S), which other');
  out.push('  work on the machine disturbs less; "marginal" is the wall time per 100 incidents added since the size above;');
  out.push('  pages are HTML files; peak RSS is the astro process\'s (GNU time %M); MB = 10^6 bytes; load is the 1-minute');
  out.push('  load average as the build started');
  out.push('');

  const rows: string[][] = [['incidents', 'pages', 'files', 'output', 'home (gzip)', 'wall', 'CPU', 's / 100 incidents', 'marginal s / 100', 'peak RSS', 'load']];
  runs.forEach((run, i) => {
    const previous = runs[i - 1];
    rows.push([
      run.incidents.toLocaleString('en'),
      run.pages.toLocaleString('en'),
      run.files.toLocaleString('en'),
      formatMegabytes(run.outputBytes),
      `${(run.homeGzipBytes / 1000).toFixed(1)} KB`,
      formatSeconds(run.wallMs),
      formatSeconds(run.cpuMs),
      perHundred(run.wallMs, run.incidents),
      previous ? perHundred(run.wallMs - previous.wallMs, run.incidents - previous.incidents) : '',
      formatMegabytes(run.peakRssBytes),
      run.loadBefore.toFixed(2),
    ]);
  });
  out.push(...table(rows, ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  const busiest = Math.max(0, ...runs.map((r) => r.loadBefore));
  if (busiest >= 1) {
    out.push(`  NOTE: the machine was busy (load average up to ${busiest.toFixed(2)} on ${setup.cpuCount} CPUs): these times are longer than an idle machine's.`);
  }
  out.push('');
  out.push(...describeScaling(runs));
  out.push('');

  const checks = checkSiteBuildTargets(runs);
  out.push('Targets (a missed one makes the benchmark exit non-zero):');
  out.push(...table([['target', 'figure', 'verdict'], ...checks.map((c) => [c.target, c.figure, c.verdict === 'met' ? 'met' : c.verdict.toUpperCase()])], ['l', 'l', 'l']));
  return `${out.join('\n')}\n`;
}

/**
 * How the build time grows, in wall and in CPU time: the marginal cost per incident of the last
 * step over that of the first (1× when linear; (b + c) / (a + b) for sizes a, b, c when
 * quadratic), and the part of the time that does not depend on the incidents (the first step
 * extrapolated to none).
 */
function describeScaling(runs: readonly SiteBuildRun[]): string[] {
  const [a, b] = runs;
  const c = runs[runs.length - 1];
  const beforeC = runs[runs.length - 2];
  if (!a || !b || !c || !beforeC || c === b) return ['  Scaling: needs three sizes.'];
  const label = (x: SiteBuildRun, y: SiteBuildRun) => `${x.incidents.toLocaleString('en')}→${y.incidents.toLocaleString('en')}`;
  const quadratic = (beforeC.incidents + c.incidents) / (a.incidents + b.incidents);
  const lines = [
    `  Scaling, per 100 incidents added (${label(a, b)} and ${label(beforeC, c)}); linear growth keeps the two equal (1×),`,
    `  quadratic growth would make the second ${quadratic.toFixed(2)}× the first:`,
  ];
  for (const [name, of] of [['wall', (r: SiteBuildRun) => r.wallMs], ['CPU', (r: SiteBuildRun) => r.cpuMs]] as const) {
    const first = (of(b) - of(a)) / (b.incidents - a.incidents);
    const last = (of(c) - of(beforeC)) / (c.incidents - beforeC.incidents);
    const fixed = Math.max(0, of(a) - first * a.incidents);
    lines.push(
      `    ${name.padEnd(4)} ${perHundred(first * 100, 100)} then ${perHundred(last * 100, 100)}: ${(last / first).toFixed(2)}×; ` +
        `about ${formatSeconds(fixed)} of every build do not depend on the incidents`,
    );
  }
  return lines;
}

/** `1.07 s` per 100 incidents. */
function perHundred(ms: number, incidents: number): string {
  return formatSeconds((ms / incidents) * 100);
}
