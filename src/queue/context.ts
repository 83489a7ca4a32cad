import type { Config } from '../config/load.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import type { RunDeps } from '../pipeline/run-deps.js';
import type { Logger } from '../shared/logger.js';
import type { StatusStore } from '../store/status-store.js';
import type { AlertRunner } from '../pipeline/alert-runner.js';

/** What every job handler can use: the pipeline's adapters, loaded mappings, status and metrics hooks. */
export interface JobServices extends RunDeps {
  config: Config;
  mappings: ProgrammeMapping[];
  status: StatusStore;
  /** The alert step, when configured (SMTP or outbox). */
  alerts: AlertRunner | null;
  /** Called after an evaluation with the number of missing reports per focus area. */
  onEvaluated?: (missingByFocusArea: Record<string, number>, kind: 'nightly' | 'rerun') => void;
}

export interface RunFanOut {
  runId: string;
  kind: 'nightly' | 'rerun';
  year: number;
  asOf: string;
  unitIds: string[];
  /** When the run began. */
  startedAt?: string;
  /** Stratsys requests of the run's reference data. */
  referenceRequests?: number;
  /** Write, send and record nothing (the summary shows what would happen). */
  dryRun?: boolean;
}

/** Per-job view handed to a handler; the queue layer builds it, handlers never see BullMQ. */
export interface JobContext extends JobServices {
  jobId: string;
  /** 1 for the first try. */
  attempt: number;
  logger: Logger;
  progress(value: Record<string, unknown>): Promise<void>;
  /** Unit ids of this job's import children that failed for good (evaluate-run). */
  failedChildUnitIds(): Promise<Array<{ unitId: string; message: string }>>;
  /** Adds the import jobs of a run and its evaluate job, which runs once all imports are done. */
  fanOutRun(run: RunFanOut): Promise<void>;
  /** Queues the alert step of a run (deduplicated by run id). */
  enqueueAlerts(payload: { runId: string; year: number; asOf: string; failedUnitIds: string[] }): Promise<void>;
  /** The id of a run's report job (deterministic: `report-<runId>`), known before the job is queued. */
  reportJobId(runId: string): string;
  /** Queues the writing of a run's report files, as job `reportJobId(runId)` (so once per run). */
  enqueueReport(payload: { runId: string; year: number; asOf: string }): Promise<void>;
}
