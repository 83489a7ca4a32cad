import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { resolveUnit } from './find-unit.js';
import { prepareTenant } from './prepare-tenant.js';
import { importableUnits } from './find-unit.js';
import { importUnits } from './import-unit.js';
import { fullRunOptions, type UnitOutcome } from './pull.js';
import type { RunDeps } from './run-deps.js';
import { isComplete, type RunResult } from './run-result.js';
import { lastImportFailures, recordUnitOutcome } from './unit-status.js';
import { evaluateAndWrite } from './write-run.js';

/**
 * `run --once` in process: the whole run in one call. Its steps live beside it: the adapters
 * (run-deps.ts), the reference data and plan (prepare-tenant.ts), the imports (import-unit.ts),
 * evaluation and write-back under the tenant lock (write-run.ts) and what a run returns
 * (run-result.ts). The queue's jobs use the same steps and finish with finish-run.ts.
 */

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
