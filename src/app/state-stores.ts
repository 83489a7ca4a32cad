import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from '../config/load.js';
import { AppError } from '../shared/errors.js';
import { fileAuditLog, redisAuditLog, type AuditLog } from '../store/audit-log.js';
import { fileSnapshotStore, redisSnapshotStore, type SnapshotStore } from '../store/snapshot-store.js';
import { fileStatusStore } from '../store/status-store-file.js';
import { redisStatusStore, type StatusStore } from '../store/status-store.js';

/*
 * A tenant's state stores and a command's Redis connection, apart from the Stratsys client and the
 * mailer (compose.ts), so commands that only queue or read (`rerun`, `sync-now`, `report`) do not
 * load them.
 */

/** The state of one tenant: its pulls, the write-back audit and the units' last imports. */
export interface StateStores {
  snapshots: SnapshotStore;
  audit: AuditLog;
  /** Each unit's last import (ok or failed) and the recent runs. */
  status: StatusStore;
  /** Where the stores live, for messages: a folder or `redis`. */
  location: string;
}

/** Redis key prefix of one tenant's own state (queues use the same prefix through BullMQ). */
export function tenantKeyPrefix(config: Config): string {
  return `${config.REDIS_PREFIX}:${config.TENANT_ID}`;
}

/** Stores in Redis when a connection is given, otherwise in files under STATE_DIR/<tenant>. */
export function createStateStores(config: Config, redis?: Redis): StateStores {
  if (redis) {
    const prefix = tenantKeyPrefix(config);
    return { snapshots: redisSnapshotStore(redis, prefix), audit: redisAuditLog(redis, `${prefix}:audit`), status: redisStatusStore(redis, prefix), location: 'redis' };
  }
  const dir = path.join(config.STATE_DIR, config.TENANT_ID);
  return { snapshots: fileSnapshotStore(dir), audit: fileAuditLog(dir), status: fileStatusStore(dir), location: dir };
}

/**
 * The one Redis connection of a command-line run, connected, with the producers' fail-fast options
 * (no offline queue, one retry per command, a few reconnects): undefined without REDIS_URL unless
 * `requiredFor` says what needs it (then CONFIG_INVALID). A failed connect (refused, wrong password)
 * is REDIS_UNSUITABLE naming the server's reason, never the URL or the password; later connection
 * errors surface through the failing command, not as ioredis' "Unhandled error event". The caller
 * disconnects it.
 */
export async function openCliRedis(config: Config, requiredFor: string): Promise<Redis>;
export async function openCliRedis(config: Config): Promise<Redis | undefined>;
export async function openCliRedis(config: Config, requiredFor?: string): Promise<Redis | undefined> {
  if (!config.REDIS_URL) {
    if (requiredFor === undefined) return undefined;
    throw new AppError('CONFIG_INVALID', `REDIS_URL: required ${requiredFor}`);
  }
  const { createProducerConnection } = await import('../queue/connection.js');
  const redis = createProducerConnection(config.REDIS_URL, { lazyConnect: true });
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => (lastError = error));
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new AppError('REDIS_UNSUITABLE', `Redis is not reachable: ${(lastError ?? (error as Error)).message}`, { retryable: true, cause: error });
  }
}
