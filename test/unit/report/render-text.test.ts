import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, renderReportCsv } from '../../../src/report/csv.js';
import { escapeMarkdown, renderReportMarkdown } from '../../../src/report/markdown.js';
import { demoReport, renameUnit } from './fixtures.js';

/** Splits CSV text into rows of fields (RFC 4180 quoting, `;`, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ';') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 1;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('CSV report', () => {
  it('is what Swedish Excel expects: BOM, semicolons, CRLF, a rectangle of fields', () => {
    const csv = renderReportCsv(demoReport().report);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Line breaks only inside quoted fields (follow-up texts), which Excel keeps in the cell.
    expect(csv.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '')).not.toContain('\n');
    const rows = parseCsv(csv.slice(1));
    const width = rows[0]?.length ?? 0;
    expect(width).toBeGreaterThanOrEqual(7);
    expect(rows.every((row) => row.length === width)).toBe(true);
  });

  it('has the same figures as the report: plain numbers, decimal comma, every missing unit', () => {
    const { assessment, report } = demoReport();
    const rows = parseCsv(renderReportCsv(report).slice(1)).map((row) => row.join(';').replace(/;+$/, ''));
    expect(rows).toContain('3. Miljöstrategiskt program;6;4;0;2;0;0;66,7');
    expect(rows).toContain('Totalt;32;23;1;8;0;0;75');
    expect(rows).toContain('Beviljade projektmedel 2020;4890000');
    expect(rows).toContain('Totalt;3900000;990000;4890000;4;1');
    expect(rows).toContain(
      'Projekt Välfärdsteknik i Östersjöregionen;Omvårdnad Gävle;1. Näringslivsprogram;EU;Interreg Baltic Sea Region;;2020;Belopp saknas i Stratsys;https://www.stratsys.se/PermaLink/GAVLE/ScorecardView.mvc?keyId=124&ChangeDepartment=104&MenuContainerId=502&NodeIdentifierId=6014',
    );
    // Delivery rows: unit; kind; state; days overdue; … (the matrix rows have a state in column 3 too, but no days).
    const missingRows = rows.filter((row) => row.split(';')[2] === 'Saknas' && /^\d+$/.test(row.split(';')[3] ?? ''));
    expect(missingRows).toHaveLength(assessment.evaluation.reports.filter((r) => r.state === 'missing').length);
  });

  it('quotes separators and quotes, and defuses formulas in text from Stratsys', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('Kultur och fritid')).toBe('Kultur och fritid');
    const csv = renderReportCsv(demoReport({ adjust: (f) => renameUnit(f, '106', '=cmd|"/c calc";x') }).report);
    expect(csv).toContain('"\'=cmd|""/c calc"";x";förvaltning;Saknas;15;');
  });
});

describe('Markdown report', () => {
  it('has headings and well-formed tables with the figures', () => {
    const md = renderReportMarkdown(demoReport().report);
    expect(md.startsWith('# Uppföljning av internationellt arbete 2020\n')).toBe(true);
    expect(md).toContain('## 9. Beviljade EU-/internationella projektmedel 2020');
    expect(md).toContain('| **Totalt** | 3\u00a0900\u00a0000\u00a0kr | 990\u00a0000\u00a0kr | 4\u00a0890\u00a0000\u00a0kr | 4 | 1 |');
    for (const block of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const pipes = block
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.replace(/\\\|/g, '').split('|').length);
      expect(new Set(pipes).size).toBe(1);
    }
  });

  it('escapes text from Stratsys so it cannot inject HTML or break a table', () => {
    const md = renderReportMarkdown(demoReport({ adjust: (f) => renameUnit(f, '106', '<b>x</b> | *y*\n# z') }).report);
    expect(md).toContain('\\<b\\>x\\</b\\> \\| \\*y\\* # z');
    expect(md).not.toContain('<b>');
    // No HTML entities anywhere: Markdown readers show them literally in code views and diffs.
    expect(md).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
    expect(escapeMarkdown('- a')).toBe('\\- a');
    expect(escapeMarkdown('1. a')).toBe('1\\. a');
  });
});
