import type { Department, DescriptionField, ResponsibilityRole, Scorecard, Status, User } from '../stratsys/schemas.js';
import type { FixtureColumn, FixtureComment, FixtureKeyword, FixtureKeywordGroup, FixtureKpi, FixtureKpiColumn, FixtureNode, TenantFixture } from './fixture.js';

/**
 * Lookup tables over one tenant fixture, built once per fixture object (memoised) and shared by
 * the server and the snapshot fast path. Read-only: the fixture must not be mutated afterwards.
 */
export interface TenantIndex {
  readonly fixture: TenantFixture;
  readonly root: Department;
  readonly departments: ReadonlyMap<string, Department>;
  readonly scorecards: ReadonlyMap<string, Scorecard>;
  readonly columns: ReadonlyMap<string, FixtureColumn>;
  readonly statuses: ReadonlyMap<string, Status>;
  readonly roles: ReadonlyMap<string, ResponsibilityRole>;
  readonly users: ReadonlyMap<string, User>;
  readonly keywordGroups: ReadonlyMap<string, FixtureKeywordGroup>;
  readonly keywords: ReadonlyMap<string, FixtureKeyword>;
  readonly descriptionFields: ReadonlyMap<string, DescriptionField>;
  readonly nodes: ReadonlyMap<string, FixtureNode>;
  readonly kpis: ReadonlyMap<string, FixtureKpi>;
  /** `<scorecardId>/<departmentId>` → nodes owned by that department, in fixture order. */
  readonly ownedNodes: ReadonlyMap<string, readonly FixtureNode[]>;
  /** `<scorecardId>/<departmentId>` → activities distributed to that department (not owned by it), in fixture order. */
  readonly distributedNodes: ReadonlyMap<string, readonly FixtureNode[]>;
  /** Column id → the statuses `statuses/filter?scorecardColumnId=` returns (columns not listed: every status). */
  readonly columnStatuses: ReadonlyMap<string, readonly Status[]>;
  /** `<nodeId>/<departmentId>` → that department's comments on the node. */
  readonly comments: ReadonlyMap<string, readonly FixtureComment[]>;
  /** Node id → every comment on it. */
  readonly commentsByNode: ReadonlyMap<string, readonly FixtureComment[]>;
  /** KPI id → its columns (all departments). */
  readonly kpiColumns: ReadonlyMap<string, readonly FixtureKpiColumn[]>;
  /** The department and its ancestors, nearest first, ending at the root. */
  ancestors(departmentId: string): readonly string[];
  /** A user by id, user name or e-mail (case-insensitive), or `me` for the service user. */
  findUser(key: string): User | undefined;
}

const cache = new WeakMap<TenantFixture, TenantIndex>();

/** Returns the (memoised) index of a fixture. */
export function indexTenant(fixture: TenantFixture): TenantIndex {
  const cached = cache.get(fixture);
  if (cached) return cached;
  const index = buildIndex(fixture);
  cache.set(fixture, index);
  return index;
}

function byId<T>(items: readonly T[], idOf: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [idOf(item), item]));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

function distributedByDepartment(nodes: readonly FixtureNode[]): Map<string, FixtureNode[]> {
  const out = new Map<string, FixtureNode[]>();
  for (const node of nodes) {
    for (const departmentId of new Set(node.distributedTo)) {
      if (departmentId === node.departmentId) continue;
      const key = `${node.scorecardId}/${departmentId}`;
      const list = out.get(key);
      if (list) list.push(node);
      else out.set(key, [node]);
    }
  }
  return out;
}

function buildIndex(fixture: TenantFixture): TenantIndex {
  const departments = byId(fixture.departments, (d) => d.Id);
  const root = fixture.departments.find((d) => d.ParentId === null);
  if (!root) throw new TypeError('tenant fixture has no root department');
  const users = byId(fixture.users, (u) => u.Id);
  const usersByName = new Map<string, User>();
  for (const user of fixture.users) {
    usersByName.set(user.Username.toLowerCase(), user);
    if (user.Email) usersByName.set(user.Email.toLowerCase(), user);
  }
  const ancestorCache = new Map<string, readonly string[]>();
  const ancestors = (departmentId: string): readonly string[] => {
    const known = ancestorCache.get(departmentId);
    if (known) return known;
    const chain: string[] = [];
    for (let id: string | null = departmentId; id !== null && !chain.includes(id); id = departments.get(id)?.ParentId ?? null) {
      if (!departments.has(id)) break;
      chain.push(id);
    }
    ancestorCache.set(departmentId, chain);
    return chain;
  };
  return {
    fixture,
    root,
    departments,
    scorecards: byId(fixture.scorecards, (s) => s.Id),
    columns: byId(fixture.scorecardColumns, (c) => c.id),
    statuses: byId(fixture.statuses, (s) => s.Id),
    roles: byId(fixture.responsibilityRoles, (r) => r.Id),
    users,
    keywordGroups: byId(fixture.keywordGroups, (g) => g.id),
    keywords: byId(fixture.keywords, (k) => k.id),
    descriptionFields: byId(fixture.descriptionFields, (f) => f.Id),
    nodes: byId(fixture.nodes, (n) => n.id),
    kpis: byId(fixture.kpis, (k) => k.id),
    ownedNodes: groupBy(fixture.nodes, (n) => `${n.scorecardId}/${n.departmentId}`),
    distributedNodes: distributedByDepartment(fixture.nodes),
    columnStatuses: new Map(fixture.columnStatuses.map((c) => [c.columnId, c.statusIds.flatMap((id) => fixture.statuses.filter((s) => s.Id === id))])),
    comments: groupBy(fixture.comments, (c) => `${c.nodeId}/${c.departmentId}`),
    commentsByNode: groupBy(fixture.comments, (c) => c.nodeId),
    kpiColumns: groupBy(fixture.kpiColumns, (c) => c.kpiId),
    ancestors,
    findUser: (key) => {
      if (key.toLowerCase() === 'me') return users.get(fixture.serviceUserId);
      return users.get(key) ?? usersByName.get(key.toLowerCase());
    },
  };
}
