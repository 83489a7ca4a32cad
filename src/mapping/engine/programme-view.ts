import type { ActionActivity, ExternalProject, ProgrammePeriod, ProgrammeView, ProjectStatement, UnmappedNode, UnreadableFollowUp } from '../../domain/programme.js';
import type { Snapshot, UnitFailure, UnitSnapshot } from '../../snapshot/schema.js';
import type { User } from '../../stratsys/schemas.js';
import { compileMapping, type CompiledMapping, type Decision } from './compile.js';
import { meansOf } from './decide.js';
import { sortUnreadable, toFollowUps, type FollowUpSink, type OtherYears } from './follow-ups.js';
import type { MappingIssue } from './issues.js';

import { recognizeProject, runningYears } from './projects.js';
import { addResponsibles, collectPeople, collectReportDeadlines, resolveOwners, sortStatements, statementsOf } from './report-data.js';
import type { ProgrammeMapping } from '../file/schema.js';
import { checkScorecards } from './scorecard-checks.js';
import { compareIds, sortByIds } from '../../shared/ids.js';
import { classifyUnits } from './classify-units.js';
import { statusResolver, type StatusOf } from './activity-status.js';
import { actionPlanWalker, conflictIssue, unmappedActivity, type ActivityOutcome } from './walk.js';

/** Options of buildProgrammeView. */
export interface BuildViewOptions {
  /** IANA zone Stratsys' local timestamps are read in (REPORT_TIME_ZONE, e.g. Europe/Stockholm). */
  timeZone: string;
  /**
   * Keep only the follow-ups of this period year on each activity, the others as a count
   * (`followUpsOfOtherYears`): an assessment of one year reads no other year's, and at thousands of
   * units they are two thirds of the view's memory. Every follow-up is still read first (its date
   * checked, its year counted in a project's running years). Default: keep every year's.
   */
  followUpYear?: number;
}

/** The view and everything noteworthy found on the way. */
export interface ProgrammeViewResult {
  view: ProgrammeView;
  /** `error` issues (conflicts, a missing activity column) are blocking: see assertNoBlockingIssues. */
  issues: MappingIssue[];
}

/** What the programme view reads of a snapshot besides its units and failures. */
export type ViewBase = Pick<Snapshot, 'tenant' | 'pulledAt'>;

/**
 * A programme view built one unit at a time: `addUnit` maps the unit's activities and keeps what the
 * view shows of them (the unit itself can then be let go); `finish` settles what depends on every
 * unit and on the failed units, and returns buildProgrammeView's result for the units fed, in the
 * order fed.
 */
export interface ProgrammeViewBuilder {
  addUnit(unit: UnitSnapshot): void;
  finish(failures: readonly UnitFailure[]): ProgrammeViewResult;
}

/** A builder of the programme view of `base` under `mapping` (see ProgrammeViewBuilder). */
export function programmeViewBuilder(base: ViewBase, mapping: ProgrammeMapping, options: BuildViewOptions): ProgrammeViewBuilder {
  const compiled = compileMapping(mapping);
  const placed: Placed = { activities: [], projects: [], unmapped: [], issues: [], unreadable: [] };
  const context = {
    compiled,
    mapping,
    statusOf: statusResolver(base),
    timeZone: options.timeZone,
    followUpYear: options.followUpYear ?? null,
    sink: { kind: 'activity-follow-up' as const, issues: placed.issues, unreadable: placed.unreadable },
  };
  // Each activity is placed as the walk finds it; its issues and unmapped entry follow the walk's own.
  const walker = actionPlanWalker(compiled, (outcome) => placeActivity(outcome, context, placed));
  const pulledCards = new Set<string>();
  const statements: ProjectStatement[] = [];
  const statementIssues: MappingIssue[] = [];
  const statementUnreadable: UnreadableFollowUp[] = [];
  const roleHolders = { ...base.tenant.roleHolders };
  const responsibles = new Map<string, User>();
  return {
    addUnit(unit) {
      const scorecards = walker.addUnit(unit);
      for (const card of unit.scorecards) pulledCards.add(card.scorecardId);
      for (const statement of statementsOf(scorecards, compiled, options.timeZone, statementIssues, statementUnreadable)) statements.push(statement);
      Object.assign(roleHolders, unit.roleHolders);
      addResponsibles(responsibles, unit);
    },
    finish(failures) {
      const walk = walker.finish({ tenant: base.tenant, failures: [...failures] });
      const issues: MappingIssue[] = [...checkScorecards(base.tenant, pulledCards, mapping), ...walk.issues, ...placed.issues, ...statementIssues];
      const unmapped: UnmappedNode[] = [...walk.structural, ...placed.unmapped];
      const view: ProgrammeView = {
        period: toPeriod(mapping),
        units: classifyUnits(base.tenant.departments, mapping),
        activities: sortByIds(placed.activities, unitIdOf, nodeIdOf),
        projects: sortByIds(placed.projects, unitIdOf, nodeIdOf),
        projectStatements: sortStatements(statements),
        unmapped: unmapped.sort((a, b) => compareIds(a.scorecardId, b.scorecardId) || compareIds(a.unitId, b.unitId) || compareIds(a.nodeId, b.nodeId)),
        reportDeadlines: collectReportDeadlines(base, mapping, options.timeZone, issues),
        failedUnitIds: [...new Set(failures.map((failure) => failure.departmentId))].sort(compareIds),
        owners: resolveOwners(base, mapping, issues),
        people: collectPeople(roleHolders, responsibles.values()),
        unreadableFollowUps: sortUnreadable([...placed.unreadable, ...statementUnreadable]),
      };
      return { view, issues };
    },
  };
}

/**
 * Applies a mapping to a pulled snapshot: the programme view of one tenant for one period. Pure,
 * never throws per row. Conflicts (two rules at one precedence level giving different focus areas)
 * are returned as blocking `error` issues naming both rules, and the node is listed in `unmapped`;
 * every node of the action-plan scorecards is either structure, an activity, or unmapped with a
 * reason. Linear in the number of nodes. The same as programmeViewBuilder fed every unit.
 */
export function buildProgrammeView(snapshot: Snapshot, mapping: ProgrammeMapping, options: BuildViewOptions): ProgrammeViewResult {
  const builder = programmeViewBuilder(snapshot, mapping, options);
  for (const unit of snapshot.units) builder.addUnit(unit);
  return builder.finish(snapshot.failures);
}

const unitIdOf = (item: { unitId: string }): string => item.unitId;
const nodeIdOf = (item: { nodeId: string }): string => item.nodeId;

/** What placing the activities found, in the walk's order. */
interface Placed {
  activities: ActionActivity[];
  projects: ExternalProject[];
  unmapped: UnmappedNode[];
  issues: MappingIssue[];
  unreadable: UnreadableFollowUp[];
}

/** One activity of the walk: an activity of the view (and a project) or an unmapped node (and a conflict). */
function placeActivity(
  outcome: ActivityOutcome,
  context: { compiled: CompiledMapping; mapping: ProgrammeMapping; statusOf: StatusOf; timeZone: string; followUpYear: number | null; sink: FollowUpSink },
  placed: Placed,
): void {
  const { compiled, mapping, statusOf, timeZone, sink } = context;
  const { decision, facts } = outcome;
  const { issues } = placed;
  const project = recognizeProject(compiled, facts, decision.mapped ? decision.focusArea : null, issues);
  if (project !== null) placed.projects.push(project);
  if (decision.mapped) {
    const others: OtherYears | null = context.followUpYear === null ? null : { year: context.followUpYear, count: 0, firstYear: null };
    const activity = toActivity(outcome, decision, { compiled, project, statusOf, timeZone, sink, others });
    if (project?.yearSource === 'running')
      project.countedYears = runningYears(mapping, activity.endDate, others === null ? activity.followUps.map((f) => f.year) : others.firstYear === null ? [] : [others.firstYear]);
    placed.activities.push(activity);
    return;
  }
  if (project?.yearSource === 'running') project.countedYears = unmappedProjectYears(outcome, mapping, statusOf, timeZone);
  const entry = unmappedActivity(outcome);
  if (entry !== null) placed.unmapped.push(entry);
  const conflict = conflictIssue(outcome);
  if (conflict !== null) issues.push(conflict);
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

type MappedDecision = Extract<Decision, { mapped: true }>;

interface ActivityContext {
  compiled: CompiledMapping;
  project: ExternalProject | null;
  statusOf: StatusOf;
  timeZone: string;
  /** Where follow-ups' problems go (the placed issues and unreadable follow-ups). */
  sink: FollowUpSink;
  /** Keep the follow-ups of `others.year` only, counting the others there (BuildViewOptions.followUpYear); null: every year's. */
  others: OtherYears | null;
}

function toActivity(outcome: ActivityOutcome, decision: MappedDecision, { compiled, project, statusOf, timeZone, sink, others }: ActivityContext): ActionActivity {
  const { facts, scorecard } = outcome;
  const { status, endDate } = statusOf(outcome, sink.issues);
  const activity: ActionActivity = {
    nodeId: facts.node.Id,
    name: facts.node.Name,
    unitId: facts.unitId,
    scorecardId: facts.scorecardId,
    focusAreaKey: decision.focusArea,
    goalKeys: decision.goals,
    meansKeys: meansOf(compiled, facts),
    status,
    endDate,
    followUps: toFollowUps(scorecard.card.comments[facts.node.Id] ?? [], facts.node.Id, facts.unitId, timeZone, sink, others),
    project,
    matchedBy: decision.decidedBy.label,
  };
  if (others !== null) activity.followUpsOfOtherYears = others.count;
  return activity;
}
