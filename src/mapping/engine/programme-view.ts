import type { ActionActivity, ActivityStatus, ExternalProject, ProgrammePeriod, ProgrammeView, StatusKind, UnmappedNode, UnreadableFollowUp } from '../../domain/programme.js';
import type { Snapshot } from '../../snapshot/schema.js';
import type { Activity, Status } from '../../stratsys/schemas.js';
import { compileMapping, type CompiledMapping, type Decision } from './compile.js';
import { meansOf } from './decide.js';
import { sortUnreadable, toFollowUps } from './follow-ups.js';
import type { MappingIssue } from './issues.js';

import { recognizeProject, runningYears } from './projects.js';
import { collectPeople, collectReportDeadlines, collectStatements, resolveOwners } from './report-data.js';
import type { ProgrammeMapping } from '../file/schema.js';
import { checkScorecards } from './scorecard-checks.js';
import { compareIds } from '../../shared/ids.js';
import { classifyUnits } from './classify-units.js';
import { conflictIssue, unmappedActivity, walkActionPlan, type ActivityOutcome } from './walk.js';

/** Options of buildProgrammeView. */
export interface BuildViewOptions {
  /** IANA zone Stratsys' local timestamps are read in (REPORT_TIME_ZONE, e.g. Europe/Stockholm). */
  timeZone: string;
}

/** The view and everything noteworthy found on the way. */
export interface ProgrammeViewResult {
  view: ProgrammeView;
  /** `error` issues (conflicts, a missing activity column) are blocking: see assertNoBlockingIssues. */
  issues: MappingIssue[];
}

/**
 * Applies a mapping to a pulled snapshot: the programme view of one tenant for one period. Pure,
 * never throws per row. Conflicts (two rules at one precedence level giving different focus areas)
 * are returned as blocking `error` issues naming both rules, and the node is listed in `unmapped`;
 * every node of the action-plan scorecards is either structure, an activity, or unmapped with a
 * reason. Linear in the number of nodes.
 */
export function buildProgrammeView(snapshot: Snapshot, mapping: ProgrammeMapping, options: BuildViewOptions): ProgrammeViewResult {
  const compiled = compileMapping(mapping);
  const walk = walkActionPlan(snapshot, compiled);
  const issues: MappingIssue[] = [...checkScorecards(snapshot, mapping), ...walk.issues];
  const statusOf = statusResolver(snapshot);
  const activities: ActionActivity[] = [];
  const projects: ExternalProject[] = [];
  const unmapped: UnmappedNode[] = [...walk.structural];
  const unreadable: UnreadableFollowUp[] = [];
  for (const outcome of walk.activities) {
    const { decision, facts } = outcome;
    const project = recognizeProject(compiled, facts, decision.mapped ? decision.focusArea : null, issues);
    if (project !== null) projects.push(project);
    if (decision.mapped) {
      const activity = toActivity(outcome, decision, { compiled, project, statusOf, timeZone: options.timeZone, issues, unreadable });
      if (project?.yearSource === 'running')
        project.countedYears = runningYears(
          mapping,
          activity.endDate,
          activity.followUps.map((f) => f.year),
        );
      activities.push(activity);
      continue;
    }
    if (project?.yearSource === 'running') project.countedYears = unmappedProjectYears(outcome, mapping, statusOf, options.timeZone);
    const entry = unmappedActivity(outcome);
    if (entry !== null) unmapped.push(entry);
    const conflict = conflictIssue(outcome);
    if (conflict !== null) issues.push(conflict);
  }
  const view: ProgrammeView = {
    period: toPeriod(mapping),
    units: classifyUnits(snapshot.tenant.departments, mapping),
    activities: activities.sort((a, b) => compareIds(a.unitId, b.unitId) || compareIds(a.nodeId, b.nodeId)),
    projects: projects.sort((a, b) => compareIds(a.unitId, b.unitId) || compareIds(a.nodeId, b.nodeId)),
    projectStatements: collectStatements(walk.scorecards, compiled, options.timeZone, issues, unreadable),
    unmapped: unmapped.sort((a, b) => compareIds(a.scorecardId, b.scorecardId) || compareIds(a.unitId, b.unitId) || compareIds(a.nodeId, b.nodeId)),
    reportDeadlines: collectReportDeadlines(snapshot, mapping, options.timeZone, issues),
    failedUnitIds: [...new Set(snapshot.failures.map((failure) => failure.departmentId))].sort(compareIds),
    owners: resolveOwners(snapshot, mapping, issues),
    people: collectPeople(snapshot),
    unreadableFollowUps: sortUnreadable(unreadable),
  };
  return { view, issues };
}

/** The running years of a project whose activity no rule placed (it still counts in the totals). */
function unmappedProjectYears(outcome: ActivityOutcome, mapping: ProgrammeMapping, statusOf: StatusOf, timeZone: string): number[] {
  const { endDate } = statusOf(outcome, []);
  // Its follow-ups count for no report (the activity is unmapped); only their years matter here.
  const followUps = toFollowUps(outcome.scorecard.card.comments[outcome.facts.node.Id] ?? [], outcome.facts.node.Id, outcome.facts.unitId, timeZone, {
    kind: 'activity-follow-up',
    issues: [],
    unreadable: [],
  });
  return runningYears(
    mapping,
    endDate,
    followUps.map((f) => f.year),
  );
}

/** The programme period of a mapping; focus areas in priority order. */
export function toPeriod(mapping: ProgrammeMapping): ProgrammePeriod {
  return {
    id: mapping.id,
    name: mapping.name,
    startYear: mapping.startYear,
    endYear: mapping.endYear,
    focusAreas: [...mapping.focusAreas].sort((a, b) => a.priority - b.priority),
    goals: mapping.goals.map((goal) => ({ ...goal })),
    means: mapping.means.map((means) => ({ key: means.key, name: means.name })),
  };
}

type StatusOf = (outcome: ActivityOutcome, issues: MappingIssue[]) => { status: ActivityStatus | null; endDate: string | null };

type MappedDecision = Extract<Decision, { mapped: true }>;

interface ActivityContext {
  compiled: CompiledMapping;
  project: ExternalProject | null;
  statusOf: StatusOf;
  timeZone: string;
  issues: MappingIssue[];
  unreadable: UnreadableFollowUp[];
}

function toActivity(outcome: ActivityOutcome, decision: MappedDecision, { compiled, project, statusOf, timeZone, issues, unreadable }: ActivityContext): ActionActivity {
  const { facts, scorecard } = outcome;
  const { status, endDate } = statusOf(outcome, issues);
  return {
    nodeId: facts.node.Id,
    name: facts.node.Name,
    unitId: facts.unitId,
    scorecardId: facts.scorecardId,
    focusAreaKey: decision.focusArea,
    goalKeys: [...decision.goals],
    meansKeys: meansOf(compiled, facts),
    status,
    endDate,
    followUps: toFollowUps(scorecard.card.comments[facts.node.Id] ?? [], facts.node.Id, facts.unitId, timeZone, { kind: 'activity-follow-up', issues, unreadable }),
    project,
    matchedBy: decision.decidedBy.label,
  };
}

const STATUS_KINDS: Record<string, StatusKind> = { Paused: 'not-started', Ongoing: 'ongoing', Finished: 'finished' };

/** StatusType → kind: Paused → not-started, Ongoing → ongoing, Finished → finished, else (null included) other. */
export function statusKindOf(statusType: string | null): StatusKind {
  return (statusType === null ? undefined : STATUS_KINDS[statusType]) ?? 'other';
}

/**
 * Status and end date from the unit's activity rows, the status id resolved among the statuses of
 * the node's column first (ids may differ per column, `StatusServiceUT.cs`), then the tenant's, else
 * the node's CurrentStatus. A status without StatusType is kind `other`, with a warning.
 */
function statusResolver(snapshot: Snapshot): StatusOf {
  const statuses = new Map(snapshot.tenant.statuses.map((status) => [status.Id, status]));
  const byColumn = new Map(Object.entries(snapshot.tenant.columnStatuses).map(([columnId, list]) => [columnId, new Map(list.map((status) => [status.Id, status]))]));
  // One shared (read-only) ActivityStatus per Stratsys status instead of one per activity.
  const shared = new Map<Status, ActivityStatus>();
  const statusObject = (found: Status): ActivityStatus => {
    let status = shared.get(found);
    if (status === undefined) shared.set(found, (status = Object.freeze({ id: found.Id, name: found.Name, kind: statusKindOf(found.StatusType) })));
    return status;
  };
  const rowsByCard = new WeakMap<object, Map<string, Activity>>();
  return ({ facts, scorecard }, issues) => {
    let rows = rowsByCard.get(scorecard.card);
    if (rows === undefined) rowsByCard.set(scorecard.card, (rows = new Map(scorecard.card.activities.map((row) => [row.Id, row]))));
    const row = rows.get(facts.node.Id);
    const statusId = row?.StatusId ?? facts.node.CurrentStatus?.Id ?? null;
    const found: Status | undefined =
      statusId === null
        ? undefined
        : (byColumn.get(facts.node.ScorecardColumn.Id)?.get(statusId) ?? statuses.get(statusId) ?? (facts.node.CurrentStatus?.Id === statusId ? facts.node.CurrentStatus : undefined));
    if (statusId !== null && found === undefined) {
      issues.push({
        severity: 'warning',
        code: 'unknown-status',
        message: `activity ${facts.node.Id} (unit ${facts.unitId}) has status id ${statusId}, which is not among the tenant's statuses`,
        nodeId: facts.node.Id,
        unitId: facts.unitId,
      });
    }
    if (found !== undefined && found.StatusType === null) {
      issues.push({
        severity: 'warning',
        code: 'status-type-missing',
        message: `activity ${facts.node.Id} (unit ${facts.unitId}) has status ${found.Id} "${found.Name}", whose StatusType is null; counted as kind "other"`,
        nodeId: facts.node.Id,
        unitId: facts.unitId,
      });
    }
    return { status: found === undefined ? null : statusObject(found), endDate: row?.EndDate ?? null };
  };
}
