import { afterEach, describe, expect, it } from 'vitest';
import { planPull } from '../../../src/mapping/engine/pull-plan.js';
import { loadMappings, selectPeriod } from '../../../src/mapping/file/load.js';
import { assess } from '../../../src/pipeline/evaluate.js';
import { assessFromStore, snapshotFromStore } from '../../../src/pipeline/stored.js';
import { pullRefOf } from '../../../src/snapshot/schema.js';
import type { SnapshotStore } from '../../../src/store/snapshot-store.js';
import { DEMO_AS_OF, startSimHarness, type SimHarness } from '../../support/pipeline.js';

/** A run is evaluated from the store a batch of units at a time, with the result of evaluating every unit's facts at once. */

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('evaluating the stored pull a batch of units at a time', () => {
  it('reads no more than a batch of facts per step and gives the assessment of all the facts read at once', async () => {
    const h = (harness = await startSimHarness());
    await h.run();
    const mapping = selectPeriod(await loadMappings('mappings'), 2020);
    const deps = h.deps();
    const asked: string[][] = [];
    const spied: SnapshotStore = { ...deps.snapshots, loadFacts: (ids) => (asked.push(ids), deps.snapshots.loadFacts(ids)) };
    const tenant = (await deps.snapshots.loadTenant())!;
    const plan = planPull(mapping, tenant.departments);
    expect(plan.unitIds.length).toBeGreaterThan(5);
    const failures = [{ departmentId: plan.unitIds[1]!, code: 'STRATSYS_NETWORK', message: 'connection reset' }];
    const pulledAt = '2021-03-01T04:00:00.000Z';

    const batched = await assessFromStore({ ...deps, snapshots: spied }, { tenant, plan, failures, mapping, year: 2020, asOf: DEMO_AS_OF, pulledAt, batch: 2 });
    const whole = { ...(await snapshotFromStore(deps, tenant, plan, failures, 'facts')), pulledAt };
    const expected = assess(whole, mapping, { year: 2020, asOf: DEMO_AS_OF, timeZone: deps.timeZone });

    expect(asked.every((ids) => ids.length <= 2)).toBe(true);
    expect(asked.flat()).toEqual(plan.unitIds.filter((id) => id !== failures[0]!.departmentId));
    expect(JSON.stringify(batched.assessment)).toBe(JSON.stringify(expected));
    expect(batched.assessment.view.activities.length).toBeGreaterThan(10);
    expect(batched.assessment.view.failedUnitIds).toEqual([failures[0]!.departmentId]);
    expect(batched.snapshot).toEqual({ ...whole, units: whole.units.map(pullRefOf) });
  }, 60_000);
});
