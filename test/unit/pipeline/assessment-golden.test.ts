import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { assess, type Assessment } from '../../../src/pipeline/evaluate.js';
import type { TenantFixture } from '../../../src/sim/fixture.js';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import { generateLargeTenant } from '../../../src/sim/tenants/large-tenant.js';
import { snapshotFromFixture } from '../../../src/sim/to-snapshot.js';
import { deriveUnitFacts } from '../../../src/snapshot/facts.js';

/*
 * Golden results of assess() (mapping + evaluation + indicators): the whole Assessment (view,
 * issues, evaluation, values) of a few deterministic tenants, compared with a file made by the
 * code before its evaluation was made faster, so a speed-up can never change a result, an order
 * or a key order. The file is canonical JSON (JSON.stringify of each case), gzipped.
 *
 * Regenerating it accepts whatever today's code computes as the truth, so it needs a reason: a
 * deliberate change of results (a rule, the mapping file, the simulated tenants), named in the
 * commit that regenerates it, with the diff of the old and new results read first. Regenerate with
 *   ASSESSMENT_GOLDEN_WRITE=1 npx vitest run test/unit/pipeline/assessment-golden.test.ts
 */
const GOLDEN = new URL('./golden/assessment.json.gz', import.meta.url);
const SHOULD_WRITE = process.env['ASSESSMENT_GOLDEN_WRITE'] === '1';
const TZ = 'Europe/Stockholm';
const AFTER_DEADLINES = '2021-02-28T23:00:00.000Z';
const BEFORE_DEADLINES = '2021-01-15T11:30:00.000Z'; // before the 2020 reports' deadlines
const MAPPINGS = loadMappings('mappings');

interface GoldenCase {
  name: string;
  fixture: () => TenantFixture;
  year: number;
  asOf: string;
  /** Units recorded as failed pulls (left out of the snapshot). */
  failedUnitIds?: string[];
  /** Evaluate from the units' compact facts instead of their full pulls. */
  isFacts?: boolean;
}

/** The demo tenant with unreadable dates on a few comments (every 7th posted date, every 23rd period date). */
function demoWithUnreadableDates(): TenantFixture {
  const fixture = buildDemoTenant();
  fixture.comments.forEach((comment, i) => {
    if (i % 7 === 3) comment.servedPostedDate = 'igår kväll';
    if (i % 23 === 5) comment.servedPeriodDate = i % 2 === 0 ? null : '31/12/2020';
  });
  return fixture;
}

const generated = () => generateLargeTenant({ units: 20, activities: 600, comments: 1_800, kpiValues: 200, seed: 7 });

const CASES: GoldenCase[] = [
  { name: 'demo tenant, 2020, after the deadlines', fixture: buildDemoTenant, year: 2020, asOf: AFTER_DEADLINES },
  { name: 'demo tenant, 2019, after the deadlines', fixture: buildDemoTenant, year: 2019, asOf: AFTER_DEADLINES },
  { name: 'demo tenant with unreadable dates and a failed unit, 2020, before the deadlines', fixture: demoWithUnreadableDates, year: 2020, asOf: BEFORE_DEADLINES, failedUnitIds: ['103'] },
  { name: 'demo tenant with unreadable dates, 2020, after the deadlines, from facts', fixture: demoWithUnreadableDates, year: 2020, asOf: AFTER_DEADLINES, isFacts: true },
  { name: 'generated tenant (20 units), 2020, after the deadlines', fixture: generated, year: 2020, asOf: AFTER_DEADLINES },
  { name: 'generated tenant (20 units), 2019, as of mid-January 2021, a failed unit', fixture: generated, year: 2019, asOf: BEFORE_DEADLINES, failedUnitIds: ['1003'] },
];

function assessCase(c: GoldenCase): Assessment {
  const full = snapshotFromFixture(c.fixture(), { tenantId: 'default', pulledAt: c.asOf });
  const failed = new Set(c.failedUnitIds ?? []);
  const units = full.units.filter((unit) => !failed.has(unit.departmentId));
  const snapshot = {
    ...full,
    units: c.isFacts === true ? units.map(deriveUnitFacts) : units,
    failures: [...failed].map((departmentId) => ({ departmentId, code: 'STRATSYS_NETWORK', message: 'connection reset' })),
  };
  return assess(snapshot, selectPeriod(MAPPINGS, c.year), { year: c.year, asOf: c.asOf, timeZone: TZ });
}

const actual: Record<string, string> = Object.fromEntries(CASES.map((c) => [c.name, JSON.stringify(assessCase(c))]));
if (SHOULD_WRITE) writeFileSync(GOLDEN, gzipSync(`${JSON.stringify(actual, null, 0)}\n`, { level: 9 }));
const golden: Record<string, string> = existsSync(GOLDEN) ? (JSON.parse(gunzipSync(readFileSync(GOLDEN)).toString('utf8')) as Record<string, string>) : {};

describe('assess() gives the golden results', () => {
  it('has a golden result for every case and no other', () => {
    expect(Object.keys(golden).sort()).toEqual(CASES.map((c) => c.name).sort());
  });

  it.each(CASES.map((c) => c.name))('%s', (name) => {
    const expected = golden[name] ?? 'null';
    const result = actual[name] ?? '';
    // Structure first (a readable diff), then the exact text: key order and number forms too.
    expect(JSON.parse(result)).toEqual(JSON.parse(expected));
    expect(result).toBe(expected);
  });

  it('covers every report state and unreadable evidence', () => {
    const states = new Set(Object.values(golden).flatMap((text) => (JSON.parse(text) as Assessment).evaluation.reports.map((r) => r.state)));
    expect([...states].sort()).toEqual(['late', 'missing', 'not-yet-due', 'on-time', 'unknown']);
  });
});
