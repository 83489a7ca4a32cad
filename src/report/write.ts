import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { prettyJsonParts } from '../shared/json-parts.js';
import { formatRunSummary, type SummaryOptions } from '../pipeline/summary.js';
import type { RunResult } from '../pipeline/run-result.js';
import { buildYearReport, NO_LINKS } from './build.js';
import type { ReportLinks, YearReport } from './model.js';
import { REPORT_FORMATS, renderReportParts, reportFileName } from './render.js';
import { earliestPull } from './source.js';
import { missingParts } from './tables.js';
import { writeRunVersion, yearDir, type FileContent, type RunManifest } from './versions.js';
import { attachReportTexts, fullUnitsOf, heldUnits } from './texts.js';
import { bytesOf, reportXlsxStream, xlsxFileName } from './xlsx.js';

/** What a run's report needs besides the RunResult: the mapping it ran with and the report's links. */
export interface RunReportContext extends SummaryOptions {
  /** Without it the run keeps no snapshot: its report cannot be made again. The snapshot kept is the full one, also of a run evaluated from facts. */
  mapping?: ProgrammeMapping;
  links?: ReportLinks;
}

/** The report files of one yearly report: html, csv, md and the xlsx workbook. */
export async function renderReportFiles(report: YearReport): Promise<Record<string, string | Buffer>> {
  const files: Record<string, string | Buffer> = {};
  for (const [name, make] of Object.entries(reportFileMakers(report))) {
    const content = await make();
    files[name] = typeof content === 'string' || Buffer.isBuffer(content) ? content : content instanceof Readable ? await bytesOf(content) : [...content].join('');
  }
  return files;
}

/** How to make each report file, one at a time: a run writes each before making the next, so only one is in memory. */
function reportFileMakers(report: YearReport): Record<string, () => FileContent> {
  const makers: Record<string, () => FileContent> = {};
  for (const format of REPORT_FORMATS) makers[reportFileName(report.year, format)] = () => renderReportParts(report, format);
  makers[xlsxFileName(report.year)] = () => reportXlsxStream(report);
  return makers;
}

/**
 * Writes the run's report files as a new version, `<dir>/<tenant>/<year>/runs/<runId>/`:
 * `evaluation.json` (every expected report with its evidence), `summary.txt`, the yearly
 * compilation (`arsrapport-<year>.html`, `.csv`, `.md`, `.xlsx`), and what is needed to make it
 * again (`run.json`, `snapshot.json.gz`). `<year>/latest` then points at it when the run is
 * complete (see src/report/versions.ts). Returns the paths written.
 */
export async function writeRunReports(dir: string, result: RunResult, context: RunReportContext = {}): Promise<string[]> {
  const meta = { tenantId: result.tenantId, generatedAt: result.finishedAt, runId: result.runId, pulledAt: result.snapshot ? earliestPull(result.snapshot) : null };
  const links = context.links ?? NO_LINKS;
  const { snapshot, loadFullUnits } = result;
  // A run evaluated from facts: the texts it shows come from the full snapshots, a few units at a time.
  if (snapshot && loadFullUnits) await attachReportTexts(result.assessment, snapshot, loadFullUnits);
  const report = buildYearReport(result.assessment, meta, links);
  const files: Record<string, () => FileContent> = {
    // Written in parts (a report at a time): at thousands of units it is tens of MB of text.
    'evaluation.json': () =>
      prettyJsonParts({
        runId: result.runId,
        asOf: result.asOf,
        mapping: result.mapping,
        evaluation: result.assessment.evaluation,
        unmapped: result.assessment.view.unmapped,
        failures: result.pull.failures,
      }),
    'summary.txt': () => formatRunSummary(result, context),
    ...reportFileMakers(report),
  };
  const { failedUnits, unknownReports } = missingParts(report);
  const manifest: RunManifest = {
    schemaVersion: 1,
    runId: result.runId,
    year: result.year,
    asOf: result.asOf,
    timeZone: report.timeZone,
    meta,
    links,
    isComplete: failedUnits.length === 0 && unknownReports === 0,
    missingUnits: failedUnits,
    // Without the mapping the report cannot be made again; a run written without it keeps no snapshot either.
    mapping: context.mapping ?? ({} as ProgrammeMapping),
    hasSnapshot: context.mapping !== undefined && result.snapshot !== undefined,
  };
  const kept = manifest.hasSnapshot && snapshot ? { snapshot, units: fullUnitsOf(snapshot, loadFullUnits ?? heldUnits(snapshot)) } : undefined;
  const { folder } = await writeRunVersion(yearDir(dir, result.tenantId, result.year), manifest, kept, files);
  return Object.keys(files).map((name) => path.join(folder, name));
}

/** Writes each file into `dir` and returns the paths, in order. */
export async function writeAll(dir: string, files: Record<string, string | Buffer>): Promise<string[]> {
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await writeFile(file, content);
    written.push(file);
  }
  return written;
}
