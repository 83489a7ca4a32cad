/**
 * The international programme's own vocabulary. No Stratsys wire type appears here: the mapping
 * engine (src/mapping) is the only place that turns Stratsys data into these objects.
 */

export type UnitKind = 'department' | 'company' | 'other';

/** An organisation unit: förvaltning (department), kommunalt bolag (company) or anything else. */
export interface OrgUnit {
  id: string;
  name: string;
  shortName: string | null;
  parentId: string | null;
  kind: UnitKind;
  /** Which classification rule decided `kind` (rule label from the mapping file), or `default`. */
  classifiedBy: string;
  /** First programme year the unit takes part in (inclusive); null = from the period's start. */
  activeFrom: number | null;
  /** Last programme year the unit takes part in (inclusive); null = to the period's end. */
  activeTo: number | null;
}

/** `knowledge-raising` is the programme's "Kunskapshöjande insatser för politik och tjänstemän". */
export type FocusAreaKind = 'focus-area' | 'knowledge-raising';

export interface FocusArea {
  /** Stable key from the mapping file, e.g. `naringsliv`. */
  key: string;
  name: string;
  /** Priority order from the programme; 1 is the highest. Knowledge-raising efforts sort last. */
  priority: number;
  kind: FocusAreaKind;
}

/** A municipality-wide (kommunövergripande) or operational (verksamhets-) goal. */
export interface Goal {
  key: string;
  name: string;
  level: 'municipality' | 'operational';
}

/** A means of the international work: vänortssamarbete, partnerskap, nätverk, projekt. */
export interface Means {
  key: string;
  name: string;
}

export interface ProgrammePeriod {
  /** Mapping-file id, e.g. `gavle-2018-2020`. */
  id: string;
  name: string;
  /** First and last calendar year covered (inclusive). */
  startYear: number;
  endYear: number;
  focusAreas: FocusArea[];
  goals: Goal[];
  means: Means[];
}

export type StatusKind = 'not-started' | 'ongoing' | 'finished' | 'other';

export interface ActivityStatus {
  id: string;
  name: string;
  kind: StatusKind;
}

/** A follow-up text (Stratsys comment) on a node, by one unit, for one period. */
export interface FollowUp {
  commentId: string;
  nodeId: string;
  unitId: string;
  /** Period date as Stratsys gives it, `yyyy-MM-dd`. */
  periodDate: string;
  /** Calendar year of `periodDate`: the year the follow-up is for. */
  year: number;
  /** When it was posted, as an ISO 8601 UTC instant (Stratsys' local time read in the report time zone). */
  postedAt: string;
  /** Plain text (HTML tags removed), for evidence and "none this year" markers. */
  text: string;
  /**
   * The text exactly as Stratsys gives it (HTML, untrusted). Reports reduce it to safe formatted
   * text (paragraphs, lists, bold, links) when they render it; nothing else reads it.
   */
  html: string;
  /** Stratsys user id of the author, when given; see ProgrammeView.people for the name. */
  userId: string | null;
}

/**
 * A follow-up (Stratsys comment) whose date could not be read: `PeriodDate` or `PostedDate` null
 * or not in Stratsys' format ("igår kväll", "31/12/2019"). It is evidence whose time is unknown, so
 * it is kept, never dropped: the report it may count for becomes `unknown` (see ReportState).
 */
export interface UnreadableFollowUp {
  /** What it would count as: a follow-up of an activity, or a unit's project statement. */
  kind: 'activity-follow-up' | 'project-statement';
  commentId: string;
  nodeId: string;
  unitId: string;
  /** `PeriodDate` and `PostedDate` exactly as Stratsys sent them (null when null). */
  periodDate: string | null;
  postedDate: string | null;
  /** Calendar year of `periodDate` when that is readable; null: it may be for any year. */
  year: number | null;
  /** What could not be read, for people, e.g. `PostedDate "igår kväll" is not a date and time`. */
  reason: string;
}

export type Financier = 'eu' | 'international';

/** An externally financed (EU/international) project. */
export interface ExternalProject {
  nodeId: string;
  name: string;
  unitId: string;
  focusAreaKey: string | null;
  financier: Financier;
  /** Programme or funder name where known (e.g. "Interreg Central Baltic"). */
  financierName: string | null;
  /** Granted amount in SEK; null when the node carries none (flagged in reports). */
  grantedSek: number | null;
  /** The amount field's text as typed in Stratsys (trimmed), or null when empty or not read; shown when unreadable. */
  grantedText: string | null;
  /** Year the grant was decided, from the financing rule's year field; null when unknown or not configured. */
  year: number | null;
  /**
   * How the programme years the project counts in are decided (added later; absent in views built
   * before it existed, which count it in `year` only): `field` — the financing rule names a year
   * field, and the project counts in that year (none when it is empty or unreadable); `running` —
   * the rule names no year field, and the project counts in each programme year in which it runs.
   */
  yearSource?: 'field' | 'running';
  /**
   * The programme years the project counts in (projects and granted-SEK figures), ascending. For
   * `running`: each year Y of the period such that the end date is empty or on/after 1 January Y,
   * and Y is not before the period year of its first follow-up, if it has one.
   */
  countedYears?: number[];
}

/** An action-plan activity carried out by one unit. */
export interface ActionActivity {
  nodeId: string;
  name: string;
  unitId: string;
  scorecardId: string;
  focusAreaKey: string;
  /** Shared by activities with the same rules: read only. */
  goalKeys: readonly string[];
  /** Shared by activities with the same means: read only. */
  meansKeys: readonly string[];
  status: ActivityStatus | null;
  endDate: string | null;
  /** Its follow-ups; of one year only in an assessment of that year (see followUpsOfOtherYears). */
  followUps: FollowUp[];
  /**
   * Set in the view of an assessment of one year (evaluation, write-back, reports), which keeps the
   * follow-ups of that year only: how many of the activity's follow-ups are of other years and left
   * out of `followUps`. Absent where `followUps` holds every year's.
   */
  followUpsOfOtherYears?: number;
  /** Set when the activity is an externally financed project. */
  project: ExternalProject | null;
  /** Label of the mapping rule that placed it in its focus area. */
  matchedBy: string;
}

/** A unit's yearly statement to the International Office about its external projects. */
export interface ProjectStatement {
  unitId: string;
  year: number;
  followUp: FollowUp;
  /** True when the statement says "no externally financed projects this year". */
  isNone: boolean;
}

/**
 * Why an action-plan node is not an activity of the programme: no rule matched; rules matched but
 * none gave a focus area; two rules at one precedence level disagree; no pulled unit reports it
 * (`owner-not-pulled`: the units that report it are no department or company of the programme);
 * it is an activity outside the scorecard's activity column; or a unit reports it but the node is
 * not among the unit's nodes (`not-visible`), so it cannot be placed.
 */
export type UnmappedReason = 'no-rule' | 'no-focus-area' | 'conflict' | 'owner-not-pulled' | 'other-activity-column' | 'not-visible';

export interface UnmappedNode {
  nodeId: string;
  name: string;
  /** The unit that reports the node (for `owner-not-pulled`: the first unit that does, '' when none does). */
  unitId: string;
  scorecardId: string;
  /** Human explanation, naming the rules involved. */
  reason: string;
  /** Machine-readable reason (added later; absent in views built before it existed). */
  reasonCode?: UnmappedReason;
}

/** The programme view of one tenant for one period: the input to evaluation and reports. */
export interface ProgrammeView {
  period: ProgrammePeriod;
  units: OrgUnit[];
  activities: ActionActivity[];
  projects: ExternalProject[];
  projectStatements: ProjectStatement[];
  unmapped: UnmappedNode[];
  /** Deadlines read from Stratsys report lists, when the mapping uses a `report-list` due rule. */
  reportDeadlines: ReportDeadline[];
  /** Unit ids whose pull failed: nothing about them is known, and totals depending on them are held back. */
  failedUnitIds: string[];
  /** Focus-area owners, the alert recipients (added later; absent in views built before it existed). */
  owners?: FocusAreaOwner[];
  /**
   * Names of the Stratsys users the snapshot knows (node responsibles and role holders), by user
   * id: who wrote a follow-up. A user not listed is shown by id. Absent in views built before it existed.
   */
  people?: Record<string, string>;
  /**
   * Follow-ups and project statements whose date could not be read, sorted by unit, node, comment
   * (added later; absent in views built before it existed). Never part of `followUps`.
   */
  unreadableFollowUps?: UnreadableFollowUp[];
}

/** Who answers for one focus area: the mapping's fixed addresses and the Stratsys role holders. */
export interface FocusAreaOwner {
  focusAreaKey: string;
  /** Unique (case-insensitive), fixed addresses first. Empty: nobody known, alerts go to the International Office. */
  emails: string[];
}

/** A unit's deadline for one year from a Stratsys report list (see ReportListDueRule). */
export interface ReportDeadline {
  reportListId: string;
  unitId: string;
  year: number;
  /** Deadline day, `yyyy-MM-dd`, in the report time zone (the report is due by the end of it). */
  dueDate: string;
  /** Permalink to the report in Stratsys, when given. */
  url: string | null;
}
