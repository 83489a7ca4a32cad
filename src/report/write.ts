import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatRunSummary, type SummaryOptions } from '../pipeline/summary.js';
import type { RunResult } from '../pipeline/run.js';
import { buildYearReport } from './build.js';
import { REPORT_FORMATS, renderReport, reportFileName } from './render.js';
import { earliestPull } from './source.js';

/**
 * Writes the run's report files to `<dir>/<tenant>/<year>/`: `evaluation.json` (every expected
 * report with its evidence), `summary.txt`, and the yearly compilation as `arsrapport-<year>.html`,
 * `.csv` and `.md` (see src/report/render.ts). Returns the paths written.
 */
export async function writeRunReports(dir: string, result: RunResult, options: SummaryOptions = {}): Promise<string[]> {
  const target = path.join(dir, result.tenantId, String(result.year));
  await mkdir(target, { recursive: true });
  const report = buildYearReport(result.assessment, {
    tenantId: result.tenantId,
    generatedAt: result.finishedAt,
    runId: result.runId,
    pulledAt: result.snapshot ? earliestPull(result.snapshot) : null,
  });
  const files: Record<string, string> = {
    'evaluation.json': JSON.stringify({ runId: result.runId, asOf: result.asOf, mapping: result.mapping, evaluation: result.assessment.evaluation, unmapped: result.assessment.view.unmapped, failures: result.pull.failures }, null, 2),
    'summary.txt': formatRunSummary(result, options),
  };
  for (const format of REPORT_FORMATS) files[reportFileName(result.year, format)] = renderReport(report, format);
  return writeAll(target, files);
}

/** Writes each file into `dir` and returns the paths, in order. */
export async function writeAll(dir: string, files: Record<string, string>): Promise<string[]> {
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await writeFile(file, content, 'utf8');
    written.push(file);
  }
  return written;
}
