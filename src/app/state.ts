import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from '../config/load.js';
import { fileAuditLog, redisAuditLog, type AuditLog } from '../store/audit-log.js';
import { fileSnapshotStore, redisSnapshotStore, type SnapshotStore } from '../store/snapshot-store.js';
import { fileStatusStore } from '../store/status-store-file.js';
import { redisStatusStore, type StatusStore } from '../store/status-store.js';

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
