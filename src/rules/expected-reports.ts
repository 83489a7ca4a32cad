import type { EvaluatedUnit, Evaluation, ExpectedReport } from '../domain/evaluation.js';
import type { ActionPlanObligation, DueRule, ObligationRules, ProjectReportObligation, ReportType } from '../domain/obligations.js';
import type { UnreadableEvidence } from '../domain/evaluation.js';
import type { ActionActivity, FocusArea, OrgUnit, ProgrammeView, UnreadableFollowUp } from '../domain/programme.js';
import { dayCounter } from './day-counter.js';
import { REPORT_TIME_ZONE, deadlineResolver, type daysOverdue, type Deadline } from './deadlines.js';
import { type Instant, assertTimeZone, toMillis } from './instants.js';
import { compareIds } from '../shared/ids.js';
import { compareSwedish } from './order.js';
import { type DeliveryEvidence, collectActionPlanEvidence, collectProjectReportEvidence, emptyEvidence, unreadableForActionPlan, unreadableForProjectReport } from './report-evidence.js';
import { classifyReport } from './report-state.js';
import { summarizeByFocusArea, summarizeReports } from './summaries.js';
import { assertYearInPeriod, kindsOwingReports, selectUnits, sortFocusAreas, toDeterministicId } from './units.js';

export interface EvaluateReportsInput {
  view: ProgrammeView;
  rules: ObligationRules;
  /** The reported year Y; must lie within the view's period (else MAPPING_NO_PERIOD). */
  year: number;
  /** The instant T to evaluate at; follow-ups posted after it are ignored. */
  asOf: Instant;
  /** IANA time zone of due days and day counts. Default REPORT_TIME_ZONE (`Europe/Stockholm`). */
  timeZone?: string;
}

const REPORT_TYPES: readonly ReportType[] = ['action-plan-follow-up', 'project-report'];

interface Context {
  view: ProgrammeView;
  year: number;
  asOfMs: number;
  timeZone: string;
  failed: ReadonlySet<string>;
  /** The view's activities and project statements per unit id, indexed once (avoids units × activities scans). */
  activitiesByUnit: ReadonlyMap<string, ActionActivity[]>;
  statementsByUnit: ReadonlyMap<string, ProgrammeView['projectStatements']>;
  /** Follow-ups with unreadable dates per unit id. */
  unreadableByUnit: ReadonlyMap<string, UnreadableFollowUp[]>;
  /** computeDeadline for a unit, memoised (see deadlineResolver). */
  deadlineOf: (rule: DueRule, unitId: string) => Deadline;
  /** daysOverdue, counted with the zone's offsets looked up once per hour (see dayCounter). */
  countDaysOverdue: typeof daysOverdue;
}

function indexBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const group = out.get(key(item));
    if (group === undefined) out.set(key(item), [item]);
    else group.push(item);
  }
  return out;
}

/**
 * The yearly reports owed for year Y and their state as of T. Units whose kind is in a rule's
 * `appliesTo` and that are active in Y owe: one action-plan follow-up per focus area in which they
 * have at least one activity not skipped by `skipStatusKinds`, and one project report. A unit in
 * `view.failedUnitIds` gets instead one `unknown` action-plan entry (focus area null) and one
 * `unknown` project report (for each rule that applies to it). A report for which a follow-up with
 * an unreadable date may count is `unknown` too, unless the readable evidence already makes it on
 * time (an earlier follow-up cannot make it worse). See Evaluation for the order.
 */
export function evaluateReports(input: EvaluateReportsInput): Evaluation {
  const timeZone = input.timeZone ?? REPORT_TIME_ZONE;
  assertTimeZone(timeZone);
  assertYearInPeriod(input.view.period, input.year);
  const asOfMs = toMillis(input.asOf, 'asOf');
  const ctx: Context = {
    view: input.view,
    year: input.year,
    asOfMs,
    timeZone,
    failed: new Set(input.view.failedUnitIds),
    activitiesByUnit: indexBy(input.view.activities, (activity) => activity.unitId),
    statementsByUnit: indexBy(input.view.projectStatements, (statement) => statement.unitId),
    unreadableByUnit: indexBy(input.view.unreadableFollowUps ?? [], (entry) => entry.unitId),
    deadlineOf: deadlineResolver(input.view.reportDeadlines, input.year, timeZone),
    countDaysOverdue: dayCounter(),
  };
  const actionPlan = input.rules.actionPlanFollowUp;
  const projectReport = input.rules.projectReport;
  const reports = [...(actionPlan === null ? [] : evaluateActionPlans(ctx, actionPlan)), ...(projectReport === null ? [] : evaluateProjectReports(ctx, projectReport))].sort(
    compareReports(input.view.period.focusAreas),
  );
  return {
    year: input.year,
    asOf: new Date(asOfMs).toISOString(),
    timeZone,
    units: listOwingUnits(ctx, input.rules),
    owingKinds: [...kindsOwingReports(input.rules, null)].sort(),
    reports,
    byFocusArea: summarizeByFocusArea(reports, input.view.period.focusAreas),
    total: summarizeReports(reports),
  };
}

function evaluateActionPlans(ctx: Context, rule: ActionPlanObligation): ExpectedReport[] {
  const units = selectUnits(ctx.view.units, new Set(rule.appliesTo), ctx.view.period, ctx.year);
  return units.flatMap((unit) => {
    if (ctx.failed.has(unit.id)) return [buildReport(ctx, unit, 'action-plan-follow-up', null, rule.due, null)];
    return [...groupByFocusArea(ctx.activitiesByUnit.get(unit.id) ?? [])].flatMap(([focusAreaKey, activities]) => {
      const delivery = collectActionPlanEvidence({ activities, obligation: rule, year: ctx.year, asOfMs: ctx.asOfMs });
      if (delivery.evidence.expectedNodeIds.length === 0) return [];
      const unreadable = unreadableForActionPlan(ctx.unreadableByUnit.get(unit.id) ?? [], delivery.evidence.expectedNodeIds, ctx.year);
      return [buildReport(ctx, unit, 'action-plan-follow-up', focusAreaKey, rule.due, delivery, unreadable)];
    });
  });
}

function evaluateProjectReports(ctx: Context, rule: ProjectReportObligation): ExpectedReport[] {
  const units = selectUnits(ctx.view.units, new Set(rule.appliesTo), ctx.view.period, ctx.year);
  return units.map((unit) => {
    if (ctx.failed.has(unit.id)) return buildReport(ctx, unit, 'project-report', null, rule.due, null);
    const projectActivities = (ctx.activitiesByUnit.get(unit.id) ?? []).filter((activity) => activity.project !== null);
    const delivery = collectProjectReportEvidence({ statements: ctx.statementsByUnit.get(unit.id) ?? [], projectActivities, obligation: rule, year: ctx.year, asOfMs: ctx.asOfMs });
    const projectNodeIds = projectActivities.map((activity) => activity.nodeId);
    const unreadable = unreadableForProjectReport(ctx.unreadableByUnit.get(unit.id) ?? [], projectNodeIds, rule, ctx.year);
    return buildReport(ctx, unit, 'project-report', null, rule.due, delivery, unreadable);
  });
}

/**
 * A report entry; `delivery` null means the unit's data is absent (state `unknown`, pull failed).
 * Unreadable evidence makes a report that is not on time by its readable evidence `unknown`.
 */
function buildReport(
  ctx: Context,
  unit: OrgUnit,
  type: ReportType,
  focusAreaKey: string | null,
  due: DueRule,
  delivery: DeliveryEvidence | null,
  unreadable: UnreadableEvidence[] = [],
): ExpectedReport {
  const deadline = ctx.deadlineOf(due, unit.id);
  const known = delivery ?? emptyEvidence();
  const readable =
    delivery === null ? null : classifyReport({ deliveredAt: delivery.deliveredAt, dueAt: deadline.dueAt, asOfMs: ctx.asOfMs, timeZone: ctx.timeZone, countDaysOverdue: ctx.countDaysOverdue });
  const unknownReason = readable === null ? 'pull-failed' : unreadable.length > 0 && readable.state !== 'on-time' ? 'unreadable-evidence' : null;
  const state = readable === null || unknownReason !== null ? { state: 'unknown' as const, daysLate: null, daysOverdue: null } : readable;
  const idParts = [type, unit.id, ctx.year, ...(focusAreaKey === null ? [] : [focusAreaKey])];
  return {
    id: toDeterministicId(idParts),
    type,
    unitId: unit.id,
    unitName: unit.name,
    unitKind: unit.kind,
    unknownReason,
    focusAreaKey,
    year: ctx.year,
    ...state,
    dueDate: deadline.dueDate,
    graceDays: deadline.graceDays,
    dueAt: deadline.dueAt,
    dueSource: deadline.source,
    reportUrl: deadline.reportUrl,
    deliveredAt: unknownReason === null ? known.deliveredAt : null,
    progress: known.progress,
    evidence: unreadable.length > 0 ? { ...known.evidence, unreadable } : known.evidence,
  };
}

/** Units that owe reports in Y under either rule, with the report types that apply to each. */
function listOwingUnits(ctx: Context, rules: ObligationRules): EvaluatedUnit[] {
  const units = selectUnits(ctx.view.units, kindsOwingReports(rules, null), ctx.view.period, ctx.year);
  return units.map((unit) => ({
    unitId: unit.id,
    unitName: unit.name,
    unitKind: unit.kind,
    reportTypes: REPORT_TYPES.filter((type) => kindsOwingReports(rules, type).has(unit.kind)),
    isFailed: ctx.failed.has(unit.id),
  }));
}

/** One unit's activities per focus-area key. */
function groupByFocusArea(activities: readonly ActionActivity[]): Map<string, ActionActivity[]> {
  return indexBy(activities, (activity) => activity.focusAreaKey);
}

/** Focus-area priority (keys outside the period next, null last), unit name (sv), type, id. */
function compareReports(focusAreas: readonly FocusArea[]): (a: ExpectedReport, b: ExpectedReport) => number {
  const rank = new Map(sortFocusAreas(focusAreas).map((area, index) => [area.key, index]));
  const rankOf = (key: string | null): number => (key === null ? rank.size + 1 : (rank.get(key) ?? rank.size));
  return (a, b) =>
    rankOf(a.focusAreaKey) - rankOf(b.focusAreaKey) ||
    compareIds(a.focusAreaKey ?? '', b.focusAreaKey ?? '') ||
    compareSwedish(a.unitName, b.unitName) ||
    compareIds(a.type, b.type) ||
    compareIds(a.id, b.id);
}
