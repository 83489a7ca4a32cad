import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../shared/errors.js';
import { resolveUnit } from '../pipeline/find-unit.js';
import { isRedisConnectionError, isRedisTimeout, redisUnavailable } from '../queue/connection.js';
import { enqueueRerun, enqueueSyncNow } from '../queue/producer.js';
import { memorySessionRevocations } from '../store/session-revocations.js';
import { isLoopback } from './auth.js';
import { createPageAuth } from './page/session.js';
import { registerQueueBoard } from './queue-board.js';
import type { HttpDeps } from './deps.js';
import { refuse, registerStatusPage } from './status-page.js';
import { formatZodIssues } from '../shared/zod-issues.js';
import { YEARS } from '../shared/years.js';

const YearQuery = z.object({ year: z.coerce.number().int().min(YEARS.min).max(YEARS.max).optional() }).strict();
/** `GET /status?limit=&offset=`: a page of units in id order, after the failed ones. */
const UnitPageQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) }).strict();

/**
 * The admin HTTP app, without listen(): `/healthz` is open (liveness), and so is `/login`;
 * everything else needs `Authorization: Bearer <ADMIN_TOKEN>` or the session cookie from `/login`
 * (with a CSRF header on unsafe requests); see src/http/page/session.ts.
 */
export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  const auth = createPageAuth(deps.adminToken, deps.now, deps.sessions ?? memorySessionRevocations(() => deps.now().getTime()));
  app.addHook('onRequest', async (request, reply) => {
    // Without a token the server is bound to loopback; a foreign Host header means DNS rebinding.
    if (deps.adminToken === null && request.url !== '/healthz' && !isLoopback(hostOf(request.headers.host))) {
      return reply.code(403).send({ error: 'forbidden', message: 'without ADMIN_TOKEN only requests to localhost are served' });
    }
    const verdict = await auth.check(request);
    if (!verdict.ok) await refuse(request, reply, verdict);
  });
  app.setErrorHandler(async (error, request, reply) => {
    if (isRedisUnsuitable(error) || isRedisConnectionError(error)) return reply.code(503).send(redisFailure(error, request.method, request.routeOptions.url ?? request.url));
    const status = (error as { statusCode?: number }).statusCode;
    if (!isAppError(error) && status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send({ error: 'BAD_REQUEST', message: (error as Error).message });
    }
    if (isAppError(error) && (error.code === 'MAPPING_NO_PERIOD' || error.code === 'PULL_INCOMPLETE')) return reply.code(409).send({ error: error.code, message: withoutFolders(error.message) });
    if (isAppError(error) && error.code === 'UNKNOWN_DEPARTMENT') return reply.code(404).send({ error: error.code, message: error.message, suggestions: error.details?.suggestions ?? [] });
    if (isAppError(error) && (error.code === 'PAYLOAD_INVALID' || error.code === 'CLI_USAGE')) return reply.code(400).send({ error: error.code, message: error.message });
    deps.logger.error({ err: error, method: request.method, url: request.routeOptions.url }, 'http request failed');
    return reply.code(500).send({ error: 'INTERNAL', message: 'internal error; see the worker log' });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const redis = await withTimeout(deps.pingRedis(), 1_000).catch(() => false);
    const stratsys = deps.isStratsysReachable();
    const problems = deps.readiness?.() ?? [];
    const ready = redis && stratsys !== false && problems.length === 0;
    return reply.code(ready ? 200 : 503).send({ ready, redis, stratsys: stratsys ?? 'not checked yet', problems });
  });
  app.get('/metrics', async (_request, reply) => reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()));
  app.get('/status', async (request, reply) => {
    const query = UnitPageQuery.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: 'PAYLOAD_INVALID', message: query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    const [page, runs, lastNightlySuccess] = await Promise.all([deps.status.unitPage(query.data), deps.status.runs(20), deps.status.lastNightlySuccess()]);
    const { units, counts: unitCounts, ...unitsPage } = page;
    return { tenantId: deps.tenantId, lastNightlySuccess, lastRun: runs[0] ?? null, runs, unitCounts, unitsPage, units };
  });
  app.post<{ Params: { id: string } }>('/departments/:id/rerun', async (request, reply) => {
    const query = YearQuery.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: 'PAYLOAD_INVALID', message: formatZodIssues(query.error.issues).join('; ') });
    const units = await deps.listUnits(query.data.year);
    if (units.length === 0) return reply.code(409).send({ error: 'PULL_INCOMPLETE', message: 'no stored pull yet: run a sync first (POST /sync-now)' });
    const unit = resolveUnit(request.params.id, units);
    await requireRedis(deps, `queueing a re-run of unit ${unit.id}`);
    const queued = await enqueueRerun(deps.queues, { unitId: unit.id, year: query.data.year }, deps.now());
    return reply.code(queued.existing ? 200 : 202).send({ unitId: unit.id, unitName: unit.name, ...queued });
  });
  app.post('/sync-now', async (_request, reply) => {
    await requireRedis(deps, 'queueing a sync');
    const queued = await enqueueSyncNow(deps.queues, {}, deps.now());
    return reply.code(queued.existing ? 200 : 202).send(queued);
  });
  registerStatusPage(app, deps, auth);

  await registerQueueBoard(app, deps.queues, deps.queueDashboard ?? 'retry-failed');
  return app;
}

/**
 * Asks Redis once more right before something is queued: a Redis that hangs answers 503 here,
 * before the job is sent, so a request the caller gave up on cannot be queued behind its back.
 */
async function requireRedis(deps: HttpDeps, doing: string): Promise<void> {
  const error = await deps.pingRedis().then(
    (ok) => (ok ? null : new Error('the connection is down')),
    (failure: unknown) => failure,
  );
  if (error !== null) throw redisUnavailable(error, doing, 'nothing was queued; try again once /readyz answers 200');
}

/** The 503 body for a Redis that is down or did not answer: what happened and what to do. */
function redisFailure(error: unknown, method: string, route: string): { error: 'REDIS_UNSUITABLE'; message: string } {
  const doing = `answering ${method} ${route}`;
  if (isRedisUnsuitable(error)) return { error: 'REDIS_UNSUITABLE', message: (error as Error).message };
  const advice =
    method !== 'GET' && isRedisTimeout(error)
      ? 'Redis did not answer in time, so this may or may not have been queued; look at /status before asking again (a sync or re-run already queued or running is not queued twice)'
      : method === 'GET'
        ? 'try again once /readyz answers 200'
        : 'nothing was queued; try again once /readyz answers 200';
  return { error: 'REDIS_UNSUITABLE', message: redisUnavailable(error, doing, advice).message };
}

const isRedisUnsuitable = (error: unknown) => isAppError(error) && error.code === 'REDIS_UNSUITABLE';

/** An error message for an HTTP client: file paths reduced to file names (folders of this machine are not its business). */
export function withoutFolders(message: string): string {
  return message.replace(/(^|[\s(="'])(?:[A-Za-z]:)?(?:\.{0,2}[\\/])?(?:[^\s\\/()"']+[\\/])+([^\s\\/()"']+\.[A-Za-z0-9]{1,8})(?=$|[\s),;"'])/g, '$1$2');
}

function hostOf(header: string | undefined): string {
  if (!header) return '';
  if (header.startsWith('[')) return header.slice(1, header.indexOf(']'));
  return header.split(':')[0] ?? '';
}

/** Rejects when `promise` takes longer than `ms` (a probe must answer even while Redis hangs). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)))]).finally(() => clearTimeout(timer));
}
