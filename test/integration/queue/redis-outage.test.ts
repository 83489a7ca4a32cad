import { afterEach, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { loadConfig } from '../../../src/config/load.js';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { startRedisServer, type RedisServerHandle } from '../../support/redis-server.js';
import { startTestWorker, uniquePrefix, waitFor, workerEnv } from '../../support/worker.js';

const TOKEN = 'test-admin-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
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

/** Fetches with a deadline, returning the status, the JSON body and how long it took. */
async function timed(url: string, init: RequestInit = {}) {
  const started = Date.now();
  const response = await fetch(url, { ...init, headers: auth, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as { error?: string; message?: string; redis?: boolean }, ms: Date.now() - started };
}

/** Jobs in a queue, not counting the next run the nightly schedule keeps delayed. */
async function jobsIn(url: string, prefix: string, name: string): Promise<number> {
  const queue = new Queue(name, { connection: { url }, prefix });
  try {
    const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized']);
    return jobs.filter((job) => !(job.id ?? '').startsWith('repeat:')).length;
  } finally {
    await queue.close();
  }
}

describe('while Redis is down (real redis-server stopped and started again)', () => {
  it('the admin HTTP answers 503 REDIS_UNSUITABLE at once, and a sync-now it refused never runs later', async () => {
    const prefix = uniquePrefix();
    redis = await startRedisServer();
    harness = await startSimHarness();
    runtime = await startTestWorker(loadConfig(workerEnv(harness, redis.url, prefix, { ADMIN_TOKEN: TOKEN })), true);
    const base = runtime.httpUrl ?? '';
    const { port } = redis;
    await redis.stop();

    const status = await timed(`${base}/status`);
    expect(status).toMatchObject({ status: 503, body: { error: 'REDIS_UNSUITABLE' } });
    expect(status.ms).toBeLessThan(3_000);
    const sync = await timed(`${base}/sync-now`, { method: 'POST' });
    expect(sync).toMatchObject({ status: 503, body: { error: 'REDIS_UNSUITABLE' } });
    expect(sync.body.message).toMatch(/^Redis is not reachable \(.+\) while queueing a sync: nothing was queued; try again once \/readyz answers 200$/);
    expect(sync.ms).toBeLessThan(3_000);
    const rerun = await timed(`${base}/departments/106/rerun`, { method: 'POST' });
    expect(rerun).toMatchObject({ status: 503, body: { error: 'REDIS_UNSUITABLE' } });
    const page = await fetch(`${base}/`, { headers: auth, signal: AbortSignal.timeout(10_000) });
    expect(page.status).toBe(503);
    const ready = await timed(`${base}/readyz`);
    expect(ready).toMatchObject({ status: 503, body: { redis: false } });

    redis = await startRedisServer({ port });
    await waitFor(
      () => timed(`${base}/status`),
      (r) => r.status === 200,
      30_000,
      'the admin HTTP to reach Redis again',
    );
    // Give a queued-behind-the-caller's-back sync every chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await jobsIn(redis.url, prefix, 'default-control')).toBe(0);
    expect(harness.sim.stats().byRoute['GET departments']).toBeUndefined();
  });

  it('sync-now --wait reports a Redis drop as REDIS_UNSUITABLE with what to do, not INTERNAL', async () => {
    const prefix = uniquePrefix();
    redis = await startRedisServer();
    harness = await startSimHarness();
    harness.sim.setFaults({ latency: { ms: 300 } });
    const env = workerEnv(harness, redis.url, prefix);
    runtime = await startTestWorker(loadConfig(env));
    const waiting = runCli(['sync-now', '--wait'], env);
    await waitFor(
      () => jobsIn(redis!.url, prefix, 'default-import'),
      (n) => n > 0,
      30_000,
      'the run to be importing',
    );
    const { port } = redis;
    await redis.stop();
    const result = await waiting;
    redis = await startRedisServer({ port });
    harness.sim.setFaults({ latency: null });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('INTERNAL');
    expect(result.stderr).toMatch(
      /^error REDIS_UNSUITABLE: Redis is not reachable \(.+\) while waiting for the run: the workers go on with it once Redis is back; follow it on the status page, or run `stratsys-sync sync-now --wait` again/m,
    );
  });
});
