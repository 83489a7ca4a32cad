import { z } from 'zod';
import type { ExpectedReport, Evaluation } from '../domain/evaluation.js';
import type { FocusArea, ProgrammeView } from '../domain/programme.js';
import { AppError } from '../shared/errors.js';

/**
 * What the alert step reads of a run's evaluation (src/alerts/compose.ts), made when the run is
 * evaluated and recorded with it, so that the run's e-mails say what its summary says and the
 * alert job neither reads the stored pulls again nor evaluates them again (at 2,000 units that
 * was seconds and hundreds of MB beside the report job). Only what composing reads: the missing
 * reports with the names of their activities without a follow-up, the "already delivered" counts
 * per section, the focus areas, the unit ids and the pulled role holders.
 */

/** A Stratsys user as the alert step reads it (a structural subset of the wire `User`). */
export interface RoleHolder {
  Email: string | null;
  FirstName?: string | null;
  LastName?: string | null;
  Username?: string;
}

/** Holders of responsibility roles, key `<scorecardId>/<departmentId>/<nodeId>/<roleId>` (TenantData.roleHolders). */
export type RoleHolders = Readonly<Record<string, readonly RoleHolder[]>>;

/** How many activity names a row shows before "and n more". */
export const MAX_ACTIVITY_NAMES = 5;

/** Counts shown under each focus area: what is already in, so the owner sees the whole picture. */
export interface DeliveredSummary {
  /** On time + late. */
  delivered: number;
  late: number;
  /** Reports with a known state (unknown ones are left out). */
  expected: number;
  notYetDue: number;
  /** Reports of units whose pull failed. */
  unknown: number;
}

/** A missing report as the alert step lists it. */
export interface AlertReport extends Pick<ExpectedReport, 'id' | 'type' | 'unitId' | 'unitName' | 'unitKind' | 'focusAreaKey' | 'year' | 'dueDate' | 'graceDays' | 'daysOverdue' | 'reportUrl'> {
  /** Names of the unit's expected activities without a follow-up, in the view's order (action plan; at most MAX_ACTIVITY_NAMES). */
  notFollowedUp: string[];
  /** How many more activities lack a follow-up than `notFollowedUp` names. */
  moreNotFollowedUp: number;
}

export interface AlertSource {
  year: number;
  /** IANA zone the evaluation read calendar days in. */
  timeZone: string;
  /** The period's focus areas (owners are resolved per area). */
  focusAreas: FocusArea[];
  /** Section keys: the period's focus areas by priority, then any other area key an evaluated report carries. */
  areaKeys: string[];
  /** The view's unit ids (who reports for each unit is looked up by them). */
  unitIds: string[];
  /** The missing reports, in evaluation order. */
  missing: AlertReport[];
  /** "Already delivered" counts of every section: each key of `areaKeys`, and `null` for the project reports. */
  delivered: Array<DeliveredSummary & { focusAreaKey: string | null }>;
  /** Units whose reports are unknown (their pull failed or their evidence could not be read). */
  unknownUnitIds: string[];
}

/** The alert source of an evaluation and the programme view it was made from. */
export function alertSourceOf(assessment: { view: ProgrammeView; evaluation: Evaluation }): AlertSource {
  const { view, evaluation } = assessment;
  const areaKeys = areaKeysOf(view, evaluation);
  const activitiesOf = activityNamesByUnit(view);
  const missing = evaluation.reports.filter((report) => report.state === 'missing').map((report) => alertReportOf(report, activitiesOf));
  return {
    year: evaluation.year,
    timeZone: evaluation.timeZone,
    focusAreas: view.period.focusAreas.map((area) => ({ ...area })),
    areaKeys,
    unitIds: view.units.map((unit) => unit.id),
    missing,
    delivered: [...areaKeys, null].map((key) => ({ focusAreaKey: key, ...deliveredOf(evaluation, key) })),
    unknownUnitIds: [...evaluation.total.unknownUnitIds],
  };
}

/** Whether a report belongs to a section: a focus area's action-plan follow-ups, or (key null) the project reports. */
export function belongsTo(report: Pick<ExpectedReport, 'type' | 'focusAreaKey'>, areaKey: string | null): boolean {
  return areaKey === null ? report.type === 'project-report' : report.type === 'action-plan-follow-up' && report.focusAreaKey === areaKey;
}

/** The period's focus areas by priority, then any other area key an evaluated report carries. */
function areaKeysOf(view: ProgrammeView, evaluation: Evaluation): string[] {
  const ordered = [...view.period.focusAreas].sort((a, b) => a.priority - b.priority || (a.key < b.key ? -1 : 1)).map((area) => area.key);
  const listed = new Set(ordered);
  const extra = new Set<string>();
  for (const report of evaluation.reports) if (report.focusAreaKey !== null && !listed.has(report.focusAreaKey)) extra.add(report.focusAreaKey);
  return [...ordered, ...extra];
}

/** Counts for the "already delivered" line: the evaluation's focus-area summary, or the section's reports counted. */
function deliveredOf(evaluation: Evaluation, areaKey: string | null): DeliveredSummary {
  const summary = areaKey === null ? null : evaluation.byFocusArea.find((entry) => entry.focusAreaKey === areaKey);
  if (summary) return { delivered: summary.onTime + summary.late, late: summary.late, expected: summary.expected, notYetDue: summary.notYetDue, unknown: summary.unknown };
  const counts = { 'on-time': 0, late: 0, 'not-yet-due': 0, unknown: 0, missing: 0 } satisfies Record<ExpectedReport['state'], number>;
  let all = 0;
  for (const report of evaluation.reports) {
    if (!belongsTo(report, areaKey)) continue;
    all += 1;
    counts[report.state] += 1;
  }
  return { delivered: counts['on-time'] + counts.late, late: counts.late, expected: all - counts.unknown, notYetDue: counts['not-yet-due'], unknown: counts.unknown };
}

/** Unit id → its activities' node ids and names, in the view's order. */
function activityNamesByUnit(view: ProgrammeView): Map<string, Array<{ nodeId: string; name: string }>> {
  const byUnit = new Map<string, Array<{ nodeId: string; name: string }>>();
  for (const activity of view.activities) {
    let list = byUnit.get(activity.unitId);
    if (list === undefined) byUnit.set(activity.unitId, (list = []));
    list.push({ nodeId: activity.nodeId, name: activity.name });
  }
  return byUnit;
}

function alertReportOf(report: ExpectedReport, activitiesOf: ReadonlyMap<string, ReadonlyArray<{ nodeId: string; name: string }>>): AlertReport {
  const names = report.type === 'action-plan-follow-up' ? notFollowedUp(report, activitiesOf.get(report.unitId) ?? []) : [];
  return {
    id: report.id,
    type: report.type,
    unitId: report.unitId,
    unitName: report.unitName,
    unitKind: report.unitKind,
    focusAreaKey: report.focusAreaKey,
    year: report.year,
    dueDate: report.dueDate,
    graceDays: report.graceDays,
    daysOverdue: report.daysOverdue,
    reportUrl: report.reportUrl,
    notFollowedUp: names.slice(0, MAX_ACTIVITY_NAMES),
    moreNotFollowedUp: Math.max(0, names.length - MAX_ACTIVITY_NAMES),
  };
}

/** Names of the report's expected activities without a follow-up. */
function notFollowedUp(report: ExpectedReport, activities: ReadonlyArray<{ nodeId: string; name: string }>): string[] {
  const missing = new Set(report.evidence.missingNodeIds);
  if (missing.size === 0) return [];
  return activities.filter((activity) => missing.has(activity.nodeId)).map((activity) => activity.name);
}

/** The version of the recorded alert source below; a record of another version is refused, never half-read. */
export const ALERT_SOURCE_FORMAT = 1;

const CountsSchema = { delivered: z.number().int(), late: z.number().int(), expected: z.number().int(), notYetDue: z.number().int(), unknown: z.number().int() };

const AlertSourceSchema = z.object({
  year: z.number().int(),
  timeZone: z.string(),
  focusAreas: z.array(z.object({ key: z.string(), name: z.string(), priority: z.number(), kind: z.enum(['focus-area', 'knowledge-raising']) })),
  areaKeys: z.array(z.string()),
  unitIds: z.array(z.string()),
  missing: z.array(
    z.object({
      id: z.string(),
      type: z.enum(['action-plan-follow-up', 'project-report']),
      unitId: z.string(),
      unitName: z.string(),
      unitKind: z.enum(['department', 'company', 'other']),
      focusAreaKey: z.string().nullable(),
      year: z.number().int(),
      dueDate: z.string(),
      graceDays: z.number().int(),
      daysOverdue: z.number().int().nullable(),
      reportUrl: z.string().nullable(),
      notFollowedUp: z.array(z.string()),
      moreNotFollowedUp: z.number().int().nonnegative(),
    }),
  ),
  delivered: z.array(z.object({ focusAreaKey: z.string().nullable(), ...CountsSchema })),
  unknownUnitIds: z.array(z.string()),
});

/** What a run records for its alert step: the source and the role holders of the pull it evaluated. */
const AlertRecordSchema = z.object({
  format: z.literal(ALERT_SOURCE_FORMAT),
  runId: z.string(),
  asOf: z.string(),
  /** The mapping's content and time zone the run evaluated with (mappingDigest in run-detail.ts). */
  mappingDigest: z.string(),
  source: AlertSourceSchema,
  roleHolders: z.record(
    z.string(),
    z.array(z.object({ Email: z.string().nullable(), FirstName: z.string().nullable().optional(), LastName: z.string().nullable().optional(), Username: z.string().optional() })),
  ),
});
export type AlertRecord = z.output<typeof AlertRecordSchema>;

/** The record of a run's alert source; of each role holder only what the alert step reads. */
export function alertRecordOf(runId: string, asOf: string, mappingDigest: string, source: AlertSource, roleHolders: RoleHolders): AlertRecord {
  const holders = Object.fromEntries(
    Object.entries(roleHolders).map(([key, users]) => [
      key,
      users.map((user) => ({
        Email: user.Email,
        ...(user.FirstName === undefined ? {} : { FirstName: user.FirstName }),
        ...(user.LastName === undefined ? {} : { LastName: user.LastName }),
        ...(user.Username === undefined ? {} : { Username: user.Username }),
      })),
    ]),
  );
  return { format: ALERT_SOURCE_FORMAT, runId, asOf, mappingDigest, source, roleHolders: holders };
}

/**
 * What replaces a run's record once its alert step is done: the step's job, retried after it
 * completed (from the queue board, say), then knows it is done instead of taking the missing
 * record for a run that recorded none and evaluating the store as it is now.
 */
const AlertDoneSchema = z.object({ format: z.literal(ALERT_SOURCE_FORMAT), runId: z.string(), asOf: z.string(), doneAt: z.string() }).strict();
export type AlertDone = z.output<typeof AlertDoneSchema>;

/** Whether a recorded alert detail is run `runId`'s marker that its alert step is done. */
export function isAlertDone(recorded: unknown, runId: string): boolean {
  const done = AlertDoneSchema.safeParse(recorded);
  return done.success && done.data.runId === runId;
}

/** The marker of a run whose alert step is done (`doneAt`, ISO 8601 UTC), recorded in place of its alert source. */
export function alertDoneOf(runId: string, asOf: string, doneAt: string): AlertDone {
  return { format: ALERT_SOURCE_FORMAT, runId, asOf, doneAt };
}

/**
 * A run's recorded alert source, validated; `{ doneAt }` when the run's alert step is already done
 * (alertDoneOf); null when none was recorded (a run finished before runs recorded it).
 * ALERT_SOURCE_INVALID, not retried, when it cannot be read, is another run's, or was evaluated
 * with another mapping or time zone than `mappingDigest` (the worker's now: its owners and focus
 * areas would not be the run's): nothing is composed from a record that may be misread.
 */
export function parseAlertRecord(runId: string, asOf: string, mappingDigest: string, recorded: unknown): AlertRecord | { doneAt: string } | null {
  if (recorded === null || recorded === undefined) return null;
  const done = AlertDoneSchema.safeParse(recorded);
  if (done.success) {
    if (done.data.runId !== runId || done.data.asOf !== asOf)
      throw new AppError('ALERT_SOURCE_INVALID', `the alert step recorded as done for run ${runId} is run ${done.data.runId}'s as of ${done.data.asOf}; nothing is sent from it`, {
        retryable: false,
      });
    return { doneAt: done.data.doneAt };
  }
  const parsed = AlertRecordSchema.safeParse(recorded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` (${issue.path.join('.') || 'record'}: ${issue.message})`;
    throw new AppError('ALERT_SOURCE_INVALID', `the evaluation run ${runId} recorded for its alert step cannot be read${where}; nothing is sent from it`, { retryable: false });
  }
  if (parsed.data.runId !== runId || parsed.data.asOf !== asOf)
    throw new AppError('ALERT_SOURCE_INVALID', `the evaluation recorded for run ${runId}'s alert step is of run ${parsed.data.runId} as of ${parsed.data.asOf}; nothing is sent from it`, {
      retryable: false,
    });
  if (parsed.data.mappingDigest !== mappingDigest)
    throw new AppError(
      'ALERT_SOURCE_INVALID',
      `run ${runId} was evaluated with another mapping file or REPORT_TIME_ZONE than this worker has (changed since the run?); nothing is sent from its evaluation, and the next run's alert step sends what is due`,
      { retryable: false },
    );
  return parsed.data;
}
