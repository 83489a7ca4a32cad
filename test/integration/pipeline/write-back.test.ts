import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileAuditLog } from '../../../src/store/audit-log.js';
import { DEMO_AS_OF, startSimHarness, type SimHarness } from '../../support/pipeline.js';

/**
 * Write-back against the simulated tenant: a re-run of a failed unit completes the run; every write
 * is audited before and after; an answer that is lost still leaves a trail and is settled by the
 * next read; a bad target fails only its own values.
 */

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const storedValues = (h: SimHarness) => new Map(h.sim.kpiWrites().map((w) => [`${w.kpiId}/${w.departmentId}/${w.columnId}/${w.date}`, w.stored]));
const auditOf = (h: SimHarness) => fileAuditLog(path.join(h.config().STATE_DIR, 'default')).list();

describe('a re-run of a failed unit', () => {
  it('writes everything that is complete now, including focus-area values held back only because that unit had failed', async () => {
    harness = await startSimHarness();
    const clean = await harness.run();
    const cleanState = storedValues(harness);
    await harness.close();

    harness = await startSimHarness();
    harness.sim.setFaults({ serverErrors: { count: 1000, status: 503, path: '/departments/106/' } });
    const failed = await harness.run({ config: harness.config({ STRATSYS_MAX_RETRIES: '0' }) });
    expect(failed.complete).toBe(false);
    expect(failed.writeBack.heldBack.length).toBeGreaterThan(0);
    // Values that 106 does not count in (e.g. Utbildning, where 106 has no activity) were held back too
    expect(failed.writeBack.heldBack.some((h) => h.value.kpiId === '9004' && h.value.label.includes('Utbildning'))).toBe(true);

    harness.sim.setFaults({ serverErrors: null });
    const rerun = await harness.run({ unit: '106' });
    expect(rerun.pull.pulledUnitIds).toEqual(['106']);
    expect(rerun.writeBack.heldBack).toEqual([]);
    expect(rerun.complete).toBe(true);
    expect(storedValues(harness)).toEqual(cleanState);
    expect(rerun.writeBack.written + failed.writeBack.written).toBe(clean.writeBack.written);

    const after = await harness.run();
    expect(after.writeBack.written).toBe(0);
  }, 60_000);
});

describe('the audit trail of KPI writes', () => {
  it('records the intent before each PUT and the outcome after, paired by attempt id', async () => {
    harness = await startSimHarness();
    const result = await harness.run();
    const audit = await auditOf(harness);
    const intents = audit.filter((e) => e.outcome === 'intent');
    expect(intents).toHaveLength(result.writeBack.written);
    for (const intent of intents) {
      const outcomes = audit.filter((e) => e.attemptId === intent.attemptId && e.outcome !== 'intent');
      expect(outcomes).toHaveLength(1);
      expect(audit.indexOf(outcomes[0]!)).toBeGreaterThan(audit.indexOf(intent));
    }
    const rounded = audit.filter((e) => e.rounded);
    expect(rounded.map((e) => [e.kpiId, e.sent, e.after, e.decimals])).toEqual(expect.arrayContaining([['9005', 66.7, 67, 0]]));
  });

  it('leaves an unknown outcome when the answer is garbled, and the next run confirms from its read that the write was applied', async () => {
    harness = await startSimHarness();
    harness.sim.setFaults({ malformedJson: { count: 1, path: '^/api/v1/kpidata$' } });
    const first = await harness.run();
    expect(first.complete).toBe(false);
    expect(first.writeBack.failed).toEqual([expect.objectContaining({ reason: 'answer-lost' })]);
    const lost = first.writeBack.failed[0]!.value;
    let audit = await auditOf(harness);
    const attempt = audit.find((e) => e.outcome === 'unknown')?.attemptId;
    expect(audit.filter((e) => e.attemptId === attempt).map((e) => e.outcome)).toEqual(['intent', 'unknown']);

    const second = await harness.run();
    expect(second.writeBack.written).toBe(0);
    expect(second.writeBack.confirmed).toEqual([expect.objectContaining({ attemptId: attempt, applied: true, sent: lost.value })]);
    audit = await auditOf(harness);
    expect(audit.filter((e) => e.attemptId === attempt).map((e) => e.outcome)).toEqual(['intent', 'unknown', 'applied']);
    expect(audit.at(-1)?.note).toMatch(/confirmed applied by the read of run/);
    expect(second.complete).toBe(true);
  });

  it('settles an intent whose process died before its outcome, and says so instead of calling the value merely unchanged', async () => {
    harness = await startSimHarness();
    await harness.run();
    const audit = fileAuditLog(path.join(harness.config().STATE_DIR, 'default'));
    const written = (await audit.list()).find((e) => e.outcome === 'applied' && e.kpiId === '9004' && e.column === 'id 90040');
    expect(written).toBeDefined();
    await audit.record({ ...written!, attemptId: 'died-mid-write', runId: 'crashed-run', outcome: 'intent', after: null, rounded: false, decimals: null, note: null });
    const next = await harness.run();
    expect(next.writeBack.written).toBe(0);
    expect(next.writeBack.confirmed).toEqual([expect.objectContaining({ attemptId: 'died-mid-write', runId: 'crashed-run', applied: true })]);
    expect((await audit.list()).filter((e) => e.attemptId === 'died-mid-write').map((e) => e.outcome)).toEqual(['intent', 'applied']);
  });
});

describe('targets checked before writing', () => {
  it('reports a KPI missing in one department as a mapping problem of that value only; the others are read and written', async () => {
    harness = await startSimHarness((fixture) => {
      const kpi = fixture.kpis.find((k) => k.id === '9101');
      if (kpi) kpi.departmentIds = kpi.departmentIds.filter((d) => d !== '103');
      fixture.kpiColumns = fixture.kpiColumns.filter((c) => c.id !== '9101103');
      fixture.kpiData = fixture.kpiData.filter((v) => !(v.kpiId === '9101' && v.departmentId === '103'));
    });
    const result = await harness.run();
    expect(result.complete).toBe(false);
    expect(result.writeBack.failed).toEqual([expect.objectContaining({ reason: 'bad-target', message: expect.stringMatching(/^mapping problem: KPI 9101 .* does not exist in department 103/) })]);
    expect(result.writeBack.written).toBe(46);
    expect(harness.sim.kpiWrites().filter((w) => w.kpiId === '9101')).toHaveLength(9);
  });

  it('names a column id of another department, with a close match', async () => {
    const mappingsDir = await (await import('../../support/mappings.js')).mappingsWith((text) => text.replace('total: { id: 90040 }', 'total: { id: 900400 }'));
    harness = await startSimHarness(undefined, mappingsDir);
    const result = await harness.run();
    expect(result.writeBack.failed).toEqual([expect.objectContaining({ reason: 'bad-target', message: expect.stringContaining('has no column id 900400 in department 12') })]);
    expect(result.writeBack.failed[0]?.message).toContain('Did you mean id 90040?');
    expect(result.writeBack.written).toBe(46);
  });
});

describe('column checks proven by stored values', () => {
  const columnReads = (h: SimHarness) => h.sim.stats().byRoute['GET kpicolumns/{kpiId}/filter']?.count ?? 0;

  it('reads no KPI columns once every target holds a value in its column, and reads each KPI once for the check and the write-back together', async () => {
    harness = await startSimHarness();
    const first = await harness.run();
    expect(first.writeBack.written).toBeGreaterThan(0);
    expect(columnReads(harness)).toBeGreaterThan(0);
    harness.sim.resetStats();
    const second = await harness.run();
    expect(second.writeBack.written).toBe(0);
    expect(second.writeBack.failed).toEqual([]);
    expect(columnReads(harness)).toBe(0);
    expect(harness.sim.stats().byRoute['GET kpidata/{kpiId}/filter']?.count).toBe(second.writeBack.reads);
  }, 60_000);

  it('still checks, and refuses, a column that no stored value proves: a renamed selector after a run', async () => {
    harness = await startSimHarness();
    await harness.run();
    const { mappingsWith } = await import('../../support/mappings.js');
    const renamed = await mappingsWith((text) => text.replace('scope: unit, kpiId: 9101, column: { index: 0 }', 'scope: unit, kpiId: 9101, column: { name: "Utfall saknas" }'));
    const { runPipeline } = await import('../../../src/pipeline/run.js');
    const { loadMappings, selectPeriod } = await import('../../../src/mapping/file/load.js');
    harness.sim.resetStats();
    const next = await runPipeline(harness.deps(), { runId: 'renamed-column', mapping: selectPeriod(await loadMappings(renamed), 2020), year: 2020, asOf: DEMO_AS_OF, dryRun: false });
    expect(columnReads(harness)).toBeGreaterThan(0);
    expect(next.complete).toBe(false);
    expect(next.writeBack.failed.length).toBeGreaterThan(0);
    expect(next.writeBack.failed.every((f) => f.reason === 'bad-target' && f.value.kpiId === '9101' && /has no column name "Utfall saknas"/.test(f.message))).toBe(true);
  }, 60_000);
});

describe('stored pulls from before activity rows decided who reports', () => {
  it('are not misread: a re-run of another unit holds such a unit back, naming why, until it is pulled again', async () => {
    harness = await startSimHarness();
    await harness.run();
    const { fileSnapshotStore } = await import('../../../src/store/snapshot-store.js');
    const store = fileSnapshotStore(path.join(harness.config().STATE_DIR, 'default'));
    const [stored] = await store.loadUnits(['103']);
    const { pullVersion: _version, ...old } = stored!;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(harness.config().STATE_DIR, 'default', 'snapshots', 'units', '103.json'), JSON.stringify({ ...old, pulledAt: '2021-02-01T00:00:00.000Z' }));
    const rerun = await harness.run({ unit: '106' });
    expect(rerun.complete).toBe(false);
    expect(rerun.pull.failures).toEqual([expect.objectContaining({ departmentId: '103', message: expect.stringMatching(/predates pull version 2 .* run a full sync/) })]);
    expect(rerun.writeBack.heldBack.length).toBeGreaterThan(0);
    expect((await harness.run()).complete).toBe(true);
  });
});
