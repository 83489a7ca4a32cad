import { OPERATIONS } from '../../domain/glossary.js';
import type { QueueBase } from '../../queue/names.js';
import type { CellState } from '../../report/model-parts.js';
import type { RunStatus, UnitStatus } from '../../store/status-store.js';
import type { QueueState } from './model.js';

/** The status page's words, from the glossary (src/domain/glossary.ts); a symbol and a word for every outcome, never colour alone. */

/** Outcome → [symbol + word, the report state whose colours it borrows]. */
export const RUN_OUTCOME: Record<RunStatus['outcome'] | 'none', [string, CellState]> = {
  complete: [OPERATIONS.runOutcome.complete, 'on-time'],
  partial: [OPERATIONS.runOutcome.partial, 'late'],
  failed: [OPERATIONS.runOutcome.failed, 'missing'],
  none: [OPERATIONS.runOutcome.none, 'not-owed'],
};

/** Last import result → [symbol + word, the report state whose colours it borrows]. */
export const UNIT_OUTCOME: Record<UnitStatus['outcome'] | 'none', [string, CellState]> = {
  ok: [OPERATIONS.unitOutcome.ok, 'on-time'],
  failed: [OPERATIONS.unitOutcome.failed, 'missing'],
  none: [OPERATIONS.unitOutcome.none, 'not-owed'],
};

/** What started a run. */
export const RUN_KIND: Record<RunStatus['kind'], string> = OPERATIONS.runKind;

/** Swedish names of the queues. */
export const QUEUE_LABEL: Record<QueueBase, string> = OPERATIONS.queue;

/** Swedish names of the job states. */
export const QUEUE_STATE_LABEL: Record<QueueState, string> = OPERATIONS.jobState;

/** A nightly run older than this is overdue (matches the metrics alert rule in the README). */
export const NIGHTLY_MAX_AGE_HOURS = 26;

/**
 * An import error as people read it: what it means (from its code) and the technical reason for
 * the tooltip. Errors are stored as `CODE: message`.
 */
export function importErrorText(error: string | null): { text: string; detail: string } | null {
  if (error === null) return null;
  const code = /^([A-Z][A-Z_]+):/.exec(error)?.[1] ?? '';
  return { text: OPERATIONS.importError(code), detail: error };
}
