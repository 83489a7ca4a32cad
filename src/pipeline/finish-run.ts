import type { PullPlan } from '../mapping/engine/pull-plan.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { allRoleHolders, type TenantData, type UnitFailure } from '../snapshot/schema.js';
import type { RunStatus, StatusStore } from '../store/status-store.js';
import type { AlertRunner } from './alert-runner.js';
import { alertRecordOf, alertSourceOf, isAlertDone } from './alert-source.js';
import { prepareTenant } from './prepare-tenant.js';
import type { RunDeps } from './run-deps.js';
import { mappingDigest, runDetailOf } from './run-detail.js';
import { isComplete, type EvaluationOutcome, type RunResult } from './run-result.js';
import { evaluateAndWrite } from './write-run.js';
import { formatRunSummary } from './summary.js';

/**
 * The end of every run, nightly or re-run: evaluate the stored snapshots, write back, record the
 * run, record what its evaluation says for the alert step and queue that step, and queue the run's report job (jobs/write-report.ts), which writes
 * the compilation in its own queue, so a run's summary never waits for it. The evaluate job and
 * the re-run job both finish here.
 */

/** What finishing a run needs besides the pipeline's adapters: status, alerts and the job's hooks. */
export interface FinishRunDeps extends RunDeps {
  status: StatusStore;
  /** The alert step, when configured; a dry run composes its e-mails through it. */
  alerts: AlertRunner | null;
  /** Called after an evaluation with the number of missing reports per focus area. */
  onEvaluated?: (missingByFocusArea: Record<string, number>, kind: 'nightly' | 'rerun') => void;
  progress(value: Record<string, unknown>): Promise<void>;
  /** Queues the alert step of a run (deduplicated by run id). */
  enqueueAlerts(payload: { runId: string; year: number; asOf: string; failedUnitIds: string[] }): Promise<void>;
  /** The id of a run's report job, known before the job is queued (deterministic, so a retried finish names the same job). */
  reportJobId(runId: string): string;
  /** Queues the writing of the run's report files, as job `reportJobId(runId)` (so once per run). */
  enqueueReport(payload: { runId: string; year: number; asOf: string }): Promise<void>;
}

/** The run being finished, as its evaluate (or re-run) job carries it. */
export interface FinishRunInput {
  runId: string;
  kind: 'nightly' | 'rerun';
  year: number;
  asOf: string;
  /** The units this run imported. */
  unitIds: string[];
  /** When the run began (the sweep's start); default `asOf`. */
  startedAt?: string | undefined;
  /** Evaluate and show the write-back diff and the e-mails; write, send and record nothing. */
  dryRun?: boolean | undefined;
}

/** How to finish: the run's programme, the tenant's name and, when the job has it, the loaded tenant. */
export interface FinishRunOptions {
  mapping: ProgrammeMapping;
  tenantName: string;
  /** The tenant data and plan the job already loaded (a re-run), so the tenant is loaded once per job. */
  loaded?: { tenant: TenantData; plan: PullPlan };
}

/** What a finished run returns: its status, plus the human summary `sync-now --wait` and `rerun --wait` print. */
export type FinishedRun = RunStatus & { dryRun: boolean; requests: number; summary: string; complete: boolean; alertsJobId: string | null; reportJobId: string | null };

/**
 * Evaluate, write back, record, queue alerts and the report job. Units in `failures` (imports that failed
 * for good) hold back every value that depends on them. A dry run only composes: the write-back
 * diff and the e-mails that would be sent, in the summary.
 */
export async function finishRun(deps: FinishRunDeps, run: FinishRunInput, failures: UnitFailure[], requests: number, options: FinishRunOptions): Promise<FinishedRun> {
  const { mapping } = options;
  const dryRun = run.dryRun === true;
  const { tenant, plan } = options.loaded ?? (await prepareTenant(deps, mapping, true));
  await deps.progress({ stage: 'evaluate', runId: run.runId });
  const began = performance.now();
  const outcome = await evaluateAndWrite(deps, { runId: run.runId, mapping, year: run.year, asOf: run.asOf, failures, dryRun, tenant, plan });
  const result = runResult(deps, run, outcome, { unitIds: plan.unitIds, requests, mapping });
  let status = runStatus(run, outcome, result.finishedAt);
  let alertsJobId: string | null = null;
  let reportJobId: string | null = null;
  // What the run's e-mails say is what this evaluation says: the alert job reads it, not the store again.
  const alertSource = alertSourceOf(outcome.assessment);
  const roleHolders = allRoleHolders(outcome.snapshot);
  if (dryRun) {
    result.alerts = deps.alerts ? await deps.alerts.run({ runId: run.runId, mapping, source: alertSource, roleHolders, asOf: run.asOf, dryRun: true }) : null;
  } else {
    // Alerts first: a report file that cannot be written must not cost the owners their e-mails.
    // A retried finish (the run already recorded) never undoes an alert step already done: its job,
    // retried later, would send from this evaluation, of a store that may have changed since.
    const alertsDone = isAlertDone(await deps.status.runDetail(run.runId, 'alerts').catch(() => null), run.runId);
    if (!alertsDone) await deps.status.recordRunDetail(run.runId, 'alerts', alertRecordOf(run.runId, run.asOf, mappingDigest(mapping, deps.timeZone), alertSource, roleHolders));
    await deps.enqueueAlerts({ runId: run.runId, year: run.year, asOf: run.asOf, failedUnitIds: outcome.snapshot.failures.map((f) => f.departmentId) });
    alertsJobId = `alerts-${run.runId}`;
    // The report job makes the report of this very run: its pulls and write-back are kept with it.
    await deps.status.recordRunDetail(run.runId, 'report', runDetailOf(result, outcome.snapshot, { mapping, timeZone: deps.timeZone }));
    // The run is recorded before its report job exists: the job (or the worker, when it fails for good
    // without saying so) records its outcome on the run, which it must find; queued first, a job done
    // before the run was recorded found none, and the run then stayed `pending` for ever. A retried
    // finish records the run `pending` again, which never hides the outcome its job recorded (that wins).
    reportJobId = deps.reportJobId(run.runId);
    status = { ...status, report: { state: 'pending', at: result.finishedAt, jobId: reportJobId, message: null } };
    await deps.status.recordRun(status);
    await deps.enqueueReport({ runId: run.runId, year: run.year, asOf: run.asOf });
    deps.onEvaluated?.(status.missingByFocusArea, run.kind);
  }
  await deps.progress({ stage: 'done', runId: run.runId, written: outcome.writeBack.written });
  // Where the time went: the evaluation's steps, then recording the run and queueing its steps (`afterMs`).
  const totalMs = Math.round(performance.now() - began);
  const timings = outcome.timings === undefined ? { totalMs } : { ...outcome.timings, afterMs: Math.max(0, totalMs - Object.values(outcome.timings).reduce((sum, value) => sum + value, 0)), totalMs };
  deps.logger.info(
    { runId: run.runId, dryRun, outcome: status.outcome, written: status.written, unchanged: status.unchanged, heldBack: status.heldBack, missing: status.missingReports, timings },
    'run evaluated',
  );
  const summary = formatRunSummary(result, { tenantName: options.tenantName }) + (reportJobId === null ? '' : `\n${reportPendingText(run.runId, reportJobId)}\n`);
  return { ...status, dryRun, requests, summary, complete: result.complete, alertsJobId, reportJobId };
}

/** Where the summary of a run sends people for its report files, which its report job writes after the summary. */
export function reportPendingText(runId: string, jobId: string): string {
  return `Reports: being written by job ${jobId} (report queue); the run's report state is on /status and the status page, and \`report --run ${runId}\` shows the report once written.`;
}

function runResult(
  deps: FinishRunDeps,
  run: FinishRunInput,
  outcome: EvaluationOutcome,
  pull: { unitIds: string[]; requests: number; mapping: { id: string; file: string; name: string } },
): RunResult {
  const failures = outcome.snapshot.failures;
  const failed = new Set(failures.map((f) => f.departmentId));
  return {
    runId: run.runId,
    tenantId: deps.tenantId,
    year: run.year,
    asOf: run.asOf,
    startedAt: run.startedAt ?? run.asOf,
    finishedAt: deps.clock.now().toISOString(),
    mapping: { id: pull.mapping.id, file: pull.mapping.file, name: pull.mapping.name },
    pull: { unitIds: pull.unitIds, pulledUnitIds: run.unitIds.filter((id) => !failed.has(id)), failures, requests: pull.requests },
    assessment: outcome.assessment,
    writeBack: outcome.writeBack,
    complete: isComplete(outcome),
    snapshot: outcome.snapshot,
    loadFullUnits: (ids) => deps.snapshots.loadUnits(ids),
  };
}

function runStatus(run: FinishRunInput, outcome: EvaluationOutcome, finishedAt: string): RunStatus {
  const { evaluation } = outcome.assessment;
  const failedUnitIds = outcome.snapshot.failures.map((f) => f.departmentId);
  const w = outcome.writeBack;
  return {
    runId: run.runId,
    kind: run.kind,
    year: run.year,
    asOf: run.asOf,
    finishedAt,
    outcome: isComplete(outcome) ? 'complete' : 'partial',
    units: run.unitIds.length,
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
