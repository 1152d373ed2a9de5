import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import type { Timeline } from './build-timeline.ts';
import { findWaves, qualifyingWindows, waveIncident } from './find-waves.ts';
import type { Incident } from './incident.ts';
import { OURS } from '../../../src/core/contract.ts';

/**
 * Detection, step 1 — our side: several senders qualifying at once, at least `ours.minSenders`
 * of them, or at least two that together carry `ours.minShareOfTraffic` of all traffic in the
 * window. One sender alone is never our fault. The incidents are filed under a sender with id
 * "ours" and the provider's name, and draw on every sender's failures.
 *
 * @example
 * detectOurIncidents(timeline, settings, 'Example Mail')
 * // [{ sender: { id: 'ours', name: 'Example Mail', … }, kind: 'tls-failure', attribution: 'ours', ongoing: false, … }]
 */
export function detectOurIncidents(timeline: Timeline, settings: DetectionSettings, providerName: string): Incident[] {
  const { lanes, count } = timeline;
  const qualifying = lanes.map((lane) => qualifyingWindows(lane.failures, lane.connections, settings));
  const windowed = lanes.map((lane) => windowSums(lane.connections, settings.windowMinutes / 5));
  const oursActive = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    let senders = 0;
    let theirTraffic = 0;
    let allTraffic = 0;
    for (let l = 0; l < lanes.length; l++) {
      allTraffic += windowed[l]![i]!;
      if (qualifying[l]![i]) {
        senders++;
        theirTraffic += windowed[l]![i]!;
      }
    }
    const most = senders >= 2 && theirTraffic >= settings.ours.minShareOfTraffic * allTraffic;
    oursActive[i] = senders >= settings.ours.minSenders || most ? 1 : 0;
  }
  const sender = ourSender(providerName);
  return findWaves(oursActive, lanes, settings, timeline.origin).map((wave) => waveIncident(wave, lanes, timeline, settings, sender, 'ours'));
}

/** The sender our own faults are filed under. */
function ourSender(providerName: string): Sender {
  return { id: OURS, name: providerName, statusPage: null, known: true };
}

/** The sum over the window that ends in each bucket. */
function windowSums(values: Int32Array, windowBuckets: number): Int32Array {
  const out = new Int32Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= windowBuckets) sum -= values[i - windowBuckets]!;
    out[i] = sum;
  }
  return out;
}
