import type { StratsysClient } from '../../stratsys/client.js';
import type { Comment, Status } from '../../stratsys/schemas.js';
import type { Finding } from './findings.js';
import type { PullPlan } from '../../mapping/engine/pull-plan.js';
import { combiningHelps, type NodeFieldsProbe } from '../node-fields.js';
import { orMessage, type ProbeData } from './probe-data.js';

/**
 * Probes of the points the contract leaves open (contract section 5; the simulator's readings in
 * src/sim/readings.ts): which reading this tenant shows, with the endpoint and ids as evidence, and
 * what the worker does about it. The worker gives the same result under every reading, so a reading
 * is never an error; a call that fails outright is.
 */
export async function probeReadings(client: StratsysClient, data: ProbeData): Promise<Finding[]> {
  const scorecardId = [...data.rows.keys()][0];
  if (scorecardId === undefined)
    return [{ topic: 'reading:activity-rows', status: 'error', message: 'no scorecard of the mapping exists in the tenant, so nothing can be probed', evidence: 'GET scorecards' }];
  const [flags, statuses, comments] = await Promise.all([probeFlags(client, data, scorecardId), probeStatuses(client, data), probeComments(client, data)]);
  return [flags, ...statuses, probeNodeDepartment(data, scorecardId), probeSharedActivities(data), ...comments, roundingFinding()];
}

async function probeFlags(client: StratsysClient, data: ProbeData, scorecardId: string): Promise<Finding> {
  const withFlags = data.rows.get(scorecardId) ?? [];
  const topic = 'reading:activity-flags';
  if (typeof withFlags === 'string')
    return {
      topic,
      status: 'error',
      message: `activities/filter fails even with onlySimple=False&excludeFinished=False: ${withFlags}`,
      evidence: `GET activities/filter?scorecardId=${scorecardId}&onlySimple=False&excludeFinished=False`,
    };
  const bare = await orMessage(() => client.activitiesWithoutFlags(scorecardId));
  const evidence = `GET activities/filter?scorecardId=${scorecardId} without the flags: ${typeof bare === 'string' ? bare : `${bare.length} rows`}; with them: ${withFlags.length} rows`;
  return typeof bare === 'string'
    ? { topic, status: 'ok', message: 'the tenant requires onlySimple and excludeFinished on activities/filter; the worker always sends both (FilterActivitiesRequest.cs)', evidence }
    : { topic, status: 'ok', message: 'the tenant answers activities/filter with or without onlySimple and excludeFinished; the worker sends both', evidence };
}

async function probeStatuses(client: StratsysClient, data: ProbeData): Promise<Finding[]> {
  const column = data.columns.find((c) => c.NodeType === 'Activity');
  const topic = 'reading:statuses';
  if (column === undefined) return [{ topic, status: 'warning', message: "the mapping's scorecards have no Activity column, so statuses were not probed", evidence: 'GET scorecardcolumns/filter' }];
  const [perColumn, list] = await Promise.all([orMessage(() => client.columnStatuses(column.Id)), orMessage(() => client.statuses())]);
  const evidence = `GET statuses/filter?scorecardColumnId=${column.Id}: ${describe(perColumn, (s) => s.Id)}; GET statuses: ${describe(list, (s) => s.Id)}`;
  const findings: Finding[] = [];
  if (typeof perColumn !== 'string')
    findings.push({
      topic,
      status: 'ok',
      message: `statuses are read per activity column (statuses/filter, StatusServiceUT.cs)${typeof list === 'string' ? '; GET statuses is not served' : ''}`,
      evidence,
    });
  else if (typeof list !== 'string') findings.push({ topic, status: 'ok', message: 'statuses/filter is refused; the worker falls back to GET statuses (every status, not per column)', evidence });
  else findings.push({ topic, status: 'error', message: 'neither statuses/filter nor GET statuses is served: activity statuses cannot be read', evidence });
  const nullTypes = [...(typeof perColumn === 'string' ? [] : perColumn), ...(typeof list === 'string' ? [] : list)].filter((s: Status) => s.StatusType === null);
  if (nullTypes.length > 0)
    findings.push({
      topic: 'reading:nullable-strings',
      status: 'warning',
      message: 'statuses without StatusType: activities with them count as kind "other" (a warning per activity)',
      evidence: `status ${nullTypes.map((s) => `${s.Id} "${s.Name}"`).join(', ')}`,
    });
  return findings;
}

/** `ScorecardNode.Department`: the owner, or the department asked for (ScorecardNodeServiceUT.cs). */
function probeNodeDepartment(data: ProbeData, scorecardId: string): Finding {
  const topic = 'reading:node-department';
  const unit = data.sampleUnitId;
  const root = new Map((data.rootNodes.get(scorecardId) ?? []).map((node) => [node.Id, node]));
  const seen = data.sampleNodes.get(scorecardId) ?? [];
  const common = seen.find((node) => root.has(node.Id));
  const what = 'the worker takes who reports an activity from activities/filter rows, never from ScorecardNode.Department, so both readings give the same result';
  if (unit === null || common === undefined)
    return { topic, status: 'ok', message: `could not tell (no node visible in both the root and a unit); ${what}`, evidence: `GET scorecards/${scorecardId}/departments/${unit ?? '?'}/nodes` };
  const inUnit = common.Department.Id;
  const inRoot = root.get(common.Id)?.Department.Id ?? '?';
  const reading = inUnit === unit && inRoot !== unit ? 'the requested department' : 'the owning department';
  return {
    topic,
    status: 'ok',
    message: `ScorecardNode.Department is ${reading}; ${what}`,
    evidence: `node ${common.Id}: Department ${inRoot} in GET scorecards/${scorecardId}/departments/${data.rootId ?? '?'}/nodes, Department ${inUnit} in …/departments/${unit}/nodes`,
  };
}

function probeSharedActivities(data: ProbeData): Finding {
  const byActivity = new Map<string, Set<string>>();
  for (const rows of data.rows.values()) for (const row of typeof rows === 'string' ? [] : rows) byActivity.set(row.Id, (byActivity.get(row.Id) ?? new Set()).add(row.DepartmentId));
  const shared = [...byActivity].filter(([, units]) => units.size > 1);
  const example = shared
    .slice(0, 3)
    .map(([id, units]) => `${id}: ${[...units].join(', ')}`)
    .join('; ');
  return {
    topic: 'reading:shared-activities',
    status: 'ok',
    message:
      shared.length === 0
        ? 'no activity is reported by more than one unit'
        : `${shared.length} activities are reported by several units: each of those units owes a follow-up of its own (one activities/filter row per activity and department, ActivityServiceUT.cs)`,
    evidence: `GET activities/filter?scorecardId=… (${[...data.rows.keys()].join(', ')}): ${byActivity.size} activities${example === '' ? '' : `; e.g. ${example}`}`,
  };
}

/** Comments: does `departmentId` filter, and are dates readable? One node with comments of several units. */
async function probeComments(client: StratsysClient, data: ProbeData): Promise<Finding[]> {
  const unit = data.sampleUnitId;
  const nodeId = data.mapping.projectStatements?.nodeIds[0] ?? firstReported(data, unit);
  const topic = 'reading:comment-filter';
  if (unit === null || nodeId === null) return [{ topic, status: 'ok', message: 'no node to probe comments on; the worker keeps only the comments whose DepartmentId is the unit', evidence: 'none' }];
  const [own, all] = await Promise.all([orMessage(() => client.comments(nodeId, unit)), orMessage(() => client.commentsAllDepartments(nodeId))]);
  if (typeof own === 'string') return [{ topic, status: 'error', message: `comments cannot be read: ${own}`, evidence: `GET comments/${nodeId}/filter?departmentId=${unit}` }];
  const others = own.filter((c) => c.DepartmentId !== unit);
  const allOthers = typeof all === 'string' ? [] : all.filter((c) => c.DepartmentId !== unit);
  const evidence = `GET comments/${nodeId}/filter?departmentId=${unit}: ${own.length} comments, ${others.length} of other units; without departmentId: ${typeof all === 'string' ? all : `${all.length} comments, ${allOthers.length} of other units`}`;
  const message =
    others.length > 0
      ? "the tenant ignores departmentId on comments/{n}/filter and returns every unit's comments; the worker keeps only those whose DepartmentId is the unit"
      : allOthers.length > 0
        ? "comments/{n}/filter?departmentId= returns only that unit's comments; the worker also keeps only those whose DepartmentId is the unit"
        : 'could not tell whether departmentId filters (no comment of another unit on the node); the worker keeps only those whose DepartmentId is the unit';
  return [{ topic, status: 'ok', message, evidence }, ...unreadableDates([...own, ...(typeof all === 'string' ? [] : all)])];
}

function unreadableDates(comments: Comment[]): Finding[] {
  const dated = /^\d{4}-\d{2}-\d{2}/;
  const bad = [...new Map(comments.filter((c) => c.PeriodDate === null || c.PostedDate === null || !dated.test(c.PeriodDate) || !dated.test(c.PostedDate)).map((c) => [c.Id, c])).values()];
  if (bad.length === 0) return [];
  const shown = bad
    .slice(0, 3)
    .map((c) => `comment ${c.Id} PeriodDate ${JSON.stringify(c.PeriodDate)} PostedDate ${JSON.stringify(c.PostedDate)}`)
    .join('; ');
  return [
    {
      topic: 'reading:nullable-strings',
      status: 'warning',
      message: `${bad.length} probed comments have a null or unreadable date: the reports they may count for become unknown and their values are held back`,
      evidence: shown,
    },
  ];
}

/** Contract 5.16: whether `fields=keywords,descriptionfields` fills both (the run probes it the same way, once per run). */
export function nodeFieldsFinding(plan: Pick<PullPlan, 'expand'>, probe: NodeFieldsProbe): Finding {
  const topic = 'reading:node-fields';
  if (!combiningHelps(plan)) return { topic, status: 'ok', message: 'the mapping does not read both keywords and description fields, so nothing is combined', evidence: probe.evidence };
  return probe.mode === 'combined'
    ? {
        topic,
        status: 'ok',
        message: 'the tenant fills keywords and description fields in one request (fields=keywords,descriptionfields, equal to the two separate calls): one request per activity for both',
        evidence: probe.evidence,
      }
    : {
        topic,
        status: 'ok',
        message: 'the tenant does not fill both collections in one request (contract 5.16): two requests per activity (…/keywords, …/descriptionfields where needed)',
        evidence: probe.evidence,
      };
}

function roundingFinding(): Finding {
  return {
    topic: 'reading:kpi-rounding',
    status: 'ok',
    message:
      "whether a KPI column keeps fewer decimals than sent shows only when writing (read-only probe); the worker takes an echo equal to its value rounded to the echo's precision as written, remembers that precision and compares at it on the next run",
    evidence: 'not probed: PUT kpidata would write',
  };
}

function firstReported(data: ProbeData, unit: string | null): string | null {
  for (const rows of data.rows.values()) for (const row of typeof rows === 'string' ? [] : rows) if (row.DepartmentId === unit) return row.Id;
  return null;
}

function describe<T>(value: T[] | string, id: (item: T) => string): string {
  return typeof value === 'string' ? value : `${value.length} (${value.slice(0, 8).map(id).join(', ')}${value.length > 8 ? ', …' : ''})`;
}
