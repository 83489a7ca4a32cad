import { Redis, type RedisOptions } from 'ioredis';
import { AppError, isAppError } from '../shared/errors.js';

/** Oldest Redis the worker accepts (BullMQ needs ≥ 6.2 for the commands it uses). */
export const MIN_REDIS_VERSION = '6.2.0';

/**
 * Connection for workers and queue events: commands wait through reconnects
 * (`maxRetriesPerRequest: null`, BullMQ's production guidance), reconnecting with capped backoff.
 */
export function createWorkerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
    ...extra,
  });
}

/** Connection for producers (the CLI, through openCliRedis in src/app/compose.ts): fail fast instead of queueing commands while Redis is down. */
export function createProducerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 5_000,
    retryStrategy: (times) => (times > 3 ? null : times * 200),
    ...extra,
  });
}

/** How long an admin HTTP request waits for one Redis command before it answers 503. */
export const HTTP_REDIS_TIMEOUT_MS = 2_000;

/**
 * Connection for the admin HTTP handlers: never queues a command while Redis is down (it fails at
 * once, so a request the caller gave up on cannot run later), gives each command
 * HTTP_REDIS_TIMEOUT_MS, and keeps reconnecting in the background.
 */
export function createHttpConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: HTTP_REDIS_TIMEOUT_MS,
    commandTimeout: HTTP_REDIS_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...extra,
  });
}

const CONNECTION_FAILURES = [
  /Stream isn't writeable/i,
  /Connection is closed/i,
  /max retries per request/i,
  /Command timed out/i,
  /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)\b/,
];

/** True when `error` (or one of its causes) says the Redis connection is down or a command got no answer. */
export function isRedisConnectionError(error: unknown): boolean {
  // A coded error from elsewhere (a Stratsys network failure, say) is not about Redis.
  if (isAppError(error) && error.code !== 'INTERNAL' && error.code !== 'REDIS_UNSUITABLE') return false;
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const failure = current;
    if (failure.name === 'MaxRetriesPerRequestError' || CONNECTION_FAILURES.some((pattern) => pattern.test(failure.message))) return true;
    current = failure.cause;
  }
  return false;
}

/** True when a command was sent but its answer did not come in time: it may still have been applied. */
export function isRedisTimeout(error: unknown): boolean {
  return error instanceof Error && /Command timed out/i.test(error.message);
}

/**
 * REDIS_UNSUITABLE for a lost connection, saying what was being done and what to do next. The
 * reason is the driver's message (host and port at most, never the URL's credentials).
 */
export function redisUnavailable(error: unknown, doing: string, advice: string): AppError {
  const reason = describeRedisFailure(error);
  return new AppError('REDIS_UNSUITABLE', `Redis is not reachable (${reason}) while ${doing}: ${advice}`, { retryable: true, cause: error });
}

/** The driver's failure in a few words. */
function describeRedisFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'MaxRetriesPerRequestError' || /max retries per request|Stream isn't writeable/i.test(error.message)) return 'connection lost';
  if (/Command timed out/i.test(error.message)) return 'no answer in time';
  return error.message.split('\n')[0] ?? 'unknown failure';
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) out[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return out;
}

/**
 * Refuses a Redis the worker cannot run on safely: unreachable, older than MIN_REDIS_VERSION, or
 * with an eviction policy other than `noeviction` (evicted job keys would corrupt queues). A worker
 * connection waits through reconnects, so the check gives up after `timeoutMs`.
 */
export async function checkRedis(redis: Redis, timeoutMs = 30_000): Promise<{ version: string; maxmemoryPolicy: string }> {
  let info: Record<string, string>;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    info = parseInfo((await Promise.race([Promise.all([redis.info('server'), redis.info('memory')]), timeout])).join('\n'));
  } catch (error) {
    throw new AppError('REDIS_UNSUITABLE', `Redis is not reachable: ${(error as Error).message}`, { retryable: true });
  } finally {
    clearTimeout(timer);
  }
  const version = info.redis_version ?? '0.0.0';
  const maxmemoryPolicy = info.maxmemory_policy ?? 'unknown';
  if (compareVersions(version, MIN_REDIS_VERSION) < 0) {
    throw new AppError('REDIS_UNSUITABLE', `Redis ${version} is too old: stratsys-sync needs ${MIN_REDIS_VERSION} or newer`);
  }
  if (maxmemoryPolicy !== 'noeviction') {
    throw new AppError(
      'REDIS_UNSUITABLE',
      `Redis maxmemory-policy is "${maxmemoryPolicy}": set it to "noeviction" (e.g. \`CONFIG SET maxmemory-policy noeviction\` and in redis.conf), or queued jobs can be evicted`,
    );
  }
  return { version, maxmemoryPolicy };
}
