import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { enqueueRerun, enqueueSyncNow, waitForJob } from '../../../src/queue/producer.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { recordedRuns, startTestWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

const redisUrl = inject('redisUrl');
let harness: SimHarness | undefined;
const runtimes: WorkerRuntime[] = [];

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) {
    await runtime.queues.queues.control.obliterate({ force: true }).catch(() => undefined);
    await runtime.close(10_000);
  }
  await harness?.close();
  harness = undefined;
});

async function twoWorkers(prefix: string) {
  harness = await startSimHarness();
  const config = loadConfig(workerEnv(harness, redisUrl, prefix));
  const [a, b] = await Promise.all([startTestWorker(config), startTestWorker(config)]);
  runtimes.push(a, b);
  return { config, a, b, h: harness };
}

const nodesRoute = 'GET scorecards/{scorecardId}/departments/{departmentId}/nodes';

describe('queue-driven worker (real Redis)', () => {
  it('two workers upsert one nightly schedule with the Stockholm time zone', async () => {
    const { a } = await twoWorkers(uniquePrefix());
    const schedulers = await a.queues.queues.control.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: 'nightly-sync', pattern: '30 2 * * *', tz: 'Europe/Stockholm' });
  });

  it('a sync fans out one import per unit and evaluates once, across two workers', async () => {
    const prefix = uniquePrefix();
    const { a, h } = await twoWorkers(prefix);
    await enqueueSyncNow(a.queues, {}, new Date());
    const runs = await waitFor(
      () => recordedRuns(redisUrl, prefix),
      (r) => r.length >= 1,
      60_000,
      'the run to finish',
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ kind: 'nightly', outcome: 'complete', units: 10, failedUnitIds: [] });
    const stats = h.sim.stats();
    const nodeCalls = Object.entries(stats.byRoute)
      .filter(([route]) => route.includes('/nodes') && !route.includes('{n'))
      .reduce((sum, [, v]) => sum + v.count, 0);
    expect(nodeCalls).toBe(10);
    expect(stats.writes).toBe(runs[0]?.written);
    const writes = h.sim.kpiWrites().map((w) => `${w.kpiId}/${w.departmentId}/${w.columnId}/${w.date}`);
    expect(new Set(writes).size).toBe(writes.length);
  });

  it('a re-run imports only its unit, writes only what changed, and is queued once when asked twice', async () => {
    const prefix = uniquePrefix();
    const { a, b, h } = await twoWorkers(prefix);
    await enqueueSyncNow(a.queues, {}, new Date());
    await waitFor(
      () => recordedRuns(redisUrl, prefix),
      (r) => r.length >= 1,
      60_000,
      'the nightly run',
    );
    // Someone overwrites one unit's KPI value by hand in Stratsys.
    const column = h.fixture.kpiColumns.find((c) => c.kpiId === '9101' && c.id.endsWith('106'));
    await fetch(`${h.baseUrl}kpidata`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${h.fixture.credentials.clientId}:${h.fixture.credentials.clientSecret}`).toString('base64')}` },
      body: JSON.stringify({ KpiId: '9101', DepartmentId: '106', KpiColumnId: column?.id ?? null, KpiColumnName: null, KpiColumnIndex: column ? null : 0, Date: '2020-12-31', Value: 42 }),
    });
    h.sim.resetStats();
    const writesBefore = h.sim.kpiWrites().length;
    const [first, second] = await Promise.all([enqueueRerun(a.queues, { unitId: '106' }, new Date()), enqueueRerun(b.queues, { unitId: '106' }, new Date(Date.now() + 1))]);
    expect([first.existing, second.existing].sort()).toEqual([false, true]);
    expect(second.jobId).toBe(first.jobId);
    const report = await waitForJob(a.queues, first.jobId, () => undefined, { timeoutMs: 60_000 });
    expect(report.state).toBe('completed');
    const routes = h.sim.stats().byRoute;
    expect(Object.keys(routes).some((r) => r.startsWith('GET departments'))).toBe(false);
    expect(routes[nodesRoute]?.count).toBe(1);
    const rerunWrites = h.sim
      .kpiWrites()
      .slice(writesBefore)
      .filter((w) => w.sent !== 42);
    expect(rerunWrites.map((w) => [w.kpiId, w.departmentId])).toEqual([['9101', '106']]);
  });

  it('fails a job with an invalid payload at once, naming the field, and keeps it for inspection', async () => {
    const { a } = await twoWorkers(uniquePrefix());
    const job = await a.queues.queues.import.add('import-unit', { runId: 'bad run id!', unitId: '' }, { attempts: 5, jobId: 'bad-payload' });
    const failed = await waitFor(
      async () => (await a.queues.queues.import.getJob(job.id ?? ''))!,
      (j) => j.failedReason !== undefined && j.failedReason !== '',
      30_000,
      'the job to fail',
    );
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/^PAYLOAD_INVALID: import-unit: runId: .*; unitId: .*; year: /);
    expect(await failed.getState()).toBe('failed');
  });

  it('fails an import at once on schema drift (not retried), and the run still completes with that unit held back', async () => {
    const prefix = uniquePrefix();
    const { a, h } = await twoWorkers(prefix);
    h.sim.setFaults({ schemaDrift: { field: 'Name', mode: 'drop', path: '/departments/105/nodes$' } });
    await enqueueSyncNow(a.queues, {}, new Date());
    const runs = await waitFor(
      () => recordedRuns(redisUrl, prefix),
      (r) => r.length >= 1,
      60_000,
      'the run',
    );
    expect(runs[0]).toMatchObject({ outcome: 'partial', failedUnitIds: ['105'] });
    const failed = await a.queues.queues.import.getFailed();
    expect(failed.map((j) => [j.data.unitId, j.attemptsMade])).toEqual([['105', 1]]);
    expect(failed[0]?.failedReason).toMatch(/STRATSYS_RESPONSE_INVALID: .*Result\[\d+\]\.Name/);
    expect(h.sim.kpiWrites().some((w) => w.departmentId === '12')).toBe(false);
  });

  it('a re-run of another unit keeps a unit whose last import failed held back, though an older pull of it is stored', async () => {
    const prefix = uniquePrefix();
    const { a, h } = await twoWorkers(prefix);
    const runsAtLeast = (count: number, what: string) =>
      waitFor(
        () => recordedRuns(redisUrl, prefix),
        (r) => r.length >= count,
        60_000,
        what,
      );
    await enqueueSyncNow(a.queues, {}, new Date());
    expect((await runsAtLeast(1, 'the first sync'))[0]).toMatchObject({ outcome: 'complete', failedUnitIds: [] });
    h.sim.setFaults({ schemaDrift: { field: 'Name', mode: 'drop', path: '/departments/105/nodes$' } });
    await enqueueSyncNow(a.queues, {}, new Date(Date.now() + 1_000));
    expect((await runsAtLeast(2, 'the second sync')).find((run) => run.outcome !== 'complete')).toMatchObject({ kind: 'nightly', failedUnitIds: ['105'] });
    h.sim.setFaults({});
    await enqueueRerun(a.queues, { unitId: '106' }, new Date());
    const rerun = (await runsAtLeast(3, 'the re-run')).find((run) => run.kind === 'rerun');
    expect(rerun).toMatchObject({ outcome: 'partial', units: 1, failedUnitIds: ['105'] });
  });
});
