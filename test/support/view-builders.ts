import type { IndicatorDefinition } from '../../src/domain/indicators.js';
import type { FixedDayDueRule, ObligationRules } from '../../src/domain/obligations.js';
import type { ActionActivity, ExternalProject, FocusArea, FollowUp, OrgUnit, ProgrammePeriod, ProgrammeView, ProjectStatement, StatusKind } from '../../src/domain/programme.js';

/**
 * Small builders of ProgrammeView pieces for unit tests. Each takes the fields a test cares about
 * and fills the rest with plain defaults (period 2018–2020, kind `department`, Stockholm-posted
 * follow-ups for year 2020).
 */

export function buildUnit(id: string, overrides: Partial<OrgUnit> = {}): OrgUnit {
  return {
    id,
    name: `Unit ${id}`,
    shortName: null,
    parentId: null,
    kind: 'department',
    classifiedBy: 'test',
    activeFrom: null,
    activeTo: null,
    ...overrides,
  };
}

export function buildFocusArea(key: string, priority: number, overrides: Partial<FocusArea> = {}): FocusArea {
  return { key, name: `Area ${key}`, priority, kind: 'focus-area', ...overrides };
}

export function buildPeriod(overrides: Partial<ProgrammePeriod> = {}): ProgrammePeriod {
  return {
    id: 'test-2018-2020',
    name: 'Test programme 2018–2020',
    startYear: 2018,
    endYear: 2020,
    focusAreas: [buildFocusArea('naringsliv', 1), buildFocusArea('social', 2), buildFocusArea('miljo', 3)],
    goals: [],
    means: [],
    ...overrides,
  };
}

export function buildFollowUp(commentId: string, postedAt: string, overrides: Partial<FollowUp> = {}): FollowUp {
  const year = overrides.year ?? 2020;
  return {
    commentId,
    nodeId: 'node',
    unitId: 'unit',
    periodDate: `${year}-12-31`,
    year,
    postedAt,
    text: `Uppföljning ${commentId}`,
    html: `<p>Uppföljning ${commentId}</p>`,
    userId: null,
    ...overrides,
  };
}

export function buildActivity(nodeId: string, unitId: string, focusAreaKey: string, overrides: Partial<ActionActivity> & { statusKind?: StatusKind | null } = {}): ActionActivity {
  const { statusKind, ...rest } = overrides;
  return {
    nodeId,
    name: `Activity ${nodeId}`,
    unitId,
    scorecardId: '50',
    focusAreaKey,
    goalKeys: [],
    meansKeys: [],
    status: statusKind === undefined || statusKind === null ? null : { id: statusKind, name: statusKind, kind: statusKind },
    endDate: null,
    followUps: [],
    project: null,
    matchedBy: 'test',
    ...rest,
  };
}

/** Follow-ups on an activity node by its unit, for the given year (default 2020). */
export function withFollowUps(activity: ActionActivity, postedAts: string[], year = 2020): ActionActivity {
  const followUps = postedAts.map((postedAt, index) => buildFollowUp(`${activity.nodeId}-c${index + 1}`, postedAt, { nodeId: activity.nodeId, unitId: activity.unitId, year }));
  return { ...activity, followUps: [...activity.followUps, ...followUps] };
}

export function buildStatement(unitId: string, postedAt: string, overrides: Partial<ProjectStatement> = {}): ProjectStatement {
  const year = overrides.year ?? 2020;
  return {
    unitId,
    year,
    followUp: buildFollowUp(`stmt-${unitId}-${year}`, postedAt, { nodeId: '5009', unitId, year }),
    isNone: false,
    ...overrides,
  };
}

export function buildProject(nodeId: string, unitId: string, overrides: Partial<ExternalProject> = {}): ExternalProject {
  return {
    nodeId,
    name: `Project ${nodeId}`,
    unitId,
    focusAreaKey: null,
    financier: 'eu',
    financierName: null,
    grantedSek: null,
    grantedText: null,
    year: 2020,
    ...overrides,
  };
}

export function buildView(overrides: Partial<ProgrammeView> = {}): ProgrammeView {
  return {
    period: buildPeriod(),
    units: [],
    activities: [],
    projects: [],
    projectStatements: [],
    unmapped: [],
    reportDeadlines: [],
    failedUnitIds: [],
    ...overrides,
  };
}

/** 31 January the year after, with `graceDays` (default 14: last on-time instant 14 Feb 24:00). */
export function buildFixedDay(overrides: Partial<FixedDayDueRule> = {}): FixedDayDueRule {
  return { kind: 'fixed-day', month: 1, day: 31, yearOffset: 1, graceDays: 14, ...overrides };
}

/** Both obligations for departments and companies, `all-activities` and `statement` evidence. */
export function buildRules(overrides: Partial<ObligationRules> = {}): ObligationRules {
  return {
    actionPlanFollowUp: {
      appliesTo: ['department', 'company'],
      evidence: 'all-activities',
      skipStatusKinds: [],
      due: buildFixedDay(),
    },
    projectReport: { appliesTo: ['department', 'company'], evidence: 'statement', due: buildFixedDay() },
    ...overrides,
  };
}

export function buildDefinition(overrides: Partial<IndicatorDefinition> = {}): IndicatorDefinition {
  return {
    key: 'test-indicator',
    measure: 'expected',
    reportType: null,
    filter: null,
    scope: 'total',
    kpiId: '9001',
    departmentId: '12',
    column: { index: 0 },
    columnsByFocusArea: null,
    ...overrides,
  };
}
