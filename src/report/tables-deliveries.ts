import { DUE } from '../domain/glossary.js';
import type { Formatter } from './format.js';
import { statementTable } from './tables-reported.js';
import { UNIT_KIND_LABEL } from './labels.js';
import type { DeliveryRow, YearReport } from './model.js';
import { count, focusAreaLabel, instant, percent, state, SUMMARY_COLUMNS, summaryCells, text, type Cell, type ReportSection, type ReportTable } from './tables.js';

/** "2021-01-31 (respit till och med 2021-02-14)": the nominal due day and the last on-time day. */
function dueText(row: DeliveryRow, format: Formatter): string {
  const lastDay = format.day(new Date(Date.parse(row.dueAt) - 1).toISOString());
  return lastDay === row.dueDate ? row.dueDate : `${row.dueDate} (${DUE.graceUntil(lastDay)})`;
}

function deliveryCells(row: DeliveryRow, format: Formatter, last: Cell): Cell[] {
  return [text(row.unit.unitName), text(UNIT_KIND_LABEL[row.unit.unitKind]), state(row.state), count(row.days), instant(row.deliveredAt), text(dueText(row, format)), last];
}

const DELIVERY_COLUMNS = [{ label: 'Förvaltning/bolag' }, { label: 'Typ' }, { label: 'Läge' }, { label: 'Dagar sent/försenad', isNumeric: true }, { label: 'Inlämnad' }, { label: 'Sista dag' }];

function summarySection(report: YearReport, format: Formatter): ReportSection {
  const t = report.total;
  const failed = report.units.filter((unit) => unit.isFailed).map((unit) => unit.unitName);
  const notes = [
    `Sammanställning till kommunstyrelsen av verksamheternas årliga uppföljning av handlingsplanen per fokusområde och redovisning av externfinansierade (EU-/internationella) projekt, läge per ${format.longDate(report.asOf)}.`,
  ];
  if (failed.length > 0) notes.push(`Hämtningen från Stratsys misslyckades för ${failed.join(', ')}. Deras rapporter visas som okända och räknas inte bland dem som ska lämnas.`);
  const rows: Cell[][] = [
    [text('Förvaltningar och bolag som ska rapportera'), count(report.units.length)],
    [text('Rapporter som ska lämnas'), count(t.expected)],
    [text('Lämnade i tid'), count(t.onTime)],
    [text('Lämnade sent'), count(t.late)],
    [text('Saknas'), count(t.missing)],
    [text('Ej förfallna'), count(t.notYetDue)],
    [text('Okänt läge (hämtningen misslyckades)'), count(t.unknown)],
    [text('Andel levererade (%)'), percent(t.shareDelivered)],
    [text('Aktiviteter i handlingsplanen'), count(report.activitiesByStatus.activities)],
    [text(`Externfinansierade projekt beviljade ${report.year}`), count(report.funds.total.projects)],
    [text(`Beviljade projektmedel ${report.year}`), { kind: 'sek', value: report.funds.total.total }],
    [text('Projekt utan belopp'), count(report.funds.withoutAmount.length)],
  ];
  const table: ReportTable = { id: 'nyckeltal', caption: 'Nyckeltal', columns: [{ label: 'Uppgift' }, { label: 'Värde', isNumeric: true }], rows, foot: [], empty: '' };
  return { id: 'sammanfattning', heading: 'Sammanfattning', notes, tables: [table] };
}

function focusAreaSection(report: YearReport, format: Formatter): ReportSection {
  const overview: ReportTable = {
    id: 'fokusomraden',
    caption: `Uppföljning av handlingsplanen ${report.year} per fokusområde`,
    columns: [{ label: 'Fokusområde' }, ...SUMMARY_COLUMNS],
    rows: report.actionPlan.map((group) => summaryCells(focusAreaLabel(group.focusArea), group.summary)),
    foot: [
      summaryCells('Uppföljning av handlingsplanen, alla fokusområden', report.actionPlanTotal),
      summaryCells('Redovisning av externfinansierade projekt', report.projectReports.summary),
      summaryCells('Totalt', report.total),
    ],
    empty: 'Programmet har inga fokusområden.',
  };
  const perArea = report.actionPlan.map((group): ReportTable => ({
    id: `fokusomrade-${group.focusArea.key}`,
    caption: focusAreaLabel(group.focusArea),
    columns: [...DELIVERY_COLUMNS, { label: 'Uppföljda aktiviteter' }],
    rows: group.rows.map((row) => deliveryCells(row, format, text(row.state === 'unknown' ? '–' : `${row.progress.delivered} av ${row.progress.expected}`))),
    foot: [],
    empty: 'Ingen förvaltning eller inget bolag har aktiviteter i fokusområdet.',
  }));
  return {
    id: 'handlingsplan',
    heading: 'Uppföljning av handlingsplanen per fokusområde',
    notes: ['Varje förvaltning och bolag som har aktiviteter i ett fokusområde ska följa upp dem för året. Andel levererade = (i tid + sent) / ska lämnas.'],
    chart: 'deliveries',
    tables: [overview, ...perArea],
  };
}

function projectReportSection(report: YearReport, format: Formatter): ReportSection {
  const table: ReportTable = {
    id: 'projektredovisning',
    caption: `Redovisning av externfinansierade projekt ${report.year}`,
    columns: [...DELIVERY_COLUMNS, { label: 'Anmärkning' }],
    rows: report.projectReports.rows.map((row) => deliveryCells(row, format, text(row.isNoneStatement ? 'Inga externfinansierade projekt' : ''))),
    foot: [],
    empty: 'Ingen förvaltning eller inget bolag ska redovisa projekt.',
  };
  return {
    id: 'projektredovisning',
    heading: 'Redovisning av externfinansierade projekt',
    notes: ['Varje förvaltning och bolag redovisar årligen sina externfinansierade (EU-/internationella) projekt till Internationella kontoret, även när de inte har några. Tabellen visar läget, texterna följer efter den.'],
    tables: [table, statementTable(report)],
    narrative: 'statements',
  };
}

/** The unit × focus-area overview as a table (also shown on the status page). */
export function matrixTable(report: YearReport): ReportTable {
  const { matrix } = report;
  return {
    id: 'oversikt',
    caption: `Rapporteringsläge ${report.year} per förvaltning/bolag och fokusområde`,
    columns: [{ label: 'Förvaltning/bolag' }, { label: 'Typ' }, ...matrix.columns.map((column) => ({ label: column.label }))],
    rows: matrix.rows.map((row) => [text(row.unit.unitName), text(UNIT_KIND_LABEL[row.unit.unitKind]), ...row.cells.map((cell) => state(cell))]),
    foot: [],
    empty: 'Inga förvaltningar eller bolag ska rapportera.',
  };
}

function matrixSection(report: YearReport): ReportSection {
  return { id: 'oversikt', heading: 'Översikt per förvaltning/bolag', notes: [], hasLegend: true, tables: [matrixTable(report)] };
}

/** Summary, follow-ups per focus area, project reports and the unit × focus-area overview. */
export function deliverySections(report: YearReport, format: Formatter): ReportSection[] {
  return [summarySection(report, format), focusAreaSection(report, format), projectReportSection(report, format), matrixSection(report)];
}
