import { UNIT_PULL_VERSION, type Snapshot, type TenantData, type UnitScorecard, type UnitSnapshot } from '../snapshot/schema.js';
import { AppError } from '../shared/errors.js';
import type { FixtureNode, TenantFixture } from './fixture.js';
import { reportListItems, stockholmDate } from './deadlines.js';
import { indexTenant, type TenantIndex } from './tenant-index.js';
import { activityRows, activityUnitIds, followUpNodes, isActivityNode, reportedActivities, roleHolders, toWireNode, unitComments, unitScorecardIds, visibleNodes } from './visibility.js';
import { nodeDescriptionFields, nodeKeywords, toWireColumn } from './wire.js';

/** Options of `snapshotFromFixture`. */
export interface SnapshotFromFixtureOptions {
  tenantId: string;
  /** The pull instant: stamps the snapshot and is "today" (Europe/Stockholm) for report-list deadlines. */
  pulledAt: Date | string;
  /** Units to include; default every department owning an Activity node (see `activityUnitIds`). */
  unitIds?: readonly string[];
}

/**
 * The snapshot a full pull over HTTP would assemble from the simulated tenant, built directly from
 * the fixture (no server, no requests: `requests` is 0). Per unit and per scorecard in which the
 * unit reports Activity nodes: every visible node (collections null, as `GET .../nodes`), keywords
 * and description fields of the activities it reports (empty lists included), its `activities/filter`
 * rows, and its comments on `followUpNodes` (empty lists included). Tenant data: the statuses of the
 * Activity columns, every scorecard's activity rows, every report list's rows for its owner with
 * `showAll=true`, and role holders on the root department's column-0 nodes for each role used there
 * (empty lists included). Readings at their defaults (`ScorecardNode.Department` = the owner).
 */
export function snapshotFromFixture(fixture: TenantFixture, options: SnapshotFromFixtureOptions): Snapshot {
  const index = indexTenant(fixture);
  const pulledAt = new Date(options.pulledAt);
  if (Number.isNaN(pulledAt.getTime())) throw new TypeError(`snapshotFromFixture: pulledAt is not an instant: ${String(options.pulledAt)}`);
  const stamp = pulledAt.toISOString();
  const unitIds = options.unitIds ?? activityUnitIds(index);
  for (const id of unitIds) {
    if (!index.departments.has(id)) throw new AppError('UNKNOWN_DEPARTMENT', `Department undefined: ${id}`, { details: { departmentId: id } });
  }
  return {
    schemaVersion: 1,
    tenantId: options.tenantId,
    pulledAt: stamp,
    tenant: tenantData(index, pulledAt),
    units: unitIds.map((id) => unitSnapshot(index, id, stamp)),
    failures: [],
  };
}

function unitSnapshot(index: TenantIndex, departmentId: string, pulledAt: string): UnitSnapshot {
  return {
    departmentId,
    pullVersion: UNIT_PULL_VERSION,
    pulledAt,
    scorecards: unitScorecardIds(index, departmentId).map((scorecardId) => unitScorecard(index, scorecardId, departmentId)),
    requests: 0,
    roleHolders: unitRoleHolders(index, departmentId),
  };
}

const topNodesByIndex = new WeakMap<TenantIndex, FixtureNode[]>();

/** The root department's column-0 nodes (focus areas, report nodes), found once per tenant index. */
function rootTopNodes(index: TenantIndex): FixtureNode[] {
  let nodes = topNodesByIndex.get(index);
  if (nodes === undefined) {
    nodes = index.fixture.nodes.filter((node) => node.departmentId === index.root.Id && index.columns.get(node.columnId)?.index === 0);
    topNodesByIndex.set(index, nodes);
  }
  return nodes;
}

/**
 * Role holders on the root's column-0 nodes that are named for this unit (department-specific
 * responsibles, such as each unit's "Vem rapporterar" on the report node), keyed as the pull keys them.
 */
function unitRoleHolders(index: TenantIndex, departmentId: string): UnitSnapshot['roleHolders'] {
  const out: UnitSnapshot['roleHolders'] = {};
  for (const node of rootTopNodes(index)) {
    for (const roleId of new Set(node.responsibles.filter((r) => r.departmentId === departmentId).map((r) => r.roleId))) {
      out[`${node.scorecardId}/${departmentId}/${node.id}/${roleId}`] = roleHolders(index, node, roleId, departmentId);
    }
  }
  return out;
}

function unitScorecard(index: TenantIndex, scorecardId: string, departmentId: string): UnitScorecard {
  const own = reportedActivities(index, scorecardId, departmentId);
  return {
    scorecardId,
    nodes: visibleNodes(index, scorecardId, departmentId).map((node) => toWireNode(index, node, departmentId)),
    keywords: Object.fromEntries(own.map((node) => [node.id, nodeKeywords(index, node)])),
    descriptionFields: Object.fromEntries(own.map((node) => [node.id, nodeDescriptionFields(index, node)])),
    activities: activityRows(index, { scorecardId, departmentId }),
    comments: Object.fromEntries(followUpNodes(index, scorecardId, departmentId).map((node) => [node.id, unitComments(index, node.id, departmentId)])),
  };
}

function tenantData(index: TenantIndex, pulledAt: Date): TenantData {
  const { fixture } = index;
  const today = stockholmDate(pulledAt);
  return {
    application: fixture.application,
    departments: fixture.departments,
    scorecards: fixture.scorecards,
    columns: fixture.scorecardColumns.map((column) => toWireColumn(index, column)),
    statuses: fixture.statuses,
    columnStatuses: Object.fromEntries(
      fixture.scorecardColumns.filter((column) => column.nodeType === 'Activity').map((column) => [column.id, [...(index.columnStatuses.get(column.id) ?? fixture.statuses)]]),
    ),
    activityRows: Object.fromEntries(
      fixture.scorecards.filter((s) => fixture.nodes.some((n) => n.scorecardId === s.Id && isActivityNode(index, n))).map((s) => [s.Id, activityRows(index, { scorecardId: s.Id })]),
    ),
    reportLists: Object.fromEntries(fixture.reportLists.map((list) => [list.id, reportListItems(index, list, list.userId, today, true)])),
    roleHolders: rootRoleHolders(index),
    pulledAt: pulledAt.toISOString(),
  };
}

/**
 * Key `<scorecardId>/<departmentId>/<nodeId>/<roleId>` → holders, for the root department's column-0
 * nodes in scorecards that hold Activity nodes, for every role assigned on any of those nodes.
 */
export function rootRoleHolders(index: TenantIndex): Record<string, ReturnType<typeof roleHolders>> {
  const rootId = index.root.Id;
  const pulled = new Set(index.fixture.nodes.filter((n) => isActivityNode(index, n)).map((n) => n.scorecardId));
  const topNodes = index.fixture.nodes.filter((n) => pulled.has(n.scorecardId) && n.departmentId === rootId && index.columns.get(n.columnId)?.index === 0);
  const roleIds = [...new Set(topNodes.flatMap((n) => n.responsibles.filter((r) => r.departmentId === null || r.departmentId === rootId).map((r) => r.roleId)))];
  const out: Record<string, ReturnType<typeof roleHolders>> = {};
  for (const node of topNodes) {
    for (const roleId of roleIds) out[`${node.scorecardId}/${rootId}/${node.id}/${roleId}`] = roleHolders(index, node, roleId, rootId);
  }
  return out;
}
