import { importUnit as importOneUnit } from '../src/pipeline/import-unit.js';
import { fullRunOptions } from '../src/pipeline/pull.js';
import { prepareTenant } from '../src/pipeline/prepare-tenant.js';
import { defineJob } from '../src/queue/job-definition.js';
import { importUnitSpec } from './specs.js';
import type { JobContext } from '../src/queue/context.js';
import { programmeFor } from './shared.js';

/**
 * Imports one unit of a run (src/pipeline/import-unit.ts): pulls it from Stratsys and stores it as
 * the unit's last good snapshot. Idempotent (a repeated import overwrites the snapshot with an
 * equal or newer one).
 */
export const importUnit = defineJob(importUnitSpec, async (payload, ctx: JobContext) => {
  const mapping = programmeFor(ctx, payload.year);
  const { tenant, plan } = await prepareTenant(ctx, mapping, true);
  // The run's sweep pulled every scorecard's activity rows and the statement comments once (tenant data).
  const unit = await importOneUnit(ctx, { runId: payload.runId, programmeId: mapping.id, plan }, payload.unitId, fullRunOptions(tenant));
  ctx.logger.info({ unitId: unit.departmentId, requests: unit.requests }, 'unit imported');
  return { unitId: unit.departmentId, requests: unit.requests, pulledAt: unit.pulledAt };
});
