import { toAppError } from '../shared/errors.js';
import type { StratsysClient } from '../stratsys/client.js';
import { Semaphore } from '../shared/semaphore.js';
import type { Activity, Comment, ScorecardNode } from '../stratsys/schemas.js';
import type { PullPlan } from '../mapping/engine/pull-plan.js';
import { pullExpansions, type NodeFieldsMode } from './node-fields.js';
import { pullTenantData, type Planner, type PullDeps } from './pull-tenant.js';
import { SnapshotSchema, UNIT_PULL_VERSION, type Snapshot, type TenantData, type UnitFailure, type UnitScorecard, type UnitSnapshot } from '../snapshot/schema.js';

export type UnitOutcome = { ok: true; unit: UnitSnapshot } | { ok: false; failure: UnitFailure };

/** What a unit pull can take from the run's reference data instead of asking per unit. */
export interface UnitPullOptions {
  /**
   * Scorecard id → the tenant-wide `activities/filter?scorecardId=` rows of this run (a full run
   * asks once per scorecard instead of once per unit). Absent, or a scorecard missing: the unit asks
   * for its own rows (a one-unit re-run always does, so that it sees the current rows).
   */
  activityRows?: TenantData['activityRows'];
  /** Statement node id → every unit's comments of this run (`TenantData.statementComments`); absent: the unit asks. */
  statementComments?: TenantData['statementComments'];
  /** Whether keywords and description fields come in one request (the run's probe); default separate. */
  nodeFields?: NodeFieldsMode;
}

/** The run's options for a unit of a full run: everything the reference data holds. */
export function fullRunOptions(tenant: TenantData): UnitPullOptions {
  return { activityRows: tenant.activityRows, statementComments: tenant.statementComments, nodeFields: tenant.nodeFields };
}

/**
 * Everything the programme needs from one unit: per action-plan scorecard its visible nodes, the
 * activities it reports (its `activities/filter` rows), the expansions the mapping asks for on those
 * activities, and the unit's follow-up comments on them and on the project-statement nodes.
 * Requests: 1–2 per scorecard + per reported activity its keywords and description fields (one
 * request when combined, description fields only where the mapping reads them) and its comments +
 * 1 per visible statement node unless the run's reference data holds them.
 */
export async function pullUnit(deps: PullDeps, plan: PullPlan, unitId: string, options: UnitPullOptions = {}): Promise<UnitSnapshot> {
  const client = deps.client.scoped();
  const roleHolders: UnitSnapshot['roleHolders'] = {};
  const [scorecards] = await Promise.all([
    Promise.all(plan.scorecardIds.map((scorecardId) => pullUnitScorecard(client, plan, { scorecardId, unitId }, options))),
    Promise.all(
      plan.unitRoleHolders.map(async ({ scorecardId, nodeId, roleId }) => {
        roleHolders[`${scorecardId}/${unitId}/${nodeId}/${roleId}`] = await client.roleHolders(scorecardId, unitId, nodeId, roleId);
      }),
    ),
  ]);
  return { departmentId: unitId, pullVersion: UNIT_PULL_VERSION, pulledAt: deps.clock.now().toISOString(), scorecards, requests: client.requestCount, roleHolders };
}

async function pullUnitScorecard(client: StratsysClient, plan: PullPlan, at: { scorecardId: string; unitId: string }, options: UnitPullOptions): Promise<UnitScorecard> {
  const { scorecardId, unitId } = at;
  const tenantRows = options.activityRows?.[scorecardId];
  const [nodes, rows] = await Promise.all([client.nodes(scorecardId, unitId), tenantRows ? rowsOfUnit(tenantRows, unitId) : client.activities({ scorecardId, departmentId: unitId })]);
  // Rows, not ScorecardNode.Department, say who reports an activity (contract 5.9).
  const activities = rows.filter((row) => row.DepartmentId === unitId);
  const reported = new Set(activities.map((row) => row.Id));
  const statements = new Set(plan.commentInheritedNodeIds);
  const result: UnitScorecard = { scorecardId, nodes, keywords: {}, descriptionFields: {}, activities, comments: {} };
  const own = (comments: Comment[]) => comments.filter((comment) => comment.DepartmentId === unitId);
  const expand = plan.expand.keywords || plan.expand.descriptionFields;
  const mode = options.nodeFields ?? 'separate';
  await Promise.all(
    nodes.flatMap((node: ScorecardNode) => {
      const isReported = reported.has(node.Id);
      const shared = isReported ? undefined : options.statementComments?.[node.Id];
      return [
        isReported && expand
          ? pullExpansions(client, plan, mode, { scorecardId, departmentId: unitId, nodeId: node.Id }).then((found) => {
              if (found.keywords) result.keywords[node.Id] = found.keywords;
              if (found.descriptionFields) result.descriptionFields[node.Id] = found.descriptionFields;
            })
          : null,
        !isReported && !statements.has(node.Id)
          ? null
          : shared
            ? void (result.comments[node.Id] = own(shared))
            : client.comments(node.Id, unitId).then((comments) => void (result.comments[node.Id] = own(comments))),
      ];
    }),
  );
  return result;
}

const rowsByUnit = new WeakMap<Activity[], Map<string, Activity[]>>();

/** A unit's rows among a scorecard's tenant-wide rows, indexed once per list (not scanned per unit). */
function rowsOfUnit(rows: Activity[], unitId: string): Activity[] {
  let index = rowsByUnit.get(rows);
  if (index === undefined) {
    index = new Map();
    for (const row of rows) {
      const list = index.get(row.DepartmentId);
      if (list) list.push(row);
      else index.set(row.DepartmentId, [row]);
    }
    rowsByUnit.set(rows, index);
  }
  return index.get(unitId) ?? [];
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
      const outcome = await units.run(() => pullUnitSafely(deps, plan, id, fullRunOptions(tenant)));
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
