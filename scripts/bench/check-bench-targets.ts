import { toolFigures, type BenchResults } from './bench-results.ts';
import { sizeLabel } from './ensure-bench-logs.ts';
import { formatMegabytes, formatRate, formatRatio, formatSeconds } from './format-figures.ts';

/** One target of the issue beside the figures that decide it. */
export interface TargetCheck {
  readonly target: string;
  readonly figure: string;
  readonly verdict: 'met' | 'missed' | 'unavailable';
}

/** The summarizer's performance targets. */
export const TARGETS = {
  /** End to end, plain text, one core. */
  linesPerSecond: 1_000_000,
  /** Throughput over pflogsumm's on the same file. */
  timesPflogsumm: 8,
  /** Wall time on the .gz over wall time on the same log plain. */
  gzOverPlain: 1.5,
  peakRssBytes: 300_000_000,
  /** "Flat": the large log's peak RSS over the small log's. */
  rssGrowth: 1.2,
} as const;

/**
 * Holds the figures against the targets. Pure: the benchmark prints the verdicts and exits
 * non-zero when one is missed.
 *
 * @example
 * checkBenchTargets(results)[0]
 * // { target: '≥ 1,000,000 lines/s, plain text, one core', figure: '2m: 266 k/s · 10m: 259 k/s', verdict: 'missed' }
 */
export function checkBenchTargets(results: BenchResults): TargetCheck[] {
  const { small, smallGz, large } = results;
  const s = sizeLabel(small.log.lines);
  const l = sizeLabel(large.log.lines);
  const mx = {
    small: toolFigures(small, 'mxstatus'),
    smallGz: toolFigures(smallGz, 'mxstatus'),
    large: toolFigures(large, 'mxstatus'),
  };
  const checks: TargetCheck[] = [];

  if (mx.small && mx.large) {
    checks.push({
      target: `≥ ${TARGETS.linesPerSecond.toLocaleString('en')} lines/s, plain text, one core`,
      figure: `${s}: ${formatRate(mx.small.linesPerSecond)} · ${l}: ${formatRate(mx.large.linesPerSecond)}`,
      verdict: verdict(Math.min(mx.small.linesPerSecond, mx.large.linesPerSecond) >= TARGETS.linesPerSecond),
    });
  }

  const pfSmall = toolFigures(small, 'pflogsumm');
  const pfLarge = toolFigures(large, 'pflogsumm');
  const vsPflogsumm = `≥ ${TARGETS.timesPflogsumm}× pflogsumm's lines/s`;
  if (mx.small && mx.large && pfSmall && pfLarge) {
    const ratioSmall = mx.small.linesPerSecond / pfSmall.linesPerSecond;
    const ratioLarge = mx.large.linesPerSecond / pfLarge.linesPerSecond;
    checks.push({
      target: vsPflogsumm,
      figure: `${s}: ${formatRatio(ratioSmall)} · ${l}: ${formatRatio(ratioLarge)}`,
      verdict: verdict(Math.min(ratioSmall, ratioLarge) >= TARGETS.timesPflogsumm),
    });
  } else {
    checks.push({ target: vsPflogsumm, figure: 'pflogsumm is unavailable (see below)', verdict: 'unavailable' });
  }

  if (mx.small && mx.smallGz) {
    const ratio = mx.smallGz.wallMs / mx.small.wallMs;
    checks.push({
      target: `.gz within ${TARGETS.gzOverPlain}× of plain (wall time)`,
      figure: `${s}: ${formatSeconds(mx.smallGz.wallMs)} vs ${formatSeconds(mx.small.wallMs)} = ${formatRatio(ratio)}`,
      verdict: verdict(ratio <= TARGETS.gzOverPlain),
    });
  }

  if (mx.small && mx.smallGz && mx.large) {
    const peaks = [mx.small.peakRssBytes, mx.smallGz.peakRssBytes, mx.large.peakRssBytes];
    checks.push({
      target: `peak RSS < ${formatMegabytes(TARGETS.peakRssBytes)}`,
      figure: `${s}: ${formatMegabytes(peaks[0]!)} · ${s}.gz: ${formatMegabytes(peaks[1]!)} · ${l}: ${formatMegabytes(peaks[2]!)}`,
      verdict: verdict(Math.max(...peaks) < TARGETS.peakRssBytes),
    });
    const growth = mx.large.peakRssBytes / mx.small.peakRssBytes;
    checks.push({
      target: `peak RSS flat from ${s} to ${l} lines (≤ ${TARGETS.rssGrowth}×)`,
      figure: `${formatMegabytes(mx.small.peakRssBytes)} → ${formatMegabytes(mx.large.peakRssBytes)} = ${formatRatio(growth)}`,
      verdict: verdict(growth <= TARGETS.rssGrowth),
    });
  }
  return checks;
}

function verdict(met: boolean): TargetCheck['verdict'] {
  return met ? 'met' : 'missed';
}
