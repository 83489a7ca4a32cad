import type { ProgrammeMapping } from '../src/mapping/file/schema.js';
import { allRoleHolders } from '../src/snapshot/schema.js';
import { AppError } from '../src/shared/errors.js';
import { alertDoneOf, alertSourceOf, parseAlertRecord, type AlertSource, type RoleHolders } from '../src/pipeline/alert-source.js';
import { mappingDigest } from '../src/pipeline/run-detail.js';
import { assessStoredFacts } from '../src/pipeline/stored.js';
import { defineJob } from '../src/queue/job-definition.js';
import { sendAlertsSpec } from './specs.js';
import { JobDeferral } from '../src/queue/deferral.js';
import type { JobContext } from '../src/queue/context.js';
import { programmeFor } from './shared.js';

/**
 * The alert step of a run: e-mails focus-area owners about the overdue reports the run's
 * evaluation found (what it recorded for this step, not the store read again). The alert ledger
 * makes it safe to retry: a digest already sent in its cadence step is not sent again. A digest
 * another worker holds a claim on (it may have died mid-send) defers the job until the claim runs
 * out; the job completes only when every digest is known to be sent.
 */
export const sendAlerts = defineJob(sendAlertsSpec, async (payload, ctx: JobContext) => {
  // Nothing is sent, so nothing is marked done: a worker with alerts configured, retrying the job, sends from the run's record.
  if (!ctx.alerts) return { skipped: 'alerts not configured' };
  const mapping = programmeFor(ctx, payload.year);
  const found = await sourceOf(ctx, payload, mapping);
  if ('doneAt' in found) {
    // Retried after it completed: what the run found was sent then; the store now is another run's business.
    ctx.logger.info({ runId: payload.runId, doneAt: found.doneAt }, 'the alert step of this run is already done; nothing is sent again');
    return { skipped: `the alert step of run ${payload.runId} was done at ${found.doneAt}; nothing is sent again (the next run's alert step sends what is due then)` };
  }
  const { source, roleHolders } = found;
  const summary = await ctx.alerts.run({ runId: payload.runId, mapping, source, roleHolders, asOf: payload.asOf, dryRun: false });
  ctx.logger.info({ runId: payload.runId, sent: summary.sent, skipped: summary.skipped, pending: summary.pending, failed: summary.failed }, 'alerts sent');
  if (summary.failed > 0) throw new AppError('ALERT_SEND_FAILED', `${summary.failed} alert e-mails could not be sent; they will be retried`, { retryable: true });
  if (summary.pending > 0) {
    // Never complete as if sent: wait for the other worker's claim to run out, then look again.
    const delayMs = Math.max(1_000, summary.pendingRetryInMs + 1_000);
    throw new JobDeferral('ALERT_PENDING', `${summary.pending} alert e-mails are claimed by another worker and not known to be sent; checking again in ${Math.ceil(delayMs / 1000)} s`, delayMs);
  }
  await markDone(ctx, payload);
  return summary;
});

type AlertsPayload = { runId: string; year: number; asOf: string; failedUnitIds: string[] };

/**
 * What the run's evaluation said, as the run recorded it (src/pipeline/alert-source.ts), or that
 * its alert step is done. A kept run that recorded none (queued by a worker from before runs
 * recorded it) has the stored pull evaluated again, as of the run's instant and with its failed
 * units held back, and says so in the log; a run not kept has nothing evaluated (ALERT_SOURCE_INVALID, retried); a record that cannot be read, or was made with another mapping or time zone than this
 * worker's, fails the job (ALERT_SOURCE_INVALID), sending nothing.
 */
async function sourceOf(ctx: JobContext, payload: AlertsPayload, mapping: ProgrammeMapping): Promise<{ source: AlertSource; roleHolders: RoleHolders } | { doneAt: string }> {
  const recorded = await ctx.status.runDetail(payload.runId, 'alerts').catch((error: unknown) => {
    if (!(error instanceof SyntaxError)) throw error;
    throw new AppError('ALERT_SOURCE_INVALID', `the evaluation run ${payload.runId} recorded for its alert step is not JSON; nothing is sent from it`, { retryable: false });
  });
  const record = parseAlertRecord(payload.runId, payload.asOf, mappingDigest(mapping, ctx.timeZone), recorded);
  if (record !== null) return 'doneAt' in record ? record : { source: record.source, roleHolders: record.roleHolders };
  // No record and no kept run: the run is gone (no longer kept, its record and done marker with it) or not
  // recorded yet. Its e-mails are never made from today's store; retried, a run recorded meanwhile is found.
  if ((await ctx.status.runReport(payload.runId)) === null)
    throw new AppError(
      'ALERT_SOURCE_INVALID',
      `run ${payload.runId} is not among the kept runs (no longer kept, or not recorded yet) and recorded no evaluation for its alert step; nothing is evaluated again from the store as it is now`,
      { retryable: true },
    );
  ctx.logger.warn({ runId: payload.runId }, 'the run recorded no evaluation for its alert step: evaluating the stored pull again, as of the run');
  const failures = payload.failedUnitIds.map((departmentId) => ({ departmentId, code: 'PULL_INCOMPLETE', message: 'import failed in this run' }));
  const { snapshot, assessment } = await assessStoredFacts(ctx, mapping, { year: payload.year, asOf: payload.asOf }, failures);
  return { source: alertSourceOf(assessment), roleHolders: allRoleHolders(snapshot) };
}

/**
 * Replaces the run's recorded alert source, once its step is done, with a marker that it is done
 * (alertDoneOf; both go with the run). A marker that cannot be written leaves the source, which a
 * retry would send from again, the ledger keeping it to what was not sent.
 */
async function markDone(ctx: JobContext, payload: AlertsPayload): Promise<void> {
  const done = alertDoneOf(payload.runId, payload.asOf, ctx.clock.now().toISOString());
  await ctx.status
    .recordRunDetail(payload.runId, 'alerts', done)
    .catch((error: unknown) => ctx.logger.warn({ err: error, runId: payload.runId }, 'alert step not recorded as done; its source is kept and goes with the run'));
}
