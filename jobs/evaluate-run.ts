import { finishRun } from '../src/pipeline/finish-run.js';
import { defineJob } from '../src/queue/job-definition.js';
import { evaluateRunSpec } from './specs.js';
import type { JobContext } from '../src/queue/context.js';
import type { UnitFailure } from '../src/snapshot/schema.js';
import { finishOptions, periodFor } from './shared.js';

/**
 * Runs once all imports of a run are in: finishes the run (src/pipeline/finish-run.ts) — evaluates
 * the stored snapshots (imports that failed for good hold back every value that depends on them),
 * writes back what changed, records the run and queues the alert step. Idempotent: write-back
 * writes only differences.
 */
export const evaluateRun = defineJob(evaluateRunSpec, async (payload, ctx: JobContext) => {
  const failures: UnitFailure[] = (await ctx.failedChildUnitIds()).map(({ unitId, message }) => ({ departmentId: unitId, code: 'PULL_INCOMPLETE', message }));
  const imported = (await ctx.status.units()).filter((unit) => unit.runId === payload.runId && unit.outcome === 'ok');
  const requests = (payload.referenceRequests ?? 0) + imported.reduce((sum, unit) => sum + (unit.requests ?? 0), 0);
  const { mapping } = periodFor(ctx, { year: payload.year, asOf: payload.asOf });
  return finishRun(ctx, payload, failures, requests, finishOptions(ctx, mapping));
});
