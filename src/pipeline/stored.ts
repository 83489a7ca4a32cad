import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import { planPull, type PullPlan } from '../mapping/engine/pull-plan.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { textlessNodeIds } from '../snapshot/facts.js';
import { pullRefOf, UNIT_PULL_VERSION, type EvaluatedSnapshot, type Snapshot, type TenantData, type UnitFailure, type UnitPullRef, type UnitSnapshot } from '../snapshot/schema.js';
import type { SnapshotStore } from '../store/snapshot-store.js';
import { assess, assessmentBuilder, type Assessment } from './evaluate.js';

/** What reading the stored pull needs. */
export interface StoredDeps {
  tenantId: string;
  clock: Clock;
  snapshots: SnapshotStore;
}

/**
 * Which record of each unit to read: `full` (the snapshot, with every text: the compilation,
 * `mappings explain`) or `facts` (src/snapshot/facts.ts: evaluation, indicators, write-back, alerts).
 */
export type UnitSource = 'full' | 'facts';

/**
 * The snapshot made of the last stored pull of every planned unit (no Stratsys requests).
 * Planned units without a stored pull, or listed in `failedUnitIds`, count as failed.
 */
export async function storedSnapshot(deps: StoredDeps, mapping: ProgrammeMapping, failedUnitIds: UnitFailure[] = [], source: UnitSource = 'full'): Promise<Snapshot> {
  const tenant = await storedTenant(deps);
  return snapshotFromStore(deps, tenant, planPull(mapping, tenant.departments), failedUnitIds, source);
}

/** The stored reference data; PULL_INCOMPLETE when nothing is stored yet. */
async function storedTenant(deps: StoredDeps): Promise<TenantData> {
  const tenant = await deps.snapshots.loadTenant();
  if (!tenant) throw new AppError('PULL_INCOMPLETE', 'no stored pull yet: run `stratsys-sync run --once` or a nightly sync first');
  return tenant;
}

/** assessFromStore of the stored reference data and the units `mapping` plans (its facts, a batch at a time); `failures` count as failed units. */
export async function assessStoredFacts(
  deps: StoredDeps & { timeZone: string },
  mapping: ProgrammeMapping,
  options: { year: number; asOf: string },
  failures: UnitFailure[] = [],
): Promise<{ snapshot: EvaluatedSnapshot; assessment: Assessment }> {
  const tenant = await storedTenant(deps);
  return assessFromStore(deps, { tenant, plan: planPull(mapping, tenant.departments), failures, mapping, ...options });
}

/** Assessment of the stored snapshot, for previews, reports and re-evaluation; `failures` count as failed units. */
export async function assessStored(
  deps: StoredDeps & { timeZone: string },
  mapping: ProgrammeMapping,
  options: { year: number; asOf: string },
  failures: UnitFailure[] = [],
): Promise<{ snapshot: Snapshot; assessment: Assessment }> {
  const snapshot = await storedSnapshot(deps, mapping, failures);
  return { snapshot, assessment: assess(snapshot, mapping, { ...options, timeZone: deps.timeZone }) };
}

/**
 * The last stored pull of every planned unit; units in `failures` count as failed even when an
 * older pull is stored (their values stay held back), and units never pulled count as failed too,
 * as do units whose stored pull is of an older pull version (see UNIT_PULL_VERSION): never misread.
 */
export async function snapshotFromStore(deps: StoredDeps, tenant: TenantData, plan: PullPlan, failures: UnitFailure[], source: UnitSource = 'full'): Promise<Snapshot> {
  const ids = unitIdsToRead(plan, failures);
  const stored = source === 'facts' ? await loadFacts(deps.snapshots, ids, plan) : await deps.snapshots.loadUnits(ids);
  const stale = stored.filter((unit) => unit.pullVersion < UNIT_PULL_VERSION).map(staleFailure);
  const units = stored.filter((unit) => unit.pullVersion >= UNIT_PULL_VERSION);
  return assembleSnapshot(deps, tenant, plan, units, [...failures, ...stale]);
}

/** Units whose facts are read per step when a run is evaluated from the store (assessFromStore). */
export const EVALUATE_BATCH = 50;

/**
 * The assessment of the last stored pull of every planned unit, as snapshotFromStore's facts would
 * give, read `EVALUATE_BATCH` units at a time: each unit's facts are fed to the evaluation and let
 * go, so memory holds the evaluation's results and one batch of facts, not every unit's. Returns
 * which pulls were evaluated (EvaluatedSnapshot) with the assessment. `pulledAt` is the snapshot's
 * (default: now).
 */
export async function assessFromStore(
  deps: StoredDeps & { timeZone: string },
  input: { tenant: TenantData; plan: PullPlan; failures: UnitFailure[]; mapping: ProgrammeMapping; year: number; asOf: string; pulledAt?: string; batch?: number },
): Promise<{ snapshot: EvaluatedSnapshot; assessment: Assessment }> {
  const { tenant, plan } = input;
  const ids = unitIdsToRead(plan, input.failures);
  const pulledAt = input.pulledAt ?? deps.clock.now().toISOString();
  const builder = assessmentBuilder({ tenant, pulledAt }, input.mapping, { year: input.year, asOf: input.asOf, timeZone: deps.timeZone });
  const units: UnitPullRef[] = [];
  const stale: UnitFailure[] = [];
  const batch = input.batch ?? EVALUATE_BATCH;
  for (let from = 0; from < ids.length; from += batch) {
    for (const unit of await loadFacts(deps.snapshots, ids.slice(from, from + batch), plan)) {
      if (unit.pullVersion < UNIT_PULL_VERSION) {
        stale.push(staleFailure(unit));
        continue;
      }
      builder.addUnit(unit);
      units.push(pullRefOf(unit));
    }
  }
  const snapshot = assembleSnapshot(deps, tenant, plan, units, [...input.failures, ...stale], pulledAt);
  return { snapshot, assessment: builder.finish(snapshot.failures) };
}

/** The planned units whose stored pull is read: all but those that failed in this run. */
function unitIdsToRead(plan: PullPlan, failures: readonly UnitFailure[]): string[] {
  const failed = new Set(failures.map((f) => f.departmentId));
  return plan.unitIds.filter((id) => !failed.has(id));
}

function staleFailure(unit: UnitPullRef): UnitFailure {
  return {
    departmentId: unit.departmentId,
    code: 'PULL_INCOMPLETE',
    message: `the stored pull of unit ${unit.departmentId} (${unit.pulledAt}) predates pull version ${UNIT_PULL_VERSION} (activities from activity rows) and is not used: run a full sync`,
  };
}

/**
 * The units' facts; a unit where a project-statement node (whose texts rules read) is also one of
 * its activity rows (whose texts facts leave out) is read in full instead, so facts never change
 * what is evaluated.
 */
async function loadFacts(store: SnapshotStore, ids: string[], plan: PullPlan): Promise<UnitSnapshot[]> {
  const facts = await store.loadFacts(ids);
  const statements = plan.commentInheritedNodeIds;
  const inFull = new Set(
    facts
      .filter((unit) => {
        const textless = textlessNodeIds(unit);
        return statements.some((id) => textless.has(id));
      })
      .map((unit) => unit.departmentId),
  );
  if (inFull.size === 0) return facts;
  const full = new Map((await store.loadUnits([...inFull])).map((unit) => [unit.departmentId, unit]));
  return facts.map((unit) => {
    if (!inFull.has(unit.departmentId)) return unit;
    // Its facts lack the statement texts rules read: never evaluate them as empty.
    const whole = full.get(unit.departmentId);
    if (whole === undefined)
      throw new AppError('SNAPSHOT_INVALID', `unit ${unit.departmentId}: its facts are stored but its full pull is not (a project-statement node is one of its activities, so its texts are needed)`);
    return whole;
  });
}

/** The snapshot of the planned units (parts already validated); planned units with no data become failures. `pulledAt` defaults to now. */
export function assembleSnapshot<U extends UnitPullRef>(
  deps: Pick<StoredDeps, 'tenantId' | 'clock'>,
  tenant: TenantData,
  plan: PullPlan,
  units: U[],
  failures: UnitFailure[],
  pulledAt = deps.clock.now().toISOString(),
): Omit<Snapshot, 'units'> & { units: U[] } {
  const have = new Set([...units.map((u) => u.departmentId), ...failures.map((f) => f.departmentId)]);
  const absent = plan.unitIds
    .filter((id) => !have.has(id))
    .map((departmentId) => ({ departmentId, code: 'PULL_INCOMPLETE', message: `no stored snapshot of unit ${departmentId}: run a full sync first` }));
  // Its parts were validated where they came in (API responses, the store); re-parsing the whole
  // snapshot here would only copy every node and comment of the tenant once more.
  return { schemaVersion: 1, tenantId: deps.tenantId, pulledAt, tenant, units, failures: [...failures, ...absent] };
}
