import { finishRun } from '../src/pipeline/finish-run.js';
import { importUnit } from '../src/pipeline/import-unit.js';
import { prepareTenant } from '../src/pipeline/prepare-tenant.js';
import { lastImportFailures } from '../src/pipeline/unit-status.js';
import { defineJob } from '../src/queue/job-definition.js';
import { rerunUnitSpec } from './specs.js';
import type { JobContext } from '../src/queue/context.js';
import { rerunRunId } from '../src/queue/names.js';
import { finishOptions, periodFor } from './shared.js';

/**
 * Manual re-run of one unit: re-imports it (its own requests only), re-evaluates with the other
 * units' last stored snapshots and writes back what changed. Producers deduplicate per unit, so a
 * unit never has two re-runs queued or running.
 */
export const rerunUnit = defineJob(rerunUnitSpec, async (payload, ctx: JobContext) => {
  const { year, asOf, mapping } = periodFor(ctx, payload);
  const startedAt = ctx.clock.now().toISOString();
  // The tenant is loaded once: the import and the evaluation below share it.
  const loaded = await prepareTenant(ctx, mapping, true);
  const runId = rerunRunId(ctx.jobId);
  await ctx.progress({ stage: 'import', runId, unitId: payload.unitId });
  // Its own activity rows and statement comments, not the stored tenant-wide ones (they may be older).
  const unit = await importUnit(ctx, { runId, programmeId: mapping.id, plan: loaded.plan }, payload.unitId, { nodeFields: loaded.tenant.nodeFields });
  // Units whose last import failed stay held back, as the run that failed them decided.
  const heldBack = await lastImportFailures(ctx.status, [payload.unitId]);
  return finishRun(ctx, { runId, kind: 'rerun', year, asOf, unitIds: [payload.unitId], startedAt, dryRun: payload.dryRun }, heldBack, unit.requests, { ...finishOptions(ctx, mapping), loaded });
});
