import { REPORT } from '../domain/glossary-report.js';
import type { Formatter } from './format.js';
import { FINANCIER_LABEL } from './labels.js';
import type { YearReport } from './model.js';
import type { FundsRow, ProjectRow } from './model-parts.js';
import { count, madeWhenRead, link, linkedText, sek, text, type Cell, type ReportSection, type ReportTable } from './cells.js';

const WORDS = REPORT.funds;

/** The counting columns of a FundsRow. */
export const FUNDS_COLUMNS = [WORDS.columns.eu, WORDS.columns.international, WORDS.columns.total, WORDS.columns.projects, WORDS.columns.withoutAmount].map((label) => ({ label, isNumeric: true }));

/** A label cell followed by a FundsRow's sums and counts. */
export function fundsCells(row: FundsRow, label = row.label): Cell[] {
  return [text(label), sek(row.eu), sek(row.international), sek(row.total), count(row.projects), count(row.withoutAmount)];
}

function fundsTable(id: string, caption: string, first: string, rows: FundsRow[], total: FundsRow): ReportTable {
  return { id, caption, columns: [{ label: first }, ...FUNDS_COLUMNS], rows: rows.map((row) => fundsCells(row)), foot: [fundsCells(total, WORDS.total)], empty: WORDS.noProjects };
}

/** Why a project has no amount: nothing typed, or the text that could not be read. */
export function amountNote(p: ProjectRow): string {
  if (p.grantedSek !== null) return '';
  return p.grantedText === null ? WORDS.amountMissing : WORDS.amountUnreadable(p.grantedText);
}

/** The years a project counts in, "2018, 2019" or "räknas inget år". */
export function yearsText(p: ProjectRow): string {
  return p.countedYears.length === 0 ? WORDS.noYears : WORDS.years(p.countedYears);
}

/** One project: name, unit, focus area, financier, programme, amount, counted years, note, permalink. */
export function projectCells(p: ProjectRow): Cell[] {
  return [
    linkedText(p.name, p.link),
    text(p.unitName),
    text(p.focusAreaName ?? '–'),
    text(FINANCIER_LABEL[p.financier]),
    text(p.financierName ?? '–'),
    sek(p.grantedSek),
    text(yearsText(p)),
    text(amountNote(p)),
    link(REPORT.reported.openInStratsys, p.link),
  ];
}

const C = WORDS.projectColumns;
/** Columns of projectCells. */
export const PROJECT_COLUMNS = [C.project, C.unit, C.focusArea, C.financier, C.programme, C.granted, C.countedIn, C.note, C.link].map((label) => ({
  label,
  isNumeric: label === C.granted,
  isDataOnly: label === C.link,
}));

function projectList(projects: readonly ProjectRow[]): string {
  return projects.map((p) => WORDS.projectOf(p.name, p.unitName)).join(', ');
}

function notes(report: YearReport, format: Formatter): string[] {
  const { funds } = report;
  const lines = [WORDS.summary(report.year, format.sek(funds.total.total), funds.total.projects)];
  if (funds.withoutAmount.length > 0) lines.push(WORDS.withoutAmountNote(funds.withoutAmount.length, projectList(funds.withoutAmount)));
  if (funds.withoutYear.length > 0) lines.push(WORDS.withoutYearNote(funds.withoutYear.length, projectList(funds.withoutYear)));
  return lines;
}

/** The compilation of the year's granted project funds: per focus area, unit, financier and programme, and every project. */
export function fundsSection(report: YearReport, format: Formatter): ReportSection {
  const { funds, year } = report;
  const tables = (): ReportTable[] => [
    fundsTable('medel-fokusomrade', WORDS.caption.byFocusArea(year), WORDS.groupColumn.focusArea, funds.byFocusArea, funds.total),
    fundsTable('medel-enhet', WORDS.caption.byUnit(year), WORDS.groupColumn.unit, funds.byUnit, funds.total),
    fundsTable('medel-finansiar', WORDS.caption.byFinancier(year), WORDS.groupColumn.financier, funds.byFinancier, funds.total),
    fundsTable('medel-program', WORDS.caption.byProgramme(year), WORDS.groupColumn.programme, funds.byProgramme, funds.total),
    { id: 'projekt', caption: WORDS.caption.projects(year), columns: PROJECT_COLUMNS, layout: 'projects', rows: funds.projects.map(projectCells), foot: [], empty: WORDS.noProjectsIn(year) },
    ...(funds.withoutYear.length > 0
      ? [{ id: 'projekt-utan-ar', caption: WORDS.caption.withoutYear, columns: PROJECT_COLUMNS, layout: 'projects' as const, rows: funds.withoutYear.map(projectCells), foot: [], empty: '' }]
      : []),
  ];
  return { id: 'projektmedel', heading: WORDS.heading(year), notes: notes(report, format), chart: 'funds', tables: madeWhenRead(tables) };
}
