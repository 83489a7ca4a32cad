import type { Formatter } from './format.js';
import { FINANCIER_LABEL } from './labels.js';
import type { FundsRow, ProjectRow, YearReport } from './model.js';
import { count, sek, text, type Cell, type ReportSection, type ReportTable } from './tables.js';

const FUNDS_COLUMNS = [
  { label: 'EU (kr)', isNumeric: true },
  { label: 'Övrig internationell (kr)', isNumeric: true },
  { label: 'Totalt (kr)', isNumeric: true },
  { label: 'Projekt', isNumeric: true },
  { label: 'Utan belopp', isNumeric: true },
];

function fundsCells(row: FundsRow, label = row.label): Cell[] {
  return [text(label), sek(row.eu), sek(row.international), sek(row.total), count(row.projects), count(row.withoutAmount)];
}

function fundsTable(id: string, caption: string, first: string, rows: FundsRow[], total: FundsRow): ReportTable {
  return { id, caption, columns: [{ label: first }, ...FUNDS_COLUMNS], rows: rows.map((row) => fundsCells(row)), foot: [fundsCells(total, 'Totalt')], empty: 'Inga projekt.' };
}

function projectCells(p: ProjectRow): Cell[] {
  return [
    text(p.name),
    text(p.unitName),
    text(p.focusAreaName ?? '–'),
    text(FINANCIER_LABEL[p.financier]),
    text(p.financierName ?? '–'),
    sek(p.grantedSek),
    text(p.grantedSek === null ? (p.grantedText === null ? 'Belopp saknas i Stratsys' : `Belopp oläsligt: "${p.grantedText}"`) : ''),
  ];
}

const PROJECT_COLUMNS = [{ label: 'Projekt' }, { label: 'Förvaltning/bolag' }, { label: 'Fokusområde' }, { label: 'Finansiär' }, { label: 'Program/finansiär' }, { label: 'Beviljat (kr)', isNumeric: true }, { label: 'Anmärkning' }];

function notes(report: YearReport, format: Formatter): string[] {
  const { funds } = report;
  const lines = [
    `Beviljade EU-/internationella projektmedel ${report.year} för förvaltningarnas och bolagens externfinansierade projekt: ${format.sek(funds.total.total)} i ${funds.total.projects} projekt.`,
  ];
  if (funds.withoutAmount.length > 0) {
    lines.push(`${funds.withoutAmount.length} projekt saknar belopp i Stratsys och räknas som 0 kr: ${funds.withoutAmount.map((p) => `${p.name} (${p.unitName})`).join(', ')}.`);
  }
  if (funds.withoutYear.length > 0) {
    lines.push(`${funds.withoutYear.length} projekt saknar beviljat år och räknas inte in något år: ${funds.withoutYear.map((p) => `${p.name} (${p.unitName})`).join(', ')}.`);
  }
  return lines;
}

/** The compilation of granted project funds: per focus area, unit, financier and programme, and every project. */
export function fundsSection(report: YearReport, format: Formatter): ReportSection {
  const { funds } = report;
  const tables: ReportTable[] = [
    fundsTable('medel-fokusomrade', `Beviljade medel ${report.year} per fokusområde`, 'Fokusområde', funds.byFocusArea, funds.total),
    fundsTable('medel-enhet', `Beviljade medel ${report.year} per förvaltning/bolag`, 'Förvaltning/bolag', funds.byUnit, funds.total),
    fundsTable('medel-finansiar', `Beviljade medel ${report.year} per finansiär`, 'Finansiär', funds.byFinancier, funds.total),
    fundsTable('medel-program', `Beviljade medel ${report.year} per program/finansiär`, 'Program/finansiär', funds.byProgramme, funds.total),
    { id: 'projekt', caption: `Externfinansierade projekt beviljade ${report.year}`, columns: PROJECT_COLUMNS, rows: funds.projects.map(projectCells), foot: [], empty: `Inga projekt beviljade ${report.year}.` },
  ];
  if (funds.withoutYear.length > 0) {
    tables.push({ id: 'projekt-utan-ar', caption: 'Projekt utan beviljat år (ej medräknade)', columns: PROJECT_COLUMNS, rows: funds.withoutYear.map(projectCells), foot: [], empty: '' });
  }
  return { id: 'projektmedel', heading: `Beviljade EU-/internationella projektmedel ${report.year}`, notes: notes(report, format), chart: 'funds', tables };
}
