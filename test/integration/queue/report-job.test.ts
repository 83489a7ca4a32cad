import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { enqueueRerun, enqueueSyncNow } from '../../../src/queue/producer.js';
import { watchRun, type WatchedRun } from '../../../src/queue/run-watch.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { recordedRuns, startTestWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

/** The run's report files are written by its own job in the report queue; a run's summary never waits for them. */

const redisUrl = inject('redisUrl');
const TOKEN = 'test-admin-token-0123456789';
let harness: SimHarness | undefined;
let runtime: WorkerRuntime | undefined;

afterEach(async () => {
  await runtime?.close(10_000);
  runtime = undefined;
  await harness?.close();
  harness = undefined;
});

async function finished(rt: WorkerRuntime, jobId: string): Promise<NonNullable<WatchedRun['run']>> {
  const watched = await watchRun(rt.queues, jobId, () => undefined, { timeoutMs: 60_000, pollMs: 100 });
  expect(watched.state).toBe('finished');
  return watched.run!;
}

describe('the report job', () => {
  it('writes a nightly run’s reports after the run (pending → written); a re-run returns before it; a run whose unit was pulled again is superseded and writes nothing', async () => {
    const prefix = uniquePrefix();
    harness = await startSimHarness();
    const config = loadConfig(workerEnv(harness, redisUrl, prefix, { ADMIN_TOKEN: TOKEN }));
    runtime = await startTestWorker(config, true);
    const yearDir = path.join(config.REPORT_DIR, 'default', '2020');
    const folders = () => (existsSync(path.join(yearDir, 'runs')) ? readdirSync(path.join(yearDir, 'runs')).sort() : []);
    const runs = () => recordedRuns(redisUrl, prefix);
    const reportQueue = runtime.queues.queues.report;

    // The report queue held: the run finishes and says where its reports are.
    await reportQueue.pause();
    const nightly = await finished(runtime, (await enqueueSyncNow(runtime.queues, {}, new Date())).jobId);
    expect(nightly.summary).toContain(`Reports: being written by job report-${nightly.runId} (report queue)`);
    expect((await runs())[0]?.report).toMatchObject({ state: 'pending', jobId: `report-${nightly.runId}`, message: null });
    const status = (await runtime.http!.inject({ method: 'GET', url: '/status', headers: { authorization: `Bearer ${TOKEN}` } })).json();
    expect(status.lastRun.report.state).toBe('pending');
    expect(folders()).toEqual([]);
    await reportQueue.resume();
    await waitFor(runs, (r) => r[0]?.report?.state === 'written', 60_000, 'the nightly report');
    expect(folders()).toEqual([nightly.runId]);
    expect(readlinkSync(path.join(yearDir, 'latest'))).toBe(path.join('runs', nightly.runId));
    expect(readdirSync(path.join(yearDir, 'latest'))).toEqual(expect.arrayContaining(['arsrapport-2020.html', 'arsrapport-2020.xlsx', 'summary.txt', 'run.json', 'snapshot.json.gz']));

    // Two re-runs of one unit while the report queue is held: each returns at once, its report pending.
    await reportQueue.pause();
    const first = await finished(runtime, (await enqueueRerun(runtime.queues, { unitId: '106' }, new Date())).jobId);
    expect(first.summary).toContain(`Reports: being written by job report-${first.runId}`);
    expect((await runs()).find((run) => run.runId === first.runId)?.report?.state).toBe('pending');
    const second = await finished(runtime, (await enqueueRerun(runtime.queues, { unitId: '106' }, new Date(Date.now() + 1))).jobId);
    await reportQueue.resume();
    const after = await waitFor(runs, (r) => r.slice(0, 2).every((run) => run.report?.state !== 'pending'), 60_000, 'the re-runs’ reports');
    const byId = new Map(after.map((run) => [run.runId, run.report]));
    // The first re-run's unit was pulled again by the second: its report is not made from the second's pull.
    expect(byId.get(first.runId)).toMatchObject({
      state: 'superseded',
      message: expect.stringMatching(/^not written: unit 106 pulled again \(.+; the run evaluated .+\); the later run's report is the current one$/),
    });
    expect(byId.get(second.runId)?.state).toBe('written');
    expect(byId.get(nightly.runId)?.state).toBe('written');
    expect(folders()).toEqual([nightly.runId, second.runId].sort());
    expect(readlinkSync(path.join(yearDir, 'latest'))).toBe(path.join('runs', second.runId));
    expect((await reportQueue.getJob(`report-${first.runId}`))?.returnvalue).toMatchObject({ state: 'superseded' });
    const page = await runtime.http!.inject({ method: 'GET', url: '/', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(page.body).toContain('data-report-state="written">✓ Rapportfilerna är skrivna</p>');
  }, 120_000);
});
