import { toAppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { isUnknownIdError, type StratsysClient } from '../stratsys/client.js';
import { StratsysHttpError } from '../stratsys/errors.js';
import { Semaphore } from '../stratsys/limiter.js';
import type { Activity, Comment, Department, ScorecardNode } from '../stratsys/schemas.js';
import type { PullPlan } from '../mapping/engine/pull-plan.js';
import { SnapshotSchema, UNIT_PULL_VERSION, type Snapshot, type TenantData, type UnitFailure, type UnitScorecard, type UnitSnapshot } from '../snapshot/schema.js';

export interface PullDeps {
  client: StratsysClient;
  clock: Clock;
  logger: Logger;
}

/** Derives what to pull from the tenant's departments (the mapping's `planPull`). */
export type Planner = (departments: Department[]) => PullPlan;

export type UnitOutcome = { ok: true; unit: UnitSnapshot } | { ok: false; failure: UnitFailure };

/**
 * Tenant-wide reference data: application, departments, the action-plan scorecards and their
 * columns, the statuses of their activity columns, report-list deadlines and the holders of owner
 * roles. One request each.
 */
export async function pullTenantData(deps: PullDeps, planFor: Planner): Promise<{ tenant: TenantData; plan: PullPlan }> {
  const { client } = deps;
  const [application, departments, scorecards] = await Promise.all([client.application(), client.departments(), client.scorecards()]);
  const plan = planFor(departments);
  const wanted = new Set(plan.scorecardIds);
  const columns = (await Promise.all(plan.scorecardIds.map((id) => client.scorecardColumns(id)))).flat();
  const [{ statuses, columnStatuses }, activityRows] = await Promise.all([
    pullStatuses(deps, columns.filter((column) => column.NodeType === 'Activity').map((column) => column.Id)),
    pullActivityRows(client, plan.scorecardIds),
  ]);
  const reportLists: TenantData['reportLists'] = {};
  for (const { reportListId, user } of plan.reportLists) reportLists[reportListId] = await client.reportList(reportListId, user);
  const roleHolders: TenantData['roleHolders'] = {};
  await Promise.all(
    plan.roleHolders.map(async (ref) => {
      roleHolders[`${ref.scorecardId}/${ref.departmentId}/${ref.nodeId}/${ref.roleId}`] = await client.roleHolders(ref.scorecardId, ref.departmentId, ref.nodeId, ref.roleId);
    }),
  );
  const tenant: TenantData = {
    application,
    departments,
    scorecards: scorecards.filter((scorecard) => wanted.has(scorecard.Id)),
    columns,
    statuses,
    columnStatuses,
    activityRows,
    reportLists,
    roleHolders,
    pulledAt: deps.clock.now().toISOString(),
  };
  return { tenant, plan };
}

/**
 * `activities/filter?scorecardId=` once per scorecard: every activity × department row
 * (`ActivityServiceUT.cs`), so a full run's imports need no per-unit request for them.
 */
async function pullActivityRows(client: StratsysClient, scorecardIds: string[]): Promise<NonNullable<TenantData['activityRows']>> {
  return Object.fromEntries(await Promise.all(scorecardIds.map(async (scorecardId) => [scorecardId, await client.activities({ scorecardId })] as const)));
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

/** Where a unit pull takes the unit's activity rows from. */
export interface UnitPullOptions {
  /**
   * Scorecard id → the tenant-wide `activities/filter?scorecardId=` rows of this run (a full run
   * asks once per scorecard instead of once per unit). Absent, or a scorecard missing: the unit asks
   * for its own rows (a one-unit re-run always does, so that it sees the current rows).
   */
  activityRows?: TenantData['activityRows'];
}

/**
 * Everything the programme needs from one unit: per action-plan scorecard its visible nodes, the
 * activities it reports (its `activities/filter` rows), the expansions the mapping asks for on those
 * activities, and the unit's follow-up comments on them and on the project-statement nodes.
 * Requests: 1–2 per scorecard + per reported activity (keywords, description fields, comments as
 * needed) + 1 per visible statement node.
 */
export async function pullUnit(deps: PullDeps, plan: PullPlan, unitId: string, options: UnitPullOptions = {}): Promise<UnitSnapshot> {
  const client = deps.client.scoped();
  const roleHolders: UnitSnapshot['roleHolders'] = {};
  const [scorecards] = await Promise.all([
    Promise.all(plan.scorecardIds.map((scorecardId) => pullUnitScorecard(client, plan, scorecardId, unitId, options.activityRows?.[scorecardId]))),
    Promise.all(
      plan.unitRoleHolders.map(async ({ scorecardId, nodeId, roleId }) => {
        roleHolders[`${scorecardId}/${unitId}/${nodeId}/${roleId}`] = await client.roleHolders(scorecardId, unitId, nodeId, roleId);
      }),
    ),
  ]);
  return { departmentId: unitId, pullVersion: UNIT_PULL_VERSION, pulledAt: deps.clock.now().toISOString(), scorecards, requests: client.requestCount, roleHolders };
}

async function pullUnitScorecard(client: StratsysClient, plan: PullPlan, scorecardId: string, unitId: string, tenantRows: Activity[] | undefined): Promise<UnitScorecard> {
  const [nodes, rows] = await Promise.all([client.nodes(scorecardId, unitId), tenantRows ?? client.activities({ scorecardId, departmentId: unitId })]);
  // Rows, not ScorecardNode.Department, say who reports an activity (contract 5.9).
  const activities = rows.filter((row) => row.DepartmentId === unitId);
  const reported = new Set(activities.map((row) => row.Id));
  const statements = new Set(plan.commentInheritedNodeIds);
  const reportedNodes = nodes.filter((node) => reported.has(node.Id));
  const commentNodes = nodes.filter((node) => reported.has(node.Id) || statements.has(node.Id));
  const result: UnitScorecard = { scorecardId, nodes, keywords: {}, descriptionFields: {}, activities, comments: {} };
  const own = (comments: Comment[]) => comments.filter((comment) => comment.DepartmentId === unitId);
  await Promise.all([
    ...(plan.expand.keywords ? reportedNodes.map(async (node) => void (result.keywords[node.Id] = await client.nodeKeywords(scorecardId, unitId, node.Id))) : []),
    ...(plan.expand.descriptionFields ? reportedNodes.map(async (node) => void (result.descriptionFields[node.Id] = await client.nodeDescriptionFields(scorecardId, unitId, node.Id))) : []),
    ...commentNodes.map(async (node: ScorecardNode) => void (result.comments[node.Id] = own(await client.comments(node.Id, unitId)))),
  ]);
  return result;
}

/** Pulls one unit and turns a failure into a recorded UnitFailure instead of an exception. */
export async function pullUnitSafely(deps: PullDeps, plan: PullPlan, unitId: string, options: UnitPullOptions = {}): Promise<UnitOutcome> {
  try {
    return { ok: true, unit: await pullUnit(deps, plan, unitId, options) };
  } catch (error) {
    const appError = toAppError(error, `pull of unit ${unitId}`);
    deps.logger.warn({ unitId, err: appError }, 'unit pull failed');
    return { ok: false, failure: { departmentId: unitId, code: appError.code, message: appError.message } };
  }
}

export interface PullOptions {
  tenantId: string;
  /** Pull only these units (the others are absent, not failed). */
  unitIds?: string[];
  onUnit?: (outcome: UnitOutcome, done: number, total: number) => void;
}

/**
 * A full pull: reference data, then every planned unit concurrently (the transport bounds the
 * load). A unit that fails is recorded in `failures`; the snapshot is validated before returning.
 */
export async function pullSnapshot(deps: PullDeps, planFor: Planner, options: PullOptions): Promise<Snapshot> {
  const { tenant, plan } = await pullTenantData(deps, planFor);
  const unitIds = options.unitIds ?? plan.unitIds;
  let done = 0;
  const units = new Semaphore(8); // see RunDeps.unitConcurrency
  const outcomes = await Promise.all(
    unitIds.map(async (id) => {
      const outcome = await units.run(() => pullUnitSafely(deps, plan, id, { activityRows: tenant.activityRows }));
      done += 1;
      options.onUnit?.(outcome, done, unitIds.length);
      return outcome;
    }),
  );
  return SnapshotSchema.parse({
    schemaVersion: 1,
    tenantId: options.tenantId,
    pulledAt: deps.clock.now().toISOString(),
    tenant,
    units: outcomes.flatMap((o) => (o.ok ? [o.unit] : [])),
    failures: outcomes.flatMap((o) => (o.ok ? [] : [o.failure])),
  });
}
