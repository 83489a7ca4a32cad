import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportHtmlParts } from '../../../src/report/html/document.js';
import { PART_CHARS } from '../../../src/report/lists.js';
import { renderReport, renderReportParts, REPORT_FORMATS } from '../../../src/report/render.js';
import { writeRunVersion, type RunManifest } from '../../../src/report/versions.js';
import { demoMapping, demoReport } from './fixtures.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the HTML document in parts', () => {
  it('comes as many parts, none longer than asked, that make up exactly the document', () => {
    const { report } = demoReport();
    const whole = renderReport(report, 'html');
    const parts = [...reportHtmlParts(report, 2_000)];
    expect(parts.join('')).toBe(whole);
    expect(parts.length).toBeGreaterThan(20);
    // Longer only where one piece is: the head with its style sheet, a section's heading with its chart.
    expect(parts.filter((part) => part.length > 2_000).length).toBeLessThan(parts.length / 4);
  });

  it('keeps every part of a long report under the part size in every format, table rows and follow-ups piece by piece', () => {
    // A report whose flat table and follow-ups are far longer than one part: the demo's rows and activities repeated.
    const { report } = demoReport({ failedUnitIds: ['106'] });
    const rows = report.actionPlan.flatMap((group) => group.rows);
    expect(rows.length).toBeGreaterThan(0);
    const group = report.actionPlan[0]!;
    group.rows = Array.from({ length: Math.ceil(5_000 / rows.length) }, () => rows).flat();
    const unit = report.reported.followUps.flatMap((area) => area.goals).flatMap((goal) => goal.units)[0]!;
    expect(unit.activities.length).toBeGreaterThan(0);
    unit.activities = Array.from({ length: Math.ceil(2_000 / unit.activities.length) }, () => unit.activities).flat();
    for (const format of REPORT_FORMATS) {
      const parts = [...renderReportParts(report, format)];
      const whole = parts.join('');
      expect(whole).toBe(renderReport(report, format));
      expect(whole.length).toBeGreaterThan(20 * PART_CHARS);
      expect(parts.filter((part) => part.length > PART_CHARS).map((part) => part.slice(0, 40))).toEqual([]);
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
