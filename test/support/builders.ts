import { stringify } from 'yaml';
import { formatProblem } from '../../src/mapping/file/problems.js';
import { parseMappingText } from '../../src/mapping/file/parse.js';
import type { ProgrammeMapping } from '../../src/mapping/file/schema.js';
import type { RunStatus } from '../../src/store/status-store.js';
import { SnapshotSchema, type Snapshot, type TenantData, type UnitFailure } from '../../src/snapshot/schema.js';
import type { Comment, DescriptionFieldValue, Department, Keyword, ScorecardColumn, ScorecardNode, Status, User } from '../../src/stratsys/schemas.js';

/**
 * Builders of Stratsys snapshots and mapping files for the mapping tests. A snapshot is described
 * compactly (departments, nodes with their owner, keywords, fields and comments) and expanded the
 * way a pull would store it: each unit sees its own nodes and those of its ancestor departments.
 */

export const TZ = 'Europe/Stockholm';
export const SCORECARD = '50';

export function aDepartment(id: string, parentId: string | null, name = `Unit ${id}`, shortName: string | null = null): Department {
  return { Id: id, ParentId: parentId, Name: name, ShortName: shortName };
}

/** Gävle-like organisation: 1 → 100 → 101, 102; 1 → 200 → 201; 1 → 10. */
export function smallOrganisation(): Department[] {
  return [
    aDepartment('1', null, 'Kommunen'),
    aDepartment('10', '1', 'Kommunstyrelsen'),
    aDepartment('100', '1', 'Förvaltningar'),
    aDepartment('101', '100', 'Kommunledningsförvaltningen'),
    aDepartment('102', '100', 'Utbildning'),
    aDepartment('200', '1', 'Stadshus AB'),
    aDepartment('201', '200', 'Energi AB'),
  ];
}

export function aColumn(id: string, index: number, name: string, nodeType: string, scorecardId = SCORECARD): ScorecardColumn {
  return { Id: id, ScorecardId: scorecardId, Scorecard: { Id: scorecardId, Name: `Scorecard ${scorecardId}` }, Name: name, Definition: null, Index: index, NodeType: nodeType };
}

/** Columns 501 Fokusområde, 502 Mål (Goal) and 503 Aktivitet (Activity) of scorecard 50. */
export const COLUMNS = [aColumn('501', 0, 'Fokusområde', 'Goal'), aColumn('502', 1, 'Mål', 'Goal'), aColumn('503', 2, 'Aktivitet', 'Activity')];

export const STATUSES: Status[] = [
  { Id: '1', Name: 'Ej påbörjad', IconUrl: null, SortOrder: 1, StatusType: 'Paused' },
  { Id: '2', Name: 'Pågående', IconUrl: null, SortOrder: 2, StatusType: 'Ongoing' },
  { Id: '3', Name: 'Avslutad', IconUrl: null, SortOrder: 3, StatusType: 'Finished' },
  { Id: '4', Name: 'Inställd', IconUrl: null, SortOrder: 4, StatusType: 'Cancelled' },
];

export function aKeyword(id: string, name: string, groupId: string, groupName = `Group ${groupId}`): Keyword {
  return { Id: id, Name: name, KeywordGroup: { Id: groupId, Name: groupName } };
}

export function aField(fieldId: string, text: string | null, fieldName = `Field ${fieldId}`): DescriptionFieldValue {
  return { DescriptionField: { Id: fieldId, Name: fieldName, Description: null }, TextValue: text };
}

export function aComment(id: string, departmentId: string, postedDate: string, text = '<p>Uppföljt.</p>', periodDate = '2020-12-31'): Comment {
  return { Id: id, DepartmentId: departmentId, Text: text, PeriodDate: periodDate, PostedDate: postedDate, LastUpdatedDate: postedDate, UserId: null, CommentType: { Id: 1, Name: 'Uppföljning' } };
}

export function aUser(id: string, email: string | null): User {
  return {
    Id: id,
    GroupId: null,
    DepartmentId: null,
    Username: `user${id}`,
    Email: email,
    FirstName: null,
    LastName: null,
    PhoneRegular: null,
    PhoneMobile: null,
    LanguageCode: null,
    IsStratsysEmployee: false,
    ExtraMemberships: null,
  };
}

/** One node of the compact description. */
export interface NodeSpec {
  id: string;
  name?: string;
  parentId?: string | null;
  /** Owning department. */
  owner: string;
  /** Column id (default 503, the activity column). */
  column?: string;
  scorecardId?: string;
  keywords?: Keyword[];
  fields?: DescriptionFieldValue[];
  statusId?: string | null;
  endDate?: string | null;
  /** Comments of any unit on this node (each lands in its DepartmentId's data). */
  comments?: Comment[];
  /** Further units the activity is distributed to: each reports it (own row) and sees the node. */
  distributedTo?: string[];
}

export interface TenantSpec {
  departments?: Department[];
  columns?: ScorecardColumn[];
  nodes: NodeSpec[];
  /** Pulled units; default: the owners of activity nodes. */
  units?: string[];
  statuses?: Status[];
  reportLists?: TenantData['reportLists'];
  roleHolders?: TenantData['roleHolders'];
  failures?: UnitFailure[];
  pulledAt?: string;
  /** `ScorecardNode.Department`: the owner (default) or the unit whose nodes were asked for (contract 5.9). */
  nodeDepartment?: 'owner' | 'requested';
}

/** Expands a compact description into a validated snapshot. */
export function buildSnapshot(spec: TenantSpec): Snapshot {
  const departments = spec.departments ?? smallOrganisation();
  const columns = spec.columns ?? COLUMNS;
  const pulledAt = spec.pulledAt ?? '2021-03-01T08:00:00.000Z';
  const units = spec.units ?? [...new Set(spec.nodes.filter((node) => (node.column ?? '503') === '503').flatMap((node) => [node.owner, ...(node.distributedTo ?? [])]))];
  const byOwner = new Map<string, NodeSpec[]>();
  for (const node of spec.nodes) {
    const list = byOwner.get(node.owner) ?? [];
    list.push(node);
    byOwner.set(node.owner, list);
  }
  const raw: Snapshot = {
    schemaVersion: 1,
    tenantId: 'test',
    pulledAt,
    tenant: {
      application: null,
      departments,
      scorecards: [{ Id: SCORECARD, Name: 'Handlingsplan' }],
      columns,
      statuses: spec.statuses ?? STATUSES,
      columnStatuses: {},
      activityRows: tenantActivityRows(spec.nodes, columns),
      reportLists: spec.reportLists ?? {},
      roleHolders: spec.roleHolders ?? {},
      pulledAt,
    },
    units: units.map((unitId) => ({ departmentId: unitId, pullVersion: 2, pulledAt, scorecards: scorecardsOf(spec, unitId, departments, columns), requests: 0, roleHolders: {} })),
    failures: spec.failures ?? [],
  };
  return SnapshotSchema.parse(raw);
}

function scorecardsOf(spec: TenantSpec, unitId: string, departments: Department[], columns: ScorecardColumn[]): Snapshot['units'][number]['scorecards'] {
  const lineage = lineageOf(unitId, departments);
  const byScorecard = new Map<string, NodeSpec[]>();
  for (const node of spec.nodes.filter((candidate) => lineage.has(candidate.owner) || (candidate.distributedTo ?? []).some((id) => lineage.has(id)))) {
    const scorecardId = node.scorecardId ?? SCORECARD;
    const list = byScorecard.get(scorecardId) ?? [];
    list.push(node);
    byScorecard.set(scorecardId, list);
  }
  const isActivity = (node: NodeSpec) => columns.find((column) => column.Id === (node.column ?? '503'))?.NodeType === 'Activity';
  return [...byScorecard].map(([scorecardId, nodes]) => {
    const reported = nodes.filter((node) => isActivity(node) && (node.owner === unitId || (node.distributedTo ?? []).includes(unitId)));
    return {
      scorecardId,
      nodes: nodes.map((node) => toNode(node, spec.nodeDepartment === 'requested' ? unitId : node.owner, departments, columns)),
      keywords: Object.fromEntries(reported.map((node) => [node.id, node.keywords ?? []])),
      descriptionFields: Object.fromEntries(reported.map((node) => [node.id, node.fields ?? []])),
      activities: reported.map((node) => ({
        Id: node.id,
        DepartmentId: unitId,
        StatusId: node.statusId ?? null,
        Name: node.name ?? `Node ${node.id}`,
        EndDate: node.endDate ?? null,
        ScorecardColumns: null,
      })),
      comments: Object.fromEntries(
        nodes.flatMap((node) => {
          const mine = (node.comments ?? []).filter((comment) => comment.DepartmentId === unitId);
          return mine.length > 0 || reported.includes(node) ? [[node.id, mine]] : [];
        }),
      ),
    };
  });
}

/** The tenant-wide `activities/filter?scorecardId=` rows: one per Activity node and reporting unit. */
function tenantActivityRows(nodes: NodeSpec[], columns: ScorecardColumn[]): NonNullable<TenantData['activityRows']> {
  const out: NonNullable<TenantData['activityRows']> = {};
  for (const node of nodes) {
    if (columns.find((column) => column.Id === (node.column ?? '503'))?.NodeType !== 'Activity') continue;
    const scorecardId = node.scorecardId ?? SCORECARD;
    for (const unitId of new Set([node.owner, ...(node.distributedTo ?? [])])) {
      (out[scorecardId] ??= []).push({
        Id: node.id,
        DepartmentId: unitId,
        StatusId: node.statusId ?? null,
        Name: node.name ?? `Node ${node.id}`,
        EndDate: node.endDate ?? null,
        ScorecardColumns: null,
      });
    }
  }
  return out;
}

function lineageOf(unitId: string, departments: Department[]): Set<string> {
  const parents = new Map(departments.map((department) => [department.Id, department.ParentId]));
  const lineage = new Set<string>();
  for (let id: string | null | undefined = unitId; id != null && !lineage.has(id); id = parents.get(id)) lineage.add(id);
  return lineage;
}

const departmentIndex = new WeakMap<Department[], Map<string, Department>>();

function toNode(spec: NodeSpec, departmentId: string, departments: Department[], columns: ScorecardColumn[]): ScorecardNode {
  let byId = departmentIndex.get(departments);
  if (byId === undefined) departmentIndex.set(departments, (byId = new Map(departments.map((department) => [department.Id, department]))));
  const owner = byId.get(departmentId) ?? aDepartment(departmentId, null);
  const column = columns.find((candidate) => candidate.Id === (spec.column ?? '503')) ?? aColumn(spec.column ?? '503', 9, 'Okänd', 'Goal');
  const scorecardId = spec.scorecardId ?? SCORECARD;
  return {
    Id: spec.id,
    Name: spec.name ?? `Node ${spec.id}`,
    ParentId: spec.parentId ?? null,
    Department: owner,
    Scorecard: { Id: scorecardId, Name: `Scorecard ${scorecardId}` },
    ScorecardColumn: column,
    DescriptionFields: null,
    Keywords: null,
    Responsibles: null,
    CurrentStatus: null,
    Statuses: null,
    SortOrder: 0,
  };
}

/** Focus areas 5001 (naringsliv) and 5002 (social) with goals 5101/5102 below, owned by department 1. */
export function structureNodes(): NodeSpec[] {
  return [
    { id: '5001', name: '1. Näringsliv', owner: '1', column: '501' },
    { id: '5002', name: '2. Social hållbarhet', owner: '1', column: '501' },
    { id: '5009', name: 'Redovisning av projekt', owner: '1', column: '501' },
    { id: '5101', name: 'Mål näringsliv', owner: '1', column: '502', parentId: '5001' },
    { id: '5102', name: 'Mål social', owner: '1', column: '502', parentId: '5002' },
  ];
}

/** A small, valid mapping as a plain object: override top-level sections with `buildMapping`. */
export const BASE_MAPPING: Record<string, unknown> = {
  id: 'test-2018-2020',
  name: 'Testprogram 2018–2020',
  startYear: 2018,
  endYear: 2020,
  focusAreas: [
    { key: 'naringsliv', name: 'Näringsliv', priority: 1 },
    { key: 'social', name: 'Social hållbarhet', priority: 2 },
    { key: 'kunskap', name: 'Kunskapshöjande', priority: 3, kind: 'knowledge-raising' },
  ],
  goals: [
    { key: 'tillvaxt', name: 'Hållbar tillväxt', level: 'municipality' },
    { key: 'mal-naringsliv', name: 'Mål näringsliv', level: 'operational' },
  ],
  means: [{ key: 'projekt', name: 'Projekt', keyword: { groupId: 70, id: 704 } }],
  scorecards: [{ id: 50, activityColumn: { id: 503 } }],
  units: {
    rules: [
      { label: 'Förvaltningar', kind: 'department', subtree: { root: 100, depth: 1 } },
      { label: 'Bolag', kind: 'company', subtree: { root: 200 } },
    ],
  },
  rules: [
    { label: 'under-5001', match: { ancestor: 5001 }, focusArea: 'naringsliv' },
    { label: 'under-5002', match: { ancestor: 5002 }, focusArea: 'social' },
    { label: 'mal-5101', match: { ancestor: 5101 }, goals: ['mal-naringsliv', 'tillvaxt'] },
  ],
  projectStatements: { nodes: [5009], noneMarker: 'inga (externfinansierade )?projekt' },
  alerts: { internationalOffice: 'io@kommun.example' },
};

/** Parses a mapping from YAML text; throws listing every problem when it is invalid. */
export function mappingFromYaml(text: string, file = 'test.yaml'): ProgrammeMapping {
  const { mapping, problems } = parseMappingText(text, file);
  if (mapping === null) throw new Error(`invalid test mapping:\n${problems.map(formatProblem).join('\n')}`);
  return mapping;
}

/** BASE_MAPPING with some top-level sections replaced, through the real YAML parser. */
export function buildMapping(overrides: Record<string, unknown> = {}): ProgrammeMapping {
  return mappingFromYaml(stringify({ ...BASE_MAPPING, ...overrides }));
}

/**
 * A large synthetic snapshot for benchmarks: `units` units under 100, each owning `perUnit`
 * activities spread over focus areas 5001/5002 (goal nodes 5101/5102), with keywords, fields and
 * one comment each. Maps with BASE_MAPPING.
 */
export function buildLargeSnapshot(units: number, perUnit: number): Snapshot {
  const departments = [aDepartment('1', null), aDepartment('100', '1'), ...Array.from({ length: units }, (_, i) => aDepartment(String(1000 + i), '100'))];
  const nodes: NodeSpec[] = [...structureNodes()];
  departments.slice(2).forEach((unit, u) => {
    for (let i = 0; i < perUnit; i += 1) {
      const id = String(100_000 + u * perUnit + i);
      nodes.push({
        id,
        owner: unit.Id,
        parentId: i % 2 === 0 ? '5101' : '5102',
        keywords: [aKeyword('704', 'Projekt', '70')],
        fields: [aField('801', '1 000 kr')],
        statusId: '2',
        comments: [aComment(`c${id}`, unit.Id, '2021-01-15 10:00:00')],
      });
    }
  });
  return buildSnapshot({ departments, nodes });
}

/** A recorded run: a complete 2020 nightly of 10 units that wrote nothing, as of 2021-03-01, unless overridden. */
export function aRunStatus(runId: string, overrides: Partial<RunStatus> = {}): RunStatus {
  return {
    runId,
    kind: 'nightly',
    year: 2020,
    asOf: '2021-03-01T00:00:00.000Z',
    finishedAt: '2021-03-01T00:00:00.000Z',
    outcome: 'complete',
    units: 10,
    failedUnitIds: [],
    written: 0,
    unchanged: 0,
    heldBack: 0,
    rejected: 0,
    missingReports: 0,
    missingByFocusArea: {},
    message: null,
    ...overrides,
  };
}
