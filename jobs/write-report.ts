import { mappingDigest, parseRunDetail, rebuildRun, whySuperseded } from '../src/pipeline/run-detail.js';
import { defineJob } from '../src/queue/job-definition.js';
import { WRITE_REPORT_ATTEMPTS, writeReportSpec } from './specs.js';
import type { JobContext } from '../src/queue/context.js';
import { AppError, isAppError } from '../src/shared/errors.js';
import type { RunReport } from '../src/store/status-store.js';
import { programmeFor, writeReportsOf } from './shared.js';

const ATTEMPTS = WRITE_REPORT_ATTEMPTS;

/** File-system errors that trying again will not mend (REPORT_DIR not a writable folder): the job fails at once. */
const LASTING_FS_ERRORS = new Set(['ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'ENAMETOOLONG', 'ELOOP']);

/** What the report job did, as its result and the run's report state. */
export interface ReportOutcome {
  state: Extract<RunReport['state'], 'written' | 'superseded'>;
  message: string | null;
}

/**
 * Writes the report files of one run (the yearly compilation, src/report/write.ts), in the report
 * queue, after the run's evaluation has recorded the run and queued its alerts. It makes the report
 * of that run only: it re-assesses the stored facts with the run's failures, year and as-of
 * instant, with the run's own write-back, and only while every unit's stored pull is the one the
 * run evaluated. A run whose pulls were replaced since (a later re-run or nightly) is recorded
 * `superseded` and writes nothing: the later run's own report job writes the current report. The
 * outcome is recorded as the run's report state (`/status`, the status page); a report that cannot
 * be written is recorded `failed` with the reason after the last try, never costing the alerts.
 */
export const writeReport = defineJob(writeReportSpec, async (payload, ctx: JobContext): Promise<ReportOutcome> => {
  const record = (state: RunReport['state'], message: string | null) => ctx.status.recordReport(payload.runId, { state, at: ctx.clock.now().toISOString(), jobId: ctx.jobId, message });
  // A copy of this job that already finished (a lock lost during a long compilation, a retry after
  // the state was recorded) is not done again, and its outcome is never overwritten.
  const done = await finishedReport(ctx, payload.runId);
  if (done !== null) return done;
  let outcome: ReportOutcome;
  try {
    outcome = await makeReport(payload.runId, payload.year, ctx);
  } catch (thrown) {
    const error = asReportError(thrown);
    const final = ctx.attempt >= ATTEMPTS || !error.retryable;
    if ((await finishedReport(ctx, payload.runId)) === null)
      await record(final ? 'failed' : 'pending', final ? error.message : `try ${ctx.attempt} of ${ATTEMPTS} failed, trying again: ${error.message}`);
    throw error;
  }
  await record(outcome.state, outcome.message);
  ctx.logger.info({ runId: payload.runId, report: outcome.state, reason: outcome.message }, 'run report');
  // Written or superseded, the run's detail (a few MB at thousands of units) is needed no more; a
  // failed report keeps it, so the job can be retried from the queue board once mended. Dropping
  // it is tidying: a failure here never changes the state recorded above.
  await ctx.status.dropRunDetail(payload.runId, 'report').catch((error: unknown) => ctx.logger.warn({ err: error, runId: payload.runId }, 'run detail not dropped; it goes with the run'));
  return outcome;
});

/** The run's report outcome when it is already written or superseded, else null. */
async function finishedReport(ctx: JobContext, runId: string): Promise<ReportOutcome | null> {
  const report = await ctx.status.runReport(runId);
  return report && (report.state === 'written' || report.state === 'superseded') ? { state: report.state, message: report.message } : null;
}

async function makeReport(runId: string, year: number, ctx: JobContext): Promise<ReportOutcome> {
  const detail = parseRunDetail(runId, await ctx.status.runDetail(runId, 'report'));
  const mapping = programmeFor(ctx, year);
  if (mapping.id !== detail.mapping.id)
    throw new AppError('REPORT_NOT_WRITTEN', `run ${runId} used programme ${detail.mapping.id} (${detail.mapping.file}); the worker now has ${mapping.id} for ${year}`, { retryable: false });
  // The same id is not enough: a mapping file edited (or another time zone) since the run would make another report than the run's.
  if (detail.mappingDigest !== undefined && detail.mappingDigest !== mappingDigest(mapping, ctx.timeZone))
    throw new AppError(
      'REPORT_NOT_WRITTEN',
      `run ${runId} was evaluated with another version of ${detail.mapping.file} (or another REPORT_TIME_ZONE) than the worker has now; run it again to make its report`,
      {
        retryable: false,
      },
    );
  const rebuilt = await rebuildRun(ctx, detail, mapping);
  if (rebuilt.state === 'superseded') return superseded(rebuilt.reason);
  try {
    await writeReportsOf(ctx, mapping, rebuilt.result);
  } catch (error) {
    // The texts are read last: a unit pulled again meanwhile (the texts refused as not the run's)
    // supersedes the run rather than failing it. Any other error is a failure, whatever changed since.
    const reason = isAppError(error) && error.code === 'SNAPSHOT_INVALID' ? await whySuperseded(ctx, detail) : null;
    if (reason !== null) return superseded(reason);
    throw error;
  }
  return { state: 'written', message: null };
}

function superseded(reason: string): ReportOutcome {
  return { state: 'superseded', message: `not written: ${reason}; the later run's report is the current one` };
}

/** The error as the run's status shows it: REPORT_NOT_WRITTEN, retried unless trying again cannot help. */
function asReportError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('REPORT_NOT_WRITTEN', `the run's reports were not written: ${message}`, { cause: error, retryable: code === undefined || !LASTING_FS_ERRORS.has(code) });
}
