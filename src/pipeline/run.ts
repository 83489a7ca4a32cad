import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { StratsysClient } from '../stratsys/client.js';
import type { Department } from '../stratsys/schemas.js';
import { writeBack, type WriteBackResult } from '../indicators/write-back.js';
import { planPull, type PullPlan } from '../mapping/engine/pull-plan.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import type { Snapshot, TenantData, UnitFailure, UnitSnapshot } from '../snapshot/schema.js';
import type { AuditLog } from '../store/audit-log.js';
import type { AlertSummary } from './alert-runner.js';
import type { SnapshotStore } from '../store/snapshot-store.js';
import type { StatusStore } from '../store/status-store.js';
import { noLock, type TenantLock } from '../store/lock.js';
import { assess, type Assessment } from './evaluate.js';
import { resolveUnit } from './find-unit.js';
import { fullRunOptions, pullUnitSafely, type UnitOutcome, type UnitPullOptions } from './pull.js';
import { pullTenantData, storedPlan } from './pull-tenant.js';
import { Semaphore } from '../shared/semaphore.js';
import { lastImportFailures, recordUnitOutcome } from './unit-status.js';
import { logUnreadableAmounts } from './amount-gaps.js';
import { snapshotFromStore } from './stored.js';

export interface RunDeps {
  tenantId: string;
  /** Serialises evaluate + write-back per tenant across replicas (read-then-write must not interleave). */
  lock?: TenantLock;
  /**
   * Units pulled at once in-process (default 8). Each unit's requests already fill the request
   * limit; pulling every unit at once would keep every unit's partial data in memory until the end.
   */
  unitConcurrency?: number;
  client: StratsysClient;
  clock: Clock;
  logger: Logger;
  snapshots: SnapshotStore;
  audit: AuditLog;
  timeZone: string;
  /**
   * Each unit's last import: a run records its imports here, and a one-unit run holds back the
   * units whose last import failed (their stored pull is older than the run that failed them).
   */
  status?: StatusStore;
}

export interface RunOptions {
  runId: string;
  mapping: ProgrammeMapping;
  year: number;
  /** ISO 8601 instant the evaluation is made at. */
  asOf: string;
  /** Re-import only this unit (id or name); the others come from their last stored snapshots. */
  unit?: string;
  dryRun: boolean;
  onUnit?: (outcome: UnitOutcome, done: number, total: number) => void;
}

export interface EvaluationOutcome {
  snapshot: Snapshot;
  assessment: Assessment;
  writeBack: WriteBackResult;
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
  /** Kept for the alert step and reports; not part of the JSON document. */
  snapshot?: Snapshot;
  /**
   * When `snapshot` holds the units' facts (src/snapshot/facts.ts): their stored full snapshots, for
   * the texts the facts leave out (the compilation reads them a few units at a time).
   */
  loadFullUnits?: (ids: string[]) => Promise<UnitSnapshot[]>;
}

/** Units that can be imported for a mapping, with their names (for `--department NAME`, resolveUnit). */
export function importableUnits(plan: PullPlan, departments: Department[]) {
  const names = new Map(departments.map((d) => [d.Id, d.Name]));
  return plan.unitIds.map((id) => ({ id, name: names.get(id) ?? id }));
}

/**
 * Reference data and plan: pulled fresh (and stored, with the run's `period` so that readers of
 * the stored pull know its year), or, when `reuseStored`, the stored copy if any.
 */
export async function prepareTenant(deps: RunDeps, mapping: ProgrammeMapping, reuseStored: boolean, period?: TenantData['period']): Promise<{ tenant: TenantData; plan: PullPlan }> {
  const planner = (departments: Department[]) => planPull(mapping, departments);
  if (reuseStored) {
    const stored = await deps.snapshots.loadTenant();
    if (stored) return { tenant: stored, plan: storedPlan(mapping, stored.departments) };
  }
  const pulled = await pullTenantData(deps, planner);
  const tenant = period ? { ...pulled.tenant, period } : pulled.tenant;
  await deps.snapshots.saveTenant(tenant);
  return { tenant, plan: pulled.plan };
}

/**
 * Pulls the given units concurrently; good pulls are stored (and not kept in memory: evaluation
 * reads them back from the store), failures returned. `pullOptions.activityRows`: the tenant-wide
 * rows of a full run (see UnitPullOptions).
 */
export async function importUnits(deps: RunDeps, plan: PullPlan, ids: string[], onUnit?: RunOptions['onUnit'], pullOptions: UnitPullOptions = {}) {
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

/**
 * Evaluates the stored snapshot (units that failed in this run count as failed even when an older
 * pull is stored) and writes back what changed, holding the tenant's lock so that two runs never
 * interleave their read-then-write. A re-run of one unit writes every value that is complete now,
 * also those an earlier run held back only because that unit had failed.
 */
export async function evaluateAndWrite(
  deps: RunDeps,
  input: { runId: string; mapping: ProgrammeMapping; year: number; asOf: string; failures: UnitFailure[]; dryRun: boolean; tenant: TenantData; plan: PullPlan },
): Promise<EvaluationOutcome> {
  return (deps.lock ?? noLock).run(() => evaluateAndWriteNow(deps, input));
}

async function evaluateAndWriteNow(deps: RunDeps, input: Parameters<typeof evaluateAndWrite>[1]): Promise<EvaluationOutcome> {
  // Facts, not full snapshots: evaluation, indicators and write-back never read follow-up texts.
  const snapshot = await snapshotFromStore(deps, input.tenant, input.plan, input.failures, 'facts');
  const assessment = assess(snapshot, input.mapping, { year: input.year, asOf: input.asOf, timeZone: deps.timeZone });
  logUnreadableEvidence(deps.logger, assessment);
  logUnreadableAmounts(deps.logger, assessment);
  const written = await writeBack({ client: deps.client, audit: deps.audit, clock: deps.clock, logger: deps.logger }, assessment.values, {
    runId: input.runId,
    failedUnitIds: assessment.view.failedUnitIds,
    dryRun: input.dryRun,
  });
  return { snapshot, assessment, writeBack: written };
}

/**
 * Pull → map → evaluate → write back, in process. A full run pulls every unit; a one-unit run
 * re-imports that unit and takes the others from the store. Units that failed (or have no stored
 * snapshot, or, in a one-unit run, whose last import failed per `deps.status`) are failures, so
 * every value that depends on them is held back.
 */
export async function runPipeline(deps: RunDeps, options: RunOptions): Promise<RunResult> {
  const startedAt = deps.clock.now().toISOString();
  const before = deps.client.requestCount;
  const period = { year: options.year, asOf: options.asOf, programmeId: options.mapping.id };
  const { tenant, plan } = await prepareTenant(deps, options.mapping, options.unit !== undefined, period);
  const targetIds = options.unit ? [resolveUnit(options.unit, importableUnits(plan, tenant.departments)).id] : plan.unitIds;
  // A full run takes each unit's activity rows and statement comments from the reference data just
  // pulled; a one-unit re-run asks for that unit's own (the stored tenant-wide ones may be older).
  const recorded: Array<Promise<void>> = [];
  const onUnit: RunOptions['onUnit'] = (unit, done, total) => {
    if (deps.status) recorded.push(recordUnitOutcome(deps.status, deps.clock, options.runId, unit));
    options.onUnit?.(unit, done, total);
  };
  const fresh = await importUnits(deps, plan, targetIds, onUnit, options.unit ? { nodeFields: tenant.nodeFields } : fullRunOptions(tenant));
  await Promise.all(recorded);
  // A one-unit run keeps the others' last import outcome: a unit whose last import failed stays failed.
  const earlier = options.unit && deps.status ? await lastImportFailures(deps.status, targetIds) : [];
  const outcome = await evaluateAndWrite(deps, { ...options, failures: [...fresh.failures, ...earlier], tenant, plan });
  return {
    runId: options.runId,
    tenantId: deps.tenantId,
    year: options.year,
    asOf: options.asOf,
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    mapping: { id: options.mapping.id, file: options.mapping.file, name: options.mapping.name },
    pull: { unitIds: plan.unitIds, pulledUnitIds: fresh.pulledUnitIds, failures: outcome.snapshot.failures, requests: deps.client.requestCount - before },
    assessment: outcome.assessment,
    writeBack: outcome.writeBack,
    complete: isComplete(outcome),
    snapshot: outcome.snapshot,
    loadFullUnits: (ids) => deps.snapshots.loadUnits(ids),
  };
}

/**
 * True when every unit was pulled, every report's evidence could be read and every value was
 * written (or was unchanged): nothing held back, failed or of unknown outcome.
 */
export function isComplete(outcome: Pick<EvaluationOutcome, 'snapshot' | 'assessment' | 'writeBack'>): boolean {
  const unreadable = outcome.assessment.evaluation.reports.some((report) => report.unknownReason === 'unreadable-evidence');
  return outcome.snapshot.failures.length === 0 && !unreadable && outcome.writeBack.failed.length === 0 && outcome.writeBack.heldBack.length === 0;
}

/** One warning per report held back as unknown because a follow-up date could not be read. */
function logUnreadableEvidence(logger: Logger, assessment: Assessment): void {
  for (const report of assessment.evaluation.reports) {
    if (report.unknownReason !== 'unreadable-evidence') continue;
    const comments = (report.evidence.unreadable ?? []).map((entry) => ({ commentId: entry.commentId, nodeId: entry.nodeId, reason: entry.reason }));
    logger.warn({ reportId: report.id, unitId: report.unitId, focusAreaKey: report.focusAreaKey, comments }, 'report unknown: a follow-up date could not be read; its values are held back');
  }
}
