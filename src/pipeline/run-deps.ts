import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { StratsysClient } from '../stratsys/client.js';
import type { AuditLog } from '../store/audit-log.js';
import type { TenantLock } from '../store/lock.js';
import type { SnapshotStore } from '../store/snapshot-store.js';
import type { StatusStore } from '../store/status-store.js';

/** The adapters every step of a run uses: the Stratsys client, the stores, the clock and the log. */
export interface RunDeps {
  tenantId: string;
  /** Serialises evaluate + write-back per tenant across replicas (read-then-write must not interleave). */
  lock?: TenantLock;
  /**
   * Units pulled at once in-process (default 8). Each unit's requests already fill the request
   * limit; pulling every unit at once would keep every unit's partial data in memory until the end.
   */
  unitConcurrency?: number;
  client: StratsysClient;
  clock: Clock;
  logger: Logger;
  snapshots: SnapshotStore;
  audit: AuditLog;
  timeZone: string;
  /**
   * Each unit's last import: a run records its imports here, and a one-unit run holds back the
   * units whose last import failed (their stored pull is older than the run that failed them).
   */
  status?: StatusStore;
}
