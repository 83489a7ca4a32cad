import type { PullPlan } from '../mapping/engine/pull-plan.js';
import type { UnitSnapshot } from '../snapshot/schema.js';
import { AppError } from '../shared/errors.js';
import type { StatusStore } from '../store/status-store.js';
import { pullUnit, type UnitPullOptions } from './pull.js';
import type { RunDeps } from './run.js';

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
