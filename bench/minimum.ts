import type { PullPlan } from '../src/mapping/engine/pull-plan.js';
import type { RunResult } from '../src/pipeline/run.js';
import type { Snapshot } from '../src/snapshot/schema.js';

export interface RequestBudget {
  tenant: number;
  units: number;
  kpiReads: number;
  kpiWrites: number;
  total: number;
}

/**
 * The fewest requests the API v1 contract allows for this run: no list endpoint returns keywords,
 * description fields or comments for many nodes at once, so each own node costs one request per
 * expansion the mapping needs plus one for its comments, and each unit one per role lookup (who
 * reports); KPI values are read once per KPI,
 * department and period, and written one per changed value (there is no batch write).
 */
export function minimumRequests(plan: PullPlan, snapshot: Snapshot, result: Pick<RunResult, 'writeBack'>): RequestBudget {
  const tenant = 4 + plan.scorecardIds.length + plan.reportLists.length + plan.roleHolders.length;
  const commentTypes = new Set(plan.commentNodeTypes);
  const inherited = new Set(plan.commentInheritedNodeIds);
  let units = 0;
  for (const unit of snapshot.units) {
    for (const scorecard of unit.scorecards) {
      const own = scorecard.nodes.filter((n) => n.Department.Id === unit.departmentId);
      const comments = scorecard.nodes.filter((n) => (n.Department.Id === unit.departmentId ? commentTypes.has(n.ScorecardColumn.NodeType) : inherited.has(n.Id)));
      units += 2 + own.length * ((plan.expand.keywords ? 1 : 0) + (plan.expand.descriptionFields ? 1 : 0)) + comments.length;
    }
    units += plan.unitRoleHolders.length;
  }
  const w = result.writeBack;
  const kpiReads = w.reads;
  return { tenant, units, kpiReads, kpiWrites: w.written + w.rejected.length, total: tenant + units + kpiReads + w.written + w.rejected.length };
}
