import { describe, expect, it } from 'vitest';
import { madeWhenRead, type ReportTable } from '../../../src/report/cells.js';
import { createFormatter } from '../../../src/report/format.js';
import { reportSections } from '../../../src/report/tables.js';
import { demoReport } from './fixtures.js';

const table = (id: string): ReportTable => ({ id, caption: id, columns: [{ label: 'a' }], rows: [[{ kind: 'text', text: id }]], foot: [], empty: '' });

describe("a section's tables, made as they are read", () => {
  it('makes nothing until read, one table at a time, and again when read again', () => {
    const made: string[] = [];
    const tables = madeWhenRead(function* () {
      for (const id of ['a', 'b', 'c']) {
        made.push(id);
        yield table(id);
      }
    });
    expect(made).toEqual([]);
    const seen: string[] = [];
    for (const t of tables) seen.push(`${t.id} after ${made.join('')}`);
    // Each table was made when it was reached, not all before the first.
    expect(seen).toEqual(['a after a', 'b after ab', 'c after abc']);
    expect([...tables].map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(made).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it("gives the report's same tables each time they are read", () => {
    const { report } = demoReport();
    const format = createFormatter(report.timeZone);
    const sections = reportSections(report, format);
    const first = sections.map((section) => [...section.tables]);
    const again = sections.map((section) => [...section.tables]);
    expect(again).toEqual(first);
    expect(first.flat().length).toBeGreaterThan(10);
    expect(first.flat().some((t) => [...t.rows].length > 0)).toBe(true);
  });
});
