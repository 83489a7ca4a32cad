import type { Redis } from 'ioredis';
import { AppError } from '../shared/errors.js';
import { DEFAULT_RETENTION_MS, type AlertLedger, type ClaimResult, type DigestStatus, type SentRecord } from './ledger.js';

/**
 * The alert ledger in Redis, shared by every worker replica. Keys (prefix = `<REDIS_PREFIX>:<tenant>:alerts`):
 * - `<prefix>:digest:<digestKey>`: `claimed <token>` with PX lease (SET NX), then `sent <json>`
 *   with PX retention;
 * - `<prefix>:sent:<year>`: set of entry ids, PX retention refreshed on every commit.
 * Both share the prefix, so a `{hash-tag}` prefix keeps them in one Redis Cluster slot.
 */

// Deletes the claim only when the caller still holds it (compare-and-delete).
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

// Time left on a claim (PTTL), 0 for a sent record or no key.
const LEASE_LEFT_SCRIPT = `local v = redis.call('GET', KEYS[1]) if v and string.sub(v, 1, 8) == 'claimed ' then return math.max(0, redis.call('PTTL', KEYS[1])) else return 0 end`;

const CLAIMED = 'claimed ';
const SENT = 'sent ';

/** Options of the Redis ledger. */
export interface RedisAlertLedgerOptions {
  /** How long sent records and sent sets are kept, in ms. Default DEFAULT_RETENTION_MS (400 days). */
  retentionMs?: number;
}

/** A ledger over `redis` under `keyPrefix` (e.g. `stratsys-sync:gavle:alerts`). */
export function createRedisAlertLedger(redis: Redis, keyPrefix: string, options: RedisAlertLedgerOptions = {}): AlertLedger {
  const digestKey = (key: string) => `${keyPrefix}:digest:${key}`;
  const sentKey = (year: number) => `${keyPrefix}:sent:${year}`;
  const retentionMs = () => options.retentionMs ?? DEFAULT_RETENTION_MS;
  return {
    location: 'redis',
    async sentEntries(year) {
      return new Set(await redis.smembers(sentKey(year)));
    },
    async claim(key, token, leaseMs): Promise<ClaimResult> {
      const claimed = await redis.set(digestKey(key), `${CLAIMED}${token}`, 'PX', Math.max(1, Math.round(leaseMs)), 'NX');
      if (claimed === 'OK') return 'claimed';
      const value = await redis.get(digestKey(key));
      return value?.startsWith(SENT) ? 'sent' : 'busy';
    },
    async commit(key, record: SentRecord) {
      const transaction = redis.multi().set(digestKey(key), `${SENT}${JSON.stringify(record)}`, 'PX', retentionMs());
      if (record.entries.length > 0) transaction.sadd(sentKey(record.year), ...record.entries).pexpire(sentKey(record.year), retentionMs());
      const results = await transaction.exec();
      const failed = results?.find(([error]) => error !== null)?.[0];
      if (results === null || failed) {
        throw new AppError('INTERNAL', 'alert ledger: recording a sent digest in Redis failed', { cause: failed ?? undefined, retryable: true });
      }
    },
    async release(key, token) {
      await redis.eval(RELEASE_SCRIPT, 1, digestKey(key), `${CLAIMED}${token}`);
    },
    async status(key): Promise<DigestStatus> {
      const value = await redis.get(digestKey(key));
      if (value === null) return 'absent';
      return value.startsWith(SENT) ? 'sent' : 'claimed';
    },
    async leaseLeftMs(key) {
      return Number(await redis.eval(LEASE_LEFT_SCRIPT, 1, digestKey(key)));
    },
  };
}
