import { REPORT } from '../domain/glossary-report.js';
import type { ReportSection } from './cells.js';
import type { Formatter } from './format.js';
import type { YearReport } from './model.js';
import { activitySections } from './tables-activities.js';
import { deliverySections } from './tables-deliveries.js';
import { fundsSection } from './tables-funds.js';
import { programmeFundsSection } from './tables-programme-funds.js';
import { goalsSection, reportedSection } from './tables-reported.js';

/** The report as sections of typed tables (src/report/cells.ts), and the facts around them. */

/**
 * Every section of the report, in reading order. With `dataTables` false (the HTML and Markdown
 * documents, which show no data-only table) the largest data-only table is not built.
 */
export function reportSections(report: YearReport, format: Formatter, options: { dataTables?: boolean } = {}): ReportSection[] {
  const [summary, focusAreas, projectReports, matrix] = deliverySections(report, format);
  const sections = [
    summary,
    focusAreas,
    reportedSection(report, format, options.dataTables ?? true),
    goalsSection(report),
    projectReports,
    matrix,
    ...activitySections(report),
    fundsSection(report, format),
    programmeFundsSection(report, format),
  ];
  return sections.filter((section): section is ReportSection => section !== undefined);
}

/** The units whose pull failed, and the reports whose evidence could not be read (state unknown). */
export function missingParts(report: YearReport): { failedUnits: string[]; unknownReports: number } {
  const failedUnits = report.units.filter((unit) => unit.isFailed).map((unit) => unit.unitName);
  const failedIds = new Set(report.units.filter((unit) => unit.isFailed).map((unit) => unit.unitId));
  const unknownReports = [...report.actionPlan.flatMap((group) => group.rows), ...report.projectReports.rows].filter((row) => row.state === 'unknown' && !failedIds.has(row.unit.unitId)).length;
  return { failedUnits, unknownReports };
}

/**
 * The first-page notice of an incomplete report (some unit's pull failed, or some evidence could
 * not be read), naming the units; null when the report is complete.
 */
export function reportNotice(report: YearReport): string | null {
  const { failedUnits, unknownReports } = missingParts(report);
  if (failedUnits.length === 0 && unknownReports === 0) return null;
  const parts: string[] = [REPORT.document.incomplete];
  if (failedUnits.length > 0) parts.push(REPORT.document.failedUnitsNotice(failedUnits.join(', ')));
  if (unknownReports > 0) parts.push(REPORT.document.unreadableNotice(unknownReports));
  return parts.join(' ');
}

/** The report's title, e.g. "Uppföljning av internationellt arbete 2020". */
export function reportTitle(report: YearReport): string {
  return REPORT.document.title(report.year);
}

const FACTS = REPORT.document.facts;

/** Facts about the report itself: programme, as-of day, when made, the run and the pull. */
export function reportFacts(report: YearReport, format: Formatter): Array<[string, string]> {
  return [
    [FACTS.programme, report.programme.name],
    [FACTS.year, String(report.year)],
    [FACTS.asOf, `${format.dateTime(report.asOf)} (${report.timeZone})`],
    [FACTS.pulledAt, format.dateTime(report.meta.pulledAt)],
    [FACTS.generatedAt, format.dateTime(report.meta.generatedAt)],
    [FACTS.run, report.meta.runId ?? REPORT.document.none],
  ];
}
