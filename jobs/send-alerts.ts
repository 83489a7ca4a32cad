import { allRoleHolders } from '../src/snapshot/schema.js';
import { z } from 'zod';
import { AppError } from '../src/shared/errors.js';
import { assess } from '../src/pipeline/evaluate.js';
import { storedSnapshot } from '../src/pipeline/stored.js';
import { defineJob, STANDARD_RETENTION } from '../src/queue/job-definition.js';
import { JobDeferral } from '../src/queue/deferral.js';
import type { JobContext } from '../src/queue/context.js';
import { JOB_NAMES, QUEUES } from '../src/queue/names.js';
import { InstantSchema, RunIdSchema, UnitIdSchema, YearSchema, programmeFor } from './shared.js';

/**
 * The alert step of a run: e-mails focus-area owners about overdue reports. The alert ledger
 * makes it safe to retry: a digest already sent in its cadence step is not sent again. A digest
 * another worker holds a claim on (it may have died mid-send) defers the job until the claim runs
 * out; the job completes only when every digest is known to be sent.
 */
export const sendAlerts = defineJob({
  name: JOB_NAMES.sendAlerts,
  queue: QUEUES.alerts,
  payload: z.object({ runId: RunIdSchema, year: YearSchema, asOf: InstantSchema, failedUnitIds: z.array(UnitIdSchema) }).strict(),
  defaults: { attempts: 6, backoffMs: 60_000, ...STANDARD_RETENTION },
  async handler(payload, ctx: JobContext) {
    if (!ctx.alerts) return { skipped: 'alerts not configured' };
    const mapping = programmeFor(ctx, payload.year);
    const failures = payload.failedUnitIds.map((departmentId) => ({ departmentId, code: 'PULL_INCOMPLETE', message: 'import failed in this run' }));
    const snapshot = await storedSnapshot(ctx, mapping, failures, 'facts');
    const assessment = assess(snapshot, mapping, { year: payload.year, asOf: payload.asOf, timeZone: ctx.timeZone });
    const summary = await ctx.alerts.run({ runId: payload.runId, mapping, assessment, roleHolders: allRoleHolders(snapshot), asOf: payload.asOf, dryRun: false });
    ctx.logger.info({ runId: payload.runId, sent: summary.sent, skipped: summary.skipped, pending: summary.pending, failed: summary.failed }, 'alerts sent');
    if (summary.failed > 0) throw new AppError('ALERT_SEND_FAILED', `${summary.failed} alert e-mails could not be sent; they will be retried`, { retryable: true });
    if (summary.pending > 0) {
      // Never complete as if sent: wait for the other worker's claim to run out, then look again.
      const delayMs = Math.max(1_000, summary.pendingRetryInMs + 1_000);
      throw new JobDeferral('ALERT_PENDING', `${summary.pending} alert e-mails are claimed by another worker and not known to be sent; checking again in ${Math.ceil(delayMs / 1000)} s`, delayMs);
    }
    return summary;
  },
});
