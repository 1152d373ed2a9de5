import type { Sender } from '../senders/classify-sender.ts';

export type IncidentKind = 'tls-failure' | 'connection-loss' | 'timeout';
export type Impact = 'none' | 'minor' | 'major' | 'critical';

/** An incident as detection finds it: a window of one sender's failures. Evidence comes later. */
export interface Incident {
  readonly sender: Sender;
  readonly kind: IncidentKind;
  readonly attribution: 'sender' | 'ours';
  /** Ongoing when the sender was still failing at the end of the logs. */
  readonly ongoing: boolean;
  /** The first and the last failure of the incident (UTC ms). */
  readonly startedAt: number;
  readonly endedAt: number;
}
