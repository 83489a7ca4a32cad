import { z } from 'zod';
import { finishRun } from '../src/pipeline/finish-run.js';
import { defineJob, STANDARD_RETENTION } from '../src/queue/job-definition.js';
import type { JobContext } from '../src/queue/context.js';
import { JOB_NAMES, QUEUES } from '../src/queue/names.js';
import type { UnitFailure } from '../src/snapshot/schema.js';
import { InstantSchema, RunIdSchema, UnitIdSchema, YearSchema, finishOptions, periodFor } from './shared.js';

export const EvaluatePayloadSchema = z
  .object({
    runId: RunIdSchema,
    kind: z.enum(['nightly', 'rerun']),
    year: YearSchema,
    asOf: InstantSchema,
    unitIds: z.array(UnitIdSchema),
    /** When the run began (the sweep's start). */
    startedAt: InstantSchema.optional(),
    /** Stratsys requests of the sweep's reference data (the imports' own are in the status store). */
    referenceRequests: z.number().int().nonnegative().optional(),
    /** Evaluate and show the write-back diff and the e-mails; write, send and record nothing. */
    dryRun: z.boolean().optional(),
  })
  .strict();
export type EvaluatePayload = z.output<typeof EvaluatePayloadSchema>;

/**
 * Runs once all imports of a run are in: finishes the run (src/pipeline/finish-run.ts) — evaluates
 * the stored snapshots (imports that failed for good hold back every value that depends on them),
 * writes back what changed, records the run and queues the alert step. Idempotent: write-back
 * writes only differences.
 */
export const evaluateRun = defineJob({
  name: JOB_NAMES.evaluateRun,
  queue: QUEUES.evaluate,
  payload: EvaluatePayloadSchema,
  defaults: { attempts: 5, backoffMs: 15_000, ...STANDARD_RETENTION },
  async handler(payload, ctx: JobContext) {
    const failures: UnitFailure[] = (await ctx.failedChildUnitIds()).map(({ unitId, message }) => ({ departmentId: unitId, code: 'PULL_INCOMPLETE', message }));
    const imported = (await ctx.status.units()).filter((unit) => unit.runId === payload.runId && unit.outcome === 'ok');
    const requests = (payload.referenceRequests ?? 0) + imported.reduce((sum, unit) => sum + (unit.requests ?? 0), 0);
    const { mapping } = periodFor(ctx, { year: payload.year, asOf: payload.asOf });
    return finishRun(ctx, payload, failures, requests, finishOptions(ctx, mapping));
  },
});
