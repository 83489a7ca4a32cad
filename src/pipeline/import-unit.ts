import type { PullPlan } from '../mapping/engine/pull-plan.js';
import { AppError } from '../shared/errors.js';
import type { StatusStore } from '../store/status-store.js';
import { Semaphore } from '../shared/semaphore.js';
import { pullUnit, pullUnitSafely, type UnitOutcome, type UnitPullOptions } from './pull.js';
import type { RunDeps } from './run-deps.js';
import type { UnitFailure, UnitSnapshot } from '../snapshot/schema.js';

/**
 * Imports one unit of a run: checks that the plan owes it, pulls it from Stratsys (its own
 * requests only), stores it as the unit's last good snapshot and records the import. The import
 * job and the re-run job both go through here. Idempotent: a repeated import overwrites the
 * snapshot with an equal or newer one.
 */
export async function importUnit(
  deps: RunDeps & { status: StatusStore },
  run: { runId: string; programmeId: string; plan: PullPlan },
  unitId: string,
  options: UnitPullOptions = {},
): Promise<UnitSnapshot> {
  const { runId, plan } = run;
  if (!plan.unitIds.includes(unitId)) {
    throw new AppError('UNKNOWN_DEPARTMENT', `unit ${unitId} is not a department or company of programme ${run.programmeId}`);
  }
  const unit = await pullUnit(deps, plan, unitId, options);
  await deps.snapshots.saveUnit(unit);
  await deps.status.recordUnit({ unitId: unit.departmentId, runId, at: unit.pulledAt, outcome: 'ok', lastGoodPullAt: unit.pulledAt, requests: unit.requests, error: null });
  return unit;
}

/**
 * Pulls the given units concurrently; good pulls are stored (and not kept in memory: evaluation
 * reads them back from the store), failures returned. `pullOptions.activityRows`: the tenant-wide
 * rows of a full run (see UnitPullOptions).
 */
export async function importUnits(deps: RunDeps, plan: PullPlan, ids: string[], onUnit?: (outcome: UnitOutcome, done: number, total: number) => void, pullOptions: UnitPullOptions = {}) {
  let done = 0;
  const pulled = new Set<string>();
  const failures: UnitFailure[] = [];
  const units = new Semaphore(deps.unitConcurrency ?? 8);
  await Promise.all(
    ids.map(async (id) => {
      const outcome = await units.run(() => pullUnitSafely(deps, plan, id, pullOptions));
      if (outcome.ok) {
        await deps.snapshots.saveUnit(outcome.unit);
        pulled.add(id);
      } else failures.push(outcome.failure);
      done += 1;
      onUnit?.(outcome, done, ids.length);
    }),
  );
  return { pulledUnitIds: ids.filter((id) => pulled.has(id)), failures };
}
