import { describe, expect, it } from 'vitest';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { assess, type Assessment } from '../../../src/pipeline/evaluate.js';
import { buildYearReport } from '../../../src/report/build.js';
import { attachReportTexts } from '../../../src/report/texts.js';
import { buildDemoTenant } from '../../../src/sim/tenants/demo-tenant.js';
import type { TenantFixture } from '../../../src/sim/fixture.js';
import { generateLargeTenant } from '../../../src/sim/tenants/large-tenant.js';
import { snapshotFromFixture } from '../../../src/sim/to-snapshot.js';
import { deriveUnitFacts } from '../../../src/snapshot/facts.js';
import type { Snapshot, UnitSnapshot } from '../../../src/snapshot/schema.js';

const AS_OF = '2021-02-28T23:00:00.000Z';
const TZ = 'Europe/Stockholm';
const mapping = selectPeriod(loadMappings('mappings'), 2020);
const meta = { tenantId: 'default', generatedAt: AS_OF, runId: 'run-test', pulledAt: AS_OF };

function bothWays(fixture: TenantFixture): { full: Assessment; facts: Assessment; snapshot: Snapshot; factsSnapshot: Snapshot } {
  const snapshot = snapshotFromFixture(fixture, { tenantId: 'default', pulledAt: AS_OF });
  const factsSnapshot = { ...snapshot, units: snapshot.units.map(deriveUnitFacts) };
  const options = { year: 2020, asOf: AS_OF, timeZone: TZ };
  return { full: assess(snapshot, mapping, options), facts: assess(factsSnapshot, mapping, options), snapshot, factsSnapshot };
}

/** The view without the follow-up texts facts leave out. */
function withoutActivityTexts(assessment: Assessment) {
  return {
    ...assessment.view,
    activities: assessment.view.activities.map((a) => ({
      ...a,
      followUps: a.followUps.map(({ commentId, nodeId, unitId, periodDate, year, postedAt, userId }) => ({ commentId, nodeId, unitId, periodDate, year, postedAt, userId })),
    })),
  };
}

describe.each([
  ['the bundled demo tenant', () => buildDemoTenant()],
  ['a generated large tenant (60 units, 1,800 activities, 5,400 comments)', () => generateLargeTenant({ units: 60, activities: 1_800, comments: 5_400, kpiValues: 200 })],
])('evaluating %s from compact facts', (_name, build) => {
  const { full, facts, snapshot, factsSnapshot } = bothWays(build());

  it('leaves out follow-up texts, and only those', () => {
    const texts = (s: Snapshot) => s.units.flatMap((u) => u.scorecards.flatMap((c) => Object.values(c.comments).flat())).filter((c) => c.Text !== '').length;
    expect(texts(snapshot)).toBeGreaterThan(0);
    expect(texts(factsSnapshot)).toBeLessThan(texts(snapshot));
    expect(JSON.stringify(factsSnapshot).length).toBeLessThan(JSON.stringify(snapshot).length);
    expect(full.view.activities.length).toBeGreaterThan(0);
  });

  it('gives the same reports and states, indicator values, issues and held-back units as the full snapshots', () => {
    expect(facts.evaluation).toEqual(full.evaluation);
    expect(facts.values).toEqual(full.values);
    expect(facts.issues).toEqual(full.issues);
    expect(facts.view.failedUnitIds).toEqual(full.view.failedUnitIds);
    expect(withoutActivityTexts(facts)).toEqual(withoutActivityTexts(full));
    expect(full.evaluation.reports.some((r) => r.state === 'on-time' || r.state === 'late')).toBe(true);
  });

  it('makes the same compilation once the reported year texts are read from the full snapshots', async () => {
    const asked: string[][] = [];
    const load = async (ids: string[]): Promise<UnitSnapshot[]> => {
      asked.push(ids);
      return snapshot.units.filter((u) => ids.includes(u.departmentId));
    };
    await attachReportTexts(facts, factsSnapshot, load);
    expect(buildYearReport(facts, meta)).toEqual(buildYearReport(full, meta));
    expect(Math.max(...asked.map((ids) => ids.length))).toBeLessThanOrEqual(25);
  });
});

describe('the report texts of a run evaluated from facts', () => {
  it('are never taken from a later pull of a unit than the one evaluated', async () => {
    const { facts, snapshot, factsSnapshot } = bothWays(buildDemoTenant());
    const later = async (ids: string[]) => snapshot.units.filter((u) => ids.includes(u.departmentId)).map((u) => ({ ...u, pulledAt: '2021-03-02T00:00:00.000Z' }));
    await expect(attachReportTexts(facts, factsSnapshot, later)).rejects.toMatchObject({ code: 'SNAPSHOT_INVALID', message: expect.stringContaining('not the one this run evaluated') });
  });
});
