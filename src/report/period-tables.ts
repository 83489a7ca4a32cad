import { focusAreaLabel, REPORT_WORDS } from './labels.js';
import type { PeriodReport, TrendPoint } from './period.js';
import { count, link, percent, sek, text, type Cell, type ReportTable } from './tables.js';

/** The period's tables: one per measure, a row per focus area and a column per year. Pure. */

const MEASURES: Array<{ id: string; caption: string; cell: (p: TrendPoint) => Cell; isNumeric: boolean }> = [
  { id: 'andel', caption: 'Andel levererade uppföljningar (%)', cell: (p) => percent(p.share), isNumeric: true },
  { id: 'ska-lamnas', caption: 'Uppföljningar som ska lämnas', cell: (p) => count(p.expected), isNumeric: true },
  { id: 'sent', caption: 'Lämnade sent', cell: (p) => count(p.late), isNumeric: true },
  { id: 'saknas', caption: 'Saknade uppföljningar', cell: (p) => count(p.missing), isNumeric: true },
  { id: 'okanda', caption: 'Okända (hämtningen misslyckades)', cell: (p) => count(p.unknown), isNumeric: true },
  { id: 'projekt', caption: 'Externfinansierade projekt', cell: (p) => count(p.projects), isNumeric: true },
  { id: 'medel', caption: 'Beviljade projektmedel (kr)', cell: (p) => sek(p.grantedSek), isNumeric: true },
];

/** Every measure as a table: focus areas × years, with the total as foot. */
export function trendTables(period: PeriodReport): ReportTable[] {
  return MEASURES.map((measure) => ({
    id: `trend-${measure.id}`,
    caption: `${measure.caption} ${period.years[0]}–${period.years.at(-1)}`,
    sheet: measure.caption.slice(0, 31),
    columns: [{ label: 'Fokusområde' }, ...period.years.map((year) => ({ label: String(year), isNumeric: measure.isNumeric }))],
    rows: period.trend.map((row) => [text(focusAreaLabel(row.focusArea)), ...row.points.map(measure.cell)]),
    foot: [[text('Alla fokusområden'), ...period.total.map(measure.cell)]],
    empty: 'Programmet har inga fokusområden.',
  }));
}

/** Every project counted in some year of the period, with the year, financier, amount (raw text when unreadable) and unit. */
export function periodProjectsTable(period: PeriodReport): ReportTable {
  const rows = period.reports.flatMap((report) =>
    [...report.funds.projects, ...report.funds.withoutYear.map((p) => ({ ...p, year: null }))].map((p) => [
      text(p.year === null ? 'inget år' : String(report.year)), text(p.name), text(p.unitName), text(p.focusAreaName ?? '–'), text(p.financier === 'eu' ? 'EU' : 'Övrig internationell'),
      text(p.financierName ?? '–'), sek(p.grantedSek), text(p.grantedSek === null ? `Belopp oläsligt eller saknas: "${p.grantedText ?? ''}"` : ''), link(REPORT_WORDS.openInStratsys, null),
    ]),
  );
  const seen = new Set<string>();
  const unique = rows.filter((row) => {
    const key = row.map((c) => (c.kind === 'text' ? c.text : '')).join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const columns = ['Räknas år', 'Projekt', 'Förvaltning/bolag', 'Fokusområde', 'Finansiär', 'Program/finansiär', 'Beviljat (kr)', 'Anmärkning'].map((label, i) => ({ label, isNumeric: i === 6 }));
  return { id: 'period-projekt', caption: `Externfinansierade projekt ${period.years[0]}–${period.years.at(-1)}`, sheet: 'Projekt', columns, rows: unique.map((r) => r.slice(0, 8)), foot: [], empty: 'Inga projekt.' };
}
