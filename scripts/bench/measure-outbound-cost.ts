import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodes, fail, ok, type Result } from '../../src/core/problem.ts';
import type { TargetCheck } from './check-bench-targets.ts';
import type { BenchLogFile } from './ensure-bench-logs.ts';
import { formatRate, formatRatio } from './format-figures.ts';
import { freshContent } from './fresh-content.ts';
import { measureCommand } from './measure-command.ts';
import { median } from './median.ts';
import type { OneCorePrefix } from './one-core-prefix.ts';
import { warmPageCache } from './warm-page-cache.ts';

/**
 * Issue 19: "outbound lines cost no more than inbound ones" — the summarizer's lines per second on
 * a relay's log at least its lines per second on the MX hosts' log of as many lines. No margin
 * below 1: both are medians of runs taken in turn, so a slow spell falls on both.
 */
export const OUTBOUND_COST_TARGET = 1.0;

/** The summarizer on an inbound-only and an outbound-only log of equal line count; the medians of the rounds. */
export interface OutboundCostRun {
  readonly lines: number;
  readonly inboundMs: number;
  readonly outboundMs: number;
  readonly rounds: number;
  /** Outbound lines per second over inbound lines per second: inboundMs / outboundMs. */
  readonly ratio: number;
}

/**
 * Summarizes the inbound-only log and the outbound-only log (equal line counts) in turn, `rounds`
 * times each, on one core, as the bench times the others; the medians give the cost of an
 * outbound line against an inbound one.
 *
 * @example
 * await measureOutboundCost(logs.inbound, logs.outbound, { repoRoot, nodePath, cpus }, 5)
 * // ok({ lines: 1000000, inboundMs: 3900, outboundMs: 3500, rounds: 5, ratio: 1.11 })
 */
export async function measureOutboundCost(
  inbound: BenchLogFile,
  outbound: BenchLogFile,
  setup: { readonly repoRoot: string; readonly nodePath: string; readonly cpus: OneCorePrefix },
  rounds: number,
): Promise<Result<OutboundCostRun>> {
  if (inbound.lines !== outbound.lines) return fail(exitCodes.internal, `the inbound and outbound logs differ in length (${inbound.lines} and ${outbound.lines} lines)`);
  const scratch = await mkdtemp(join(tmpdir(), 'mxstatus-bench-outbound-'));
  try {
    await warmPageCache(inbound.path);
    await warmPageCache(outbound.path);
    const times = { inbound: [] as number[], outbound: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      for (const [kind, log] of [['inbound', inbound], ['outbound', outbound]] as const) {
        const content = await freshContent(join(scratch, `content-${round}-${kind}`), setup.repoRoot);
        const argv = [...setup.cpus.argv, setup.nodePath, '--max-semi-space-size=2', 'scripts/mxstatus.js', 'summarize', '--quiet', '--content', content, '--tz', 'UTC', log.path];
        const run = await measureCommand(argv, { cwd: setup.repoRoot });
        if (!run.ok) return run;
        if (run.value.exitCode !== 0) return fail(exitCodes.internal, `mxstatus summarize on the ${kind}-only log exited with status ${run.value.exitCode}: ${run.value.stderr.trim().split('\n')[0] || 'no message'}`);
        times[kind].push(run.value.wallMs);
      }
    }
    const inboundMs = median(times.inbound);
    const outboundMs = median(times.outbound);
    return ok({ lines: inbound.lines, inboundMs, outboundMs, rounds, ratio: inboundMs / outboundMs });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The cost of an outbound line against its target. */
export function checkOutboundCostTarget(run: OutboundCostRun | null): TargetCheck {
  const target = `outbound lines/s ≥ ${OUTBOUND_COST_TARGET === 1 ? '' : `${OUTBOUND_COST_TARGET}× `}inbound lines/s (equal line counts, one core)`;
  if (!run) return { target, figure: 'not measured', verdict: 'unavailable' };
  const rate = (ms: number) => formatRate((run.lines * 1000) / ms);
  const figure = `outbound: ${rate(run.outboundMs)} · inbound: ${rate(run.inboundMs)} = ${formatRatio(run.ratio)}`;
  return { target, figure, verdict: run.ratio >= OUTBOUND_COST_TARGET ? 'met' : 'missed' };
}
