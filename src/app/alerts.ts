import path from 'node:path';
import type { Redis } from 'ioredis';
import type { AlertLedger } from '../alerts/ledger.js';
import { createFileAlertLedger } from '../alerts/ledger-file.js';
import { createRedisAlertLedger } from '../alerts/ledger-redis.js';
import { createOutboxMailer, createSmtpMailer, type Mailer } from '../alerts/mailer.js';
import { formatAlertOutcome, pendingRetryInMs, type AlertOutcome } from '../alerts/outcome.js';
import { runAlertStep, type AlertDeps } from '../alerts/send-alerts.js';
import type { Config } from '../config/load.js';
import type { AlertRunner, AlertSummary } from '../pipeline/alert-runner.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { tenantKeyPrefix } from './state.js';

/**
 * Builds the alert step's adapters from the config: SMTP (SMTP_URL) or the outbox (OUTBOX_DIR) as
 * mailer, Redis (when a connection is given) or files under STATE_DIR/<tenant>/alerts as ledger.
 */

/** The ledger: Redis keys `<REDIS_PREFIX>:<tenant>:alerts:*` with a connection, else files under STATE_DIR/<tenant>/alerts. */
export function createAlertLedger(config: Config, options: { clock: Clock; redis?: Redis }): AlertLedger {
  if (options.redis) return createRedisAlertLedger(options.redis, `${tenantKeyPrefix(config)}:alerts`);
  return createFileAlertLedger(path.join(config.STATE_DIR, config.TENANT_ID, 'alerts'), options.clock);
}

/** The mailer: pooled SMTP when SMTP_URL is set, else `.eml` files in OUTBOX_DIR; MAIL_FROM as sender. */
export function createAlertMailer(config: Config): Mailer {
  if (config.SMTP_URL) return createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM, allowInsecureAuth: config.SMTP_ALLOW_INSECURE });
  return createOutboxMailer({ dir: config.OUTBOX_DIR, from: config.MAIL_FROM });
}

/**
 * Everything runAlertStep needs, plus `close()` for the mailer's pooled connections. The Redis
 * connection stays the caller's to close.
 */
export function createAlertDeps(config: Config, options: { logger: Logger; clock: Clock; redis?: Redis }): AlertDeps & { close(): Promise<void> } {
  const mailer = createAlertMailer(config);
  return {
    mailer,
    ledger: createAlertLedger(config, options),
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
export function toAlertSummary(outcome: AlertOutcome): AlertSummary {
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
  return { run: async (input) => toAlertSummary(await runAlertStep(deps, input)) };
}

export interface ClosableAlertRunner {
  runner: AlertRunner;
  close(): Promise<void>;
}

/** The alert step over SMTP (SMTP_URL) or the outbox, with its ledger in Redis when given. */
export function createAlertRunnerFactory(config: Config, logger: Logger, clock: Clock): (redis?: Redis) => ClosableAlertRunner {
  return (redis) => {
    const deps = createAlertDeps(config, { logger, clock, redis });
    return { runner: createAlertRunner(deps), close: () => deps.close() };
  };
}
