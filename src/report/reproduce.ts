import { assess } from '../pipeline/evaluate.js';
import { buildYearReport } from './build.js';
import type { YearReport } from './model.js';
import { findRunFolder, loadRunVersion } from './versions.js';

/**
 * A stored run's report, made again from what the run kept (its snapshot, mapping, year, as-of,
 * time zone, links and metadata): the same report the run wrote, whatever has been pulled or
 * changed since. Throws REPORT_RUN_NOT_FOUND when the run is not stored or kept no snapshot.
 */
export async function reproduceRunReport(dir: string, tenantId: string, runId: string): Promise<YearReport> {
  const { manifest, snapshot, meta, links } = await loadRunVersion(await findRunFolder(dir, tenantId, runId));
  const assessment = assess(snapshot, manifest.mapping, { year: manifest.year, asOf: manifest.asOf, timeZone: manifest.timeZone });
  return buildYearReport(assessment, meta, links);
}
