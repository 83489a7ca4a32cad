import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { fileStatusStore } from '../../../src/store/status-store-file.js';
import { redisStatusStore, type RunStatus, type StatusStore } from '../../../src/store/status-store.js';
import { aRunStatus } from '../../support/builders.js';
import { uniquePrefix } from '../../support/worker.js';

/** A run's report state and detail live beside the run, in Redis and in files alike, and go when the run is no longer kept. */

const redis = new Redis(inject('redisUrl'));
const dirs: string[] = [];
afterAll(async () => {
  await redis.quit();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const run = (runId: string): RunStatus => aRunStatus(runId, { kind: 'rerun', units: 1, report: { state: 'pending', at: '2021-03-01T00:00:00.000Z', jobId: `report-${runId}`, message: null } });

/** Both status stores, each keeping the last `keepRuns` runs. */
const storesKeeping = (keepRuns: number): Array<[string, () => StatusStore]> => [
  ['redis', () => redisStatusStore(redis, uniquePrefix(), keepRuns)],
  [
    'files',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'run-report-'));
      dirs.push(dir);
      return fileStatusStore(dir, keepRuns);
    },
  ],
];

describe.each(storesKeeping(2))('run report state and detail (%s)', (_name, make) => {
  it('shows the state the report job recorded with the run (whichever was recorded first), and forgets it with the run', async () => {
    const store = make();
    // The report job may record before the run is: the job's state wins over the pending one in the run.
    await store.recordReport('r1', { state: 'written', at: '2021-03-01T00:01:00.000Z', jobId: 'report-r1', message: null });
    await store.recordRunDetail('r1', 'report', { runId: 'r1', writeBack: { written: 3 } });
    await store.recordRunDetail('r1', 'alerts', { runId: 'r1', source: { missing: [] } });
    await store.recordRun(run('r1'));
    await store.recordRun(run('r2'));
    await store.recordReport('r2', { state: 'superseded', at: '2021-03-01T00:02:00.000Z', jobId: 'report-r2', message: 'not written: unit 106 pulled again' });
    expect((await store.runs()).map((r) => [r.runId, r.report?.state, r.report?.message])).toEqual([
      ['r2', 'superseded', 'not written: unit 106 pulled again'],
      ['r1', 'written', null],
    ]);
    expect(await store.runDetail('r1', 'report')).toEqual({ runId: 'r1', writeBack: { written: 3 } });
    expect(await store.runDetail('r1', 'alerts')).toEqual({ runId: 'r1', source: { missing: [] } });
    expect(await store.runDetail('r9', 'report')).toBeNull();
    // Each part is dropped alone: the alert step done leaves the report's detail, and the other way round.
    await store.recordRunDetail('r2', 'report', { runId: 'r2' });
    await store.recordRunDetail('r2', 'alerts', { runId: 'r2', part: 'alerts' });
    await store.dropRunDetail('r2', 'report');
    expect(await store.runDetail('r2', 'report')).toBeNull();
    expect(await store.runDetail('r2', 'alerts')).toEqual({ runId: 'r2', part: 'alerts' });
    await store.dropRunDetail('r2', 'alerts');
    expect(await store.runDetail('r2', 'alerts')).toBeNull();
    // Two more runs: r1 is no longer kept, and neither is its report state or detail.
    await store.recordRun(run('r3'));
    await store.recordRun(run('r2'));
    expect((await store.runs()).map((r) => r.runId)).toEqual(['r2', 'r3']);
    expect(await store.runDetail('r1', 'report')).toBeNull();
    expect(await store.runDetail('r1', 'alerts')).toBeNull();
    await store.recordRun(run('r1'));
    expect((await store.runs()).map((r) => [r.runId, r.report?.state])).toEqual([
      ['r1', 'pending'],
      ['r2', 'superseded'],
    ]);
  });
});

describe.each(storesKeeping(30))('one run’s report state (%s)', (_name, make) => {
  it('is found for any kept run, also one older than the runs a page shows, with its report job’s state winning; null for a run not kept', async () => {
    const store = make();
    for (let i = 0; i < 25; i += 1) await store.recordRun(run(`r${i}`));
    await store.recordReport('r0', { state: 'written', at: '2021-03-01T00:05:00.000Z', jobId: 'report-r0', message: null });
    // The oldest run is past the 20 runs `runs()` shows by default, and still kept.
    expect((await store.runs()).some((r) => r.runId === 'r0')).toBe(false);
    expect(await store.runReport('r0')).toMatchObject({ state: 'written', jobId: 'report-r0' });
    expect(await store.runReport('r7')).toMatchObject({ state: 'pending', jobId: 'report-r7' });
    expect(await store.runReport('r99')).toBeNull();
    // A report state recorded for a run not kept (its job finished after the run was dropped) names no run.
    await store.recordReport('gone', { state: 'written', at: '2021-03-01T00:05:00.000Z', jobId: 'report-gone', message: null });
    expect(await store.runReport('gone')).toBeNull();
  });

  it('lists a run recorded again (a retried finish) once, as last recorded, keeping the state its report job recorded', async () => {
    const store = make();
    await store.recordRun(run('a'));
    await store.recordRun(run('b'));
    await store.recordReport('a', { state: 'written', at: '2021-03-01T00:05:00.000Z', jobId: 'report-a', message: null });
    await store.recordRun({ ...run('a'), finishedAt: '2021-03-01T00:09:00.000Z', written: 7 });
    const listed = await store.runs();
    expect(listed.map((r) => [r.runId, r.finishedAt, r.written, r.report?.state])).toEqual([
      ['a', '2021-03-01T00:09:00.000Z', 7, 'written'],
      ['b', run('b').finishedAt, run('b').written, 'pending'],
    ]);
  });
});
