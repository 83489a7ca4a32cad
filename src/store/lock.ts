import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../shared/errors.js';

/** Runs one critical section at a time for a tenant, across every replica. */
export interface TenantLock {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** No lock: one process, no Redis (`run --once` with file state). */
export const noLock: TenantLock = { run: (fn) => fn() };

const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
const RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";

export interface RedisLockOptions {
  /** Lease, renewed every third of it while the section runs. Default 60 s. */
  leaseMs?: number;
  /** Longest wait for the lock before giving up (retryable). Default 15 min. */
  waitMs?: number;
  pollMs?: number;
}

/**
 * A lease lock in Redis (`SET key token NX PX lease`, renewed while held, released only by its
 * holder). A holder that dies releases it when the lease runs out.
 */
export function redisLock(redis: Redis, key: string, options: RedisLockOptions = {}): TenantLock {
  const leaseMs = options.leaseMs ?? 60_000;
  const waitMs = options.waitMs ?? 15 * 60_000;
  const pollMs = options.pollMs ?? 250;
  return {
    async run(fn) {
      const token = randomUUID();
      const deadline = Date.now() + waitMs;
      while ((await redis.set(key, token, 'PX', leaseMs, 'NX')) !== 'OK') {
        if (Date.now() > deadline) throw new AppError('INTERNAL', `lock ${key} still held by another run after ${waitMs} ms`, { retryable: true });
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      const renew = setInterval(() => void redis.eval(RENEW, 1, key, token, String(leaseMs)).catch(() => undefined), Math.floor(leaseMs / 3));
      try {
        return await fn();
      } finally {
        clearInterval(renew);
        await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
      }
    },
  };
}
