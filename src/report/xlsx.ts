import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { REPORT } from '../domain/glossary-report.js';
import { createFormatter, type Formatter } from './format.js';
import { STATE_LABEL } from './labels.js';
import type { YearReport } from './model.js';
import { richTextToPlain } from './rich-text-format.js';
import { parseRichText } from './rich-text.js';
import { flatReportTable } from './tables-flat.js';
import { reportFacts, reportNotice, reportSections, reportTitle } from './tables.js';
import type { Cell, ReportTable } from './cells.js';
import { maxOf } from './lists.js';

/**
 * The report as an Excel workbook (exceljs): a first sheet with the facts (and the notice of an
 * incomplete report), the flat sheet "Rapporter" with one row per expected report and its links,
 * then one sheet per table of the report. Numbers are numbers, amounts whole SEK, times local text
 * (`yyyy-MM-dd HH:mm`, the report time zone) so no spreadsheet moves them to another zone; links are
 * hyperlinks; follow-up texts are plain text with line breaks.
 */

/** File name of the workbook, e.g. `arsrapport-2020.xlsx`. */
export function xlsxFileName(year: number): string {
  return `arsrapport-${year}.xlsx`;
}

function cellValue(cell: Cell, format: Formatter): ExcelJS.CellValue {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'count':
    case 'sek':
    case 'percent':
      return cell.value;
    case 'instant':
      return cell.value === null ? null : format.dateTime(cell.value);
    case 'state':
      return STATE_LABEL[cell.state];
    case 'link':
      return cell.href === null ? null : { text: cell.text, hyperlink: cell.href };
    case 'rich':
      return richTextToPlain(parseRichText(cell.html));
  }
}

/** A sheet name Excel accepts: ≤ 31 characters, none of `[]:*?/\`, unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || REPORT.document.sheet;
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i += 1) name = `${base.slice(0, 27)} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

/** A workbook written as a stream (rows leave memory as they are added); see `writeWorkbook`. */
export type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * The bytes of a workbook written row by row with exceljs' streaming writer: each row is committed
 * (turned into XML and zipped) as it is added, so the workbook never exists whole in memory.
 * Column widths and styles must be set before a sheet's first row. `generatedAt` dates the workbook
 * (its document properties: created, modified) when the report was made, not when it was written.
 */
export async function writeWorkbook(fill: (book: WorkbookWriter) => void, generatedAt?: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const created = generatedAt === undefined ? undefined : new Date(generatedAt);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, ...(created ? { created, modified: created } : {}) });
  book.creator = 'stratsys-sync';
  fill(book);
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}

const sharedStyles = new WeakMap<ExcelJS.Worksheet, Map<string, Partial<ExcelJS.Style>>>();

/**
 * Gives each cell of the row the sheet's one style object for its style and value type. exceljs
 * gives every cell a style object of its own and turns each into XML to look up its style id, which
 * was most of a large workbook's time; a style object it has seen before is looked up by identity.
 * The value type is part of the key because exceljs derives the number format from it.
 */
function shareStyles(sheet: ExcelJS.Worksheet, row: ExcelJS.Row): void {
  let styles = sharedStyles.get(sheet);
  if (styles === undefined) sharedStyles.set(sheet, (styles = new Map()));
  row.eachCell({ includeEmpty: true }, (cell) => {
    const key = `${cell.type}|${JSON.stringify(cell.style)}`;
    const shared = styles.get(key);
    if (shared === undefined) styles.set(key, cell.style);
    else cell.style = shared;
  });
}

/** Adds a row to a streamed sheet and commits it; `font` for the whole row. */
export function addRow(sheet: ExcelJS.Worksheet, values: ExcelJS.CellValue[], font?: Partial<ExcelJS.Font>): void {
  const row = sheet.addRow(values);
  if (font) row.font = font;
  shareStyles(sheet, row);
  row.commit();
}

/** The length of the first line of a value as text (what sizes its column). */
function firstLineLength(value: ExcelJS.CellValue): number {
  const shown = String(value ?? '');
  const end = shown.indexOf('\n');
  return end < 0 ? shown.length : end;
}

/** Adds a table as its own sheet: caption, bold header (frozen), rows, bold totals. */
export function addTableSheet(book: WorkbookWriter, table: ReportTable, format: Formatter, taken: Set<string>): void {
  const sheet = book.addWorksheet(sheetName(table.sheet ?? table.caption, taken), { views: [{ state: 'frozen', ySplit: 2 }] });
  table.columns.forEach((column, i) => {
    const longest = maxOf(
      table.rows.map((r) => firstLineLength(cellValue(r[i] ?? { kind: 'text', text: '' }, format))),
      column.label.length,
    );
    const excelColumn = sheet.getColumn(i + 1);
    excelColumn.width = Math.min(60, Math.max(8, longest + 2));
    if (table.rows.some((r) => r[i]?.kind === 'rich')) excelColumn.alignment = { wrapText: true, vertical: 'top' };
  });
  addRow(sheet, [table.caption], { bold: true });
  addRow(
    sheet,
    table.columns.map((c) => c.label),
    { bold: true },
  );
  if (table.rows.length === 0) addRow(sheet, [table.empty]);
  for (const row of table.rows)
    addRow(
      sheet,
      row.map((cell) => cellValue(cell, format)),
    );
  for (const row of table.foot)
    addRow(
      sheet,
      row.map((cell) => cellValue(cell, format)),
      { bold: true },
    );
  sheet.commit();
}

/** The workbook as bytes. */
export async function renderReportXlsx(report: YearReport): Promise<Buffer> {
  const format = createFormatter(report.timeZone);
  return writeWorkbook((book) => {
    const taken = new Set<string>();
    const facts = book.addWorksheet(sheetName(REPORT.document.aboutSheet, taken));
    facts.getColumn(1).width = 40;
    facts.getColumn(2).width = 60;
    addRow(facts, [reportTitle(report)], { bold: true, size: 14 });
    const notice = reportNotice(report);
    if (notice !== null) addRow(facts, [notice], { bold: true, color: { argb: 'FF8C2100' } });
    for (const [key, value] of reportFacts(report, format)) addRow(facts, [key, value]);
    facts.commit();
    addTableSheet(book, flatReportTable(report, format), format, taken);
    for (const section of reportSections(report, format)) for (const table of section.tables) addTableSheet(book, table, format, taken);
  }, report.meta.generatedAt);
}
