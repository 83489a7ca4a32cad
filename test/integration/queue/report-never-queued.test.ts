import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { JOB_NAMES, reportJobId, rerunRunId } from '../../../src/queue/names.js';
import { recordReportNeverQueued } from '../../../src/queue/worker.js';
import { systemClock } from '../../../src/shared/clock.js';
import { redisStatusStore } from '../../../src/store/status-store.js';
import { aRunStatus } from '../../support/builders.js';
import { producerQueues, uniquePrefix } from '../../support/worker.js';

/** A run's finishing job that failed for good between recording the run and queueing its report job leaves no report `pending` for ever. */

const redisUrl = inject('redisUrl');
const redis = new Redis(redisUrl);
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
afterAll(() => redis.disconnect());

const pending = (runId: string) => aRunStatus(runId, { report: { state: 'pending', at: '2021-03-01T00:00:00.000Z', jobId: reportJobId(runId), message: null } });

describe('a run whose finishing job failed for good', () => {
  it('has its report recorded failed when no report job was queued, and left to the report job when one was', async () => {
    const prefix = uniquePrefix();
    const set = producerQueues(redisUrl, prefix, cleanups);
    const status = redisStatusStore(redis, `${prefix}:default`);
    const services = { status, clock: systemClock };
    const evaluate = (runId: string) => ({ name: JOB_NAMES.evaluateRun, id: `evaluate-${runId}`, data: { runId, kind: 'nightly', year: 2020, asOf: '2021-03-01T00:00:00.000Z', unitIds: ['105'] } });

    await status.recordRun(pending('nightly-1'));
    await recordReportNeverQueued(services, set, evaluate('nightly-1'), new Error('Connection is closed.'));
    expect(await status.runReport('nightly-1')).toMatchObject({
      state: 'failed',
      jobId: null,
      message: "no report: the run's evaluate-run job failed for good before queueing its report job (Connection is closed.)",
    });

    // Its report job is there: it records the outcome itself.
    await status.recordRun(pending('nightly-2'));
    await set.queues.report.add(JOB_NAMES.writeReport, { runId: 'nightly-2', year: 2020, asOf: '2021-03-01T00:00:00.000Z' }, { jobId: reportJobId('nightly-2') });
    await recordReportNeverQueued(services, set, evaluate('nightly-2'), new Error('lost'));
    expect(await status.runReport('nightly-2')).toMatchObject({ state: 'pending', jobId: reportJobId('nightly-2') });

    // A re-run finishes its own run, named after its job.
    const rerunId = rerunRunId('rerun-105-1');
    await status.recordRun(pending(rerunId));
    await recordReportNeverQueued(services, set, { name: JOB_NAMES.rerunUnit, id: 'rerun-105-1', data: { unitId: '105' } }, new Error('lost'));
    expect(await status.runReport(rerunId)).toMatchObject({ state: 'failed', message: expect.stringContaining("the run's rerun-unit job failed for good") });

    // A run never recorded (the job failed before that) gets no report state.
    await recordReportNeverQueued(services, set, evaluate('nightly-3'), new Error('lost'));
    expect(await status.runReport('nightly-3')).toBeNull();
  });
});
