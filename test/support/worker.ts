import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Config } from '../../src/config/load.js';
import { startWorkerRuntime, type WorkerRuntime } from '../../src/app/worker-runtime.js';
import { systemClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { redisStatusStore, type RunStatus } from '../../src/store/status-store.js';
import { createProducerConnection } from '../../src/queue/connection.js';
import { createQueues, type QueueSet } from '../../src/queue/queues.js';
import { JOB_REGISTRY } from '../../jobs/index.js';
import { DEMO_AS_OF, type SimHarness } from './pipeline.js';

export function uniquePrefix(): string {
  return `t${randomBytes(4).toString('hex')}`;
}

/** Worker env for the demo tenant: year 2020 evaluated as of 1 March 2021, short locks. */
export function workerEnv(harness: SimHarness, redisUrl: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return harness.env({
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    SYNC_YEAR: '2020',
    SYNC_AS_OF: DEMO_AS_OF,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    WORKER_LOCK_MS: '2000',
    WORKER_CONCURRENCY: '4',
    LOG_LEVEL: 'warn',
    ...extra,
  });
}

export async function startTestWorker(config: Config, http = false): Promise<WorkerRuntime> {
  return startWorkerRuntime({ config, logger: silentLogger(), clock: systemClock, http });
}

/** Polls until `predicate` holds, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T>, predicate: (value: T) => boolean, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs recorded for the tenant, newest first. */
export async function recordedRuns(redisUrl: string, prefix: string): Promise<RunStatus[]> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    return await redisStatusStore(redis, `${prefix}:default`).runs(100);
  } finally {
    redis.disconnect();
  }
}

/** `stratsys-sync worker` as a separate process (for SIGKILL and SIGTERM tests). */
export function spawnWorker(env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker', '--no-http'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  return Object.assign(child, { output: () => output });
}

/** Queues as a CLI producer sees them (tenant `default`); `cleanups` gets what closes them after the test. */
export function producerQueues(redisUrl: string, prefix: string, cleanups: Array<() => Promise<unknown>>): QueueSet {
  const producer = createProducerConnection(redisUrl);
  const queues = createQueues(producer, 'default', prefix, JOB_REGISTRY);
  cleanups.push(async () => {
    await queues.close();
    producer.disconnect();
  });
  return queues;
}
