import { existsSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { evaluateRun } from '../../../jobs/evaluate-run.js';
import { sendAlerts } from '../../../jobs/send-alerts.js';
import { writeReport } from '../../../jobs/write-report.js';
import { alertDoneOf } from '../../../src/pipeline/alert-source.js';
import { loadMappings } from '../../../src/mapping/file/load.js';
import type { JobContext } from '../../../src/queue/context.js';
import { recordReportFailure } from '../../../src/queue/worker.js';
import { fileStatusStore } from '../../../src/store/status-store-file.js';
import { redisStatusStore, type RunReport, type StatusStore } from '../../../src/store/status-store.js';
import { DEMO_AS_OF, startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { uniquePrefix } from '../../support/worker.js';

/**
 * A finished run's report job may run, and end, at once (another worker takes it from the report
 * queue): the outcome it records, or the worker records for it, is the run's final report state,
 * never hidden by the run's `pending`, also when the finish job is retried.
 */

const redis = new Redis(inject('redisUrl'));
let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});
afterAll(() => redis.disconnect());

const stores: Array<[string, (h: SimHarness) => StatusStore]> = [
  ['redis', () => redisStatusStore(redis, uniquePrefix())],
  ['files', (h) => fileStatusStore(path.join(h.stateDir, 'status-under-test'))],
];

/** The run's report job, run to its end as soon as it is queued (by a worker on another replica, say). */
type ReportJob = (ctx: JobContext, payload: { runId: string; year: number; asOf: string }) => Promise<void>;

/**
 * An evaluate job's context whose report queue runs `reportJob` at once the first time a run's job is
 * queued (later: deduplicated, as BullMQ does by job id), noting the run's report state at that moment.
 */
async function evaluateContext(h: SimHarness, status: StatusStore, reportJob: ReportJob): Promise<{ ctx: JobContext; seenWhenQueued: Array<RunReport | null> }> {
  const seenWhenQueued: Array<RunReport | null> = [];
  const queued = new Set<string>();
  const ctx: JobContext = {
    ...h.deps(),
    config: h.config(),
    mappings: await loadMappings('mappings'),
    status,
    alerts: null,
    jobId: 'evaluate-1',
    attempt: 1,
    progress: async () => undefined,
    failedChildUnitIds: async () => [],
    fanOutRun: async () => undefined,
    enqueueAlerts: async () => undefined,
    reportJobId: (runId) => `report-${runId}`,
    async enqueueReport(payload) {
      if (queued.has(payload.runId)) return;
      queued.add(payload.runId);
      seenWhenQueued.push(await status.runReport(payload.runId));
      await reportJob({ ...ctx, jobId: `report-${payload.runId}`, attempt: 1 }, payload);
    },
  };
  return { ctx, seenWhenQueued };
}

describe.each(stores)('a run whose report job ends before the finish goes on (%s)', (_name, makeStore) => {
  it('keeps the failure the worker records for a report job that failed for good, also when the finish job is retried', async () => {
    const h = (harness = await startSimHarness());
    const result = await h.run();
    const status = makeStore(h);
    // The report job stalled too often (a worker killed mid-compilation): the worker records the failure, not its handler.
    const { ctx, seenWhenQueued } = await evaluateContext(h, status, async (jobCtx, payload) =>
      recordReportFailure(jobCtx.status, payload.runId, { at: new Date().toISOString(), jobId: jobCtx.jobId, message: 'job stalled more than allowable limit' }),
    );
    const payload = { runId: 'nightly-41', kind: 'nightly' as const, year: 2020, asOf: DEMO_AS_OF, unitIds: result.pull.unitIds };
    await evaluateRun.handler(payload, ctx);
    const failed = { state: 'failed', jobId: 'report-nightly-41', message: 'job stalled more than allowable limit' };
    expect(await status.runReport('nightly-41')).toMatchObject(failed);
    // When its report job was queued, the run was already recorded, its report pending under that job's id.
    expect(seenWhenQueued).toEqual([expect.objectContaining({ state: 'pending', jobId: 'report-nightly-41' })]);
    // The finish job retried (its lock lost after the run was recorded): the run is recorded again, its report still failed.
    await evaluateRun.handler(payload, { ...ctx, attempt: 2 });
    expect(await status.runReport('nightly-41')).toMatchObject(failed);
    expect((await status.runs()).map((run) => [run.runId, run.report?.state])).toEqual(expect.arrayContaining([['nightly-41', 'failed']]));
    expect((await status.runs()).some((run) => run.report?.state === 'pending')).toBe(false);
  }, 60_000);

  it('keeps the report its job wrote, also when the finish job is retried', async () => {
    const h = (harness = await startSimHarness());
    const result = await h.run();
    const status = makeStore(h);
    const { ctx, seenWhenQueued } = await evaluateContext(h, status, async (jobCtx, payload) => {
      expect(await writeReport.handler(payload, jobCtx)).toEqual({ state: 'written', message: null });
    });
    const payload = { runId: 'nightly-42', kind: 'nightly' as const, year: 2020, asOf: DEMO_AS_OF, unitIds: result.pull.unitIds };
    await evaluateRun.handler(payload, ctx);
    expect(existsSync(path.join(ctx.config.REPORT_DIR, 'default', '2020', 'runs', 'nightly-42', 'run.json'))).toBe(true);
    expect(await status.runReport('nightly-42')).toMatchObject({ state: 'written', jobId: 'report-nightly-42' });
    expect(seenWhenQueued).toEqual([expect.objectContaining({ state: 'pending', jobId: 'report-nightly-42' })]);
    await evaluateRun.handler(payload, { ...ctx, attempt: 2 });
    expect(await status.runReport('nightly-42')).toMatchObject({ state: 'written', jobId: 'report-nightly-42' });
    expect((await status.runs()).some((run) => run.report?.state === 'pending')).toBe(false);
  }, 60_000);
});

describe.each(stores)('a run’s alert step around a retried finish (%s)', (_name, makeStore) => {
  it('is not undone by a retried finish; a worker without alerts leaves the record; a run not kept that recorded none has nothing evaluated', async () => {
    const h = (harness = await startSimHarness());
    const result = await h.run();
    const status = makeStore(h);
    const { ctx } = await evaluateContext(h, status, async () => undefined);
    const payload = { runId: 'nightly-43', kind: 'nightly' as const, year: 2020, asOf: DEMO_AS_OF, unitIds: result.pull.unitIds };
    await evaluateRun.handler(payload, ctx);
    const alertsPayload = { runId: 'nightly-43', year: 2020, asOf: DEMO_AS_OF, failedUnitIds: [] };
    // A worker without the alert step sends nothing and marks nothing: the run's record stays for one that has it.
    expect(await sendAlerts.handler(alertsPayload, ctx)).toEqual({ skipped: 'alerts not configured' });
    expect(await status.runDetail('nightly-43', 'alerts')).toMatchObject({ runId: 'nightly-43', source: expect.any(Object) });
    // The step done (on another replica), then the finish job retried: the step stays done.
    const done = alertDoneOf('nightly-43', DEMO_AS_OF, '2021-03-01T02:00:00.000Z');
    await status.recordRunDetail('nightly-43', 'alerts', done);
    await evaluateRun.handler(payload, { ...ctx, attempt: 2 });
    expect(await status.runDetail('nightly-43', 'alerts')).toEqual(done);
    // A run not kept (its record gone with it) is never evaluated again from the store as it is now.
    const sending = { ...ctx, alerts: { run: () => Promise.reject(new Error('nothing may be sent')) } };
    await expect(sendAlerts.handler({ ...alertsPayload, runId: 'nightly-gone' }, sending)).rejects.toMatchObject({
      code: 'ALERT_SOURCE_INVALID',
      retryable: true,
      message: expect.stringContaining('run nightly-gone is not among the kept runs'),
    });
  }, 60_000);
});
