import type { Department } from '../stratsys/schemas.js';
import { planPull, type PullPlan } from '../mapping/engine/pull-plan.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import type { TenantData } from '../snapshot/schema.js';
import { pullTenantData, storedPlan } from './pull-tenant.js';
import type { RunDeps } from './run-deps.js';

/**
 * Reference data and plan: pulled fresh (and stored, with the run's `period` so that readers of
 * the stored pull know its year), or, when `reuseStored`, the stored copy if any.
 */
export async function prepareTenant(deps: RunDeps, mapping: ProgrammeMapping, reuseStored: boolean, period?: TenantData['period']): Promise<{ tenant: TenantData; plan: PullPlan }> {
  const planner = (departments: Department[]) => planPull(mapping, departments);
  if (reuseStored) {
    const stored = await deps.snapshots.loadTenant();
    if (stored) return { tenant: stored, plan: storedPlan(mapping, stored.departments) };
  }
  const pulled = await pullTenantData(deps, planner);
  const tenant = period ? { ...pulled.tenant, period } : pulled.tenant;
  await deps.snapshots.saveTenant(tenant);
  return { tenant, plan: pulled.plan };
}
