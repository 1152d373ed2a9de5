import { loadSiteConfig } from '../../src/core/config/load-site-config.ts';
import type { Result } from '../../src/core/problem.ts';
import type { SenderRule, SiteConfig } from '../../src/core/schemas/site-config.ts';
import { mergeSenderRules } from '../../src/core/senders/classify-sender.ts';
import { builtInSenderRules } from '../../src/core/senders/sender-catalog.ts';
import { ZoneClock } from './parse/zone-clock.ts';
import { expandInputs } from './read/expand-inputs.ts';
import { FilePositions, loadState, settingsHash, type SummarizeState } from './state/summarize-state.ts';

/** What a summarize run starts from: the site's settings, the files to read and, in incremental mode, the last run's state. */
export interface OpenRun {
  readonly config: SiteConfig;
  /** The input files, globs expanded, rotated sets oldest first. */
  readonly files: readonly string[];
  /** The zone of log times without one: `--tz`, or the site's. */
  readonly clock: ZoneClock;
  /** The built-in sender catalog with the site's rules over it. */
  readonly rules: readonly SenderRule[];
  /** Incremental mode (`--state`) only. */
  readonly state: RunState | null;
}

/** Where the state of incremental runs is kept, and what the last run left in it. */
export interface RunState {
  readonly path: string;
  /** Hash of the settings the series are counted under (see settingsHash). */
  readonly settings: string;
  /** Null on the first run. */
  readonly saved: SummarizeState | null;
  /** How far each file was read, updated as this run reads. */
  readonly positions: FilePositions;
}

/**
 * Opens a summarize run: reads `site.yaml`, expands the inputs and loads the state, stopping at
 * the first of them that fails (exit 3, 2 or 4, 8).
 *
 * @example
 * await openRun({ contentDir: 'content', inputs: ['/var/log/mail.log*'], statePath: '/var/lib/mxstatus/state' })
 * // ok({ config, files: ['/var/log/mail.log.1.gz', '/var/log/mail.log'], clock, rules, state: { path, settings, saved, positions } })
 */
export async function openRun(options: {
  readonly contentDir: string;
  readonly inputs: readonly string[];
  readonly timeZone?: string;
  readonly year?: number;
  readonly statePath?: string;
}): Promise<Result<OpenRun>> {
  const config = await loadSiteConfig(options.contentDir);
  if (!config.ok) return config;
  const files = await expandInputs(options.inputs);
  if (!files.ok) return files;
  const timeZone = options.timeZone ?? config.value.timeZone;
  const rules = mergeSenderRules(builtInSenderRules, config.value.senders);
  const run = { config: config.value, files: files.value, clock: new ZoneClock(timeZone), rules };
  if (!options.statePath) return { ok: true, value: { ...run, state: null } };
  // The merged rules: a new catalog (an upgrade of mxstatus) changes the counts as much as site.yaml does.
  const settings = settingsHash({ senders: rules, ownHosts: config.value.ownHosts, timeZone, year: options.year ?? null });
  const loaded = await loadState(options.statePath, settings);
  if (!loaded.ok) return loaded;
  const positions = new FilePositions(loaded.value?.files ?? []);
  return { ok: true, value: { ...run, state: { path: options.statePath, settings, saved: loaded.value, positions } } };
}
