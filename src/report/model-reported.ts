import type { StatusKind } from '../domain/programme.js';
import type { CellState, ReportFocusArea, ReportUnit } from './model-parts.js';

/**
 * What the units reported for the year (the programme's "uppföljning av handlingsplan utifrån
 * verksamheters redovisning respektive fokusområde"), and how the activities serve the goals.
 * Built by src/report/reported.ts; plain data.
 */

/** One follow-up text as the report shows it. */
export interface ReportedText {
  commentId: string;
  /** ISO 8601 UTC instant it was posted (shown in the report time zone). */
  postedAt: string;
  /** The author's name, else "användare <id>", else null when Stratsys gives no author. */
  author: string | null;
  /**
   * The text as Stratsys holds it (HTML written by people: untrusted). Renderers read it through
   * parseRichText (src/report/rich-text.ts), as safe formatted text, when they show it: a large report
   * keeps the string it already has, not a parsed copy of every text.
   */
  html: string;
  /** Posted after the report's as-of instant: shown, but it does not count in this report. */
  isAfterAsOf: boolean;
}

/** An activity of one unit with its follow-up texts for the year. */
export interface ReportedActivity {
  nodeId: string;
  name: string;
  unitId: string;
  statusName: string | null;
  statusKind: StatusKind | null;
  /** Shared between activities with the same means (frozen). */
  meansNames: readonly string[];
  /** Names of the activity's goals other than the one it is listed under; shared between activities with the same (frozen). */
  otherGoalNames: readonly string[];
  /** The activity's follow-up for the year: delivered on time or late, missing, not yet due, skipped (`not-owed`), unknown. */
  state: CellState;
  texts: ReportedText[];
  /** Permalink to the node in Stratsys as seen from the unit; null without a link template. */
  link: string | null;
}

/** A goal's activities in one focus area, by unit. */
export interface ReportedGoal {
  /** Goal key; null for activities without a goal. */
  key: string | null;
  name: string;
  units: Array<{ unit: ReportUnit; activities: ReportedActivity[] }>;
}

/** A focus area: its goals, and the units whose pull failed (nothing known about them). */
export interface ReportedFocusArea {
  focusArea: ReportFocusArea;
  goals: ReportedGoal[];
  failedUnits: ReportUnit[];
}

/** A unit's project statement(s) for the year ("inga externfinansierade projekt" or a list). */
export interface ReportedStatement {
  unit: ReportUnit;
  state: CellState;
  isNone: boolean;
  texts: ReportedText[];
  link: string | null;
}

/**
 * An activity serving a goal: the activity as listed under its focus area (the same object, not a
 * copy: an activity serves several goals, and a large tenant has tens of thousands), with its
 * unit's name and its focus area's label.
 */
export interface GoalActivity {
  activity: ReportedActivity;
  unitName: string;
  focusAreaLabel: string;
}

/** The activities that serve one goal of the mapping, with their state. */
export interface GoalContribution {
  key: string;
  name: string;
  level: 'municipality' | 'operational';
  activities: GoalActivity[];
  /** Activities whose follow-up for the year is in (on time or late). */
  followedUp: number;
  missing: number;
  byStatus: Record<StatusKind | 'none', number>;
}

/** All of it for one year. */
export interface ReportedPart {
  followUps: ReportedFocusArea[];
  statements: ReportedStatement[];
  goals: GoalContribution[];
  /** False when the mapping has no link template (the report says so). */
  hasLinks: boolean;
}
