import { safeIdPart } from '../shared/ids.js';

/** Queue base names; the real queue name is `<tenantId>-<base>` so tenants never share a queue. */
export const QUEUES = {
  /** Nightly sweep, manual re-runs and sync-now: few, long-running coordinator jobs. */
  control: 'control',
  /** One job per unit import (fan-out of a sync run). */
  import: 'import',
  /** Evaluation and write-back of a run, after all its imports. */
  evaluate: 'evaluate',
  /** Alert e-mails of a run. */
  alerts: 'alerts',
  /** The report files of a run (the yearly compilation), after its evaluation: never holds the evaluate or control queue. */
  report: 'report',
} as const;

export type QueueBase = (typeof QUEUES)[keyof typeof QUEUES];

export const JOB_NAMES = {
  nightlySync: 'nightly-sync',
  importUnit: 'import-unit',
  evaluateRun: 'evaluate-run',
  rerunUnit: 'rerun-unit',
  sendAlerts: 'send-alerts',
  writeReport: 'write-report',
} as const;

export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

/** Stable id of the nightly job scheduler: upserting it from N replicas keeps one schedule. */
export const NIGHTLY_SCHEDULER_ID = 'nightly-sync';

export function queueName(tenantId: string, base: QueueBase): string {
  return `${tenantId}-${base}`;
}

/** The run id of a manual re-run job (the job finishes that run itself). */
export function rerunRunId(jobId: string): string {
  return `rerun-${safeIdPart(jobId)}`;
}

/** The id of a run's report job: one per run, so a run queued twice (a retried evaluation) writes its report once. */
export function reportJobId(runId: string): string {
  return `report-${safeIdPart(runId)}`;
}
