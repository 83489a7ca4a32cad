import { afterEach, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/pipeline/run-result.js';
import type { TenantFixture } from '../../../src/sim/fixture.js';
import { READING_VALUES, type ReadingsPatch } from '../../../src/sim/readings.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

/**
 * The pipeline against tenants that read the open points of the contract differently (contract
 * section 5; src/sim/readings.ts): every reading must give the same evaluation and the same KPI
 * values, and a second run must write nothing.
 */

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The demo tenant plus an activity of 101 (6001, Näringsliv) distributed to 102, which never follows it up. */
function withSharedActivity(fixture: TenantFixture): void {
  const node = fixture.nodes.find((n) => n.id === '6001');
  if (!node) throw new Error('demo activity 6001 missing');
  node.distributedTo = ['102'];
}

const evaluationOf = (result: RunResult) => result.assessment.evaluation.reports.map((r) => `${r.id}:${r.state}:${r.deliveredAt ?? '-'}`);
const valuesOf = (result: RunResult) => result.assessment.values.map((v) => `${v.kpiId}/${v.departmentId}/${JSON.stringify(v.column)}=${v.value}`);

async function runUnder(readings: ReadingsPatch) {
  harness = await startSimHarness(withSharedActivity);
  harness.sim.setReadings(readings);
  const first = await harness.run();
  const writes = harness.sim.kpiWrites();
  const second = await harness.run();
  const secondWrites = harness.sim.kpiWrites().length - writes.length;
  await harness.close();
  harness = undefined;
  return { first, second, writes, secondWrites };
}

describe('the open readings of the contract', () => {
  it('flags the unit that shares an activity and never followed it up, under either reading of ScorecardNode.Department', async () => {
    for (const nodeDepartment of READING_VALUES.nodeDepartment) {
      const { first } = await runUnder({ nodeDepartment });
      const shared = first.assessment.evaluation.reports.find((r) => r.unitId === '102' && r.focusAreaKey === 'naringsliv');
      expect(shared, nodeDepartment).toMatchObject({ state: 'missing', evidence: { missingNodeIds: ['6001'] } });
      const owner = first.assessment.evaluation.reports.find((r) => r.unitId === '101' && r.focusAreaKey === 'naringsliv');
      expect(owner?.state, nodeDepartment).toBe('on-time');
      // 102's share of Näringsliv counts the shared activity: 5 reports expected there, not 4
      expect(first.assessment.evaluation.byFocusArea.find((s) => s.focusAreaKey === 'naringsliv')).toMatchObject({ expected: 5, missing: 2 });
    }
  });

  it('gives the same evaluation and KPI values under every reading, never reports a rounded value as locked, and writes nothing on a second run', async () => {
    const baseline = await runUnder({});
    expect(baseline.first.complete).toBe(true);
    expect(baseline.first.writeBack.rounded.length).toBeGreaterThan(0);
    expect(baseline.first.writeBack.rejected).toEqual([]);
    const variants: ReadingsPatch[] = [
      ...Object.entries(READING_VALUES).flatMap(([name, values]) => values.slice(1).map((value) => ({ [name]: value }) as ReadingsPatch)),
      // every non-default reading at once
      Object.fromEntries(Object.entries(READING_VALUES).map(([name, values]) => [name, values[values.length - 1]])) as ReadingsPatch,
    ];
    for (const readings of variants) {
      const label = JSON.stringify(readings);
      const run = await runUnder(readings);
      expect(run.first.complete, label).toBe(true);
      expect(evaluationOf(run.first), label).toEqual(evaluationOf(baseline.first));
      expect(valuesOf(run.first), label).toEqual(valuesOf(baseline.first));
      expect(run.first.writeBack.written, label).toBe(baseline.first.writeBack.written);
      expect(run.first.writeBack.rejected, label).toEqual([]);
      expect(run.second.writeBack.written, label).toBe(0);
      expect(run.second.writeBack.unchanged, label).toBe(baseline.first.writeBack.written);
      expect(run.secondWrites, label).toBe(0);
      const stored = new Map(run.writes.map((w) => [`${w.kpiId}/${w.departmentId}/${w.columnId}`, w.stored]));
      const baselineStored = new Map(baseline.writes.map((w) => [`${w.kpiId}/${w.departmentId}/${w.columnId}`, w.stored]));
      if (readings.kpiRounding !== 'exact') expect(stored, label).toEqual(baselineStored);
    }
  }, 240_000);
});
