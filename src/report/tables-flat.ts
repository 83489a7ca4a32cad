import { REPORT_TYPE } from '../domain/glossary.js';
import { REPORT } from '../domain/glossary-report.js';
import type { Formatter } from './format.js';
import { focusAreaLabel, REPORT_WORDS, UNIT_KIND_LABEL } from './labels.js';
import type { DeliveryRow, YearReport } from './model.js';
import type { ReportedActivity } from './model-reported.js';
import { appendAll } from './lists.js';
import { safeHttpHref } from './rich-text.js';
import { count, instant, link, state, text, type Cell, type ReportTable } from './cells.js';

/**
 * The node to open for each unit's follow-up in each focus area (key `focusAreaKey|unitId`): its
 * first activity without a follow-up, else its first activity.
 */
function activityLinks(report: YearReport): Map<string, string | null> {
  const links = new Map<string, string | null>();
  for (const area of report.reported.followUps) {
    const own = new Map<string, ReportedActivity[]>();
    for (const goal of area.goals)
      for (const { unit, activities } of goal.units) {
        const list = own.get(unit.unitId) ?? [];
        own.set(unit.unitId, appendAll(list, activities));
      }
    for (const [unitId, activities] of own) links.set(`${area.focusArea.key}|${unitId}`, (activities.find((a) => a.texts.length === 0) ?? activities[0])?.link ?? null);
  }
  return links;
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
  const links = activityLinks(report);
  const rows = [
    ...report.actionPlan.flatMap((group) =>
      group.rows.map((r) => row(r, REPORT_TYPE['action-plan-follow-up'], focusAreaLabel(group.focusArea), links.get(`${group.focusArea.key}|${r.unit.unitId}`) ?? null, format)),
    ),
    ...report.projectReports.rows.map((r) => row(r, REPORT_TYPE['project-report'], REPORT.document.none, statements.get(r.unit.unitId) ?? null, format)),
  ];
  return { id: 'per-rapport', caption: REPORT.flat.caption(report.year), sheet: REPORT.flat.sheet, columns, rows, foot: [], empty: REPORT.flat.none, isDataOnly: true };
}
