import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../config/load.js';
import { tenantDisplayName } from '../config/load.js';
import { buildHttpApp } from '../http/app.js';
import type { Readiness } from '../http/deps.js';
import type { Metrics } from '../http/metrics.js';
import { selectPeriod } from '../mapping/file/load.js';
import { planPull } from '../mapping/engine/pull-plan.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import { importableUnits } from '../pipeline/find-unit.js';
import { createHttpConnection, HTTP_REDIS_TIMEOUT_MS } from '../queue/connection.js';
import { createQueues } from '../queue/queues.js';
import { reproduceRunReport } from '../report/reproduce.js';
import { storedReportLoader } from '../report/source.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { redisSessionRevocations } from '../store/session-revocations.js';
import { redisStatusStore } from '../store/status-store.js';
import { resolveYearAndAsOf } from './period.js';
import { createStateStores, tenantKeyPrefix } from './state-stores.js';
import { JOB_SPECS } from '../../jobs/specs.js';

/** A listening admin HTTP server and what it holds open. */
export interface AdminHttp {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export interface AdminHttpInput {
  config: Config;
  logger: Logger;
  clock: Clock;
  mappings: ProgrammeMapping[];
  metrics: Metrics;
  /** The workers' own connection: readiness needs it up too. */
  workerRedis: Redis;
  isStratsysReachable(): boolean | null;
  /** What the worker knows beyond reachability (e.g. Redis lost its data), for /readyz. */
  readiness?: () => Readiness;
}

/**
 * The admin HTTP server of a worker process. Its handlers read and queue over their own fail-fast
 * Redis connection (createHttpConnection), never the workers' connection, which waits through
 * outages: while Redis is down every handler answers 503 REDIS_UNSUITABLE at once, and nothing a
 * caller asked for is held back to run later.
 */
export async function startAdminHttp(input: AdminHttpInput): Promise<AdminHttp> {
  const { config, logger, clock, mappings } = input;
  const redis = createHttpConnection(config.REDIS_URL ?? '');
  redis.on('error', () => undefined); // every failed command answers its request with 503
  // Connected before the first request (commands are never queued while connecting); a Redis
  // gone again since the worker's own check is answered with 503 like any outage.
  await untilReady(redis, HTTP_REDIS_TIMEOUT_MS * 2);
  const prefix = tenantKeyPrefix(config);
  const queues = createQueues(redis, config.TENANT_ID, config.REDIS_PREFIX, JOB_SPECS);
  const status = redisStatusStore(redis, prefix);
  const stores = createStateStores(config, redis);
  // The year and as-of the page shows by default: SYNC_YEAR / SYNC_AS_OF, else those of the stored pull.
  const pagePeriod = async (year?: number) => resolveYearAndAsOf({ year }, { settings: config, clock, purpose: 'read', stored: (await stores.snapshots.loadTenant())?.period });
  const reportDeps = { tenantId: config.TENANT_ID, clock, snapshots: stores.snapshots, timeZone: config.REPORT_TIME_ZONE, status, stratsysBaseUrl: config.STRATSYS_BASE_URL };
  const reportAsOf = async (year: number) => (await pagePeriod(year)).asOf;
  let app: FastifyInstance | null = null;
  try {
    app = await buildHttpApp({
      tenantId: config.TENANT_ID,
      tenantName: tenantDisplayName(config),
      adminToken: config.ADMIN_TOKEN ?? null,
      queues,
      status,
      metrics: input.metrics,
      logger,
      now: () => clock.now(),
      listUnits: async (year) => {
        const tenant = await stores.snapshots.loadTenant();
        if (!tenant) return [];
        const mapping = selectPeriod(mappings, (await pagePeriod(year)).year);
        return importableUnits(planPull(mapping, tenant.departments), tenant.departments);
      },
      pingRedis: async () => input.workerRedis.status === 'ready' && (await redis.ping()) === 'PONG',
      isStratsysReachable: input.isStratsysReachable,
      readiness: input.readiness,
      queueDashboard: config.QUEUE_DASHBOARD,
      sessions: redisSessionRevocations(redis, `${prefix}:http-session-ended`),
      page: {
        timeZone: config.REPORT_TIME_ZONE,
        defaultYear: async () => (await pagePeriod()).year,
        loadReport: storedReportLoader(reportDeps, mappings, reportAsOf),
        loadPageReport: storedReportLoader(reportDeps, mappings, reportAsOf, 'facts'),
        loadRunReport: (runId) => reproduceRunReport(config.REPORT_DIR, config.TENANT_ID, runId),
      },
    });
    const url = await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
    const server = app;
    return {
      app: server,
      url,
      async close() {
        await server.close();
        await queues.close();
        redis.disconnect();
      },
    };
  } catch (error) {
    await app?.close();
    await queues.close().catch(() => undefined);
    redis.disconnect();
    throw error;
  }
}

function untilReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}
