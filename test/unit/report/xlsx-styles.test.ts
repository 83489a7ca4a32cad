import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { REPORT } from '../../../src/domain/glossary-report.js';
import { renderReportXlsx } from '../../../src/report/xlsx.js';
import { demoReport } from './fixtures.js';

/** The workbook read back from its bytes. */
async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

describe('the workbook (styles shared between cells)', () => {
  it('keeps bold captions, headers and totals, plain data rows, wrapped rich-text columns and numbers as numbers', async () => {
    const book = await readBack(await renderReportXlsx(demoReport().report));
    const about = book.worksheets[0];
    expect(about?.getCell(1, 1).font).toMatchObject({ bold: true, size: 14 });
    expect(about?.getCell(2, 1).font?.bold).not.toBe(true);

    const flat = book.getWorksheet(REPORT.flat.sheet);
    expect(flat).toBeDefined();
    expect(flat?.getRow(1).getCell(1).font?.bold).toBe(true);
    for (let column = 1; column <= REPORT.flat.columns.length; column += 1) expect(flat?.getRow(2).getCell(column).font?.bold).toBe(true);
    const data = flat?.getRow(3);
    expect(data?.getCell(1).font?.bold).not.toBe(true);
    // The "days" column holds numbers (or nothing), never numbers as text.
    const days = REPORT.flat.columns.length - 3;
    const values = flat ? Array.from({ length: flat.rowCount - 2 }, (_, i) => flat.getRow(i + 3).getCell(days).value) : [];
    expect(values.some((value) => typeof value === 'number')).toBe(true);
    expect(values.every((value) => value === null || typeof value === 'number')).toBe(true);

    // The sheets of follow-up texts: their text column wraps, in every data row; the columns beside it do not.
    const wraps = (sheet: ExcelJS.Worksheet, row: number, column: number) => sheet.getRow(row).getCell(column).alignment?.wrapText === true;
    const textSheets = book.worksheets.flatMap((sheet) => {
      const column = Array.from({ length: sheet.columnCount }, (_, i) => i + 1).find((c) => wraps(sheet, 3, c));
      return column === undefined ? [] : [{ sheet, column }];
    });
    expect(textSheets.map(({ sheet }) => sheet.name)).toEqual(['Uppföljningar', 'Projektredovisningar']);
    for (const { sheet, column } of textSheets) {
      expect(sheet.rowCount).toBeGreaterThan(4);
      for (let row = 3; row <= sheet.rowCount; row += 1) {
        expect(wraps(sheet, row, column)).toBe(true);
        expect(wraps(sheet, row, column - 1)).toBe(false);
        expect(sheet.getRow(row).getCell(column).font?.bold).not.toBe(true);
      }
    }
  });
});
