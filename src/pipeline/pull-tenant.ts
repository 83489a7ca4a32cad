import { StratsysHttpError } from '../stratsys/errors.js';
import { isUnknownIdError, type StratsysClient } from '../stratsys/client.js';
import type { TenantData } from '../snapshot/schema.js';
import { planPull, type PullPlan } from '../mapping/engine/pull-plan.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import type { Department } from '../stratsys/schemas.js';
import { probeNodeFields } from './node-fields.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';

export interface PullDeps {
  client: StratsysClient;
  clock: Clock;
  logger: Logger;
}

/** Derives what to pull from the tenant's departments (the mapping's `planPull`). */
export type Planner = (departments: Department[]) => PullPlan;

/**
 * Tenant-wide reference data: application, departments, the action-plan scorecards and their
 * columns, the statuses of their activity columns, every scorecard's activity rows, report-list
 * deadlines, the holders of owner roles and every unit's comments on the project-statement nodes,
 * all asked at once as soon as the departments are known (the transport bounds the load); then, once
 * per run, whether the tenant fills `fields=keywords,descriptionfields` in one request
 * (node-fields.ts).
 */
export async function pullTenantData(deps: PullDeps, planFor: Planner): Promise<{ tenant: TenantData; plan: PullPlan }> {
  const { client } = deps;
  const [application, departments, scorecards] = await Promise.all([client.application(), client.departments(), client.scorecards()]);
  const plan = planFor(departments);
  const columns = Promise.all(plan.scorecardIds.map((id) => client.scorecardColumns(id))).then((lists) => lists.flat());
  const [columnList, statuses, rows, reportLists, roleHolders, statementComments] = await Promise.all([
    columns,
    columns.then((list) =>
      pullStatuses(
        deps,
        list.filter((column) => column.NodeType === 'Activity').map((column) => column.Id),
      ),
    ),
    pullActivityRows(client, plan.scorecardIds),
    keyed(
      plan.reportLists,
      ({ reportListId }) => reportListId,
      ({ reportListId, user }) => client.reportList(reportListId, user),
    ),
    keyed(
      plan.roleHolders,
      (ref) => `${ref.scorecardId}/${ref.departmentId}/${ref.nodeId}/${ref.roleId}`,
      (ref) => client.roleHolders(ref.scorecardId, ref.departmentId, ref.nodeId, ref.roleId),
    ),
    keyed(
      plan.commentInheritedNodeIds,
      (nodeId) => nodeId,
      (nodeId) => client.commentsAllDepartments(nodeId),
    ),
  ]);
  const probe = await probeNodeFields(client, plan, rows, deps.logger);
  deps.logger.info({ nodeFields: probe.mode, evidence: probe.evidence }, 'keywords and description fields per activity');
  const tenant: TenantData = {
    application,
    departments,
    scorecards: scorecards.filter((scorecard) => plan.scorecardIds.includes(scorecard.Id)),
    columns: columnList,
    ...statuses,
    activityRows: rows,
    statementComments,
    nodeFields: probe.mode,
    reportLists,
    roleHolders,
    pulledAt: deps.clock.now().toISOString(),
  };
  return { tenant, plan };
}

/** One request per item, all at once, as a record by key. */
async function keyed<T, V>(items: readonly T[], key: (item: T) => string, fetch: (item: T) => Promise<V>): Promise<Record<string, V>> {
  return Object.fromEntries(await Promise.all(items.map(async (item) => [key(item), await fetch(item)] as const)));
}

/**
 * `activities/filter?scorecardId=` once per scorecard: every activity × department row
 * (`ActivityServiceUT.cs`), so a full run's imports need no per-unit request for them.
 */
async function pullActivityRows(client: StratsysClient, scorecardIds: string[]): Promise<NonNullable<TenantData['activityRows']>> {
  return keyed(
    scorecardIds,
    (id) => id,
    (scorecardId) => client.activities({ scorecardId }),
  );
}

/**
 * Statuses per activity column with `statuses/filter?scorecardColumnId=`, the call the reference tests
 * (`StatusServiceUT.cs`: statuses differ per column); `GET statuses`, which only the untested secondary
 * client has (`Clients/Resources/StatusDtoResource.cs`), only when the filter is refused (4xx).
 * Transient failures propagate, so the job retries instead of settling for the fallback.
 */
export async function pullStatuses(deps: PullDeps, activityColumnIds: string[]): Promise<Pick<TenantData, 'statuses' | 'columnStatuses'>> {
  try {
    const perColumn = await Promise.all(activityColumnIds.map(async (id) => [id, await deps.client.columnStatuses(id)] as const));
    const columnStatuses = Object.fromEntries(perColumn);
    const statuses = [...new Map(perColumn.flatMap(([, list]) => list).map((status) => [status.Id, status])).values()];
    return { statuses: activityColumnIds.length > 0 ? statuses : await deps.client.statuses(), columnStatuses };
  } catch (error) {
    if (!isUnknownIdError(error) && !(error instanceof StratsysHttpError && (error.status === 404 || error.status === 405))) throw error;
    deps.logger.warn({ err: error }, 'statuses/filter refused; reading GET statuses instead');
    return { statuses: await deps.client.statuses(), columnStatuses: {} };
  }
}

const plans = new WeakMap<ProgrammeMapping, WeakMap<Department[], PullPlan>>();

/** The plan of a stored tenant, made once per mapping and parsed copy (the store hands out one copy per save). */
export function storedPlan(mapping: ProgrammeMapping, departments: Department[]): PullPlan {
  const byDepartments = plans.get(mapping) ?? new WeakMap<Department[], PullPlan>();
  plans.set(mapping, byDepartments);
  const plan = byDepartments.get(departments) ?? planPull(mapping, departments);
  byDepartments.set(departments, plan);
  return plan;
}
