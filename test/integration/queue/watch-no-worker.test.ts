import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { WorkerRuntime } from '../../../src/app/worker-runtime.js';
import { enqueueSyncNow } from '../../../src/queue/producer.js';
import { watchRun } from '../../../src/queue/run-watch.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';
import { producerQueues, startTestWorker, uniquePrefix, workerEnv } from '../../support/worker.js';

/** `--wait` on a run that no worker takes says so and stops, instead of waiting two hours in silence. */

const redisUrl = inject('redisUrl');
let harness: SimHarness | undefined;
let runtime: WorkerRuntime | undefined;
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  await runtime?.close(10_000);
  runtime = undefined;
  await harness?.close();
  harness = undefined;
});

describe('following a run with no worker', () => {
  it('stops with a reason naming the queue when no worker is connected, and the run stays queued', async () => {
    const queues = producerQueues(redisUrl, uniquePrefix(), cleanups);
    const queued = await enqueueSyncNow(queues, {}, new Date());
    const started = Date.now();
    const watched = await watchRun(queues, queued.jobId, () => undefined, { pollMs: 50, noWorkerMs: 600, timeoutMs: 30_000 });
    expect(watched).toMatchObject({ state: 'failed', run: null });
    expect(watched.failedReason).toMatch(
      /^no worker has been connected to the default-control queue for 0.6 s \(stopped, or crashed: see its log.*\), so nobody is doing this run; it stays queued and goes on when a worker starts$/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await queues.queues.control.getJobState(queued.jobId)).toBe('waiting');
  });

  it('follows a run to its end when a worker is connected, however short the no-worker limit', async () => {
    const prefix = uniquePrefix();
    harness = await startSimHarness();
    runtime = await startTestWorker(loadConfig(workerEnv(harness, redisUrl, prefix)));
    const queues = producerQueues(redisUrl, prefix, cleanups);
    const queued = await enqueueSyncNow(queues, {}, new Date());
    const watched = await watchRun(queues, queued.jobId, () => undefined, { pollMs: 50, noWorkerMs: 200, timeoutMs: 60_000 });
    expect(watched.failedReason).toBeNull();
    expect(watched.state).toBe('finished');
    expect(watched.run?.summary).toMatch(/^Pull: 10\/10 units/m);
  }, 90_000);

  it('polls every 100 ms in the first 10 s of a wait, then at the set interval', async () => {
    const queues = producerQueues(redisUrl, uniquePrefix(), cleanups);
    const queued = await enqueueSyncNow(queues, {}, new Date());
    let clock = 0;
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    };
    const watched = await watchRun(queues, queued.jobId, () => undefined, { pollMs: 500, noWorkerMs: 60_000, timeoutMs: 15_000, sleep, now: () => clock });
    expect(watched.state).toBe('timed-out');
    expect(sleeps.slice(0, 100)).toEqual(Array.from({ length: 100 }, () => 100));
    // From 10 s to just past the 15 s limit.
    expect(sleeps.slice(100)).toEqual(Array.from({ length: 11 }, () => 500));
  });
});
