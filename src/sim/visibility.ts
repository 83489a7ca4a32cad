import type { Activity, Comment, Responsible, ScorecardNode, User } from '../stratsys/schemas.js';
import type { FixtureNode } from './fixture.js';
import type { Readings } from './readings.js';
import type { TenantIndex } from './tenant-index.js';
import { compareIds } from '../shared/ids.js';
import { nodeDescriptionFields, nodeKeywords, toWireActivity, toWireColumn, toWireComment } from './wire.js';

/**
 * The visibility rules of the simulated tenant, in one place. The HTTP server and the snapshot
 * fast path (`snapshotFromFixture`) both call these, so a pull over HTTP and the fast path see the
 * same data:
 *
 * - A node is visible in its owning department and in every department below it ("inherited").
 *   It is not visible in the owner's ancestors or siblings. An activity distributed to further
 *   departments is visible there (and below) too.
 * - Visible nodes are ordered level by level (column index); within a level by the parent's
 *   position, then sort order, then id.
 * - A responsible with a department holds only there; one without a department holds everywhere.
 * - Comments belong to the department that wrote them; a unit sees its own on any visible node.
 * - Activity rows are the nodes of `Activity` columns, one per node and reporting department (the
 *   owner and each department it is distributed to), as `ActivityServiceUT.cs` shows.
 * - `ScorecardNode.Department` is the owner or the requested department, per the `nodeDepartment` reading.
 */

/** Expansions of `GET .../nodes/{n}?fields=`. */
export const NODE_FIELDS = ['descriptionfields', 'keywords', 'responsibles', 'nodetypespecific'] as const;
export type NodeField = (typeof NODE_FIELDS)[number];

/** Parses `fields=`: comma-separated, case-insensitive; unknown values are ignored. */
export function parseNodeFields(raw: string | undefined, firstOnly = false): ReadonlySet<NodeField> {
  const parts = (raw ?? '').split(',').map((part) => part.trim().toLowerCase());
  const wanted = new Set(firstOnly ? parts.slice(0, 1) : parts);
  return new Set(NODE_FIELDS.filter((field) => wanted.has(field)));
}

/** True when the node sits in a column of node type `Activity`. */
export function isActivityNode(index: TenantIndex, node: FixtureNode): boolean {
  return index.columns.get(node.columnId)?.nodeType === 'Activity';
}

function columnIndexOf(index: TenantIndex, node: FixtureNode): number {
  return index.columns.get(node.columnId)?.index ?? 0;
}

/** Nodes of a scorecard visible in a department: its own and its ancestors' (owned or distributed), level by level. */
export function visibleNodes(index: TenantIndex, scorecardId: string, departmentId: string): FixtureNode[] {
  const chain = index.ancestors(departmentId);
  const owned = chain.flatMap((owner) => index.ownedNodes.get(`${scorecardId}/${owner}`) ?? []);
  const distributed = chain.flatMap((unit) => index.distributedNodes.get(`${scorecardId}/${unit}`) ?? []);
  const nodes = distributed.length === 0 ? owned : [...new Set([...owned, ...distributed])];
  const levels = new Map<number, FixtureNode[]>();
  for (const node of nodes) {
    const level = columnIndexOf(index, node);
    const members = levels.get(level);
    if (members) members.push(node);
    else levels.set(level, [node]);
  }
  const rank = new Map<string, number>();
  const rankOf = (id: string | null) => (id === null ? -1 : (rank.get(id) ?? -1));
  const ordered: FixtureNode[] = [];
  for (const level of [...levels.keys()].sort((a, b) => a - b)) {
    const members = levels.get(level) ?? [];
    members.sort((a, b) => rankOf(a.parentId) - rankOf(b.parentId) || a.sortOrder - b.sortOrder || compareIds(a.id, b.id));
    for (const node of members) {
      rank.set(node.id, ordered.length);
      ordered.push(node);
    }
  }
  return ordered;
}

/** The node, when it belongs to the scorecard and is visible in the department. */
export function findVisibleNode(index: TenantIndex, scorecardId: string, departmentId: string, nodeId: string): FixtureNode | undefined {
  const node = index.nodes.get(nodeId);
  if (!node || node.scorecardId !== scorecardId) return undefined;
  const chain = index.ancestors(departmentId);
  return chain.includes(node.departmentId) || node.distributedTo.some((unit) => chain.includes(unit)) ? node : undefined;
}

/** The departments that report an activity: its owner, then those it is distributed to. */
export function reportingDepartments(node: FixtureNode): string[] {
  return [...new Set([node.departmentId, ...node.distributedTo])];
}

/** Holders of a role on a node, as seen from a department. */
export function roleHolders(index: TenantIndex, node: FixtureNode, roleId: string, departmentId: string): User[] {
  return node.responsibles.filter((r) => r.roleId === roleId && (r.departmentId === null || r.departmentId === departmentId)).flatMap((r) => index.users.get(r.userId) ?? []);
}

function nodeResponsibles(index: TenantIndex, node: FixtureNode, departmentId: string): Responsible[] {
  return node.responsibles
    .filter((r) => r.departmentId === null || r.departmentId === departmentId)
    .flatMap((r) => {
      const user = index.users.get(r.userId);
      const role = index.roles.get(r.roleId);
      return user && role ? [{ User: user, ResponsibilityRole: role }] : [];
    });
}

/**
 * A node as `GET .../nodes[/{n}]` returns it; collections stay null unless expanded by `fields`.
 * `Department` is the owner, or the requested department under the `requested` reading.
 */
export function toWireNode(
  index: TenantIndex,
  node: FixtureNode,
  departmentId: string,
  fields: ReadonlySet<NodeField> = new Set(),
  nodeDepartment: Readings['nodeDepartment'] = 'owner',
): ScorecardNode {
  const owner = index.departments.get(nodeDepartment === 'requested' ? departmentId : node.departmentId) ?? index.root;
  const scorecard = index.scorecards.get(node.scorecardId) ?? { Id: node.scorecardId, Name: '' };
  const column = index.columns.get(node.columnId);
  const typed = fields.has('nodetypespecific') && column?.nodeType === 'Activity';
  return {
    Id: node.id,
    Name: node.name,
    ParentId: node.parentId,
    Department: owner,
    Scorecard: scorecard,
    ScorecardColumn: column ? toWireColumn(index, column) : { Id: node.columnId, ScorecardId: node.scorecardId, Scorecard: scorecard, Name: '', Definition: null, Index: 0, NodeType: 'Goal' },
    DescriptionFields: fields.has('descriptionfields') ? nodeDescriptionFields(index, node) : null,
    Keywords: fields.has('keywords') ? nodeKeywords(index, node) : null,
    Responsibles: fields.has('responsibles') ? nodeResponsibles(index, node, departmentId) : null,
    CurrentStatus: typed && node.statusId !== null ? (index.statuses.get(node.statusId) ?? null) : null,
    Statuses: typed ? [...index.statuses.values()] : null,
    SortOrder: node.sortOrder,
  };
}

/** A department's comments on a node (all departments' when `departmentId` is null), oldest period first. */
export function unitComments(index: TenantIndex, nodeId: string, departmentId: string | null): Comment[] {
  // The validated dates order the comments; served overrides (unreadable dates) only change the wire form.
  const comments = departmentId === null ? index.commentsByNode.get(nodeId) : index.comments.get(`${nodeId}/${departmentId}`);
  return [...(comments ?? [])].sort((a, b) => a.periodDate.localeCompare(b.periodDate) || a.postedDate.localeCompare(b.postedDate) || compareIds(a.id, b.id)).map(toWireComment);
}

/** Parameters of `GET activities/filter` (all optional, combined with AND). */
export interface ActivityFilter {
  scorecardId?: string;
  departmentId?: string;
  statusId?: string;
  id?: string;
  /** Case-insensitive substring of the name. */
  name?: string;
  /** Only activities this user holds a role on. */
  userId?: string;
  excludeFinished?: boolean;
  /** Simple activities are personal to-dos outside scorecards; the simulator has none. */
  onlySimple?: boolean;
  withColumns?: boolean;
}

/** `GET activities/filter`: one row per node of an Activity column and reporting department. */
export function activityRows(index: TenantIndex, filter: ActivityFilter): Activity[] {
  if (filter.onlySimple) return [];
  const name = filter.name?.toLowerCase();
  return candidateNodes(index, filter)
    .flatMap((node) => reportingDepartments(node).map((departmentId) => ({ node, departmentId })))
    .filter(({ node, departmentId }) => {
      if (!isActivityNode(index, node)) return false;
      if (filter.scorecardId !== undefined && node.scorecardId !== filter.scorecardId) return false;
      if (filter.departmentId !== undefined && departmentId !== filter.departmentId) return false;
      if (filter.statusId !== undefined && node.statusId !== filter.statusId) return false;
      if (filter.id !== undefined && node.id !== filter.id) return false;
      if (name !== undefined && !node.name.toLowerCase().includes(name)) return false;
      if (filter.userId !== undefined && !node.responsibles.some((r) => r.userId === filter.userId)) return false;
      const statusType = node.statusId === null ? null : index.statuses.get(node.statusId)?.StatusType;
      return !(filter.excludeFinished && statusType === 'Finished');
    })
    .map(({ node, departmentId }) => toWireActivity(index, node, departmentId, filter.withColumns));
}

/**
 * The fixture's nodes in fixture order; for one scorecard and department only those the department
 * owns or has distributed to it (the fast path asks per unit, so scanning every node would be quadratic).
 */
function candidateNodes(index: TenantIndex, filter: ActivityFilter): readonly FixtureNode[] {
  if (filter.scorecardId === undefined || filter.departmentId === undefined) return index.fixture.nodes;
  const key = `${filter.scorecardId}/${filter.departmentId}`;
  const position = nodePositions(index);
  return [...new Set([...(index.ownedNodes.get(key) ?? []), ...(index.distributedNodes.get(key) ?? [])])].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
}

const positions = new WeakMap<TenantIndex, Map<FixtureNode, number>>();

/** Each fixture node's place in the fixture, made once per tenant index. */
function nodePositions(index: TenantIndex): Map<FixtureNode, number> {
  let made = positions.get(index);
  if (made === undefined) {
    made = new Map(index.fixture.nodes.map((node, i) => [node, i]));
    positions.set(index, made);
  }
  return made;
}

/** Whether the department reports the activity node (owns it or has it distributed to it). */
export function isReportedBy(index: TenantIndex, node: FixtureNode, departmentId: string): boolean {
  return isActivityNode(index, node) && (node.departmentId === departmentId || node.distributedTo.includes(departmentId));
}

/** Units a full pull visits: every department that reports a node of an Activity column, in tree order. */
export function activityUnitIds(index: TenantIndex): string[] {
  const reporters = new Set(index.fixture.nodes.filter((n) => isActivityNode(index, n)).flatMap(reportingDepartments));
  return index.fixture.departments.filter((d) => reporters.has(d.Id)).map((d) => d.Id);
}

/** Scorecards a pull reads for a unit: those in which the unit reports Activity nodes, in fixture order. */
export function unitScorecardIds(index: TenantIndex, departmentId: string): string[] {
  return index.fixture.scorecards.map((s) => s.Id).filter((s) => reportedActivities(index, s, departmentId).length > 0);
}

/** The activities a unit reports in a scorecard (owned or distributed to it), in visible order. */
export function reportedActivities(index: TenantIndex, scorecardId: string, departmentId: string): FixtureNode[] {
  return visibleNodes(index, scorecardId, departmentId).filter((n) => isReportedBy(index, n, departmentId));
}

/**
 * Nodes whose comments a pull reads for a unit: the activities it reports, and every visible node of
 * column index 0 (focus areas, and e.g. the project-report node the unit comments on).
 */
export function followUpNodes(index: TenantIndex, scorecardId: string, departmentId: string): FixtureNode[] {
  return visibleNodes(index, scorecardId, departmentId).filter((n) => isReportedBy(index, n, departmentId) || columnIndexOf(index, n) === 0);
}
