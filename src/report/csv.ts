import { createFormatter, type Formatter } from './format.js';
import { STATE_LABEL } from './labels.js';
import { richTextToPlain } from './rich-text-format.js';
import { parseRichText } from './rich-text.js';
import type { YearReport } from './model.js';
import { reportFacts, reportSections, reportTitle } from './tables.js';
import type { Cell, ReportTable } from './cells.js';
import { inParts, maxOf, PART_CHARS } from './lists.js';

/**
 * CSV for Swedish Excel: `;` between fields (Excel in a Swedish locale splits on the list
 * separator `;`, since `,` is the decimal sign), a UTF-8 byte-order mark (without it Excel reads
 * å, ä, ö as Windows-1252), CRLF line ends, RFC 4180 quoting. The tables are stacked on one sheet:
 * a title row, a header row, the rows and totals, then an empty row; every row has the same number
 * of fields. Numbers are plain (no thousands separator, decimal comma) so Excel reads them as
 * numbers; amounts are whole SEK; times are `yyyy-MM-dd HH:mm` in the report time zone; states are
 * words ("Saknas"). Text that a spreadsheet would run as a formula (`= + - @`, tab, CR first) is
 * prefixed with `'`. Pure.
 */
export const CSV_SEPARATOR = ';';
/** UTF-8 byte-order mark, first in the file. */
export const CSV_BOM = '\uFEFF';

/** Neutralises formula starts and quotes when needed. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function cellText(cell: Cell, format: Formatter): string {
  switch (cell.kind) {
    case 'text':
      return csvField(cell.text);
    case 'count':
    case 'sek':
      return cell.value === null ? '' : String(Math.round(cell.value));
    case 'percent':
      return cell.value === null ? '' : String(cell.value).replace('.', ',');
    case 'instant':
      return cell.value === null ? '' : format.dateTime(cell.value);
    case 'state':
      return STATE_LABEL[cell.state];
    case 'link':
      return csvField(cell.href ?? '');
    case 'rich':
      return csvField(richTextToPlain(parseRichText(cell.html)));
  }
}

/** A table's CSV rows: caption, header, rows, totals, then an empty row. */
export function periodCsvRows(table: ReportTable, format: Formatter): string[][] {
  return [...tableRows(table, format)];
}

/** A table's CSV rows, each made as it is read. */
function* tableRows(table: ReportTable, format: Formatter): Generator<string[]> {
  const fields = (row: Cell[]) => row.map((cell) => cellText(cell, format));
  yield [csvField(table.caption)];
  yield table.columns.map((c) => csvField(c.label));
  let rows = 0;
  for (const row of table.rows) {
    rows += 1;
    yield fields(row);
  }
  if (rows === 0) yield [csvField(table.empty)];
  for (const row of table.foot) yield fields(row);
  yield [];
}

/** The number of fields of a table's widest row (caption, header, rows, totals). */
function tableWidth(table: ReportTable): number {
  let widest = Math.max(1, table.columns.length);
  for (const row of table.rows) widest = Math.max(widest, row.length);
  for (const row of table.foot) widest = Math.max(widest, row.length);
  return widest;
}

/**
 * The report's CSV document (BOM included) in parts of at most `partChars` characters, made as
 * they are read: the title and facts, then each table line by line, so a large report is written
 * to its file without the whole document in memory. The parts joined are renderReportCsv's document.
 */
export function reportCsvParts(report: YearReport, partChars = PART_CHARS): Generator<string> {
  return inParts(csvLines(report), partChars);
}

function* csvLines(report: YearReport): Generator<string> {
  const format = createFormatter(report.timeZone);
  const head: string[][] = [[csvField(reportTitle(report))], ...reportFacts(report, format).map(([k, v]) => [csvField(k), csvField(v)]), []];
  const sections = reportSections(report, format);
  // Every row has the same number of fields: the widest row's, known from the tables' shapes. The
  // tables are made as they are read, one at a time: once for their widths, once for their rows.
  let width = maxOf(head.map((row) => row.length));
  for (const section of sections) for (const table of section.tables) width = Math.max(width, tableWidth(table));
  const line = (row: string[]) => `${(row.length < width ? [...row, ...Array<string>(width - row.length).fill('')] : row).join(CSV_SEPARATOR)}\r\n`;
  yield CSV_BOM;
  for (const row of head) yield line(row);
  for (const section of sections) for (const table of section.tables) for (const row of tableRows(table, format)) yield line(row);
}

/** The report as one CSV document (BOM included), every figure of the HTML report. */
export function renderReportCsv(report: YearReport): string {
  return [...reportCsvParts(report)].join('');
}
