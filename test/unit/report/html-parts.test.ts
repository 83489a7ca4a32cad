import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportHtmlParts } from '../../../src/report/html/document.js';
import { renderReport, renderReportParts, REPORT_FORMATS } from '../../../src/report/render.js';
import { writeRunVersion, type RunManifest } from '../../../src/report/versions.js';
import { demoMapping, demoReport } from './fixtures.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the HTML document in parts', () => {
  it('comes as many parts, none near the whole, that make up exactly the document', () => {
    const { report } = demoReport();
    const parts = [...reportHtmlParts(report)];
    const whole = renderReport(report, 'html');
    expect(parts.join('')).toBe(whole);
    expect(parts.length).toBeGreaterThan(20);
    expect(Math.max(...parts.map((part) => part.length))).toBeLessThan(whole.length / 4);
  });

  it('comes in parts for CSV and Markdown too, long tables a few thousand lines at a time, that make up exactly the document', () => {
    // A report whose flat table is longer than one part: the demo's rows repeated.
    const { report } = demoReport({ failedUnitIds: ['106'] });
    const rows = report.actionPlan.flatMap((group) => group.rows);
    expect(rows.length).toBeGreaterThan(0);
    const group = report.actionPlan[0]!;
    group.rows = Array.from({ length: Math.ceil(5_000 / rows.length) }, () => rows).flat();
    for (const format of ['csv', 'md'] as const) {
      const parts = [...renderReportParts(report, format)];
      const whole = parts.join('');
      expect(whole).toBe(renderReport(report, format));
      expect(parts.length).toBeGreaterThan(5);
      expect(Math.max(...parts.map((part) => part.length))).toBeLessThan(whole.length / 2);
    }
    const md = renderReport(report, 'md');
    expect(md).toBe(`${md.trimEnd()}\n`);
  });

  it('is written part by part into a run folder, byte for byte the document in every format', async () => {
    const { report } = demoReport();
    dir = mkdtempSync(path.join(os.tmpdir(), 'html-parts-'));
    const manifest: RunManifest = {
      schemaVersion: 1,
      runId: 'run-parts',
      year: report.year,
      asOf: report.asOf,
      timeZone: report.timeZone,
      meta: report.meta,
      links: { nodeTemplate: null, origin: null, statementNodeId: null },
      isComplete: false,
      missingUnits: [],
      mapping: demoMapping(report.year),
      hasSnapshot: false,
    };
    const files = Object.fromEntries(REPORT_FORMATS.map((format) => [`report.${format}`, () => renderReportParts(report, format)]));
    const { folder } = await writeRunVersion(dir, manifest, undefined, files);
    for (const format of REPORT_FORMATS) expect(readFileSync(path.join(folder, `report.${format}`), 'utf8')).toBe(renderReport(report, format));
  });

  it('leaves no half-written folder when a file fails part-way: neither the run folder nor its temporary one', async () => {
    const { report } = demoReport();
    dir = mkdtempSync(path.join(os.tmpdir(), 'html-parts-'));
    const manifest = {
      schemaVersion: 1,
      runId: 'run-broken',
      year: report.year,
      asOf: report.asOf,
      timeZone: report.timeZone,
      meta: report.meta,
      links: { nodeTemplate: null, origin: null, statementNodeId: null },
      isComplete: true,
      missingUnits: [],
      mapping: demoMapping(report.year),
      hasSnapshot: false,
    } satisfies RunManifest;
    function* failing(): Generator<string> {
      yield '<html>';
      throw new Error('a text refused half-way');
    }
    await expect(writeRunVersion(dir, manifest, undefined, { 'report.txt': () => renderReportParts(report, 'md'), 'report.html': failing })).rejects.toThrow('a text refused half-way');
    expect(readdirSync(path.join(dir, 'runs'))).toEqual([]);
  });
});
