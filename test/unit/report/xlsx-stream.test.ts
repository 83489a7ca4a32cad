import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addRow, ROWS_PER_PAUSE, workbookStream, xmlWaiting } from '../../../src/report/xlsx.js';

describe('workbookStream (a workbook as a stream of its bytes)', () => {
  it('gives its first bytes while rows are still being added, and the whole workbook at the end', async () => {
    const total = 20 * ROWS_PER_PAUSE;
    let added = 0;
    let mostWaiting = 0;
    const stream = workbookStream(async (book, pause) => {
      const sheet = book.addWorksheet('Rader');
      for (let i = 0; i < total; i += 1) {
        // Text that does not compress to nothing, so the zip has bytes to give along the way.
        addRow(sheet, [i, `${(i * 2_654_435_761) % 4_294_967_291}-${(i * 40_503) % 65_521}`]);
        added += 1;
        if (added % ROWS_PER_PAUSE === 0) {
          await pause(sheet);
          mostWaiting = Math.max(mostWaiting, xmlWaiting(sheet));
        }
      }
      sheet.commit();
    });
    const addedAtChunk: number[] = [];
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      addedAtChunk.push(added);
      chunks.push(chunk as Buffer);
    }
    // Bytes came out before the last row went in: the rows' XML did not wait in memory for the end.
    expect(addedAtChunk[0]).toBeLessThan(total);
    // After each pause the zip has taken the sheet's XML down to its stream's limit (16 KB), not a growing backlog.
    expect(mostWaiting).toBeLessThanOrEqual(16 * 1024);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Rader');
    expect(sheet?.rowCount).toBe(total);
    expect(sheet?.getRow(total).getCell(1).value).toBe(total - 1);
  });

  it('fails the stream with the error of a workbook that could not be made', async () => {
    const stream = workbookStream(async (book, pause) => {
      const sheet = book.addWorksheet('Rader');
      addRow(sheet, ['a']);
      await pause(sheet);
      throw new Error('the report model is broken');
    });
    await expect(
      (async () => {
        for await (const _chunk of stream) void _chunk;
      })(),
    ).rejects.toThrow('the report model is broken');
  });
});

describe('workbookStream, read no more', () => {
  it('stops making the workbook once its reader stops reading, instead of making it on or waiting for ever', async () => {
    const total = 200 * ROWS_PER_PAUSE;
    let added = 0;
    let ended: unknown = null;
    const stream = workbookStream(async (book, pause) => {
      try {
        const sheet = book.addWorksheet('Rader');
        for (let i = 0; i < total; i += 1) {
          addRow(sheet, [i, `${(i * 2_654_435_761) % 4_294_967_291}-${(i * 40_503) % 65_521}`]);
          added += 1;
          if (added % ROWS_PER_PAUSE === 0) await pause(sheet);
        }
        sheet.commit();
      } catch (error) {
        ended = error;
        throw error;
      }
    });
    // The reader takes the first bytes, then goes away (a broken-off download, a failed file write).
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    stream.destroy();
    for (let waited = 0; ended === null && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ended).toBeInstanceOf(Error);
    expect(String(ended)).toContain('no longer being read');
    expect(added).toBeLessThan(total);
  });
});
