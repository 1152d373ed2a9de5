import type { DetectionSettings } from '../../../src/core/schemas/site-config.ts';
import type { Sender } from '../../../src/core/senders/classify-sender.ts';
import type { Timeline } from './build-timeline.ts';
import { findWaves, qualifyingWindows, waveIncident, windowSums } from './find-waves.ts';
import type { Incident } from './incident.ts';
import { OURS } from '../../../src/core/contract.ts';

/**
 * Detection, step 1 — our side: several senders qualifying at once, at least `ours.minSenders`
 * of them, or at least two that together carry `ours.minShareOfTraffic` of all traffic in the
 * window; or one of our MX hosts whose window qualifies over all its traffic while the window of
 * our other hosts together stays under half of `minFailureRatio` (a fault of that host: its
 * certificate, its disk). One sender alone is never our fault. The incidents are filed under a
 * sender with id "ours" and the provider's name, and draw on every sender's failures.
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
  const oneHostAlone = hostFailingAlone(timeline, settings);
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
    oursActive[i] = senders >= settings.ours.minSenders || most || oneHostAlone[i] ? 1 : 0;
  }
  const sender = ourSender(providerName);
  return findWaves(oursActive, lanes, settings, timeline.origin).map((wave) => waveIncident(wave, lanes, timeline, settings, sender, 'ours'));
}

/** The sender our own faults are filed under. */
function ourSender(providerName: string): Sender {
  return { id: OURS, name: providerName, statusPage: null, known: true };
}

/**
 * 1 where the window of one of our MX hosts qualifies over all its traffic, that of the others
 * together stays under half the ratio, and the failures on it are not one sender's: at least
 * `ours.minSenders` senders (or two carrying `ours.minShareOfTraffic` of its traffic) each failed
 * at least twice there, at `minFailureRatio` of their connections to it.
 */
function hostFailingAlone(timeline: Timeline, settings: DetectionSettings): Uint8Array {
  const out = new Uint8Array(timeline.count);
  const hosts = timeline.mx;
  if (hosts.length < 2) return out;
  const windowBuckets = settings.windowMinutes / 5;
  const failures = hosts.map((h) => windowSums(h.failures, windowBuckets));
  const connections = hosts.map((h) => windowSums(h.connections, windowBuckets));
  const qualifying = hosts.map((h) => qualifyingWindows(h.failures, h.connections, settings));
  const bySender = hosts.map((h) => h.senders.map((s) => ({ failures: windowSums(s.failures, windowBuckets), connections: windowSums(s.connections, windowBuckets) })));
  const severalSenders = (h: number, i: number) => {
    let failing = 0;
    let theirTraffic = 0;
    for (const s of bySender[h]!) {
      const f = s.failures[i]!;
      const c = s.connections[i]!;
      if (f >= 2 && f >= settings.minFailureRatio * c) {
        failing++;
        theirTraffic += c;
      }
    }
    return failing >= settings.ours.minSenders || (failing >= 2 && theirTraffic >= settings.ours.minShareOfTraffic * connections[h]![i]!);
  };
  for (let i = 0; i < timeline.count; i++) {
    let allFailures = 0;
    let allConnections = 0;
    for (let h = 0; h < hosts.length; h++) {
      allFailures += failures[h]![i]!;
      allConnections += connections[h]![i]!;
    }
    for (let h = 0; h < hosts.length; h++) {
      if (!qualifying[h]![i]) continue;
      const otherFailures = allFailures - failures[h]![i]!;
      const otherConnections = allConnections - connections[h]![i]!;
      if (otherConnections > 0 && otherFailures < (settings.minFailureRatio / 2) * otherConnections && severalSenders(h, i)) out[i] = 1;
    }
  }
  return out;
}
