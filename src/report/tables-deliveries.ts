import { DUE } from '../domain/glossary.js';
import { REPORT } from '../domain/glossary-report.js';
import type { Formatter } from './format.js';
import { statementTable } from './tables-reported.js';
import { UNIT_KIND_LABEL } from './labels.js';
import type { DeliveryRow, YearReport } from './model.js';
import { count, instant, madeWhenRead, percent, state, SUMMARY_COLUMNS, summaryCells, text, type Cell, type ReportSection, type ReportTable } from './cells.js';
import { focusAreaLabel } from './labels.js';

/** "2021-01-31 (respit till och med 2021-02-14)": the nominal due day and the last on-time day. */
function dueText(row: DeliveryRow, format: Formatter): string {
  const lastDay = format.day(new Date(Date.parse(row.dueAt) - 1).toISOString());
  return lastDay === row.dueDate ? row.dueDate : `${row.dueDate} (${DUE.graceUntil(lastDay)})`;
}

function deliveryCells(row: DeliveryRow, format: Formatter, last: Cell): Cell[] {
  return [text(row.unit.unitName), text(UNIT_KIND_LABEL[row.unit.unitKind]), state(row.state), count(row.days), instant(row.deliveredAt), text(dueText(row, format)), last];
}

const W = REPORT.deliveries;
const K = W.keyFigure;
const DELIVERY_COLUMNS = [
  { label: W.columns.unit },
  { label: W.columns.kind },
  { label: W.columns.state },
  { label: W.columns.days, isNumeric: true },
  { label: W.columns.deliveredAt },
  { label: W.columns.dueDay },
];

function summarySection(report: YearReport, format: Formatter): ReportSection {
  const t = report.total;
  const failed = report.units.filter((unit) => unit.isFailed).map((unit) => unit.unitName);
  const notes = [W.summaryIntro(format.longDate(report.asOf))];
  if (failed.length > 0) notes.push(W.failedNote(failed.join(', ')));
  const { programme } = report.funds;
  const rows: Cell[][] = [
    [text(K.units), count(report.units.length)],
    [text(K.expected), count(t.expected)],
    [text(K.onTime), count(t.onTime)],
    [text(K.late), count(t.late)],
    [text(K.missing), count(t.missing)],
    [text(K.notYetDue), count(t.notYetDue)],
    [text(K.unknown), count(t.unknown)],
    [text(K.share), percent(t.shareDelivered)],
    [text(K.activities), count(report.activitiesByStatus.activities)],
    [text(K.projects(report.year)), count(report.funds.total.projects)],
    [text(K.granted(report.year)), { kind: 'sek', value: report.funds.total.total }],
    [text(K.withoutAmount), count(report.funds.withoutAmount.length)],
    [text(K.programmeProjects(programme.years[0] ?? report.year, programme.years.at(-1) ?? report.year)), count(programme.projects.length)],
  ];
  const [what, value] = W.keyFigureColumns;
  const table: ReportTable = { id: 'nyckeltal', caption: W.keyFigures, columns: [{ label: what ?? '' }, { label: value ?? '', isNumeric: true }], rows, foot: [], empty: '' };
  return { id: 'sammanfattning', heading: W.summaryHeading, notes, tables: [table] };
}

function focusAreaSection(report: YearReport, format: Formatter): ReportSection {
  const overview: ReportTable = {
    id: 'fokusomraden',
    caption: W.focusAreasCaption(report.year),
    columns: [{ label: W.columns.focusArea }, ...SUMMARY_COLUMNS],
    rows: report.actionPlan.map((group) => summaryCells(focusAreaLabel(group.focusArea), group.summary)),
    foot: [summaryCells(W.allFocusAreas, report.actionPlanTotal), summaryCells(W.projectReportsRow, report.projectReports.summary), summaryCells(W.total, report.total)],
    empty: W.noFocusAreas,
  };
  const perArea = (group: YearReport['actionPlan'][number]): ReportTable => ({
    id: `fokusomrade-${group.focusArea.key}`,
    caption: focusAreaLabel(group.focusArea),
    columns: [...DELIVERY_COLUMNS, { label: W.columns.progress }],
    rows: group.rows.map((row) => deliveryCells(row, format, text(row.state === 'unknown' ? REPORT.document.none : W.progress(row.progress.delivered, row.progress.expected)))),
    foot: [],
    empty: W.noUnitsInArea,
  });
  return {
    id: 'handlingsplan',
    heading: W.actionPlanHeading,
    notes: [W.actionPlanIntro],
    chart: 'deliveries',
    tables: madeWhenRead(function* () {
      yield overview;
      for (const group of report.actionPlan) yield perArea(group);
    }),
  };
}

function projectReportSection(report: YearReport, format: Formatter): ReportSection {
  const table = (): ReportTable => ({
    id: 'projektredovisning',
    caption: W.projectReportsCaption(report.year),
    columns: [...DELIVERY_COLUMNS, { label: W.columns.note }],
    rows: report.projectReports.rows.map((row) => deliveryCells(row, format, text(row.isNoneStatement ? REPORT.reported.noneStatement : ''))),
    foot: [],
    empty: W.noProjectReports,
  });
  return {
    id: 'projektredovisning',
    heading: W.projectReportsHeading,
    notes: [W.projectReportsIntro],
    tables: madeWhenRead(function* () {
      yield table();
      yield statementTable(report);
    }),
    narrative: 'statements',
  };
}

/** The unit × focus-area overview as a table (also shown on the status page). */
export function matrixTable(report: YearReport): ReportTable {
  const { matrix } = report;
  return {
    id: 'oversikt',
    caption: W.matrixCaption(report.year),
    columns: [{ label: W.columns.unit }, { label: W.columns.kind }, ...matrix.columns.map((column) => ({ label: column.label }))],
    rows: matrix.rows.map((row) => [text(row.unit.unitName), text(UNIT_KIND_LABEL[row.unit.unitKind]), ...row.cells.map((cell) => state(cell))]),
    foot: [],
    empty: W.noUnits,
  };
}

function matrixSection(report: YearReport): ReportSection {
  return { id: 'oversikt', heading: W.matrixHeading, notes: [], hasLegend: true, tables: madeWhenRead(() => [matrixTable(report)]) };
}

/** Summary, follow-ups per focus area, project reports and the unit × focus-area overview. */
export function deliverySections(report: YearReport, format: Formatter): ReportSection[] {
  return [summarySection(report, format), focusAreaSection(report, format), projectReportSection(report, format), matrixSection(report)];
}
