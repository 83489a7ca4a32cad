import { z } from 'zod';
import { evaluateAndWrite, prepareTenant, type EvaluationOutcome } from '../src/pipeline/run.js';
import { writeRunReports } from '../src/report/write.js';
import { defineJob, STANDARD_RETENTION } from '../src/queue/job-definition.js';
import type { JobContext } from '../src/queue/context.js';
import { JOB_NAMES, QUEUES } from '../src/queue/names.js';
import type { UnitFailure } from '../src/snapshot/schema.js';
import type { RunStatus } from '../src/store/status-store.js';
import { InstantSchema, RunIdSchema, YearSchema, periodFor } from './shared.js';

export const EvaluatePayloadSchema = z
  .object({ runId: RunIdSchema, kind: z.enum(['nightly', 'rerun']), year: YearSchema, asOf: InstantSchema, unitIds: z.array(z.string()) })
  .strict();

/**
 * Runs once all imports of a run are in: evaluates the stored snapshots (imports that failed for
 * good hold back every value that depends on them), writes back what changed, records the run and
 * queues the alert step. Idempotent: write-back writes only differences.
 */
export const evaluateRun = defineJob({
  name: JOB_NAMES.evaluateRun,
  queue: QUEUES.evaluate,
  payload: EvaluatePayloadSchema,
  defaults: { attempts: 5, backoffMs: 15_000, ...STANDARD_RETENTION },
  async handler(payload, ctx: JobContext) {
    const failures: UnitFailure[] = (await ctx.failedChildUnitIds()).map(({ unitId, message }) => ({ departmentId: unitId, code: 'PULL_INCOMPLETE', message }));
    return finishRun(ctx, payload, failures);
  },
});

/** Evaluate, write back, record, report and queue alerts: shared by evaluate-run and rerun-unit. */
export async function finishRun(ctx: JobContext, payload: z.output<typeof EvaluatePayloadSchema>, failures: UnitFailure[]) {
  const { mapping } = periodFor(ctx, payload.asOf, payload.year);
  const { tenant, plan } = await prepareTenant(ctx, mapping, true);
  await ctx.progress({ stage: 'evaluate', runId: payload.runId });
  const outcome = await evaluateAndWrite(ctx, {
    runId: payload.runId, mapping, year: payload.year, asOf: payload.asOf, failures, dryRun: false, tenant, plan,
    rerunUnitIds: payload.kind === 'rerun' ? payload.unitIds : undefined,
  });
  const status = runStatus(payload, outcome, ctx.clock.now().toISOString());
  await ctx.status.recordRun(status);
  ctx.onEvaluated?.(status.missingByFocusArea, payload.kind);
  // Alerts first: a report file that cannot be written must not cost the owners their e-mails.
  await ctx.enqueueAlerts({ runId: payload.runId, year: payload.year, asOf: payload.asOf, failedUnitIds: outcome.snapshot.failures.map((f) => f.departmentId) });
  await writeRunReports(ctx.config.REPORT_DIR, {
    runId: payload.runId, tenantId: ctx.tenantId, year: payload.year, asOf: payload.asOf, startedAt: payload.asOf, finishedAt: status.finishedAt,
    mapping: { id: mapping.id, file: mapping.file },
    pull: { unitIds: plan.unitIds, pulledUnitIds: payload.unitIds, failures: outcome.snapshot.failures, requests: 0 },
    assessment: outcome.assessment, writeBack: outcome.writeBack, complete: status.outcome === 'complete',
  }).catch((error: unknown) => ctx.logger.warn({ err: error, runId: payload.runId }, 'run reports could not be written'));
  await ctx.progress({ stage: 'done', runId: payload.runId, written: outcome.writeBack.written });
  ctx.logger.info({ runId: payload.runId, outcome: status.outcome, written: status.written, unchanged: status.unchanged, heldBack: status.heldBack, missing: status.missingReports }, 'run evaluated');
  return status;
}

function runStatus(payload: z.output<typeof EvaluatePayloadSchema>, outcome: EvaluationOutcome, finishedAt: string): RunStatus {
  const { evaluation } = outcome.assessment;
  const failedUnitIds = outcome.snapshot.failures.map((f) => f.departmentId);
  const w = outcome.writeBack;
  return {
    runId: payload.runId,
    kind: payload.kind,
    year: payload.year,
    asOf: payload.asOf,
    finishedAt,
    outcome: failedUnitIds.length > 0 || w.failed.length > 0 ? 'partial' : 'complete',
    units: payload.unitIds.length,
    failedUnitIds,
    written: w.written,
    unchanged: w.unchanged,
    heldBack: w.heldBack.length,
    rejected: w.rejected.length,
    missingReports: evaluation.reports.filter((r) => r.state === 'missing').length,
    missingByFocusArea: Object.fromEntries(evaluation.byFocusArea.map((s) => [s.focusAreaKey, s.missing])),
    message: failedUnitIds.length > 0 ? `held back: units ${failedUnitIds.join(', ')} failed to import` : null,
  };
}
