import { prepareTenant } from '../src/pipeline/prepare-tenant.js';
import { defineJob } from '../src/queue/job-definition.js';
import { nightlySyncSpec } from './specs.js';
import type { JobContext } from '../src/queue/context.js';
import { safeIdPart } from '../src/shared/ids.js';
import { periodFor } from './shared.js';

/**
 * The nightly sweep (and `sync-now`): pulls the tenant's reference data, then fans out one import
 * job per department/company and an evaluate job that runs when every import has finished.
 * Idempotent: the run id comes from this job's id, so a retried sweep re-adds the same job ids.
 */
export const nightlySync = defineJob(nightlySyncSpec, async (payload, ctx: JobContext) => {
  const { year, asOf, mapping } = periodFor(ctx, payload);
  const runId = `nightly-${safeIdPart(ctx.jobId)}`;
  const startedAt = ctx.clock.now().toISOString();
  const before = ctx.client.requestCount;
  await ctx.progress({ stage: 'reference-data', runId });
  const { plan } = await prepareTenant(ctx, mapping, false, { year, asOf, programmeId: mapping.id });
  const referenceRequests = ctx.client.requestCount - before;
  const dryRun = payload.dryRun === true;
  await ctx.fanOutRun({ runId, kind: 'nightly', year, asOf, unitIds: plan.unitIds, startedAt, referenceRequests, dryRun });
  await ctx.progress({ stage: 'fanned-out', runId, units: plan.unitIds.length });
  ctx.logger.info({ runId, units: plan.unitIds.length, year, dryRun }, 'nightly sync fanned out');
  return { runId, year, asOf, units: plan.unitIds.length, dryRun };
});
