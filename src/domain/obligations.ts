import type { UnitKind } from './programme.js';

/**
 * The yearly report obligations of a programme period, as the mapping file states them.
 * Pure data: src/rules turns them into expected reports and their states.
 */

/** Due at the end of a fixed calendar day (24:00 in the report time zone) of year Y + yearOffset. */
export interface FixedDayDueRule {
  kind: 'fixed-day';
  month: number;
  day: number;
  /** 1 = the year after the reported year (the usual case). */
  yearOffset: number;
  /** Whole days after the due day during which a delivery still counts as on time. */
  graceDays: number;
}

/**
 * Due dates read from a Stratsys report list (start-page gadget of one user): the row of the unit
 * whose ReportPeriod is the reported year gives the deadline; units without a row fall back.
 */
export interface ReportListDueRule {
  kind: 'report-list';
  reportListId: string;
  /** Stratsys user id, user name or e-mail whose report list is read. */
  user: string;
  graceDays: number;
  fallback: FixedDayDueRule;
}

export type DueRule = FixedDayDueRule | ReportListDueRule;

export type ReportType = 'action-plan-follow-up' | 'project-report';

export interface ActionPlanObligation {
  /** Which unit kinds owe it. */
  appliesTo: UnitKind[];
  /**
   * `all-activities`: a follow-up for year Y on each of the unit's activities in the focus area
   * (delivered when the last one is posted); `any-activity`: one follow-up is enough.
   */
  evidence: 'all-activities' | 'any-activity';
  /** Activities with one of these status kinds are not expected to be followed up. */
  skipStatusKinds: Array<'not-started' | 'ongoing' | 'finished' | 'other'>;
  due: DueRule;
}

export interface ProjectReportObligation {
  appliesTo: UnitKind[];
  /**
   * `statement`: a statement (follow-up on the report node) for year Y;
   * `statement-or-project-follow-up`: a follow-up for year Y on one of its projects also counts.
   */
  evidence: 'statement' | 'statement-or-project-follow-up';
  due: DueRule;
}

export interface ObligationRules {
  actionPlanFollowUp: ActionPlanObligation | null;
  projectReport: ProjectReportObligation | null;
}
