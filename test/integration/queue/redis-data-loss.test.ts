import { afterEach, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { loadConfig } from '../../../src/config/load.js';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { enqueueSyncNow } from '../../../src/queue/producer.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { startRedisServer, type RedisServerHandle } from '../../support/redis-server.js';
import { recordedRuns, startTestWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

const TOKEN = 'test-admin-token-0123456789';
let harness: SimHarness | undefined;
let runtime: WorkerRuntime | undefined;
let redis: RedisServerHandle | undefined;

afterEach(async () => {
  await runtime?.close(10_000);
  runtime = undefined;
  await redis?.stop();
  redis = undefined;
  await harness?.close();
  harness = undefined;
});

async function activeImports(url: string, prefix: string): Promise<number> {
  const queue = new Queue('default-import', { connection: { url }, prefix });
  try {
    return await queue.getActiveCount();
  } finally {
    await queue.close();
  }
}

describe('Redis restarted without persistence in the middle of a run (real redis-server)', () => {
  it('the worker restores the schedule, marks the lost run failed, queues it again and says so on /readyz until it completed', async () => {
    const prefix = uniquePrefix();
    redis = await startRedisServer();
    harness = await startSimHarness();
    harness.sim.setFaults({ latency: { ms: 100 } });
    runtime = await startTestWorker(loadConfig(workerEnv(harness, redis.url, prefix, { ADMIN_TOKEN: TOKEN, WORKER_CONCURRENCY: '2', STRATSYS_MAX_CONCURRENCY: '2' })), true);
    const http = runtime.http!;
    const readyz = async () => {
      const response = await http.inject({ method: 'GET', url: '/readyz', headers: { authorization: `Bearer ${TOKEN}` } });
      return { status: response.statusCode, body: response.json() as { ready: boolean; problems: Array<{ code: string; message: string }> } };
    };
    const queued = await enqueueSyncNow(runtime.queues, {}, new Date());
    const lostRunId = `nightly-${queued.jobId}`;
    await waitFor(
      () => activeImports(redis!.url, prefix),
      (n) => n > 0,
      30_000,
      'an import to be running',
    );

    const { port } = redis;
    await redis.stop();
    redis = await startRedisServer({ port }); // empty: no AOF, no RDB
    harness.sim.setFaults({ latency: null });

    const schedulers = await waitFor(
      () => runtime!.queues.queues.control.getJobSchedulers(),
      (s) => s.length === 1,
      30_000,
      'the nightly schedule to be upserted again',
    );
    expect(schedulers[0]).toMatchObject({ key: 'nightly-sync', tz: 'Europe/Stockholm' });
    const lost = await waitFor(
      () => readyz(),
      (r) => r.status === 503,
      30_000,
      '/readyz to report the loss',
    );
    expect(lost.body.problems[0]?.code).toBe('REDIS_DATA_LOST');
    expect(lost.body.problems[0]?.message).toContain(`${lostRunId} as recovered-${lostRunId}`);

    const runs = await waitFor(
      () => recordedRuns(redis!.url, prefix),
      (r) => r.some((run) => run.outcome === 'complete'),
      60_000,
      'the run queued again to complete',
    );
    const failed = runs.find((run) => run.runId === lostRunId);
    expect(failed).toMatchObject({ outcome: 'failed', kind: 'nightly' });
    expect(failed?.message).toMatch(/^REDIS_DATA_LOST: Redis lost this run's jobs at .*; queued again as recovered-/);
    expect(runs.find((run) => run.outcome === 'complete')).toMatchObject({ runId: `nightly-recovered-${lostRunId}`, failedUnitIds: [] });
    await waitFor(
      () => readyz(),
      (r) => r.status === 200,
      30_000,
      '/readyz to be ready again',
    );
    const writes = harness.sim.kpiWrites().map((w) => `${w.kpiId}/${w.departmentId}/${w.columnId}/${w.date}`);
    expect(new Set(writes).size).toBe(writes.length);
  });
});
