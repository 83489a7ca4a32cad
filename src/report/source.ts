import { assess } from '../pipeline/evaluate.js';
import { storedSnapshot, type UnitSource } from '../pipeline/stored.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { selectPeriod } from '../mapping/file/load.js';
import type { Clock } from '../shared/clock.js';
import { isAppError } from '../shared/errors.js';
import type { EvaluatedSnapshot } from '../snapshot/schema.js';
import type { SnapshotStore } from '../store/snapshot-store.js';
import type { StatusStore } from '../store/status-store.js';
import { buildYearReport } from './build.js';
import { reportLinks } from './links.js';
import type { YearReport } from './model.js';

/** What `loadStoredReport` reads: the snapshot store, and optionally the units' last import results. */
export interface StoredReportDeps {
  tenantId: string;
  clock: Clock;
  snapshots: SnapshotStore;
  /** IANA time zone of deadlines and dates shown. */
  timeZone: string;
  /** When given, units whose last import failed count as failed (`unknown`), as in the last run. */
  status?: StatusStore;
  /** STRATSYS_BASE_URL, for `{origin}` in the mapping's link template. */
  stratsysBaseUrl?: string;
}

/** The earliest pull time among the snapshot's units (the tenant data's when it has none). */
export function earliestPull(snapshot: EvaluatedSnapshot): string {
  return snapshot.units.map((unit) => unit.pulledAt).reduce((min, at) => (Date.parse(at) < Date.parse(min) ? at : min), snapshot.tenant.pulledAt);
}

/**
 * The yearly report from the last stored pull (no Stratsys requests): the stored snapshots of the
 * planned units, evaluated for `year` as of `asOf`. Units without a stored pull, and units whose
 * last import failed (from `status`), are `unknown`. Throws PULL_INCOMPLETE when nothing is
 * stored yet, MAPPING_NO_PERIOD when no mapping covers the year. With `source: 'facts'` the units'
 * compact facts are read instead of their full snapshots: every count, state and value is the same,
 * but the follow-up texts of "what the units reported" are empty — for readers that show no texts
 * (the status page), never for the compilation itself.
 */
export async function loadStoredReport(deps: StoredReportDeps, mapping: ProgrammeMapping, options: { year: number; asOf: string }, source: UnitSource = 'full'): Promise<YearReport> {
  const failed = deps.status ? (await deps.status.units()).filter((u) => u.outcome === 'failed') : [];
  const failures = failed.map((u) => ({ departmentId: u.unitId, code: 'PULL_INCOMPLETE', message: u.error ?? 'the last import failed' }));
  const snapshot = await storedSnapshot(deps, mapping, failures, source);
  const assessment = assess(snapshot, mapping, { ...options, timeZone: deps.timeZone });
  const runs = deps.status ? await deps.status.runs(20) : [];
  const run = runs.find((r) => r.year === options.year) ?? null;
  const meta = { tenantId: deps.tenantId, generatedAt: deps.clock.now().toISOString(), runId: run?.runId ?? null, pulledAt: earliestPull(snapshot) };
  return buildYearReport(assessment, meta, reportLinks(mapping, deps.stratsysBaseUrl ?? null));
}

/**
 * A loader for the admin HTTP: the report for a year from the last stored pull, or null when
 * nothing has been pulled yet. MAPPING_NO_PERIOD (no programme covers the year) is thrown.
 * `source` as for {@link loadStoredReport}.
 */
export function storedReportLoader(
  deps: StoredReportDeps,
  mappings: readonly ProgrammeMapping[],
  asOf: (year: number) => string | Promise<string>,
  source: UnitSource = 'full',
): (year: number) => Promise<YearReport | null> {
  return async (year) => {
    const mapping = selectPeriod(mappings, year);
    try {
      return await loadStoredReport(deps, mapping, { year, asOf: await asOf(year) }, source);
    } catch (error) {
      if (isAppError(error) && error.code === 'PULL_INCOMPLETE') return null;
      throw error;
    }
  };
}
