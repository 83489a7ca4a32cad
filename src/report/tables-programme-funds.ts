import { REPORT } from '../domain/glossary-report.js';
import type { Formatter } from './format.js';
import type { YearReport } from './model.js';
import type { PeriodFundsRow } from './model-parts.js';
import { count, madeWhenRead, sek, text, type Cell, type ReportSection, type ReportTable } from './cells.js';
import { amountNote, fundsCells, FUNDS_COLUMNS, PROJECT_COLUMNS, projectCells } from './tables-funds.js';

const WORDS = REPORT.programmeFunds;
const F = REPORT.funds;

/** A focus area's amount per year, over the whole period, and its project counts. */
function periodCells(row: PeriodFundsRow, label = row.label): Cell[] {
  return [text(label), ...row.perYear.map((year) => sek(year.total)), sek(row.period.total), count(row.period.projects), count(row.period.withoutAmount)];
}

/** Projects and funds over the programme period: per year, per focus area and year, every project, and the amounts that could not be read. */
export function programmeFundsSection(report: YearReport, format: Formatter): ReportSection {
  const { programme } = report.funds;
  const from = programme.years[0] ?? report.year;
  const to = programme.years.at(-1) ?? report.year;
  const total: PeriodFundsRow = { key: null, label: F.total, perYear: programme.byYear, period: programme.total };
  const notes = [WORDS.intro(from, to, programme.total.projects, format.sek(programme.total.total)), WORDS.rule];
  if (programme.withoutAmount.length > 0) notes.push(WORDS.unreadableNote(programme.withoutAmount.length));
  const tables = (): ReportTable[] => [
    {
      id: 'period-medel-ar',
      caption: WORDS.caption.byYear(from, to),
      columns: [{ label: F.groupColumn.year }, ...FUNDS_COLUMNS],
      rows: programme.byYear.map((row) => fundsCells(row)),
      foot: [fundsCells(programme.total, WORDS.wholePeriodRow)],
      empty: F.noProjects,
    },
    {
      id: 'period-medel-fokusomrade',
      caption: WORDS.caption.byFocusArea(from, to),
      columns: [
        { label: F.groupColumn.focusArea },
        ...programme.years.map((year) => ({ label: WORDS.yearColumn(year), isNumeric: true })),
        { label: WORDS.wholePeriod, isNumeric: true },
        ...FUNDS_COLUMNS.slice(3),
      ],
      rows: programme.byFocusArea.map((row) => periodCells(row)),
      foot: [periodCells(total)],
      empty: F.noProjects,
    },
    { id: 'period-projekt', caption: WORDS.caption.projects(from, to), columns: PROJECT_COLUMNS, layout: 'projects', rows: programme.projects.map(projectCells), foot: [], empty: F.noProjects },
    {
      id: 'period-belopp',
      caption: WORDS.caption.withoutAmount,
      columns: [F.projectColumns.project, F.projectColumns.unit, F.projectColumns.rawAmount, F.projectColumns.note].map((label) => ({ label })),
      rows: programme.withoutAmount.map((p) => [text(p.name), text(p.unitName), text(p.grantedText ?? '–'), text(amountNote(p))]),
      foot: [],
      empty: WORDS.noneWithoutAmount,
    },
  ];
  return { id: 'programperiod', heading: WORDS.heading(from, to), notes, tables: madeWhenRead(tables) };
}
