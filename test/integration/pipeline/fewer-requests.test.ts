import { afterEach, describe, expect, it } from 'vitest';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { assess } from '../../../src/pipeline/evaluate.js';
import type { RunResult } from '../../../src/pipeline/run-result.js';
import { snapshotFromFixture } from '../../../src/sim/to-snapshot.js';
import type { ReadingsPatch } from '../../../src/sim/readings.js';
import { mappingsWith } from '../../support/mappings.js';
import { DEMO_AS_OF, startSimHarness, type SimHarness } from '../../support/pipeline.js';

/**
 * A full run asks for each activity's keywords and description fields in one request where the
 * tenant fills both (probed once per run), description fields only for the activities the mapping
 * reads them of, and each project-statement node's comments once — with the same evaluation as a
 * pull of everything (the simulator's own snapshot of the tenant).
 */

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const NODE = 'GET scorecards/{scorecardId}/departments/{departmentId}/nodes/{nodeId}';
const KEYWORDS = `${NODE}/keywords`;
const FIELDS = `${NODE}/descriptionfields`;
const COMMENTS = 'GET comments/{nodeId}/filter';

const evaluationOf = (result: RunResult) => result.assessment.evaluation.reports.map((r) => `${r.id}:${r.state}:${r.deliveredAt ?? '-'}`);
const valuesOf = (result: RunResult) => result.assessment.values.map((v) => `${v.kpiId}/${v.departmentId}/${JSON.stringify(v.column)}=${v.value}`);
const projectsOf = (view: RunResult['assessment']['view']) => view.projects.map((p) => `${p.nodeId}/${p.unitId}:${p.grantedSek}:${p.year}:${p.financierName}`).sort();

async function fullRun(readings: ReadingsPatch, mappingsDir = 'mappings') {
  harness = await startSimHarness(undefined, mappingsDir);
  harness.sim.setReadings(readings);
  const result = await harness.run();
  const stats = harness.sim.stats();
  const units = await harness.deps().snapshots.loadUnits();
  const count = (route: string) => stats.byRoute[route]?.count ?? 0;
  const reported = units.reduce((sum, unit) => sum + unit.scorecards.reduce((s, card) => s + card.activities.length, 0), 0);
  const stored = Object.fromEntries(units.map((unit) => [unit.departmentId, unit.scorecards.map((card) => ({ keywords: card.keywords, fields: card.descriptionFields, comments: card.comments }))]));
  return { result, stats, count, reported, stored, fixture: harness.fixture };
}

/** The evaluation of a pull of everything: the simulator's snapshot of the same tenant (every activity's fields). */
async function evaluationOfEverything(fixture: Parameters<typeof snapshotFromFixture>[0], result: RunResult, mappingsDir: string) {
  const mapping = selectPeriod(await loadMappings(mappingsDir), 2020);
  const snapshot = snapshotFromFixture(fixture, { tenantId: 'gavle', pulledAt: '2021-03-01T00:00:00Z', unitIds: result.pull.unitIds });
  return assess(snapshot, mapping, { year: 2020, asOf: DEMO_AS_OF, timeZone: 'Europe/Stockholm' });
}

describe('fewer requests per activity', () => {
  it('asks for keywords and description fields in one request per activity when the tenant fills both, and reads statement comments once per node', async () => {
    const combined = await fullRun({});
    expect(combined.result.complete).toBe(true);
    // one probe each of the separate calls, and the probe's combined call besides one per reported activity
    expect(combined.count(KEYWORDS)).toBe(1);
    expect(combined.count(FIELDS)).toBe(1);
    expect(combined.count(NODE)).toBe(combined.reported + 1);
    // comments: one per reported activity, plus one read of the statement node 5009 for every unit
    expect(combined.count(COMMENTS)).toBe(combined.reported + 1);
    await harness?.close();
    harness = undefined;

    const separate = await fullRun({ nodeFields: 'first-only' });
    expect(separate.count(NODE)).toBe(1);
    expect(separate.count(KEYWORDS)).toBe(separate.reported + 1);
    expect(separate.count(FIELDS)).toBe(separate.reported + 1);
    expect(separate.stored).toEqual(combined.stored);
    expect(evaluationOf(separate.result)).toEqual(evaluationOf(combined.result));
    expect(valuesOf(separate.result)).toEqual(valuesOf(combined.result));
    expect(separate.stats.total - combined.stats.total).toBe(separate.reported);

    const everything = await evaluationOfEverything(combined.fixture, combined.result, 'mappings');
    expect(evaluationOf(combined.result)).toEqual(evaluationOf({ assessment: everything } as RunResult));
    expect(projectsOf(combined.result.assessment.view)).toEqual(projectsOf(everything.view));
  }, 120_000);

  it('reads description fields only for projects when no rule matches on a description field, with the same evaluation', async () => {
    const dir = await mappingsWith((text) => text.replace(/ {2}- label: Fält Fokusområde[^\n]*\n[^\n]*\n[^\n]*\n/g, ''));
    const run = await fullRun({ nodeFields: 'first-only' }, dir);
    expect(run.result.complete).toBe(true);
    const projects = run.result.assessment.view.projects;
    expect(projects.length).toBeGreaterThan(0);
    // the probe's call, then one per project activity (each unit's own)
    expect(run.count(FIELDS)).toBe(1 + projects.length);
    expect(run.count(FIELDS)).toBeLessThan(run.reported / 2);
    const everything = await evaluationOfEverything(run.fixture, run.result, dir);
    expect(evaluationOf(run.result)).toEqual(evaluationOf({ assessment: everything } as RunResult));
    expect(valuesOf(run.result)).toEqual(everything.values.map((v) => `${v.kpiId}/${v.departmentId}/${JSON.stringify(v.column)}=${v.value}`));
    expect(projectsOf(run.result.assessment.view)).toEqual(projectsOf(everything.view));
  }, 120_000);
});
