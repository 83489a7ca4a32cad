import type { ProgrammeMapping } from '../src/mapping/file/schema.js';
import { classifyUnits, isActiveInPeriod } from '../src/mapping/engine/classify-units.js';
import type { TenantFixture } from '../src/sim/fixture.js';
import { indexTenant } from '../src/sim/tenant-index.js';
import { activityRows, visibleNodes } from '../src/sim/visibility.js';

/** Requests per route (`METHOD template`, as the simulator counts them). */
export type RouteCounts = Record<string, number>;

const NODE = 'GET scorecards/{scorecardId}/departments/{departmentId}/nodes';
const ROLE = `${NODE}/{nodeId}/responsibilityroles/{roleId}/users`;
/** One request per reported activity row (keywords and description fields together). */
export const ACTIVITY_NODE = `${NODE}/{nodeId}`;

/**
 * The fewest requests the API v1 contract allows for one nightly run of this tenant under this
 * mapping, from the tenant's shape alone (its departments, nodes and activity rows, as the tenant
 * would answer them) — not from the worker's plan or the requests it made:
 *
 * - reference: departments (to classify units), per mapping scorecard its columns and its activity
 *   rows (`activities/filter?scorecardId=`: every activity × department, ActivityServiceUT.cs), the
 *   statuses of each activity column, each report list, each owner role lookup, and each
 *   project-statement node's comments once (no `departmentId`, CommentServiceUT.cs);
 * - per unit and scorecard its visible nodes (no call lists the nodes of many departments), per unit
 *   its reporter role lookup;
 * - per reported activity row one request for keywords and description fields together
 *   (`fields=keywords,descriptionfields`, contract 5.16, where the tenant fills both, as this one
 *   does); per reported activity *node* one comment read without `departmentId` (every unit's);
 * - per indicator KPI one read without `departmentId` for the year's date (KpiDataServiceUT.cs), and
 *   one `PUT kpidata` per value that changed (there is no batch write): `writes`, from the run.
 */
export function contractMinimum(fixture: TenantFixture, mapping: ProgrammeMapping, writes: number): RouteCounts {
  const index = indexTenant(fixture);
  const units = classifyUnits(fixture.departments, mapping)
    .filter((unit) => unit.kind !== 'other' && isActiveInPeriod(unit, mapping))
    .map((unit) => unit.id);
  const planned = new Set(units);
  const scorecardIds = [...new Set(mapping.scorecards.map((card) => card.id))].filter((id) => fixture.scorecards.some((s) => s.Id === id));
  const activityColumns = [...index.columns.values()].filter((column) => scorecardIds.includes(column.scorecardId) && column.nodeType === 'Activity').length;
  const rows = scorecardIds.flatMap((scorecardId) => activityRows(index, { scorecardId }).filter((row) => planned.has(row.DepartmentId)));
  const reportedNodes = new Set(rows.map((row) => row.Id)).size;
  const statementNodes = new Set(mapping.projectStatements?.nodeIds ?? []).size;
  const visible = units.reduce((sum, unit) => sum + scorecardIds.filter((scorecardId) => visibleNodes(index, scorecardId, unit).length > 0).length, 0);
  const kpis = new Set(mapping.indicators.map((indicator) => indicator.kpiId)).size;
  const counts: RouteCounts = {
    'GET departments': 1,
    'GET scorecardcolumns/filter': scorecardIds.length,
    'GET statuses/filter': activityColumns,
    'GET activities/filter': scorecardIds.length,
    'GET stratsys-apps/reportlists/{listId}/users/{user}': reportLists(mapping),
    [ROLE]: mapping.owners.filter((owner) => owner.role !== null).length + (mapping.alerts.reporters === null ? 0 : units.length),
    [NODE]: visible,
    [ACTIVITY_NODE]: rows.length,
    'GET comments/{nodeId}/filter': reportedNodes + statementNodes,
    'GET kpidata/{kpiId}/filter': kpis,
    'PUT kpidata': writes,
  };
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

function reportLists(mapping: ProgrammeMapping): number {
  const { actionPlanFollowUp, projectReport } = mapping.obligations;
  const lists = [actionPlanFollowUp?.due, projectReport?.due].flatMap((due) => (due?.kind === 'report-list' ? [`${due.reportListId}/${due.user}`] : []));
  return new Set(lists).size;
}

/** Total of a route table. */
export function total(counts: RouteCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
