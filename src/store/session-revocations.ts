import type { Redis } from 'ioredis';

/**
 * Admin HTTP sessions ended by `POST /logout` before their expiry. A session cookie is signed, so
 * any replica can check it; this list is what makes a logged-out cookie worthless everywhere.
 * Entries live until the session would have expired anyway.
 */
export interface SessionRevocations {
  /** Marks session `id` as ended; `expiresAtMs` is when the cookie expires by itself (epoch ms). */
  revoke(id: string, expiresAtMs: number): Promise<void>;
  isRevoked(id: string): Promise<boolean>;
}

/** In this process only: for tests and a single replica without Redis. At most `maxEntries` kept. */
export function memorySessionRevocations(now: () => number = Date.now, maxEntries = 10_000): SessionRevocations {
  const ended = new Map<string, number>();
  return {
    async revoke(id, expiresAtMs) {
      if (ended.size >= maxEntries) for (const [key, until] of ended) if (until <= now()) ended.delete(key);
      if (ended.size >= maxEntries) ended.delete(ended.keys().next().value as string);
      ended.set(id, expiresAtMs);
    },
    async isRevoked(id) {
      const until = ended.get(id);
      return until !== undefined && until > now();
    },
  };
}

/** In Redis under `<keyPrefix>:<id>`, expiring with the session, shared by every replica. */
export function redisSessionRevocations(redis: Redis, keyPrefix: string): SessionRevocations {
  return {
    async revoke(id, expiresAtMs) {
      const ttlMs = Math.max(1_000, expiresAtMs - Date.now());
      await redis.set(`${keyPrefix}:${id}`, '1', 'PX', ttlMs);
    },
    async isRevoked(id) {
      return (await redis.exists(`${keyPrefix}:${id}`)) === 1;
    },
  };
}
