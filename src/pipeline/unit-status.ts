import type { Clock } from '../shared/clock.js';
import type { UnitFailure } from '../snapshot/schema.js';
import type { StatusStore } from '../store/status-store.js';
import type { UnitOutcome } from './pull.js';

/** Records one unit's import in the status store: ok with its pull, or failed (its last good pull is kept). */
export async function recordUnitOutcome(status: StatusStore, clock: Clock, runId: string, outcome: UnitOutcome): Promise<void> {
  if (outcome.ok) {
    const { unit } = outcome;
    await status.recordUnit({ unitId: unit.departmentId, runId, at: unit.pulledAt, outcome: 'ok', lastGoodPullAt: unit.pulledAt, requests: unit.requests, error: null });
    return;
  }
  const { failure } = outcome;
  await status.recordUnit({ unitId: failure.departmentId, runId, at: clock.now().toISOString(), outcome: 'failed', lastGoodPullAt: null, requests: null, error: failure.message });
}

/**
 * Units whose last import failed (other than `exceptIds`, re-imported now), as failures: their
 * older stored pull is not current, so every value that depends on them stays held back and their
 * reports are unknown, as the run that failed them decided.
 */
export async function lastImportFailures(status: StatusStore, exceptIds: readonly string[] = []): Promise<UnitFailure[]> {
  const except = new Set(exceptIds);
  return (await status.units())
    .filter((unit) => unit.outcome === 'failed' && !except.has(unit.unitId))
    .map((unit) => ({
      departmentId: unit.unitId,
      code: 'PULL_INCOMPLETE',
      message: `last import failed (run ${unit.runId}, ${unit.at}${unit.lastGoodPullAt ? `; last good pull ${unit.lastGoodPullAt}` : ''}): ${unit.error ?? 'unknown error'}`,
    }));
}
