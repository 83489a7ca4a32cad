import { toAppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { StratsysClient } from '../stratsys/client.js';
import { Semaphore } from '../stratsys/limiter.js';
import type { Department, ScorecardNode } from '../stratsys/schemas.js';
import type { PullPlan } from '../mapping/pull-plan.js';
import { SnapshotSchema, type Snapshot, type TenantData, type UnitFailure, type UnitScorecard, type UnitSnapshot } from '../snapshot/schema.js';

export interface PullDeps {
  client: StratsysClient;
  clock: Clock;
  logger: Logger;
}

/** Derives what to pull from the tenant's departments (the mapping's `planPull`). */
export type Planner = (departments: Department[]) => PullPlan;

export type UnitOutcome = { ok: true; unit: UnitSnapshot } | { ok: false; failure: UnitFailure };

/**
 * Tenant-wide reference data: application, departments, statuses, the action-plan scorecards and
 * their columns, report-list deadlines and the holders of owner roles. One request each.
 */
export async function pullTenantData(deps: PullDeps, planFor: Planner): Promise<{ tenant: TenantData; plan: PullPlan }> {
  const { client } = deps;
  const [application, departments, statuses, scorecards] = await Promise.all([client.application(), client.departments(), client.statuses(), client.scorecards()]);
  const plan = planFor(departments);
  const wanted = new Set(plan.scorecardIds);
  const columns = (await Promise.all(plan.scorecardIds.map((id) => client.scorecardColumns(id)))).flat();
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
    reportLists,
    roleHolders,
    pulledAt: deps.clock.now().toISOString(),
  };
  return { tenant, plan };
}

/**
 * Everything the programme needs from one unit: per action-plan scorecard its visible nodes,
 * activity rows, the expansions the mapping asks for on the unit's own nodes, and the unit's
 * follow-up comments. Requests: 2 per scorecard + per own node (keywords, description fields,
 * comments as needed) + 1 per inherited comment node.
 */
export async function pullUnit(deps: PullDeps, plan: PullPlan, departmentId: string): Promise<UnitSnapshot> {
  const client = deps.client.scoped();
  const roleHolders: UnitSnapshot['roleHolders'] = {};
  const [scorecards] = await Promise.all([
    Promise.all(plan.scorecardIds.map((scorecardId) => pullUnitScorecard(client, plan, scorecardId, departmentId))),
    Promise.all(
      plan.unitRoleHolders.map(async ({ scorecardId, nodeId, roleId }) => {
        roleHolders[`${scorecardId}/${departmentId}/${nodeId}/${roleId}`] = await client.roleHolders(scorecardId, departmentId, nodeId, roleId);
      }),
    ),
  ]);
  return { departmentId, pulledAt: deps.clock.now().toISOString(), scorecards, requests: client.requestCount, roleHolders };
}

async function pullUnitScorecard(client: StratsysClient, plan: PullPlan, scorecardId: string, departmentId: string): Promise<UnitScorecard> {
  const [nodes, activities] = await Promise.all([client.nodes(scorecardId, departmentId), client.activities({ scorecardId, departmentId })]);
  const own = nodes.filter((node) => node.Department.Id === departmentId);
  const commentTypes = new Set(plan.commentNodeTypes);
  const inherited = new Set(plan.commentInheritedNodeIds);
  const commentNodes = nodes.filter((node) => (node.Department.Id === departmentId ? commentTypes.has(node.ScorecardColumn.NodeType) : inherited.has(node.Id)));
  const result: UnitScorecard = { scorecardId, nodes, keywords: {}, descriptionFields: {}, activities, comments: {} };
  await Promise.all([
    ...(plan.expand.keywords ? own.map(async (node) => void (result.keywords[node.Id] = await client.nodeKeywords(scorecardId, departmentId, node.Id))) : []),
    ...(plan.expand.descriptionFields ? own.map(async (node) => void (result.descriptionFields[node.Id] = await client.nodeDescriptionFields(scorecardId, departmentId, node.Id))) : []),
    ...commentNodes.map(async (node: ScorecardNode) => void (result.comments[node.Id] = await client.comments(node.Id, departmentId))),
  ]);
  return result;
}

/** Pulls one unit and turns a failure into a recorded UnitFailure instead of an exception. */
export async function pullUnitSafely(deps: PullDeps, plan: PullPlan, departmentId: string): Promise<UnitOutcome> {
  try {
    return { ok: true, unit: await pullUnit(deps, plan, departmentId) };
  } catch (error) {
    const appError = toAppError(error, `pull of unit ${departmentId}`);
    deps.logger.warn({ departmentId, err: appError }, 'unit pull failed');
    return { ok: false, failure: { departmentId, code: appError.code, message: appError.message } };
  }
}

export interface PullOptions {
  tenantId: string;
  /** Pull only these units (the others are absent, not failed). */
  departmentIds?: string[];
  onUnit?: (outcome: UnitOutcome, done: number, total: number) => void;
}

/**
 * A full pull: reference data, then every planned unit concurrently (the transport bounds the
 * load). A unit that fails is recorded in `failures`; the snapshot is validated before returning.
 */
export async function pullSnapshot(deps: PullDeps, planFor: Planner, options: PullOptions): Promise<Snapshot> {
  const { tenant, plan } = await pullTenantData(deps, planFor);
  const unitIds = options.departmentIds ?? plan.unitIds;
  let done = 0;
  const units = new Semaphore(8); // see RunDeps.unitConcurrency
  const outcomes = await Promise.all(
    unitIds.map(async (id) => {
      const outcome = await units.run(() => pullUnitSafely(deps, plan, id));
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
