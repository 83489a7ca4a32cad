import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { WriteBackResult } from '../indicators/write-back.js';
import { planPull } from '../mapping/engine/pull-plan.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { AppError } from '../shared/errors.js';
import { UnitFailureSchema, type EvaluatedSnapshot } from '../snapshot/schema.js';
import { isComplete, type RunResult } from './run-result.js';
import { assessFromStore, type StoredDeps } from './stored.js';

/**
 * What a run's report needs that only the run knew, recorded with the run (status store) so that
 * its report job makes the report of that very run: the pulls it evaluated, its failures and its
 * write-back exactly as they were. The report job re-assesses the stored facts and checks that
 * every unit's stored pull is still the one the run evaluated; if not, the run is superseded.
 */

/** The write-back as recorded: the lists are the run's own, kept as JSON and only shown (summary.txt). */
const WriteBackRecordSchema = z
  .object({
    changes: z.array(z.unknown()),
    written: z.number().int(),
    rounded: z.array(z.unknown()),
    unchanged: z.number().int(),
    heldBack: z.array(z.unknown()),
    rejected: z.array(z.unknown()),
    failed: z.array(z.unknown()),
    confirmed: z.array(z.unknown()),
    warnings: z.array(z.string()),
    reads: z.number().int(),
    dryRun: z.boolean(),
  })
  .transform((value) => value as unknown as WriteBackResult);

export const RunDetailSchema = z.object({
  runId: z.string(),
  year: z.number().int(),
  asOf: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  mapping: z.object({ id: z.string(), file: z.string(), name: z.string() }),
  /** The mapping's content and the time zone the run was evaluated with (mappingDigest); absent in details recorded before it. */
  mappingDigest: z.string().optional(),
  pull: z.object({ unitIds: z.array(z.string()), pulledUnitIds: z.array(z.string()), failures: z.array(UnitFailureSchema), requests: z.number().int().nonnegative() }),
  /** When the run's snapshot was assembled, and when the reference data in it was pulled. */
  snapshotPulledAt: z.string(),
  tenantPulledAt: z.string(),
  /** Each evaluated unit's pull time. */
  unitPulls: z.record(z.string(), z.string()),
  writeBack: WriteBackRecordSchema,
});
export type RunDetail = z.output<typeof RunDetailSchema>;

/** A digest of the mapping's content and the report time zone: a report is made again only with the same. */
export function mappingDigest(mapping: ProgrammeMapping, timeZone: string): string {
  return createHash('sha256').update(JSON.stringify(mapping)).update('\n').update(timeZone).digest('hex');
}

/** The detail of a finished run, from its result, the snapshot it evaluated and the mapping and time zone it used. */
export function runDetailOf(result: RunResult, snapshot: EvaluatedSnapshot, evaluatedWith?: { mapping: ProgrammeMapping; timeZone: string }): RunDetail {
  return {
    ...(evaluatedWith ? { mappingDigest: mappingDigest(evaluatedWith.mapping, evaluatedWith.timeZone) } : {}),
    runId: result.runId,
    year: result.year,
    asOf: result.asOf,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    mapping: result.mapping,
    pull: result.pull,
    snapshotPulledAt: snapshot.pulledAt,
    tenantPulledAt: snapshot.tenant.pulledAt,
    unitPulls: Object.fromEntries(snapshot.units.map((unit) => [unit.departmentId, unit.pulledAt])),
    writeBack: result.writeBack,
  };
}

/** A run's recorded detail, validated; REPORT_NOT_WRITTEN when there is none (the run is no longer kept) or it cannot be read. */
export function parseRunDetail(runId: string, recorded: unknown): RunDetail {
  if (recorded === null || recorded === undefined) throw new AppError('REPORT_NOT_WRITTEN', `no recorded detail of run ${runId} (runs beyond the kept ones are forgotten); its report cannot be made`);
  const parsed = RunDetailSchema.safeParse(recorded);
  if (!parsed.success) throw new AppError('REPORT_NOT_WRITTEN', `the recorded detail of run ${runId} cannot be read: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/**
 * Why the stored pulls are no longer the ones the run evaluated (a unit or the reference data
 * pulled again since, by a later run), or null when they still are. Reads pull times only.
 */
export async function whySuperseded(deps: StoredDeps, detail: RunDetail): Promise<string | null> {
  const tenant = await deps.snapshots.loadTenant();
  // A pull that is gone (the store cleared or moved) is not a later run's: no report says the current one.
  if (!tenant) throw gone(detail, 'the stored reference data is gone');
  if (tenant.pulledAt !== detail.tenantPulledAt) return `the reference data was pulled again (${tenant.pulledAt}; the run evaluated ${detail.tenantPulledAt})`;
  const ids = Object.keys(detail.unitPulls);
  const stored = await deps.snapshots.storedPulls(ids);
  const missing = ids.filter((id) => (stored.get(id) ?? null) === null);
  if (missing.length > 0) throw gone(detail, `the stored pull of unit ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''} is gone`);
  const changed = ids.filter((id) => stored.get(id) !== detail.unitPulls[id]);
  if (changed.length === 0) return null;
  const first = changed[0] ?? '';
  const more = changed.length > 1 ? ` and ${changed.length - 1} more` : '';
  return `unit ${first}${more} pulled again (${stored.get(first) ?? 'none stored'}; the run evaluated ${detail.unitPulls[first] ?? ''})`;
}

function gone(detail: RunDetail, what: string): AppError {
  return new AppError('REPORT_NOT_WRITTEN', `run ${detail.runId}'s report cannot be made: ${what} (the pull store cleared or moved since the run?); run it again to make a report`, {
    retryable: false,
  });
}

/**
 * The run's result made again from the stored facts, for its report: the same snapshot (its
 * failures as the run decided them, its pulls checked to be the run's), assessed again with the
 * run's year and as-of instant, with the run's own write-back. `superseded` when a pull changed.
 */
export async function rebuildRun(
  deps: StoredDeps & { timeZone: string },
  detail: RunDetail,
  mapping: ProgrammeMapping,
): Promise<{ state: 'superseded'; reason: string } | { state: 'ready'; result: RunResult }> {
  const early = await whySuperseded(deps, detail);
  if (early !== null) return { state: 'superseded', reason: early };
  const tenant = await deps.snapshots.loadTenant();
  if (!tenant) throw new AppError('PULL_INCOMPLETE', 'no stored pull');
  // The reference data read is checked too: a nightly may have saved new data since the check above.
  if (tenant.pulledAt !== detail.tenantPulledAt) return { state: 'superseded', reason: `the reference data was pulled again (${tenant.pulledAt}; the run evaluated ${detail.tenantPulledAt})` };
  const plan = planPull(mapping, tenant.departments);
  const input = { tenant, plan, failures: detail.pull.failures, mapping, year: detail.year, asOf: detail.asOf, pulledAt: detail.snapshotPulledAt };
  // Evaluated a batch of units at a time (the facts let go as they are read); which pulls were read is kept.
  const { snapshot, assessment } = await assessFromStore(deps, input);
  // The facts read are checked too: a unit pulled again between the check above and this read.
  const same = snapshot.units.length === Object.keys(detail.unitPulls).length && snapshot.units.every((unit) => detail.unitPulls[unit.departmentId] === unit.pulledAt);
  if (!same) return { state: 'superseded', reason: (await whySuperseded(deps, detail)) ?? 'the stored pulls are not the ones the run evaluated' };
  const result: RunResult = {
    runId: detail.runId,
    tenantId: deps.tenantId,
    year: detail.year,
    asOf: detail.asOf,
    startedAt: detail.startedAt,
    finishedAt: detail.finishedAt,
    mapping: detail.mapping,
    pull: detail.pull,
    assessment,
    writeBack: detail.writeBack,
    complete: isComplete({ snapshot, assessment, writeBack: detail.writeBack }),
    // Which pulls were evaluated, not their nodes: the report reads its texts from the store again.
    snapshot,
    loadFullUnits: (ids) => deps.snapshots.loadUnits(ids),
  };
  return { state: 'ready', result };
}
