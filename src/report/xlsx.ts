import { PassThrough, type Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
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

/** A row's missing cell. */
const EMPTY_CELL: Cell = { kind: 'text', text: '' };

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

/** A workbook written as a stream (rows leave memory as they are added); see `workbookStream`. */
export type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * Lets the zip stream behind a workbook take the rows of `sheet` committed so far: waits until the
 * stream holding the sheet's XML for the zip, and the workbook's own output, have been read down to
 * their limits, then for one turn of the event loop. exceljs hands a sheet's XML on without waiting
 * for it to be taken, so without these pauses a large sheet waits in memory, whole, for the zip.
 */
export type Pause = (sheet: ExcelJS.Worksheet) => Promise<void>;

/** A stream a sheet's XML is handed to: Node's, or the older `readable-stream` copy exceljs' zip library uses. */
interface Outlet {
  writableNeedDrain?: boolean;
  writableLength?: number;
  _writableState?: { needDrain?: boolean; length?: number };
  destroyed?: boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * The streams a sheet's XML is handed to on its way into the zip. exceljs' sheet buffer (its
 * `StreamBuf`) writes to them without regard for backpressure; they are read here, defensively,
 * from its internals (none found: nothing to wait for, as before).
 */
function sheetOutlets(sheet: ExcelJS.Worksheet): Outlet[] {
  const pipes = (sheet as unknown as { _stream?: { pipes?: unknown } })._stream?.pipes;
  if (!Array.isArray(pipes)) return [];
  return pipes.filter((pipe): pipe is Outlet => typeof pipe === 'object' && pipe !== null && typeof (pipe as Outlet).on === 'function' && typeof (pipe as Outlet).removeListener === 'function');
}

/** Bytes of a sheet's XML handed on but not yet taken by the zip (what pauses keep small). */
export function xmlWaiting(sheet: ExcelJS.Worksheet): number {
  return sheetOutlets(sheet).reduce((sum, outlet) => sum + (outlet.writableLength ?? outlet._writableState?.length ?? 0), 0);
}

function needsDrain(stream: Outlet): boolean {
  return stream.destroyed !== true && (stream.writableNeedDrain === true || stream._writableState?.needDrain === true);
}

/**
 * Waits until `outlet` has been read down to its limit. Throws when the workbook's own output is
 * gone (its reader stopped: a failed file write, a download broken off), or when the outlet fails or
 * closes first: the workbook is then not made on for nobody, nor waited for for ever.
 */
async function drained(outlet: Outlet, output: Readable): Promise<void> {
  for (;;) {
    if (output.destroyed) throw new Error('the workbook is no longer being read');
    if (!needsDrain(outlet)) return;
    await new Promise<void>((resolve, reject) => {
      const events: Array<[Outlet, string, (...args: unknown[]) => void]> = [
        [outlet, 'drain', () => settle()],
        [outlet, 'error', (error) => settle(error instanceof Error ? error : new Error(`the workbook's zip failed: ${String(error)}`))],
        [outlet, 'close', () => settle(outlet === output ? undefined : new Error("the workbook's zip stopped reading a sheet"))],
        [output, 'close', () => settle()],
      ];
      const settle = (error?: Error) => {
        for (const [stream, event, listener] of events) stream.removeListener(event, listener);
        if (error === undefined) resolve();
        else reject(error);
      };
      for (const [stream, event, listener] of events) stream.on(event, listener);
    });
  }
}

/** Rows a sheet adds between two pauses (src/report/xlsx.ts `Pause`). */
export const ROWS_PER_PAUSE = 256;

/**
 * A workbook written row by row with exceljs' streaming writer, as a stream of its bytes: each row
 * is committed (turned into XML and zipped) as it is added, and `fill` pauses (every
 * `ROWS_PER_PAUSE` rows) until the bytes so far are read, so neither the workbook nor its XML
 * exists whole in memory. Column widths and styles must be set before a sheet's first row.
 * `generatedAt` dates the workbook (its document properties: created, modified) when the report
 * was made, not when it was written. An error in `fill` or in the writer fails the stream.
 */
export function workbookStream(fill: (book: WorkbookWriter, pause: Pause) => Promise<void>, generatedAt?: string): Readable {
  const stream = new PassThrough();
  const created = generatedAt === undefined ? undefined : new Date(generatedAt);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, ...(created ? { created, modified: created } : {}) });
  book.creator = 'stratsys-sync';
  const pause: Pause = async (sheet) => {
    for (const outlet of sheetOutlets(sheet)) await drained(outlet, stream);
    await drained(stream, stream);
    await setImmediate();
  };
  fill(book, pause)
    .then(() => book.commit())
    .catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
  return stream;
}

/** The bytes of a workbook (workbookStream) in one buffer: for a download or a test, not a run's report files. */
export async function writeWorkbook(fill: (book: WorkbookWriter, pause: Pause) => Promise<void>, generatedAt?: string): Promise<Buffer> {
  return bytesOf(workbookStream(fill, generatedAt));
}

/** A stream's bytes in one buffer. */
export async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
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

/** Adds a table as its own sheet: caption, bold header (frozen), rows, bold totals; pauses every `ROWS_PER_PAUSE` rows. */
export async function addTableSheet(book: WorkbookWriter, table: ReportTable, format: Formatter, taken: Set<string>, pause: Pause): Promise<void> {
  const sheet = book.addWorksheet(sheetName(table.sheet ?? table.caption, taken), { views: [{ state: 'frozen', ySplit: 2 }] });
  // One pass over the rows for the columns' widths and wrapping, one to write them: a large table's rows are made as they are read.
  const longest = table.columns.map((column) => column.label.length);
  const isRich = table.columns.map(() => false);
  for (const row of table.rows)
    for (let i = 0; i < table.columns.length; i += 1) {
      const cell = row[i] ?? EMPTY_CELL;
      longest[i] = Math.max(longest[i] ?? 0, firstLineLength(cellValue(cell, format)));
      if (cell.kind === 'rich') isRich[i] = true;
    }
  table.columns.forEach((_column, i) => {
    const excelColumn = sheet.getColumn(i + 1);
    excelColumn.width = Math.min(60, Math.max(8, (longest[i] ?? 0) + 2));
    if (isRich[i] === true) excelColumn.alignment = { wrapText: true, vertical: 'top' };
  });
  addRow(sheet, [table.caption], { bold: true });
  addRow(
    sheet,
    table.columns.map((c) => c.label),
    { bold: true },
  );
  let written = 0;
  for (const row of table.rows) {
    addRow(
      sheet,
      row.map((cell) => cellValue(cell, format)),
    );
    written += 1;
    if (written % ROWS_PER_PAUSE === 0) await pause(sheet);
  }
  if (written === 0) addRow(sheet, [table.empty]);
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
  return bytesOf(reportXlsxStream(report));
}

/** The workbook as a stream of its bytes, made as they are read (a run's report file). */
export function reportXlsxStream(report: YearReport): Readable {
  const format = createFormatter(report.timeZone);
  return workbookStream(async (book, pause) => {
    const taken = new Set<string>();
    const facts = book.addWorksheet(sheetName(REPORT.document.aboutSheet, taken));
    facts.getColumn(1).width = 40;
    facts.getColumn(2).width = 60;
    addRow(facts, [reportTitle(report)], { bold: true, size: 14 });
    const notice = reportNotice(report);
    if (notice !== null) addRow(facts, [notice], { bold: true, color: { argb: 'FF8C2100' } });
    for (const [key, value] of reportFacts(report, format)) addRow(facts, [key, value]);
    facts.commit();
    await addTableSheet(book, flatReportTable(report, format), format, taken, pause);
    for (const section of reportSections(report, format)) for (const table of section.tables) await addTableSheet(book, table, format, taken, pause);
  }, report.meta.generatedAt);
}
