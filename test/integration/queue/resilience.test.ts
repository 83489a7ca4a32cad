import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Queue } from 'bullmq';
import { loadConfig } from '../../../src/config/load.js';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { enqueueRerun, enqueueSyncNow } from '../../../src/queue/producer.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { startRedisServer } from '../../support/redis-server.js';
import { producerQueues, recordedRuns, spawnWorker, startTestWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

const redisUrl = inject('redisUrl');
let harness: SimHarness | undefined;
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await harness?.close();
  harness = undefined;
});

function uniqueWrites(h: SimHarness) {
  const keys = h.sim.kpiWrites().map((w) => `${w.kpiId}/${w.departmentId}/${w.columnId}/${w.date}`);
  return { total: keys.length, distinct: new Set(keys).size };
}

async function activeImports(url: string, prefix: string): Promise<number> {
  const queue = new Queue('default-import', { connection: { url }, prefix });
  try {
    return await queue.getActiveCount();
  } finally {
    await queue.close();
  }
}

describe('worker resilience (real Redis, real processes)', () => {
  it('a worker killed with SIGKILL mid-import leaves jobs that another worker completes, without duplicate writes', async () => {
    const prefix = uniquePrefix();
    harness = await startSimHarness();
    harness.sim.setFaults({ latency: { ms: 150 } });
    const env = workerEnv(harness, redisUrl, prefix, { WORKER_CONCURRENCY: '2', STRATSYS_MAX_CONCURRENCY: '2' });
    const child = spawnWorker(env);
    cleanups.push(async () => child.kill('SIGKILL'));
    const queues = producerQueues(redisUrl, prefix, cleanups);
    await waitFor(
      () => queues.queues.control.getJobSchedulers(),
      (s) => s.length === 1,
      30_000,
      'the child worker to start',
    );
    await enqueueSyncNow(queues, {}, new Date());
    await waitFor(
      () => activeImports(redisUrl, prefix),
      (n) => n > 0,
      30_000,
      'an import to be running',
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    harness.sim.setFaults({ latency: null });
    const survivor: WorkerRuntime = await startTestWorker(loadConfig(env));
    cleanups.push(() => survivor.close(10_000));
    const runs = await waitFor(
      () => recordedRuns(redisUrl, prefix),
      (r) => r.length >= 1,
      60_000,
      'the run to finish on the surviving worker',
    );
    expect(runs[0]).toMatchObject({ outcome: 'complete', failedUnitIds: [] });
    const writes = uniqueWrites(harness);
    expect(writes.total).toBe(writes.distinct);
    expect(writes.total).toBe(runs[0]?.written);
  });

  it('SIGTERM lets a running job finish, then the process exits 0', async () => {
    const prefix = uniquePrefix();
    harness = await startSimHarness();
    const env = workerEnv(harness, redisUrl, prefix);
    // A first full sync stores every unit, so a re-run can start.
    const first = await startTestWorker(loadConfig(env));
    await enqueueSyncNow(first.queues, {}, new Date());
    await waitFor(
      () => recordedRuns(redisUrl, prefix),
      (r) => r.length >= 1,
      60_000,
      'the first sync',
    );
    await first.close(10_000);
    harness.sim.setFaults({ latency: { ms: 100 } });
    const child = spawnWorker(env);
    cleanups.push(async () => child.kill('SIGKILL'));
    const queues = producerQueues(redisUrl, prefix, cleanups);
    const queued = await enqueueRerun(queues, { unitId: '105' }, new Date());
    await waitFor(
      async () => (await queues.queues.control.getJob(queued.jobId))?.getState(),
      (state) => state === 'active',
      30_000,
      'the re-run to start',
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await (await queues.queues.control.getJob(queued.jobId))?.getState()).toBe('completed');
  });

  it('a Redis restart in the middle of a run ends with the run completed', async () => {
    const prefix = uniquePrefix();
    harness = await startSimHarness();
    harness.sim.setFaults({ latency: { ms: 100 } });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-redis-restart-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const redis = await startRedisServer({ appendOnly: true, dir });
    let current = redis;
    cleanups.push(() => current.stop());
    const env = workerEnv(harness, redis.url, prefix, { WORKER_CONCURRENCY: '2', STRATSYS_MAX_CONCURRENCY: '2' });
    const worker = await startTestWorker(loadConfig(env));
    cleanups.push(() => worker.close(10_000));
    await enqueueSyncNow(worker.queues, {}, new Date());
    await waitFor(
      () => activeImports(redis.url, prefix),
      (n) => n > 0,
      30_000,
      'an import to be running',
    );
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    current = await startRedisServer({ port: redis.port, dir, appendOnly: true });
    harness.sim.setFaults({ latency: null });
    const runs = await waitFor(
      () => recordedRuns(current.url, prefix),
      (r) => r.length >= 1,
      90_000,
      'the run to complete after the restart',
    );
    expect(runs[0]?.outcome).toBe('complete');
    const writes = uniqueWrites(harness);
    expect(writes.total).toBe(writes.distinct);
  });
});
