import type { Sender } from '../../../src/core/senders/classify-sender.ts';

export type IncidentKind = 'tls-failure' | 'connection-loss' | 'timeout' | 'silence';
export type Impact = 'none' | 'minor' | 'major' | 'critical';

/** An incident as detection finds it: a window of time and whose it was. Evidence comes later. */
export interface Incident {
  /** The sender, or for our own faults a sender with id "ours". */
  readonly sender: Sender;
  readonly kind: IncidentKind;
  readonly attribution: 'sender' | 'ours';
  /** Ongoing when it was still going on at the end of the logs. */
  readonly ongoing: boolean;
  /** First and last failure (for silence: the start and end of the gap), UTC ms. */
  readonly startedAt: number;
  readonly endedAt: number;
}
