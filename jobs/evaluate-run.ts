import { z } from 'zod';
import { tenantDisplayName } from '../src/config/load.js';
import { evaluateAndWrite, isComplete, prepareTenant, type EvaluationOutcome, type RunResult } from '../src/pipeline/run.js';
import { formatRunSummary } from '../src/pipeline/summary.js';
import { reportLinks } from '../src/report/links.js';
import { writeRunReports } from '../src/report/write.js';
import { defineJob, STANDARD_RETENTION } from '../src/queue/job-definition.js';
import type { JobContext } from '../src/queue/context.js';
import { JOB_NAMES, QUEUES } from '../src/queue/names.js';
import { allRoleHolders, type UnitFailure } from '../src/snapshot/schema.js';
import type { RunStatus } from '../src/store/status-store.js';
import { InstantSchema, RunIdSchema, UnitIdSchema, YearSchema, periodFor } from './shared.js';

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

/** What a finished run returns: its status, plus the human summary `sync-now --wait` and `rerun --wait` print. */
export type FinishedRun = RunStatus & { dryRun: boolean; requests: number; summary: string; complete: boolean; alertsJobId: string | null };

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
    const imported = (await ctx.status.units()).filter((unit) => unit.runId === payload.runId && unit.outcome === 'ok');
    const requests = (payload.referenceRequests ?? 0) + imported.reduce((sum, unit) => sum + (unit.requests ?? 0), 0);
    return finishRun(ctx, payload, failures, requests);
  },
});

/**
 * Evaluate, write back, record, report and queue alerts: shared by evaluate-run and rerun-unit.
 * A dry run only composes: the write-back diff and the e-mails that would be sent, in the summary.
 */
export async function finishRun(ctx: JobContext, payload: EvaluatePayload, failures: UnitFailure[], requests: number): Promise<FinishedRun> {
  const { mapping } = periodFor(ctx, { year: payload.year, asOf: payload.asOf });
  const dryRun = payload.dryRun === true;
  const { tenant, plan } = await prepareTenant(ctx, mapping, true);
  await ctx.progress({ stage: 'evaluate', runId: payload.runId });
  const outcome = await evaluateAndWrite(ctx, {
    runId: payload.runId, mapping, year: payload.year, asOf: payload.asOf, failures, dryRun, tenant, plan,
  });
  const result = runResult(ctx, payload, outcome, { unitIds: plan.unitIds, requests, mapping });
  const status = runStatus(payload, outcome, result.finishedAt);
  let alertsJobId: string | null = null;
  if (dryRun) {
    result.alerts = ctx.alerts ? await ctx.alerts.run({ runId: payload.runId, mapping, assessment: outcome.assessment, roleHolders: allRoleHolders(outcome.snapshot), asOf: payload.asOf, dryRun: true }) : null;
  } else {
    await ctx.status.recordRun(status);
    ctx.onEvaluated?.(status.missingByFocusArea, payload.kind);
    // Alerts first: a report file that cannot be written must not cost the owners their e-mails.
    await ctx.enqueueAlerts({ runId: payload.runId, year: payload.year, asOf: payload.asOf, failedUnitIds: outcome.snapshot.failures.map((f) => f.departmentId) });
    alertsJobId = `alerts-${payload.runId}`;
    await writeRunReports(ctx.config.REPORT_DIR, result, { tenantName: tenantDisplayName(ctx.config), mapping, links: reportLinks(mapping, ctx.config.STRATSYS_BASE_URL) }).catch((error: unknown) => ctx.logger.warn({ err: error, runId: payload.runId }, 'run reports could not be written'));
  }
  await ctx.progress({ stage: 'done', runId: payload.runId, written: outcome.writeBack.written });
  ctx.logger.info({ runId: payload.runId, dryRun, outcome: status.outcome, written: status.written, unchanged: status.unchanged, heldBack: status.heldBack, missing: status.missingReports }, 'run evaluated');
  return { ...status, dryRun, requests, summary: formatRunSummary(result, { tenantName: tenantDisplayName(ctx.config) }), complete: result.complete, alertsJobId };
}

function runResult(ctx: JobContext, payload: EvaluatePayload, outcome: EvaluationOutcome, pull: { unitIds: string[]; requests: number; mapping: { id: string; file: string; name: string } }): RunResult {
  const failures = outcome.snapshot.failures;
  const failed = new Set(failures.map((f) => f.departmentId));
  return {
    runId: payload.runId,
    tenantId: ctx.tenantId,
    year: payload.year,
    asOf: payload.asOf,
    startedAt: payload.startedAt ?? payload.asOf,
    finishedAt: ctx.clock.now().toISOString(),
    mapping: { id: pull.mapping.id, file: pull.mapping.file, name: pull.mapping.name },
    pull: { unitIds: pull.unitIds, pulledUnitIds: payload.unitIds.filter((id) => !failed.has(id)), failures, requests: pull.requests },
    assessment: outcome.assessment,
    writeBack: outcome.writeBack,
    complete: isComplete(outcome),
    snapshot: outcome.snapshot,
  };
}

function runStatus(payload: EvaluatePayload, outcome: EvaluationOutcome, finishedAt: string): RunStatus {
  const { evaluation } = outcome.assessment;
  const failedUnitIds = outcome.snapshot.failures.map((f) => f.departmentId);
  const w = outcome.writeBack;
  return {
    runId: payload.runId,
    kind: payload.kind,
    year: payload.year,
    asOf: payload.asOf,
    finishedAt,
    outcome: isComplete(outcome) ? 'complete' : 'partial',
    units: payload.unitIds.length,
    failedUnitIds,
    written: w.written,
    unchanged: w.unchanged,
    heldBack: w.heldBack.length,
    rejected: w.rejected.length,
    missingReports: evaluation.reports.filter((r) => r.state === 'missing').length,
    missingByFocusArea: Object.fromEntries(evaluation.byFocusArea.map((s) => [s.focusAreaKey, s.missing])),
    message: failedUnitIds.length > 0 ? `held back: ${failedUnitIds.length} units failed to import` : null,
  };
}
