import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import { planPull } from '../mapping/engine/pull-plan.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import type { Snapshot } from '../snapshot/schema.js';
import type { SnapshotStore } from '../store/snapshot-store.js';
import { snapshotFromStore } from './run.js';
import { assess, type Assessment } from './evaluate.js';

/**
 * The snapshot made of the last stored pull of every planned unit (no Stratsys requests).
 * Planned units without a stored pull, or listed in `failedUnitIds`, count as failed.
 */
export async function storedSnapshot(
  deps: { tenantId: string; clock: Clock; snapshots: SnapshotStore },
  mapping: ProgrammeMapping,
  failedUnitIds: Array<{ departmentId: string; code: string; message: string }> = [],
): Promise<Snapshot> {
  const tenant = await deps.snapshots.loadTenant();
  if (!tenant) throw new AppError('PULL_INCOMPLETE', 'no stored pull yet: run `stratsys-sync run --once` or a nightly sync first');
  return snapshotFromStore(deps, tenant, planPull(mapping, tenant.departments), failedUnitIds);
}

/** Assessment of the stored snapshot, for previews, reports and re-evaluation; `failures` count as failed units. */
export async function assessStored(
  deps: { tenantId: string; clock: Clock; snapshots: SnapshotStore; timeZone: string },
  mapping: ProgrammeMapping,
  options: { year: number; asOf: string },
  failures: Array<{ departmentId: string; code: string; message: string }> = [],
): Promise<{ snapshot: Snapshot; assessment: Assessment }> {
  const snapshot = await storedSnapshot(deps, mapping, failures);
  return { snapshot, assessment: assess(snapshot, mapping, { ...options, timeZone: deps.timeZone }) };
}
