import type { z } from 'zod';
import { TenantFixtureShape, type TenantFixture } from './fixture.js';

type Path = (string | number)[];

/**
 * Cross-reference checks of a tenant fixture, run by the schema after the field checks: every id
 * that points at another entity must exist, and ids are unique per collection. Each problem is a
 * zod issue at the referring field's path, e.g. `nodes.12.departmentId: unknown department "999"`.
 */
export function checkFixtureReferences(fixture: TenantFixture, ctx: z.RefinementCtx): void {
  const fail = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const ids = <T>(name: string, items: readonly T[], idOf: (item: T) => string): Set<string> => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const id = idOf(item);
      if (seen.has(id)) fail([name, i], `duplicate id "${id}"`);
      seen.add(id);
    });
    return seen;
  };
  const departments = ids('departments', fixture.departments, (d) => d.Id);
  const scorecards = ids('scorecards', fixture.scorecards, (s) => s.Id);
  const columns = ids('scorecardColumns', fixture.scorecardColumns, (c) => c.id);
  const statuses = ids('statuses', fixture.statuses, (s) => s.Id);
  const roles = ids('responsibilityRoles', fixture.responsibilityRoles, (r) => r.Id);
  const users = ids('users', fixture.users, (u) => u.Id);
  const groups = ids('keywordGroups', fixture.keywordGroups, (g) => g.id);
  const keywords = ids('keywords', fixture.keywords, (k) => k.id);
  const fields = ids('descriptionFields', fixture.descriptionFields, (f) => f.Id);
  const nodes = ids('nodes', fixture.nodes, (n) => n.id);
  const kpis = ids('kpis', fixture.kpis, (k) => k.id);
  ids('kpiColumns', fixture.kpiColumns, (c) => c.id);
  ids('comments', fixture.comments, (c) => c.id);
  ids('reportLists', fixture.reportLists, (r) => r.id);
  ids('reportingLists', fixture.reportingLists, (r) => r.id);

  const ref = (known: Set<string>, what: string, id: string | null | undefined, path: Path) => {
    if (id !== null && id !== undefined && !known.has(id)) fail(path, `unknown ${what} "${id}"`);
  };

  if (fixture.departments.filter((d) => d.ParentId === null).length !== 1) fail(['departments'], 'expected exactly one root department (ParentId null)');
  fixture.departments.forEach((d, i) => ref(departments, 'department', d.ParentId, ['departments', i, 'ParentId']));
  ref(users, 'user', fixture.serviceUserId, ['serviceUserId']);
  fixture.scorecardColumns.forEach((c, i) => ref(scorecards, 'scorecard', c.scorecardId, ['scorecardColumns', i, 'scorecardId']));
  fixture.users.forEach((u, i) => ref(departments, 'department', u.DepartmentId, ['users', i, 'DepartmentId']));
  fixture.keywordGroups.forEach((g, i) => g.columnIds.forEach((c, j) => ref(columns, 'scorecard column', c, ['keywordGroups', i, 'columnIds', j])));
  fixture.keywords.forEach((k, i) => ref(groups, 'keyword group', k.groupId, ['keywords', i, 'groupId']));

  const columnScorecard = new Map(fixture.scorecardColumns.map((c) => [c.id, c.scorecardId]));
  const nodeScorecard = new Map(fixture.nodes.map((n) => [n.id, n.scorecardId]));
  fixture.nodes.forEach((n, i) => {
    const at = (field: string, ...rest: Path): Path => ['nodes', i, field, ...rest];
    ref(scorecards, 'scorecard', n.scorecardId, at('scorecardId'));
    ref(departments, 'department', n.departmentId, at('departmentId'));
    ref(statuses, 'status', n.statusId, at('statusId'));
    if (!columns.has(n.columnId)) fail(at('columnId'), `unknown scorecard column "${n.columnId}"`);
    else if (columnScorecard.get(n.columnId) !== n.scorecardId) fail(at('columnId'), `column "${n.columnId}" is not a column of scorecard "${n.scorecardId}"`);
    if (n.parentId !== null) {
      if (!nodes.has(n.parentId)) fail(at('parentId'), `unknown node "${n.parentId}"`);
      else if (nodeScorecard.get(n.parentId) !== n.scorecardId) fail(at('parentId'), `parent node "${n.parentId}" is in another scorecard`);
    }
    n.distributedTo.forEach((d, j) => ref(departments, 'department', d, at('distributedTo', j)));
    n.keywordIds.forEach((k, j) => ref(keywords, 'keyword', k, at('keywordIds', j)));
    Object.keys(n.descriptionFields).forEach((f) => ref(fields, 'description field', f, at('descriptionFields', f)));
    n.responsibles.forEach((r, j) => {
      ref(users, 'user', r.userId, at('responsibles', j, 'userId'));
      ref(roles, 'responsibility role', r.roleId, at('responsibles', j, 'roleId'));
      ref(departments, 'department', r.departmentId, at('responsibles', j, 'departmentId'));
    });
  });
  fixture.columnStatuses.forEach((c, i) => {
    ref(columns, 'scorecard column', c.columnId, ['columnStatuses', i, 'columnId']);
    c.statusIds.forEach((s, j) => ref(statuses, 'status', s, ['columnStatuses', i, 'statusIds', j]));
  });
  fixture.comments.forEach((c, i) => {
    ref(nodes, 'node', c.nodeId, ['comments', i, 'nodeId']);
    ref(departments, 'department', c.departmentId, ['comments', i, 'departmentId']);
    ref(users, 'user', c.userId, ['comments', i, 'userId']);
  });
  checkKpiReferences(fixture, { departments, scorecards, kpis }, ref, fail);
  fixture.reportLists.forEach((l, i) => {
    ref(users, 'user', l.userId, ['reportLists', i, 'userId']);
    l.rows.forEach((r, j) => ref(departments, 'department', r.departmentId, ['reportLists', i, 'rows', j, 'departmentId']));
  });
  fixture.reportingLists.forEach((l, i) => {
    ref(users, 'user', l.userId, ['reportingLists', i, 'userId']);
    l.rows.forEach((r, j) => {
      ref(departments, 'department', r.departmentId, ['reportingLists', i, 'rows', j, 'departmentId']);
      ref(nodes, 'node', r.nodeId, ['reportingLists', i, 'rows', j, 'nodeId']);
    });
  });
}

type RefCheck = (known: Set<string>, what: string, id: string | null | undefined, path: Path) => void;

function checkKpiReferences(fixture: TenantFixture, known: { departments: Set<string>; scorecards: Set<string>; kpis: Set<string> }, ref: RefCheck, fail: (path: Path, message: string) => void): void {
  const kpiDepartments = new Map(fixture.kpis.map((k) => [k.id, new Set(k.departmentIds)]));
  const periodicities = new Set(fixture.periodicities.map((p) => p.Id));
  fixture.kpis.forEach((k, i) => {
    ref(known.scorecards, 'scorecard', k.scorecardId, ['kpis', i, 'scorecardId']);
    if (periodicities.size > 0) ref(periodicities, 'periodicity', k.periodicityId, ['kpis', i, 'periodicityId']);
    k.departmentIds.forEach((d, j) => ref(known.departments, 'department', d, ['kpis', i, 'departmentIds', j]));
  });
  const columnsOf = new Map<string, { departmentId: string | null }>();
  fixture.kpiColumns.forEach((c, i) => {
    columnsOf.set(`${c.kpiId}/${c.id}`, c);
    if (!known.kpis.has(c.kpiId)) fail(['kpiColumns', i, 'kpiId'], `unknown KPI "${c.kpiId}"`);
    else if (c.departmentId !== null && !kpiDepartments.get(c.kpiId)?.has(c.departmentId)) {
      fail(['kpiColumns', i, 'departmentId'], `KPI "${c.kpiId}" does not exist in department "${c.departmentId}"`);
    }
  });
  fixture.kpiData.forEach((v, i) => {
    if (!known.kpis.has(v.kpiId)) return fail(['kpiData', i, 'kpiId'], `unknown KPI "${v.kpiId}"`);
    if (!kpiDepartments.get(v.kpiId)?.has(v.departmentId)) fail(['kpiData', i, 'departmentId'], `KPI "${v.kpiId}" does not exist in department "${v.departmentId}"`);
    const column = columnsOf.get(`${v.kpiId}/${v.columnId}`);
    if (!column || (column.departmentId !== null && column.departmentId !== v.departmentId)) {
      fail(['kpiData', i, 'columnId'], `KPI "${v.kpiId}" has no column "${v.columnId}" in department "${v.departmentId}"`);
    }
  });
  fixture.lockedPeriods.forEach((p, i) => {
    ref(known.kpis, 'KPI', p.kpiId, ['lockedPeriods', i, 'kpiId']);
    ref(known.departments, 'department', p.departmentId, ['lockedPeriods', i, 'departmentId']);
  });
}

/** A tenant fixture file; references between entities are checked (unknown ids fail with their path). */
export const TenantFixtureSchema = TenantFixtureShape.superRefine(checkFixtureReferences);
