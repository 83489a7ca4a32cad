import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../../../src/indicators/compute.js';
import { buildProgrammeView } from '../../../src/mapping/engine/programme-view.js';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { assess, assessmentBuilder } from '../../../src/pipeline/evaluate.js';
import { evaluateReports } from '../../../src/rules/expected-reports.js';
import { generateLargeTenant } from '../../../src/sim/tenants/large-tenant.js';
import { snapshotFromFixture } from '../../../src/sim/to-snapshot.js';

const TZ = 'Europe/Stockholm';
const AS_OF = '2021-02-28T23:00:00.000Z';
const snapshot = snapshotFromFixture(generateLargeTenant({ units: 20, activities: 600, comments: 1_800, kpiValues: 200, seed: 11 }), { tenantId: 'default', pulledAt: AS_OF });

describe.each([2019, 2020])('an assessment of %i keeps that year’s follow-ups and counts the others', (year) => {
  const mapping = selectPeriod(loadMappings('mappings'), year);
  const everyYear = buildProgrammeView(snapshot, mapping, { timeZone: TZ }).view;
  const assessment = assess(snapshot, mapping, { year, asOf: AS_OF, timeZone: TZ });

  it('keeps exactly the follow-ups of the year, in order, and the number of the others', () => {
    expect(assessment.view.activities.map((a) => a.nodeId)).toEqual(everyYear.activities.map((a) => a.nodeId));
    let others = 0;
    assessment.view.activities.forEach((activity, i) => {
      const all = everyYear.activities[i]?.followUps ?? [];
      expect(activity.followUps).toEqual(all.filter((f) => f.year === year));
      expect(activity.followUpsOfOtherYears).toBe(all.length - activity.followUps.length);
      others += activity.followUpsOfOtherYears ?? 0;
    });
    // The tenant has follow-ups of several years, so something was left out, and something kept.
    expect(others).toBeGreaterThan(0);
    expect(assessment.view.activities.some((a) => a.followUps.length > 0)).toBe(true);
    // A view of every year says nothing of other years.
    expect(everyYear.activities.every((a) => a.followUpsOfOtherYears === undefined)).toBe(true);
  });

  it('evaluates, counts and computes exactly as from every year’s follow-ups', () => {
    const evaluation = evaluateReports({ view: everyYear, rules: mapping.obligations, year, asOf: AS_OF, timeZone: TZ });
    expect(assessment.evaluation).toEqual(evaluation);
    expect(assessment.values).toEqual(computeIndicators({ view: everyYear, evaluation, definitions: mapping.indicators, year }));
    // Running projects count their years from every follow-up, the ones left out too.
    expect(assessment.view.projects).toEqual(everyYear.projects);
  });

  it('is the same built a unit at a time', () => {
    const builder = assessmentBuilder(snapshot, mapping, { year, asOf: AS_OF, timeZone: TZ });
    for (const unit of snapshot.units) builder.addUnit(unit);
    expect(JSON.stringify(builder.finish(snapshot.failures))).toBe(JSON.stringify(assessment));
  });
});
