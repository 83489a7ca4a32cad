import { Redis, type RedisOptions } from 'ioredis';
import { AppError } from '../shared/errors.js';

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

/** Connection for producers (CLI, HTTP): fail fast instead of queueing commands while Redis is down. */
export function createProducerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 5_000,
    retryStrategy: (times) => (times > 3 ? null : times * 200),
    ...extra,
  });
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
 * with an eviction policy other than `noeviction` (evicted job keys would corrupt queues).
 */
export async function checkRedis(redis: Redis): Promise<{ version: string; maxmemoryPolicy: string }> {
  let info: Record<string, string>;
  try {
    info = parseInfo(`${await redis.info('server')}\n${await redis.info('memory')}`);
  } catch (error) {
    throw new AppError('REDIS_UNSUITABLE', `Redis is not reachable: ${(error as Error).message}`, { retryable: true });
  }
  const version = info.redis_version ?? '0.0.0';
  const maxmemoryPolicy = info.maxmemory_policy ?? 'unknown';
  if (compareVersions(version, MIN_REDIS_VERSION) < 0) {
    throw new AppError('REDIS_UNSUITABLE', `Redis ${version} is too old: stratsys-sync needs ${MIN_REDIS_VERSION} or newer`);
  }
  if (maxmemoryPolicy !== 'noeviction') {
    throw new AppError('REDIS_UNSUITABLE', `Redis maxmemory-policy is "${maxmemoryPolicy}": set it to "noeviction" (e.g. \`CONFIG SET maxmemory-policy noeviction\` and in redis.conf), or queued jobs can be evicted`);
  }
  return { version, maxmemoryPolicy };
}
