import { REPORT_TYPE } from '../domain/glossary.js';
import { REPORT } from '../domain/glossary-report.js';
import type { Formatter } from './format.js';
import { focusAreaLabel, REPORT_WORDS, UNIT_KIND_LABEL } from './labels.js';
import type { DeliveryRow, YearReport } from './model.js';
import { safeHttpHref } from './rich-text.js';
import { count, instant, link, state, text, type Cell, type ReportTable } from './cells.js';

/** The node to open for a unit's follow-up in a focus area: its first activity without a follow-up, else its first activity. */
function activityLink(report: YearReport, unitId: string, focusAreaKey: string): string | null {
  const area = report.reported.followUps.find((a) => a.focusArea.key === focusAreaKey);
  const own =
    area?.goals
      .flatMap((g) => g.units)
      .filter((u) => u.unit.unitId === unitId)
      .flatMap((u) => u.activities) ?? [];
  return (own.find((a) => a.texts.length === 0) ?? own[0])?.link ?? null;
}

function row(row: DeliveryRow, kind: string, area: string, nodeLink: string | null, format: Formatter): Cell[] {
  return [
    text(row.unit.unitName),
    text(UNIT_KIND_LABEL[row.unit.unitKind]),
    text(kind),
    text(area),
    state(row.state),
    text(row.dueDate),
    text(format.day(new Date(Date.parse(row.dueAt) - 1).toISOString())),
    instant(row.deliveredAt),
    count(row.days),
    text(row.state === 'unknown' ? REPORT.document.none : REPORT.deliveries.progress(row.progress.delivered, row.progress.expected)),
    link(REPORT.flat.reportInList, safeHttpHref(row.reportUrl)),
    link(REPORT_WORDS.openInStratsys, nodeLink),
  ];
}

/**
 * One row per expected report (each unit's follow-up per focus area, and its project report), with
 * its state, dates and links to Stratsys: the flat sheet of the workbook, for filtering and sorting.
 */
export function flatReportTable(report: YearReport, format: Formatter): ReportTable {
  const columns = REPORT.flat.columns.map((label) => ({ label }));
  const statements = new Map(report.reported.statements.map((s) => [s.unit.unitId, s.link]));
  const rows = [
    ...report.actionPlan.flatMap((group) =>
      group.rows.map((r) => row(r, REPORT_TYPE['action-plan-follow-up'], focusAreaLabel(group.focusArea), activityLink(report, r.unit.unitId, group.focusArea.key), format)),
    ),
    ...report.projectReports.rows.map((r) => row(r, REPORT_TYPE['project-report'], REPORT.document.none, statements.get(r.unit.unitId) ?? null, format)),
  ];
  return { id: 'per-rapport', caption: REPORT.flat.caption(report.year), sheet: REPORT.flat.sheet, columns, rows, foot: [], empty: REPORT.flat.none, isDataOnly: true };
}
