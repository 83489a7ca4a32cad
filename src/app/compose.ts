import path from 'node:path';
import type { Redis } from 'ioredis';
import type { AlertLedger } from '../alerts/ledger.js';
import type { Mailer } from '../alerts/mailer.js';
import type { AlertOutcome } from '../alerts/outcome.js';
import type { AlertDeps } from '../alerts/send-alerts.js';
import type { Config } from '../config/load.js';
import type { AlertRunner, AlertSummary } from '../pipeline/alert-runner.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { fileAuditLog, redisAuditLog, type AuditLog } from '../store/audit-log.js';
import { fileSnapshotStore, redisSnapshotStore, type SnapshotStore } from '../store/snapshot-store.js';
import { fileStatusStore } from '../store/status-store-file.js';
import { redisStatusStore, type StatusStore } from '../store/status-store.js';
import type { StratsysClient } from '../stratsys/client.js';
import { createStratsysClient } from '../stratsys/create.js';
import type { RatePacer } from '../stratsys/limiter.js';
import type { RequestEvent } from '../stratsys/transport.js';

/*
 * The composition root: every adapter the commands, the worker and the admin HTTP server use is
 * built here from the config — the Stratsys client, the state stores (Redis or files), the CLI's
 * Redis connection and the alert step (mailer, ledger, deps, runner). Adapters of heavy packages
 * (ioredis, nodemailer) are imported when first built, so a command that never builds them (e.g.
 * `mappings … --help`) never loads them.
 */

/** What the Stratsys client is built from. */
export interface StratsysDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  pacer?: RatePacer;
  onRequest?: (event: RequestEvent) => void;
}

/** One Stratsys client per process and tenant. */
export function buildStratsysClient(deps: StratsysDeps): StratsysClient {
  return createStratsysClient(deps.config, { clock: deps.clock, logger: deps.logger, pacer: deps.pacer, onRequest: deps.onRequest });
}

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

/** The ledger: Redis keys `<REDIS_PREFIX>:<tenant>:alerts:*` with a connection, else files under STATE_DIR/<tenant>/alerts. */
export async function createAlertLedger(config: Config, options: { clock: Clock; redis?: Redis }): Promise<AlertLedger> {
  if (options.redis) {
    const { createRedisAlertLedger } = await import('../alerts/ledger-redis.js');
    return createRedisAlertLedger(options.redis, `${tenantKeyPrefix(config)}:alerts`);
  }
  const { createFileAlertLedger } = await import('../alerts/ledger-file.js');
  return createFileAlertLedger(path.join(config.STATE_DIR, config.TENANT_ID, 'alerts'), options.clock);
}

/** The mailer: pooled SMTP when SMTP_URL is set, else `.eml` files in OUTBOX_DIR; MAIL_FROM as sender. */
export async function createAlertMailer(config: Config): Promise<Mailer> {
  const { createOutboxMailer, createSmtpMailer } = await import('../alerts/mailer.js');
  if (config.SMTP_URL) return createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM, allowInsecureAuth: config.SMTP_ALLOW_INSECURE });
  return createOutboxMailer({ dir: config.OUTBOX_DIR, from: config.MAIL_FROM });
}

/**
 * Everything runAlertStep needs, plus `close()` for the mailer's pooled connections. The Redis
 * connection stays the caller's to close.
 */
export async function createAlertDeps(config: Config, options: { logger: Logger; clock: Clock; redis?: Redis }): Promise<AlertDeps & { close(): Promise<void> }> {
  const mailer = await createAlertMailer(config);
  return {
    mailer,
    ledger: await createAlertLedger(config, options),
    logger: options.logger.child({ module: 'alerts' }),
    clock: options.clock,
    leaseMs: config.ALERT_CLAIM_LEASE_MS,
    close: () => mailer.close(),
  };
}

/**
 * The summary the queue and `run --once` show: counts (`skipped` = already sent in the current
 * step, by this or an earlier run or another worker), area keys without an address, the paragraph.
 */
export async function toAlertSummary(outcome: AlertOutcome): Promise<AlertSummary> {
  const { formatAlertOutcome, pendingRetryInMs } = await import('../alerts/outcome.js');
  return {
    sent: outcome.sent.length,
    skipped: outcome.skipped.length + outcome.upToDate,
    pending: outcome.pending.length,
    pendingRetryInMs: pendingRetryInMs(outcome),
    failed: outcome.failed.length,
    ownersWithoutAddress: outcome.ownersWithoutAddress.map((owner) => owner.focusAreaKey),
    text: formatAlertOutcome(outcome),
  };
}

/** The pipeline's AlertRunner over runAlertStep. */
export function createAlertRunner(deps: AlertDeps): AlertRunner {
  return {
    run: async (input) => {
      const { runAlertStep } = await import('../alerts/send-alerts.js');
      return toAlertSummary(await runAlertStep(deps, input));
    },
  };
}

/** An alert runner and the close of the mailer it holds. */
export interface ClosableAlertRunner {
  runner: AlertRunner;
  close(): Promise<void>;
}

/** Builds the alert step for a connection: SMTP (SMTP_URL) or the outbox, its ledger in Redis when given. */
export type AlertRunnerFactory = (redis?: Redis) => Promise<ClosableAlertRunner>;

/** The alert step over SMTP (SMTP_URL) or the outbox, with its ledger in Redis when given. */
export function createAlertRunnerFactory(config: Config, logger: Logger, clock: Clock): AlertRunnerFactory {
  return async (redis) => {
    const deps = await createAlertDeps(config, { logger, clock, redis });
    return { runner: createAlertRunner(deps), close: () => deps.close() };
  };
}
