import type { Evaluation, ExpectedReport } from '../domain/evaluation.js';
import { REPORT } from '../domain/glossary-report.js';
import type { ActionActivity, FollowUp, Goal, ProgrammeView } from '../domain/programme.js';
import { compareSwedish } from '../rules/order.js';
import { focusAreaLabel } from './labels.js';
import { groupBy } from './lists.js';
import type { CellState, ReportFocusArea, ReportUnit } from './model-parts.js';
import type { GoalContribution, ReportedActivity, ReportedFocusArea, ReportedGoal, ReportedPart, ReportedStatement, ReportedText } from './model-reported.js';
import type { NodeLinker } from './permalink.js';

/** Heading of the activities without a goal. */
export const NO_GOAL_LABEL = REPORT.reportedTables.noGoal;

/** What buildReported reads besides the view and the evaluation. */
export interface ReportedInput {
  view: ProgrammeView;
  evaluation: Evaluation;
  /** The activities counted for the year (units that owe reports). */
  activities: readonly ActionActivity[];
  focusAreas: readonly ReportFocusArea[];
  units: readonly ReportUnit[];
  link: NodeLinker;
  hasLinks: boolean;
  /** The node units comment on about their projects (the mapping's first statement node), for its link. */
  statementNodeId: string | null;
}

function toText(followUp: FollowUp, people: Readonly<Record<string, string>>, asOfMs: number): ReportedText {
  const author = followUp.userId === null ? null : (people[followUp.userId] ?? REPORT.reportedTables.userId(followUp.userId));
  return { commentId: followUp.commentId, postedAt: followUp.postedAt, author, html: followUp.html, isAfterAsOf: Date.parse(followUp.postedAt) > asOfMs };
}

/** An activity's follow-up state for the year, read from the evaluation's evidence for its unit and focus area. */
function activityState(activity: ActionActivity, report: ExpectedReport | undefined, asOfMs: number): CellState {
  if (report === undefined) return 'not-owed';
  if (report.state === 'unknown') return 'unknown';
  if (report.evidence.skippedNodeIds.includes(activity.nodeId)) return 'not-owed';
  const counted = report.evidence.followUps.find((f) => f.nodeId === activity.nodeId);
  if (counted) return Date.parse(counted.postedAt) <= Date.parse(report.dueAt) ? 'on-time' : 'late';
  if (!report.evidence.missingNodeIds.includes(activity.nodeId)) return 'not-owed';
  return asOfMs > Date.parse(report.dueAt) ? 'missing' : 'not-yet-due';
}

/** The goal an activity is listed under: its first operational goal (programme order), else its first goal. */
function mainGoal(activity: ActionActivity, goals: readonly Goal[]): Goal | null {
  const own = goals.filter((goal) => activity.goalKeys.includes(goal.key));
  return own.find((goal) => goal.level === 'operational') ?? own[0] ?? null;
}

/** The value of `key` in `map`, made (and frozen, when a list) the first time. */
function cached<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (Array.isArray(value)) Object.freeze(value);
    map.set(key, value);
  }
  return value;
}

function byUnitThenName(order: ReadonlyMap<string, number>) {
  return (a: ReportedActivity, b: ReportedActivity) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0) || compareSwedish(a.name, b.name);
}

/** Every activity of the year with its state, texts and link, by unit order then name. */
function reportedActivities(input: ReportedInput): Array<ReportedActivity & { focusAreaKey: string; goalKey: string | null }> {
  const { view, evaluation } = input;
  const asOfMs = Date.parse(evaluation.asOf);
  const reports = new Map(evaluation.reports.filter((r) => r.type === 'action-plan-follow-up').map((r) => [`${r.unitId}|${r.focusAreaKey ?? ''}`, r]));
  const goals = new Map(view.period.goals.map((goal) => [goal.key, goal]));
  const means = new Map(view.period.means.map((m) => [m.key, m.name]));
  const order = new Map(input.units.map((unit, index) => [unit.unitId, index]));
  // Activities share their lists of goal and means keys (src/mapping): their names are listed once per list, not per activity.
  const meansNames = new Map<readonly string[], readonly string[]>();
  const otherGoalNames = new Map<readonly string[], Map<string | null, readonly string[]>>();
  const meansNamesOf = (keys: readonly string[]) => cached(meansNames, keys, () => keys.flatMap((key) => means.get(key) ?? []));
  const otherGoalNamesOf = (keys: readonly string[], main: string | null) =>
    cached(
      cached(otherGoalNames, keys, () => new Map()),
      main,
      () => keys.filter((key) => key !== main).flatMap((key) => goals.get(key)?.name ?? []),
    );
  return input.activities
    .map((activity) => {
      const goal = mainGoal(activity, view.period.goals);
      return {
        nodeId: activity.nodeId,
        name: activity.name,
        unitId: activity.unitId,
        focusAreaKey: activity.focusAreaKey,
        goalKey: goal?.key ?? null,
        statusName: activity.status?.name ?? null,
        statusKind: activity.status?.kind ?? null,
        meansNames: meansNamesOf(activity.meansKeys),
        otherGoalNames: otherGoalNamesOf(activity.goalKeys, goal?.key ?? null),
        state: activityState(activity, reports.get(`${activity.unitId}|${activity.focusAreaKey}`), asOfMs),
        texts: activity.followUps.filter((f) => f.year === evaluation.year).map((f) => toText(f, view.people ?? {}, asOfMs)),
        link: input.link({ nodeId: activity.nodeId, unitId: activity.unitId, scorecardId: activity.scorecardId }),
      };
    })
    .sort(byUnitThenName(order));
}

function groupFocusArea(focusArea: ReportFocusArea, activities: ReturnType<typeof reportedActivities>, input: ReportedInput): ReportedFocusArea {
  const inArea = activities.filter((a) => a.focusAreaKey === focusArea.key);
  const present = new Set(inArea.map((a) => a.goalKey));
  const goalKeys = [...input.view.period.goals.map((g) => g.key as string | null), null].filter((key) => present.has(key));
  const byGoal = groupBy(inArea, (a) => a.goalKey);
  const goals: ReportedGoal[] = goalKeys.map((key) => {
    const byUnit = groupBy(byGoal.get(key) ?? [], (a) => a.unitId);
    const units = input.units.flatMap((unit) => {
      const own = byUnit.get(unit.unitId) ?? [];
      return own.length === 0 ? [] : [{ unit, activities: own }];
    });
    return { key, name: input.view.period.goals.find((g) => g.key === key)?.name ?? NO_GOAL_LABEL, units };
  });
  return { focusArea, goals, failedUnits: input.units.filter((unit) => unit.isFailed) };
}

function statements(input: ReportedInput): ReportedStatement[] {
  const { view, evaluation } = input;
  const asOfMs = Date.parse(evaluation.asOf);
  const projectReports = new Map(evaluation.reports.filter((r) => r.type === 'project-report').map((r) => [r.unitId, r]));
  const ofYear = groupBy(
    view.projectStatements.filter((s) => s.year === evaluation.year),
    (s) => s.unitId,
  );
  return input.units.flatMap((unit) => {
    const report = projectReports.get(unit.unitId);
    if (report === undefined) return [];
    const own = ofYear.get(unit.unitId) ?? [];
    const nodeId = own[0]?.followUp.nodeId ?? input.statementNodeId;
    return [
      {
        unit,
        state: report.state,
        isNone: own.length > 0 && own.every((s) => s.isNone),
        texts: own.map((s) => toText(s.followUp, view.people ?? {}, asOfMs)),
        link: nodeId === null ? null : input.link({ nodeId, unitId: unit.unitId }),
      },
    ];
  });
}

function goalContributions(input: ReportedInput, activities: ReturnType<typeof reportedActivities>): GoalContribution[] {
  const areas = new Map(input.focusAreas.map((area) => [area.key, focusAreaLabel(area)]));
  const units = new Map(input.units.map((unit) => [unit.unitId, unit.unitName]));
  const keysOf = new Map(input.activities.map((a) => [`${a.unitId}|${a.nodeId}`, a.goalKeys]));
  const levels = { municipality: 0, operational: 1 } as const;
  return [...input.view.period.goals]
    .sort((a, b) => levels[a.level] - levels[b.level])
    .map((goal) => {
      const serving = activities
        .filter((a) => keysOf.get(`${a.unitId}|${a.nodeId}`)?.includes(goal.key))
        .map((activity) => ({ activity, unitName: units.get(activity.unitId) ?? activity.unitId, focusAreaLabel: areas.get(activity.focusAreaKey) ?? activity.focusAreaKey }));
      const byStatus = { 'not-started': 0, ongoing: 0, finished: 0, other: 0, none: 0 };
      for (const { activity } of serving) byStatus[activity.statusKind ?? 'none'] += 1;
      return {
        key: goal.key,
        name: goal.name,
        level: goal.level,
        activities: serving,
        followedUp: serving.filter(({ activity }) => activity.state === 'on-time' || activity.state === 'late').length,
        missing: serving.filter(({ activity }) => activity.state === 'missing').length,
        byStatus,
      };
    });
}

/**
 * What the units reported for the year, per focus area → goal → unit → activity (texts as safe
 * formatted text, author, posting time, status, means, permalink), the project statements, and
 * the activities serving each goal of the mapping. Pure.
 */
export function buildReported(input: ReportedInput): ReportedPart {
  const activities = reportedActivities(input);
  return {
    followUps: input.focusAreas.map((area) => groupFocusArea(area, activities, input)),
    statements: statements(input),
    goals: goalContributions(input, activities),
    hasLinks: input.hasLinks,
  };
}
