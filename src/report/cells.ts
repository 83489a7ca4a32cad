import type { ReportSummary } from '../domain/evaluation.js';
import { REPORT } from '../domain/glossary-report.js';
import type { CellState } from './model-parts.js';

/**
 * The typed cells, tables and sections the report is described in (src/report/tables.ts builds
 * them): the one description the HTML, CSV and Markdown renderers share, so every format shows the
 * same figures. Cells keep their raw values; each renderer formats them (CSV keeps plain numbers,
 * HTML and Markdown use `sv-SE`).
 */

export type Cell =
  /** Text; with `href`, the HTML and Markdown reports link it (e.g. a project's name to Stratsys). */
  | { kind: 'text'; text: string; href?: string | null }
  /** A whole number; null shows as empty. */
  | { kind: 'count'; value: number | null }
  | { kind: 'sek'; value: number | null }
  | { kind: 'percent'; value: number | null }
  /** An instant shown as a local date and time. */
  | { kind: 'instant'; value: string | null }
  | { kind: 'state'; state: CellState }
  /** A link to Stratsys: `text` shown, `href` null when there is no link. */
  | { kind: 'link'; text: string; href: string | null }
  /** A follow-up text: its HTML as Stratsys holds it, read as safe formatted text (parseRichText) when rendered. */
  | { kind: 'rich'; html: string };

/** One table: caption, columns, rows and totals of typed cells. */
export interface ReportTable {
  id: string;
  caption: string;
  /**
   * `isDataOnly`: the column is only in the data formats (CSV, xlsx), e.g. a link column whose link
   * the HTML and Markdown reports put on the row's name instead.
   */
  columns: Array<{ label: string; isNumeric?: boolean; isDataOnly?: boolean }>;
  /**
   * Its rows; a large table's are made as they are read (see madeWhenRead), so a renderer reads
   * them in as few passes as it can and never holds them all.
   */
  rows: Iterable<Cell[]>;
  /** Totals, shown after the rows. */
  foot: Cell[][];
  /** Shown when there are no rows. */
  empty: string;
  /**
   * Only for the data formats (CSV, xlsx): the HTML and Markdown reports show the same content as
   * text under the section's `narrative` instead.
   */
  isDataOnly?: boolean;
  /** Short name of the table's sheet in the workbook (≤ 31 characters); default from the caption. */
  sheet?: string;
  /**
   * A column layout the HTML report shares between tables of one kind, so their columns line up
   * from table to table (`goal`: activity, unit, focus area, status, follow-up, link; `projects`:
   * the project lists, project name widest).
   */
  layout?: 'goal' | 'projects';
}

/** A numbered section of the report: heading, notes, an optional chart and its tables. */
export interface ReportSection {
  id: string;
  heading: string;
  /** Plain sentences shown before the tables. */
  notes: string[];
  chart?: 'deliveries' | 'funds';
  /** Text content the HTML and Markdown reports show before the tables (see ReportTable.isDataOnly). */
  narrative?: 'follow-ups' | 'statements';
  /** Show the legend of the state symbols. */
  hasLegend?: boolean;
  /** Its tables, in order; a large section's are made as they are read (see madeWhenRead), so read them once where you can. */
  tables: Iterable<ReportTable>;
}

/**
 * Tables (or a table's rows) made each time they are read, one at a time as `make` yields them: a
 * renderer holds the table or row it is writing, not every table of the report (at 2,000 units the
 * tables of the goals and the follow-ups are some 180,000 rows; the follow-up table alone 60,000).
 * Reading them again makes them again.
 */
export function madeWhenRead<T>(make: () => Iterable<T>): Iterable<T> {
  return { [Symbol.iterator]: () => make()[Symbol.iterator]() };
}

/** Cell constructors. */
export const text = (value: string): Cell => ({ kind: 'text', text: value });
/** Text linked to `href` in HTML and Markdown (plain text in CSV and the workbook). */
export const linkedText = (value: string, href: string | null): Cell => ({ kind: 'text', text: value, href });
export const count = (value: number | null): Cell => ({ kind: 'count', value });
export const sek = (value: number | null): Cell => ({ kind: 'sek', value });
export const percent = (value: number | null): Cell => ({ kind: 'percent', value });
export const instant = (value: string | null): Cell => ({ kind: 'instant', value });
export const state = (value: CellState): Cell => ({ kind: 'state', state: value });
export const link = (label: string, href: string | null): Cell => ({ kind: 'link', text: label, href });
export const rich = (html: string): Cell => ({ kind: 'rich', html });

/** The counting columns of a ReportSummary. */
export const SUMMARY_COLUMNS = REPORT.deliveries.summaryColumns.map((label) => ({ label, isNumeric: true }));

/** A label cell followed by a summary's counts and share. */
export function summaryCells(label: string, s: ReportSummary): Cell[] {
  return [text(label), count(s.expected), count(s.onTime), count(s.late), count(s.missing), count(s.notYetDue), count(s.unknown), percent(s.shareDelivered)];
}

/** The columns (and the cells of each row) the HTML and Markdown reports show: all but the data-only ones. */
export function shownColumns(table: ReportTable): { columns: ReportTable['columns']; cells: (row: Cell[]) => Cell[] } {
  const shown = table.columns.flatMap((column, index) => (column.isDataOnly ? [] : [index]));
  return { columns: shown.map((index) => table.columns[index] ?? { label: '' }), cells: (row) => shown.flatMap((index) => row[index] ?? []) };
}
