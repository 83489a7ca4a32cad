import type { ReportType } from './obligations.js';
import type { UnitKind } from './programme.js';

/**
 * The output of report evaluation (src/rules/expected-reports.ts): which yearly reports each unit
 * owes for one reported year, and where each stands as of one instant. Pure data; instants are
 * ISO 8601 UTC strings, calendar days are `yyyy-MM-dd` in the report time zone.
 */

/**
 * - `not-yet-due`: not delivered, and the as-of instant is at or before the due instant.
 * - `on-time`: delivered at or before the due instant.
 * - `late`: delivered after the due instant.
 * - `missing`: not delivered, and the as-of instant is after the due instant.
 * - `unknown`: the unit's pull failed, so nothing about its reports is known; or a follow-up that may
 *   count for the report has a date that could not be read (see UnknownReason). Held back like a
 *   failed pull: no KPI value that counts it is written, no alert about it is sent.
 */
export type ReportState = 'not-yet-due' | 'on-time' | 'late' | 'missing' | 'unknown';

/**
 * Why a report is `unknown`: `pull-failed` (the unit's data is absent) or `unreadable-evidence`
 * (a follow-up for it, or one whose year cannot be read, has an unreadable date, and the readable
 * evidence alone does not already make the report on time).
 */
export type UnknownReason = 'pull-failed' | 'unreadable-evidence';

/** A follow-up that may count for a report but whose date could not be read. */
export interface UnreadableEvidence {
  kind: EvidenceKind;
  commentId: string;
  nodeId: string;
  /** What could not be read, e.g. `PostedDate "igår kväll" is not a date and time yyyy-MM-dd HH:mm:ss`. */
  reason: string;
}

/** Where a due day came from: the rule's fixed day, the unit's report-list row, or the fallback rule. */
export type DueSource = 'fixed-day' | 'report-list' | 'fallback';

/** What kind of text counted as (part of) a delivery. */
export type EvidenceKind = 'activity-follow-up' | 'project-statement' | 'project-follow-up';

/** One follow-up that counts towards a report. */
export interface CountedFollowUp {
  kind: EvidenceKind;
  commentId: string;
  nodeId: string;
  /** ISO 8601 UTC instant it was posted. */
  postedAt: string;
  /** For `project-statement`: the statement says "no externally financed projects"; otherwise false. */
  isNone: boolean;
}

export interface ReportEvidence {
  /** Action plan: the activity nodes that must be followed up (after `skipStatusKinds`). Empty for project reports. */
  expectedNodeIds: string[];
  /** Action plan: the unit's activities in the focus area left out by `skipStatusKinds`. Empty for project reports. */
  skippedNodeIds: string[];
  /**
   * Follow-ups that count, posted at or before the as-of instant, sorted by `postedAt`: the earliest
   * for year Y per expected activity (action plan), or every qualifying statement / project
   * follow-up (project report).
   */
  followUps: CountedFollowUp[];
  /** Action plan: expected activities with no follow-up for year Y yet. Empty for project reports. */
  missingNodeIds: string[];
  /**
   * Follow-ups that may count but whose date could not be read (added later; absent in evaluations
   * made before it existed). Non-empty on an `unreadable-evidence` report; may be non-empty on an
   * on-time one (an earlier follow-up cannot make it worse).
   */
  unreadable?: UnreadableEvidence[];
}

/** Partial progress: how many of the expected items are in (activities, or 1 of 1 for a project report). */
export interface ReportProgress {
  delivered: number;
  expected: number;
}

/** One report one unit owes for one year (and, for action-plan follow-ups, one focus area). */
export interface ExpectedReport {
  /**
   * Deterministic key `<type>-<unitId>-<year>[-<focusAreaKey>]`; characters outside
   * `[A-Za-z0-9._-]` become `_`, so it never holds a colon (usable as a BullMQ job id).
   */
  id: string;
  type: ReportType;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  /** Set when `state` is `unknown` (added later; absent in evaluations made before it existed). */
  unknownReason?: UnknownReason | null;
  /** Null for project reports and for the single `unknown` action-plan entry of a failed unit. */
  focusAreaKey: string | null;
  /** The reported year Y. */
  year: number;
  state: ReportState;
  /** Nominal due day, `yyyy-MM-dd` in the report time zone (before grace days). */
  dueDate: string;
  /** Whole local days after `dueDate` that still count as on time. */
  graceDays: number;
  /** Last on-time instant (end of `dueDate` + `graceDays`, 24:00 local), ISO 8601 UTC. */
  dueAt: string;
  dueSource: DueSource;
  /** Permalink from the report list, when the due day came from one. */
  reportUrl: string | null;
  /** When the report counted as delivered (ISO 8601 UTC), or null. */
  deliveredAt: string | null;
  /** Local calendar days late (`late` only, ≥ 1), else null. See daysOverdue in src/rules/deadlines.ts. */
  daysLate: number | null;
  /** Local calendar days overdue as of the as-of instant (`missing` only, ≥ 1), else null. */
  daysOverdue: number | null;
  progress: ReportProgress;
  evidence: ReportEvidence;
}

/** Counts over a group of expected reports. */
export interface ReportSummary {
  /** Reports with a known state: onTime + late + missing + notYetDue. */
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  notYetDue: number;
  /** Unknown reports (not part of `expected`): of failed units, or with unreadable evidence; see FocusAreaSummary. */
  unknown: number;
  /** Units with unknown reports in the group (failed, or with unreadable evidence), sorted. */
  unknownUnitIds: string[];
  /** (onTime + late) / expected in percent, 0–100, one decimal (half up); null when expected is 0. */
  shareDelivered: number | null;
}

/**
 * Action-plan follow-ups of one focus area. A failed unit's single `unknown` entry has no focus
 * area; it is counted in `unknown` of every focus area, since it may owe a follow-up in each.
 */
export interface FocusAreaSummary extends ReportSummary {
  focusAreaKey: string;
}

/** A unit that owes reports in the evaluated year (kind in a rule's `appliesTo`, active in Y). */
export interface EvaluatedUnit {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  /** The report types whose rule applies to the unit (it may still owe no action-plan follow-up). */
  reportTypes: ReportType[];
  /** The unit's pull failed: its reports are `unknown`. */
  isFailed: boolean;
}

export interface Evaluation {
  year: number;
  /** The as-of instant, ISO 8601 UTC. */
  asOf: string;
  /** IANA time zone the calendar days were read in. */
  timeZone: string;
  /** Units that owe reports in Y, sorted by name (sv), then id. */
  units: EvaluatedUnit[];
  /** The unit kinds the obligation rules make owe reports (in any year of the programme), sorted. */
  owingKinds: UnitKind[];
  /** Sorted: focus-area priority (project reports and focus-less entries last), unit name (sv), type, id. */
  reports: ExpectedReport[];
  /** One per focus area of the period, in priority order. */
  byFocusArea: FocusAreaSummary[];
  /** Both report types together. */
  total: ReportSummary;
}
