import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatRunSummary } from '../pipeline/summary.js';
import type { RunResult } from '../pipeline/run.js';

/**
 * Writes the run's report files to `<dir>/<tenant>/<year>/`: `evaluation.json` (every expected
 * report with its evidence), `summary.txt`. Returns the paths written.
 */
export async function writeRunReports(dir: string, result: RunResult): Promise<string[]> {
  const target = path.join(dir, result.tenantId, String(result.year));
  await mkdir(target, { recursive: true });
  const files = {
    'evaluation.json': JSON.stringify({ runId: result.runId, asOf: result.asOf, mapping: result.mapping, evaluation: result.assessment.evaluation, unmapped: result.assessment.view.unmapped, failures: result.pull.failures }, null, 2),
    'summary.txt': formatRunSummary(result),
  };
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(target, name);
    await writeFile(file, content, 'utf8');
    written.push(file);
  }
  return written;
}
