import type { Evaluation, ExpectedReport } from '../domain/evaluation.js';
import type { ProgrammeView } from '../domain/programme.js';
import type { DigestRow, DigestSection } from './digest.js';
import type { DeliveredSummary } from './messages.js';
import { oneLine, safeHttpUrl } from './text.js';

/**
 * The rows and sections of a digest, from the evaluation and the programme view. Pure. A section is
 * a focus area (its action-plan follow-ups) or, with key null, the externally financed projects
 * reports.
 */

/** How many activity names a row shows before "and n more". */
const MAX_ACTIVITY_NAMES = 5;

/** What sections are built from. */
export interface SectionSource {
  evaluation: Evaluation;
  view: ProgrammeView;
  /** Unit id → who reports for the unit (display names), where known. */
  reporters: ReadonlyMap<string, readonly string[]>;
  /** Title of the project-reports section (language dependent). */
  projectsTitle: string;
}

/** The missing reports of a section, in evaluation order. */
export function missingReportsOf(evaluation: Evaluation, areaKey: string | null): ExpectedReport[] {
  return evaluation.reports.filter((report) => report.state === 'missing' && belongsTo(report, areaKey));
}

function belongsTo(report: ExpectedReport, areaKey: string | null): boolean {
  return areaKey === null ? report.type === 'project-report' : report.type === 'action-plan-follow-up' && report.focusAreaKey === areaKey;
}

/** A section with its rows; null when the area has no reports at all in the evaluation. */
export function buildSection(source: SectionSource, areaKey: string | null, isFallback: boolean, isEscalated: (report: ExpectedReport) => boolean): DigestSection | null {
  const delivered = deliveredSummary(source.evaluation, areaKey);
  const rows = missingReportsOf(source.evaluation, areaKey).map((report) => buildRow(source, report, isEscalated(report)));
  if (rows.length === 0 && delivered.expected + delivered.unknown === 0) return null;
  return { focusAreaKey: areaKey, title: oneLine(sectionTitle(source, areaKey), 120), isFallback, rows, delivered };
}

function sectionTitle(source: SectionSource, areaKey: string | null): string {
  if (areaKey === null) return source.projectsTitle;
  return source.view.period.focusAreas.find((area) => area.key === areaKey)?.name ?? areaKey;
}

/** Counts for the "already delivered" line: the evaluation's focus-area summary, or the project reports. */
export function deliveredSummary(evaluation: Evaluation, areaKey: string | null): DeliveredSummary {
  const summary = areaKey === null ? null : evaluation.byFocusArea.find((entry) => entry.focusAreaKey === areaKey);
  if (summary) {
    return { delivered: summary.onTime + summary.late, late: summary.late, expected: summary.expected, notYetDue: summary.notYetDue, unknown: summary.unknown };
  }
  const reports = evaluation.reports.filter((report) => belongsTo(report, areaKey));
  const count = (state: ExpectedReport['state']) => reports.filter((report) => report.state === state).length;
  return {
    delivered: count('on-time') + count('late'),
    late: count('late'),
    expected: reports.length - count('unknown'),
    notYetDue: count('not-yet-due'),
    unknown: count('unknown'),
  };
}

function buildRow(source: SectionSource, report: ExpectedReport, isEscalated: boolean): DigestRow {
  const names = notFollowedUpNames(source.view, report);
  return {
    reportId: report.id,
    unitName: oneLine(report.unitName, 120),
    unitKind: report.unitKind,
    type: report.type,
    year: report.year,
    dueDate: report.dueDate,
    lastOnTimeDay: report.graceDays > 0 ? addDays(report.dueDate, report.graceDays) : null,
    daysOverdue: Math.max(1, report.daysOverdue ?? 1),
    notFollowedUp: names.slice(0, MAX_ACTIVITY_NAMES),
    moreNotFollowedUp: Math.max(0, names.length - MAX_ACTIVITY_NAMES),
    reportedBy: [...(source.reporters.get(report.unitId) ?? [])].map((name) => oneLine(name, 80)).filter((name) => name !== ''),
    reportUrl: safeHttpUrl(report.reportUrl),
    isEscalated,
  };
}

/** Names of the report's expected activities without a follow-up (action plan only). */
function notFollowedUpNames(view: ProgrammeView, report: ExpectedReport): string[] {
  if (report.type !== 'action-plan-follow-up') return [];
  const missing = new Set(report.evidence.missingNodeIds);
  return view.activities.filter((activity) => activity.unitId === report.unitId && missing.has(activity.nodeId)).map((activity) => oneLine(activity.name, 80));
}

/** `yyyy-MM-dd` plus whole days, on the calendar (no time zone involved); null if not a day. */
function addDays(day: string, days: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [, year, month, date] = match;
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(date) + days)).toISOString().slice(0, 10);
}
