import { belongsTo, type AlertReport, type AlertSource, type DeliveredSummary } from '../pipeline/alert-source.js';
import type { DigestRow, DigestSection } from './digest.js';
import { oneLine, safeHttpUrl } from './text.js';

/**
 * The rows and sections of a digest, from a run's alert source (src/pipeline/alert-source.ts). Pure. A section is
 * a focus area (its action-plan follow-ups) or, with key null, the externally financed projects
 * reports.
 */

/** What sections are built from. */
export interface SectionSource {
  alerts: AlertSource;
  /** Unit id → who reports for the unit (display names), where known. */
  reporters: ReadonlyMap<string, readonly string[]>;
  /** Title of the project-reports section (language dependent). */
  projectsTitle: string;
}

/** The missing reports of a section, in evaluation order. */
export function missingReportsOf(source: AlertSource, areaKey: string | null): AlertReport[] {
  return source.missing.filter((report) => belongsTo(report, areaKey));
}

/** A section with its rows; null when the area has no reports at all in the evaluation. */
export function buildSection(source: SectionSource, areaKey: string | null, isFallback: boolean, isEscalated: (report: AlertReport) => boolean): DigestSection | null {
  const delivered = deliveredSummary(source.alerts, areaKey);
  const rows = missingReportsOf(source.alerts, areaKey).map((report) => buildRow(source, report, isEscalated(report)));
  if (rows.length === 0 && delivered.expected + delivered.unknown === 0) return null;
  return { focusAreaKey: areaKey, title: oneLine(sectionTitle(source, areaKey), 120), isFallback, rows, delivered };
}

function sectionTitle(source: SectionSource, areaKey: string | null): string {
  if (areaKey === null) return source.projectsTitle;
  return source.alerts.focusAreas.find((area) => area.key === areaKey)?.name ?? areaKey;
}

/** Counts for the "already delivered" line of a section (none counted when the source has no such section). */
export function deliveredSummary(source: AlertSource, areaKey: string | null): DeliveredSummary {
  const found = source.delivered.find((entry) => entry.focusAreaKey === areaKey);
  return found === undefined
    ? { delivered: 0, late: 0, expected: 0, notYetDue: 0, unknown: 0 }
    : { delivered: found.delivered, late: found.late, expected: found.expected, notYetDue: found.notYetDue, unknown: found.unknown };
}

function buildRow(source: SectionSource, report: AlertReport, isEscalated: boolean): DigestRow {
  const shown = report.notFollowedUp.map((name) => oneLine(name, 80));
  return {
    reportId: report.id,
    unitName: oneLine(report.unitName, 120),
    unitKind: report.unitKind,
    type: report.type,
    year: report.year,
    dueDate: report.dueDate,
    lastOnTimeDay: report.graceDays > 0 ? addDays(report.dueDate, report.graceDays) : null,
    daysOverdue: Math.max(1, report.daysOverdue ?? 1),
    notFollowedUp: shown,
    moreNotFollowedUp: report.moreNotFollowedUp,
    reportedBy: [...(source.reporters.get(report.unitId) ?? [])].map((name) => oneLine(name, 80)).filter((name) => name !== ''),
    reportUrl: safeHttpUrl(report.reportUrl),
    isEscalated,
  };
}

/** `yyyy-MM-dd` plus whole days, on the calendar (no time zone involved); null if not a day. */
function addDays(day: string, days: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [, year, month, date] = match;
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(date) + days)).toISOString().slice(0, 10);
}
