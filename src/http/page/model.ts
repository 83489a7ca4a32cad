import type { QueueBase } from '../../queue/names.js';
import type { YearReport } from '../../report/model.js';
import type { RunStatus, UnitStatus } from '../../store/status-store.js';

/** Job states shown per queue, in display order. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'waiting-children', 'prioritized', 'completed', 'failed'] as const;
/** A job state shown on the page. */
export type QueueState = (typeof QUEUE_STATES)[number];

/** One queue's job counts. */
export interface QueueHealth {
  name: QueueBase;
  isPaused: boolean;
  counts: Record<QueueState, number>;
}

/** One unit of the import table. */
export interface UnitRow {
  unitId: string;
  unitName: string;
  /** Last import attempt, or null when the unit was never imported. */
  status: UnitStatus | null;
}

/** Everything the status page shows; instants are ISO 8601 UTC. */
export interface StatusPageModel {
  /** The organisation's name as people read it (TENANT_NAME). */
  tenantName: string;
  year: number;
  timeZone: string;
  /** The request time. */
  now: string;
  /** Embedded for the re-run buttons (see src/http/page/session.ts). */
  csrfToken: string;
  /** CSP nonce of the page's style and script. */
  nonce: string;
  /** Show "Logga ut" (the request came with a session cookie). */
  canLogOut: boolean;
  lastNightly: RunStatus | null;
  lastRun: RunStatus | null;
  lastNightlySuccess: string | null;
  units: UnitRow[];
  /** The report for `year` from the last stored pull; null with `reportProblem` saying why. */
  report: YearReport | null;
  reportProblem: string | null;
  queues: QueueHealth[];
}
