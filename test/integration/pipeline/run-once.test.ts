import { afterEach, describe, expect, it } from 'vitest';
import { fileAuditLog } from '../../../src/store/audit-log.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import path from 'node:path';

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const written = (h: SimHarness, kpiId: string, columnId: string, departmentId = '12') =>
  h.sim
    .kpiWrites()
    .filter((w) => w.kpiId === kpiId && w.columnId === columnId && w.departmentId === departmentId && w.date === '2020-12-31')
    .at(-1)?.stored;

describe('run --once against the simulated tenant', () => {
  it('writes the indicators the evaluation computed, and nothing on a second run', async () => {
    harness = await startSimHarness();
    const first = await harness.run();
    expect(first.complete).toBe(true);
    expect(first.pull.pulledUnitIds).toHaveLength(10);
    const { evaluation } = first.assessment;
    const actionPlan = evaluation.reports.filter((r) => r.type === 'action-plan-follow-up');
    // KPI 9004 "Saknade rapporter", column 90040 = total of missing action-plan follow-ups.
    expect(written(harness, '9004', '90040')).toBe(actionPlan.filter((r) => r.state === 'missing').length);
    expect(written(harness, '9002', '90020')).toBe(actionPlan.filter((r) => r.state === 'on-time').length);
    const environment = evaluation.byFocusArea.find((s) => s.focusAreaKey === first.assessment.view.period.focusAreas[2]?.key);
    expect(written(harness, '9004', '90043')).toBe(environment?.missing);
    expect(first.writeBack.written).toBe(harness.sim.kpiWrites().length);
    expect(first.writeBack.written).toBeGreaterThan(40);

    const writesBefore = harness.sim.stats().writes;
    const second = await harness.run();
    expect(second.writeBack.written).toBe(0);
    expect(second.writeBack.unchanged).toBe(first.writeBack.written);
    expect(harness.sim.stats().writes).toBe(writesBefore);
  });

  it('lists every silent unit as missing, with days overdue on the Stockholm calendar', async () => {
    harness = await startSimHarness();
    const result = await harness.run({ dryRun: true });
    const missing = result.assessment.evaluation.reports.filter((r) => r.state === 'missing');
    const silent = new Set(missing.filter((r) => r.type === 'project-report').map((r) => r.unitId));
    expect(silent).toEqual(new Set(['106', '202', '203']));
    // due 31 Jan + 14 grace days → last on-time instant 14 Feb 24:00; as of 1 Mar 00:00 that is 15 days.
    expect(missing.every((r) => r.daysOverdue === 15)).toBe(true);
    expect(result.writeBack.written).toBe(0);
    expect(harness.sim.kpiWrites()).toHaveLength(0);
  });

  it('holds back every aggregate when one unit fails to pull, and says so', async () => {
    harness = await startSimHarness();
    harness.sim.setFaults({ serverErrors: { count: 1000, status: 503, path: '/departments/106/' } });
    const result = await harness.run({ config: harness.config({ STRATSYS_MAX_RETRIES: '0' }) });
    expect(result.complete).toBe(false);
    expect(result.pull.failures.map((f) => f.departmentId)).toEqual(['106']);
    expect(result.writeBack.heldBack.length).toBeGreaterThan(0);
    const aggregateWrites = harness.sim.kpiWrites().filter((w) => w.departmentId === '12');
    expect(aggregateWrites).toEqual([]);
    // per-unit values of units that were pulled still go through
    expect(harness.sim.kpiWrites().some((w) => w.kpiId === '9101' && w.departmentId === '101')).toBe(true);
    expect(harness.sim.kpiWrites().some((w) => w.departmentId === '106')).toBe(false);
  });

  it('reports a write into a locked period as rejected and audits it', async () => {
    harness = await startSimHarness((fixture) => {
      fixture.kpiData.push({ kpiId: '9006', departmentId: '12', columnId: '90060', date: '2020-12-31', value: 99 });
      fixture.lockedPeriods.push({ kpiId: '9006', date: '2020-12-31' });
    });
    const result = await harness.run();
    expect(result.writeBack.rejected.map((r) => [r.value.kpiId, r.stored])).toEqual([['9006', 99]]);
    const audit = await fileAuditLog(path.join(harness.config().STATE_DIR, 'default')).list();
    expect(audit.filter((e) => e.outcome === 'rejected')).toMatchObject([{ kpiId: '9006', before: 99, after: 99 }]);
    expect(audit.filter((e) => e.outcome === 'applied')).toHaveLength(result.writeBack.written);
    // every write is audited twice: the intent before the PUT, its outcome after
    expect(audit.filter((e) => e.outcome === 'intent')).toHaveLength(result.writeBack.written + result.writeBack.rejected.length);
  });

  it("re-imports one unit with only that unit's requests and rejects an unknown one with suggestions", async () => {
    harness = await startSimHarness();
    const full = await harness.run();
    harness.sim.resetStats();
    const one = await harness.run({ unit: 'Kultur och fritid' });
    expect(one.pull.pulledUnitIds).toEqual(['106']);
    const routes = Object.keys(harness.sim.stats().byRoute);
    expect(routes.some((r) => r.startsWith('GET departments'))).toBe(false);
    expect(one.pull.requests).toBeLessThan(full.pull.requests / 3);
    await expect(harness.run({ unit: 'Kultur' })).rejects.toThrow(/did you mean 106 "Kultur och fritid"/);
  });
});

describe('run --once with a conflicting mapping', () => {
  it('stops before writing anything and names both rules', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-mappings-'));
    const original = readFileSync('mappings/gavle-2018-2020.yaml', 'utf8');
    const conflicting = original.replace(
      '  - { label: Under 1. Näringslivsprogram, match: { ancestor: 5001 }, focusArea: naringsliv }',
      '  - { label: Under 1. Näringslivsprogram, match: { ancestor: 5001 }, focusArea: naringsliv }\n  - { label: Felaktig regel, match: { ancestor: 5001 }, focusArea: utbildning }',
    );
    expect(conflicting).not.toBe(original);
    writeFileSync(path.join(dir, 'gavle-2018-2020.yaml'), conflicting);
    harness = await startSimHarness(undefined, dir);
    const error = (await harness.run().then(
      () => new Error('expected the run to fail'),
      (e: unknown) => e,
    )) as Error & { code?: string };
    expect(error).toMatchObject({ code: 'MAPPING_CONFLICT' });
    expect(error.message).toContain('Under 1. Näringslivsprogram');
    expect(error.message).toContain('Felaktig regel');
    expect(harness.sim.kpiWrites()).toEqual([]);
  });
});
