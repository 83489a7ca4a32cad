import type { FastifyInstance } from 'fastify';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/load.js';
import { isLoopback } from '../http/auth.js';
import { createMetrics, type Metrics } from '../http/metrics.js';
import { loadMappings } from '../mapping/file/load.js';
import { checkRedis, createWorkerConnection } from '../queue/connection.js';
import type { JobServices } from '../queue/context.js';
import { createQueues, type QueueSet } from '../queue/queues.js';
import { redisPacer } from '../queue/redis-pacer.js';
import { upsertNightlySchedule, validateCron } from '../queue/schedulers.js';
import { closeAll } from '../queue/shutdown.js';
import { createWorkers, type WorkerTuning } from '../queue/worker.js';
import { startRedisWatch, type RedisWatch } from '../queue/redis-watch.js';
import { RunTracker } from '../queue/run-tracker.js';
import type { Clock } from '../shared/clock.js';
import { resolvePeriod } from './period.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { AppError, isAppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { redisLock } from '../store/lock.js';
import { redisStatusStore } from '../store/status-store.js';
import { startAdminHttp, type AdminHttp } from './admin-http.js';
import { buildStratsysClient, type AlertRunnerFactory } from './compose.js';
import { createStateStores, tenantKeyPrefix } from './state-stores.js';
import { planPacing } from '../stratsys/pacing.js';
import { limitHeapGrowth } from './heap-growth.js';
import { exposedGc, idleCollector, type IdleCollector } from './idle-gc.js';
import { JOB_REGISTRY } from '../../jobs/index.js';

export interface WorkerRuntime {
  queues: QueueSet;
  workers: Worker[];
  http: FastifyInstance | null;
  /** Base URL of the admin HTTP server, when started. */
  httpUrl: string | null;
  redis: Redis;
  metrics: Metrics;
  close(timeoutMs?: number): Promise<boolean>;
}

export interface WorkerRuntimeOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  tuning?: Partial<WorkerTuning>;
  /** Start the admin HTTP server (default true). */
  http?: boolean;
  /** The alert step; none when absent (alerts are then skipped). */
  alerts?: AlertRunnerFactory;
}

/**
 * Boots a worker process: validates cron and mappings, checks Redis, starts one BullMQ worker per
 * queue, upserts the nightly schedule, and serves the admin HTTP. Anything wrong stops it here.
 */
export async function startWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { config, logger, clock } = options;
  if (!config.REDIS_URL) throw new AppError('CONFIG_INVALID', 'REDIS_URL: required for `worker` (use `run --once` to run without Redis)');
  validateCron(config.NIGHTLY_CRON, config.NIGHTLY_TZ);
  if ((options.http ?? true) && !config.ADMIN_TOKEN && !isLoopback(config.HTTP_HOST)) {
    throw new AppError('CONFIG_INVALID', `ADMIN_TOKEN: required when the admin HTTP server binds to ${config.HTTP_HOST} (set it, or HTTP_HOST=127.0.0.1)`);
  }
  const mappings = await loadMappings(config.MAPPINGS_DIR);
  checkBootPeriod(config, clock, mappings, logger);
  const redis = createWorkerConnection(config.REDIS_URL);
  let lastRedisError = 0;
  const onRedisError = (error: Error) => {
    // Reconnects are automatic; log at most every 10 s so an outage does not flood the log.
    if (Date.now() - lastRedisError > 10_000) logger.warn({ err: error }, 'redis connection error; reconnecting');
    lastRedisError = Date.now();
  };
  redis.on('error', onRedisError);
  const info = await checkRedis(redis, config.REDIS_START_TIMEOUT_MS).catch(async (error: unknown) => {
    redis.disconnect();
    throw error;
  });
  const prefix = tenantKeyPrefix(config);
  const queues = createQueues(redis, config.TENANT_ID, config.REDIS_PREFIX, JOB_REGISTRY, onRedisError);
  const status = redisStatusStore(redis, prefix);
  const metrics = createMetrics({ queues, status });
  let stratsysReachable: boolean | null = null;
  const client = buildStratsysClient({
    config,
    clock,
    logger,
    pacer: redisPacer(redis, `${prefix}:stratsys-pacer`, planPacing(config.STRATSYS_MAX_RPS, config.STRATSYS_RPS_MARGIN)),
    onRequest: (event) => {
      metrics.observeRequest(event);
      stratsysReachable = event.status !== 0 && event.status !== 401 && event.status < 500;
    },
  });
  const stores = createStateStores(config, redis);
  const alerts = (await options.alerts?.(redis)) ?? null;
  const services: JobServices = {
    tenantId: config.TENANT_ID,
    config,
    clock,
    logger,
    client,
    mappings,
    status,
    timeZone: config.REPORT_TIME_ZONE,
    snapshots: stores.snapshots,
    audit: stores.audit,
    alerts: alerts?.runner ?? null,
    lock: redisLock(redis, `${prefix}:lock:evaluate`),
    onEvaluated: (byFocusArea) => metrics.setMissingReports(byFocusArea),
  };
  let http: AdminHttp | null = null;
  const tracker = new RunTracker();
  let watch: RedisWatch | null = null;
  let workers: Worker[] = [];
  limitHeapGrowth(config.HEAP_GROWTH_PERCENT, logger);
  const idle = startIdleCollector(config.WORKER_IDLE_GC_MS, logger);
  try {
    workers = createWorkers(
      redis,
      services,
      queues,
      { importConcurrency: config.WORKER_CONCURRENCY, lockDurationMs: config.WORKER_LOCK_MS, stalledIntervalMs: Math.max(500, Math.floor(config.WORKER_LOCK_MS / 2)), ...options.tuning },
      logger,
      {
        onJobFinished: (info) => metrics.observeJob(info),
        onWorkerError: onRedisError,
        onJobSeen: (job) => tracker.note(job),
        onJobActive: () => idle?.busy(),
        onJobSettled: () => idle?.settled(),
      },
    );
    const upsertSchedule = () => upsertNightlySchedule(queues, config.NIGHTLY_CRON, config.NIGHTLY_TZ);
    await upsertSchedule();
    // Redis losing its data must not lose the schedule or a run silently (no reliance on AOF).
    watch = await startRedisWatch({ redis, queues, status, tracker, keyPrefix: prefix, upsertSchedule, logger, now: () => new Date(), checkMs: config.WORKER_LOCK_MS });
    if (options.http ?? true) {
      const watching = watch;
      http = await startAdminHttp({ config, logger, clock, mappings, metrics, workerRedis: redis, isStratsysReachable: () => stratsysReachable, readiness: () => watching.readiness() });
    }
  } catch (error) {
    // A start that fails half-way must not leave workers, sockets or connections behind.
    idle?.stop();
    await closeAll(
      [
        { name: 'http', close: async () => http?.close() },
        { name: 'redis watch', close: async () => watch?.close() },
        { name: 'workers', close: () => Promise.all(workers.map((w) => w.close())) },
        { name: 'queues', close: () => queues.close() },
        { name: 'mailer', close: async () => alerts?.close() },
        { name: 'redis', close: async () => redis.disconnect() },
      ],
      5_000,
      logger,
    );
    throw error;
  }
  for (const worker of workers) void worker.run().catch((error: unknown) => logger.error({ err: error, queue: worker.name }, 'worker stopped'));
  logger.info(
    { tenantId: config.TENANT_ID, redisVersion: info.version, queues: Object.keys(queues.queues).length, http: http?.url ?? null, cron: config.NIGHTLY_CRON, tz: config.NIGHTLY_TZ },
    'worker started',
  );
  return {
    queues,
    workers,
    http: http?.app ?? null,
    httpUrl: http?.url ?? null,
    redis,
    metrics,
    close: (timeoutMs = config.SHUTDOWN_TIMEOUT_MS) =>
      closeAll(
        [
          // First: a job ending while the workers close would otherwise plan a collection during the close.
          { name: 'idle collection', close: async () => idle?.stop() },
          ...(http ? [{ name: 'http', close: () => http!.close() }] : []),
          { name: 'redis watch', close: async () => watch?.close() },
          { name: 'workers', close: () => Promise.all(workers.map((w) => w.close())) },
          { name: 'queues', close: () => queues.close() },
          ...(alerts ? [{ name: 'mailer', close: () => alerts.close() }] : []),
          { name: 'redis', close: () => redis.quit() },
        ],
        timeoutMs,
        logger,
      ),
  };
}

/** The idle collection (see idle-gc.ts) after `delayMs` without a job; none when 0, or (logged) where this Node cannot expose a full collection. */
function startIdleCollector(delayMs: number, logger: Logger): IdleCollector | null {
  if (delayMs === 0) return null;
  try {
    return idleCollector({ collect: exposedGc(), delayMs, logger });
  } catch (error) {
    logger.warn({ err: error }, 'no idle garbage collection: the heap is collected only when V8 needs room');
    return null;
  }
}

/**
 * The nightly period as configured now: SYNC_YEAR without SYNC_AS_OF years in the past stops the
 * start (PERIOD_IMPLAUSIBLE); a year no mapping covers is logged, since runs for other years
 * (`sync-now --year`) still work.
 */
function checkBootPeriod(config: Config, clock: Clock, mappings: ProgrammeMapping[], logger: Logger): void {
  try {
    const period = resolvePeriod({}, { settings: config, clock, mappings, purpose: 'write' });
    for (const warning of period.warnings) logger.warn({ year: period.year, asOf: period.asOf, warning }, 'unusual period');
  } catch (error) {
    if (!isAppError(error) || error.code !== 'MAPPING_NO_PERIOD') throw error;
    logger.warn({ err: error }, 'no programme covers the nightly year; set SYNC_YEAR (and SYNC_AS_OF) or add a mapping file');
  }
}
