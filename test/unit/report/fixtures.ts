import { assess, type Assessment } from '../../../src/pipeline/evaluate.js';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import type { ProgrammeMapping } from '../../../src/mapping/file/schema.js';
import { buildYearReport } from '../../../src/report/build.js';
import { reportLinks } from '../../../src/report/links.js';
import type { YearReport } from '../../../src/report/model.js';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import type { TenantFixture } from '../../../src/sim/fixture.js';
import { snapshotFromFixture } from '../../../src/sim/to-snapshot.js';

/** The demo's evaluation instant: 1 March 2021 00:00 Stockholm. */
export const AS_OF = '2021-02-28T23:00:00.000Z';
export const TZ = 'Europe/Stockholm';
/** The Stratsys address the demo's links point to. */
export const STRATSYS_BASE_URL = 'https://www.stratsys.se/api/v1/';
const MAPPINGS = loadMappings('mappings');

/** The bundled mapping covering `year`; `adjust` edits a copy of it. */
export function demoMapping(year: number, adjust?: (mapping: ProgrammeMapping) => void): ProgrammeMapping {
  const mapping = structuredClone(selectPeriod(MAPPINGS, year));
  adjust?.(mapping);
  return mapping;
}

/**
 * The demo tenant assessed for `year` as of AS_OF, without HTTP. `failedUnitIds` are left out of
 * the snapshot and recorded as failed pulls; `adjust` edits the fixture first, `adjustMapping` the mapping.
 */
export function demoAssessment(options: { year?: number; failedUnitIds?: string[]; adjust?: (fixture: TenantFixture) => void; adjustMapping?: (mapping: ProgrammeMapping) => void } = {}): Assessment {
  const fixture = buildDemoTenant();
  options.adjust?.(fixture);
  const failed = new Set(options.failedUnitIds ?? []);
  const full = snapshotFromFixture(fixture, { tenantId: 'default', pulledAt: AS_OF });
  const snapshot = {
    ...full,
    units: full.units.filter((unit) => !failed.has(unit.departmentId)),
    failures: [...failed].map((departmentId) => ({ departmentId, code: 'STRATSYS_NETWORK', message: 'connection reset' })),
  };
  const year = options.year ?? 2020;
  return assess(snapshot, demoMapping(year, options.adjustMapping), { year, asOf: AS_OF, timeZone: TZ });
}

/** The yearly report of `demoAssessment(options)`. */
export function demoReport(options: Parameters<typeof demoAssessment>[0] = {}): { assessment: Assessment; report: YearReport } {
  const assessment = demoAssessment(options);
  const mapping = demoMapping(options.year ?? 2020, options.adjustMapping);
  const meta = { tenantId: 'default', generatedAt: '2021-03-01T05:00:00.000Z', runId: 'run-test', pulledAt: AS_OF };
  return { assessment, report: buildYearReport(assessment, meta, reportLinks(mapping, STRATSYS_BASE_URL)) };
}

/** Renames a unit (department) of the fixture. */
export function renameUnit(fixture: TenantFixture, unitId: string, name: string): void {
  const department = fixture.departments.find((d) => d.Id === unitId);
  if (!department) throw new Error(`no department ${unitId}`);
  department.Name = name;
}
