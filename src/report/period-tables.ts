import { REPORT } from '../domain/glossary-report.js';
import { NO_FOCUS_AREA_LABEL } from './funds.js';
import { focusAreaLabel } from './labels.js';
import type { ProjectRow } from './model-parts.js';
import type { PeriodReport, TrendPoint } from './period.js';
import { count, percent, sek, text, type Cell, type ReportTable } from './cells.js';
import { PROJECT_COLUMNS, projectCells } from './tables-funds.js';

/** The period's tables: one per measure, a row per focus area and a column per year. Pure. */

const M = REPORT.period.measures;
const MEASURES: Array<{ id: string; caption: string; cell: (p: TrendPoint) => Cell; isNumeric: boolean; isFunds?: true }> = [
  { id: 'andel', caption: M.share, cell: (p) => percent(p.share), isNumeric: true },
  { id: 'ska-lamnas', caption: M.expected, cell: (p) => count(p.expected), isNumeric: true },
  { id: 'sent', caption: M.late, cell: (p) => count(p.late), isNumeric: true },
  { id: 'saknade', caption: M.missing, cell: (p) => count(p.missing), isNumeric: true },
  { id: 'okanda', caption: M.unknown, cell: (p) => count(p.unknown), isNumeric: true },
  { id: 'projekt', caption: M.projects, cell: (p) => count(p.projects), isNumeric: true, isFunds: true },
  { id: 'medel', caption: M.granted, cell: (p) => sek(p.grantedSek), isNumeric: true, isFunds: true },
];

/** Every measure as a table: focus areas × years, with the total as foot. */
export function trendTables(period: PeriodReport): ReportTable[] {
  return MEASURES.map((measure) => ({
    id: `trend-${measure.id}`,
    caption: REPORT.period.caption(measure.caption, period.years[0] ?? 0, period.years.at(-1) ?? 0),
    sheet: measure.caption.slice(0, 31),
    columns: [{ label: REPORT.period.focusArea }, ...period.years.map((year) => ({ label: String(year), isNumeric: measure.isNumeric }))],
    rows: [
      ...period.trend.map((row) => [text(focusAreaLabel(row.focusArea)), ...row.points.map(measure.cell)]),
      // Projects in no focus area count in the total: their own row, so the rows add up to it.
      ...(measure.isFunds && period.withoutFocusArea !== null ? [[text(NO_FOCUS_AREA_LABEL), ...period.withoutFocusArea.map(measure.cell)]] : []),
    ],
    foot: [[text(REPORT.period.allFocusAreas), ...period.total.map(measure.cell)]],
    empty: REPORT.period.noFocusAreas,
  }));
}

/**
 * Every project found over the period, once, with the years it counts in, its financier, amount
 * (the text as typed when unreadable), unit and Stratsys permalink; each year's report lists them
 * all (see src/report/programme-funds.ts), the newest year's row wins.
 */
export function periodProjectsTable(period: PeriodReport): ReportTable {
  const rows = new Map<string, ProjectRow>();
  for (const report of period.reports) for (const project of report.funds.programme.projects) rows.set(project.nodeId, project);
  const inPeriod = (p: ProjectRow) => ({ ...p, countedYears: p.countedYears.filter((year) => period.years.includes(year)) });
  const projects = [...rows.values()].map(inPeriod);
  const from = period.years[0] ?? 0;
  const to = period.years.at(-1) ?? from;
  return {
    id: 'period-projekt',
    caption: REPORT.programmeFunds.caption.projects(from, to),
    sheet: REPORT.funds.projectColumns.project,
    columns: PROJECT_COLUMNS,
    layout: 'projects',
    rows: projects.map(projectCells),
    foot: [],
    empty: REPORT.funds.noProjects,
  };
}
