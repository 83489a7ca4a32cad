import type { WriteBackResult } from '../indicators/write-back.js';
import type { EvaluatedSnapshot, UnitFailure, UnitSnapshot } from '../snapshot/schema.js';
import type { AlertSummary } from './alert-runner.js';
import type { Assessment } from './evaluate.js';

/** Where an evaluation's time went, in whole milliseconds (the log of a finished run shows them). */
export interface EvaluationTimings {
  /** Waiting for the tenant's lock (another run evaluating or writing back). */
  lockWaitMs: number;
  /** Reading every unit's stored facts, a batch at a time, with the mapping, report evaluation and indicators. */
  assessMs: number;
  /** Reading the KPI values in Stratsys and writing what changed. */
  writeBackMs: number;
}

/** What one evaluation and write-back made: which pulls it read, its assessment and the write-back. */
export interface EvaluationOutcome {
  snapshot: EvaluatedSnapshot;
  assessment: Assessment;
  writeBack: WriteBackResult;
  /** Set by the evaluation of a run (src/pipeline/write-run.ts); absent where an outcome is made again. */
  timings?: EvaluationTimings;
}

export interface RunResult extends Omit<EvaluationOutcome, 'snapshot'> {
  runId: string;
  tenantId: string;
  year: number;
  asOf: string;
  startedAt: string;
  finishedAt: string;
  mapping: { id: string; file: string; name: string };
  pull: { unitIds: string[]; pulledUnitIds: string[]; failures: UnitFailure[]; requests: number };
  /** True when every unit was pulled, every write went through and every alert was sent. */
  complete: boolean;
  /** The alert step's outcome, when it ran. */
  alerts?: AlertSummary | null;
  /** Kept for the alert step and reports (which pulls were evaluated); not part of the JSON document. */
  snapshot?: EvaluatedSnapshot;
  /**
   * The units' stored full snapshots, for the texts the evaluation did not keep (the compilation
   * reads them a few units at a time, checked to be the pulls in `snapshot`).
   */
  loadFullUnits?: (ids: string[]) => Promise<UnitSnapshot[]>;
}

/**
 * True when every unit was pulled, every report's evidence could be read and every value was
 * written (or was unchanged): nothing held back, failed or of unknown outcome.
 */
export function isComplete(outcome: Pick<EvaluationOutcome, 'snapshot' | 'assessment' | 'writeBack'>): boolean {
  const unreadable = outcome.assessment.evaluation.reports.some((report) => report.unknownReason === 'unreadable-evidence');
  return outcome.snapshot.failures.length === 0 && !unreadable && outcome.writeBack.failed.length === 0 && outcome.writeBack.heldBack.length === 0;
}
