import type { Logger } from '../../shared/logger.js';
import type { StratsysClient } from '../../stratsys/client.js';
import type { Activity, Department, DescriptionField, Keyword, KeywordGroup, ResponsibilityRole, Scorecard, ScorecardColumn, ScorecardNode } from '../../stratsys/schemas.js';
import { planPull, type PullPlan } from '../../mapping/engine/pull-plan.js';
import type { ProgrammeMapping } from '../../mapping/file/schema.js';
import { isAppError } from '../../shared/errors.js';

/** What `check --deep` reads once and every probe then looks at. */
export interface ProbeData {
  mapping: ProgrammeMapping;
  plan: PullPlan;
  departments: Department[];
  rootId: string | null;
  scorecards: Scorecard[];
  /** Columns of the mapping's scorecards that exist. */
  columns: ScorecardColumn[];
  /** Scorecard id → `activities/filter?scorecardId=` rows (flags sent), or the error message. */
  rows: Map<string, Activity[] | string>;
  /** A unit that reports activities (preferably below a unit below the root), whose node lists are read. */
  sampleUnitId: string | null;
  /** Scorecard id → nodes visible in the root department / in the sample unit. */
  rootNodes: Map<string, ScorecardNode[]>;
  sampleNodes: Map<string, ScorecardNode[]>;
  descriptionFields: DescriptionField[];
  roles: ResponsibilityRole[];
  keywordGroups: KeywordGroup[];
  /** Keywords seen on a few sampled activities (keyword ids cannot be listed otherwise). */
  seenKeywords: Keyword[];
  sampledActivities: number;
  /** Mean time of one request, measured on the first (sequential) ones, in milliseconds. */
  latencyMs: number;
}

/** How many activities' keywords are sampled. */
const KEYWORD_SAMPLE = 6;

/** Reads the reference data the probes need: a fixed number of requests plus one per mapping scorecard and activity column. */
export async function readProbeData(client: StratsysClient, mapping: ProgrammeMapping, logger: Logger): Promise<ProbeData> {
  const started = performance.now();
  const departments = await client.departments();
  const scorecards = await client.scorecards();
  const latencyMs = (performance.now() - started) / 2;
  const plan = planPull(mapping, departments);
  const existing = plan.scorecardIds.filter((id) => scorecards.some((card) => card.Id === id));
  const columns = (await Promise.all(existing.map((id) => client.scorecardColumns(id)))).flat();
  const rows = new Map(await Promise.all(existing.map(async (id) => [id, await orMessage(() => client.activities({ scorecardId: id }))] as const)));
  const rootId = departments.find((d) => d.ParentId === null)?.Id ?? null;
  const sampleUnitId = pickSampleUnit(plan, departments, rows, rootId);
  const nodesIn = async (departmentId: string | null) =>
    new Map(departmentId === null ? [] : await Promise.all(existing.map(async (id) => [id, await orEmpty(() => client.nodes(id, departmentId))] as const)));
  const activityColumns = columns.filter((column) => column.NodeType === 'Activity');
  const [rootNodes, sampleNodes, descriptionFields, roles, keywordGroups] = await Promise.all([
    nodesIn(rootId),
    nodesIn(sampleUnitId),
    client.descriptionFields(),
    client.responsibilityRoles(),
    Promise.all(activityColumns.map((column) => orEmpty(() => client.keywordGroups(column.Id)))).then((lists) => uniqueById(lists.flat())),
  ]);
  const { keywords: seenKeywords, sampled: sampledActivities } = await sampleKeywords(client, rows, plan);
  logger.debug({ requests: client.requestCount }, 'check --deep read its reference data');
  return { mapping, plan, departments, rootId, scorecards, columns, rows, sampleUnitId, rootNodes, sampleNodes, descriptionFields, roles, keywordGroups, seenKeywords, sampledActivities, latencyMs };
}

/** A planned unit that reports activities, preferring one two levels below the root (it inherits nodes). */
function pickSampleUnit(plan: PullPlan, departments: Department[], rows: Map<string, Activity[] | string>, rootId: string | null): string | null {
  const reporting = new Set([...rows.values()].flatMap((list) => (typeof list === 'string' ? [] : list.map((row) => row.DepartmentId))));
  const parents = new Map(departments.map((d) => [d.Id, d.ParentId]));
  const candidates = plan.unitIds.filter((id) => reporting.has(id));
  return candidates.find((id) => parents.get(id) !== rootId && parents.get(id) !== null) ?? candidates[0] ?? plan.unitIds[0] ?? null;
}

async function sampleKeywords(client: StratsysClient, rows: Map<string, Activity[] | string>, plan: PullPlan): Promise<{ keywords: Keyword[]; sampled: number }> {
  if (!plan.expand.keywords) return { keywords: [], sampled: 0 };
  const picks: Array<{ scorecardId: string; row: Activity }> = [];
  const units = new Set<string>();
  for (const [scorecardId, list] of rows) {
    for (const row of typeof list === 'string' ? [] : list) {
      if (picks.length >= KEYWORD_SAMPLE || units.has(row.DepartmentId)) continue;
      units.add(row.DepartmentId);
      picks.push({ scorecardId, row });
    }
  }
  const lists = await Promise.all(picks.map(({ scorecardId, row }) => orEmpty(() => client.nodeKeywords(scorecardId, row.DepartmentId, row.Id))));
  return { keywords: uniqueById(lists.flat()), sampled: picks.length };
}

function uniqueById<T extends { Id: string }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.Id, item])).values()];
}

/** The call's result, or the message of a non-retryable error (the finding reports it). */
export async function orMessage<T>(call: () => Promise<T>): Promise<T | string> {
  try {
    return await call();
  } catch (error) {
    if (isAppError(error) && !error.retryable) return error.message;
    throw error;
  }
}

async function orEmpty<T>(call: () => Promise<T[]>): Promise<T[]> {
  const result = await orMessage(call);
  return typeof result === 'string' ? [] : result;
}
