import path from 'node:path';
import type { Redis } from 'ioredis';
import type { AlertLedger } from '../alerts/ledger.js';
import type { Mailer } from '../alerts/mailer.js';
import type { AlertOutcome } from '../alerts/outcome.js';
import type { AlertDeps } from '../alerts/send-alerts.js';
import type { Config } from '../config/load.js';
import type { AlertRunner, AlertSummary } from '../pipeline/alert-runner.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { StratsysClient } from '../stratsys/client.js';
import { createStratsysClient } from '../stratsys/create.js';
import type { RatePacer } from '../stratsys/limiter.js';
import type { RequestEvent } from '../stratsys/transport.js';
import { tenantKeyPrefix } from './state-stores.js';

/*
 * The composition root: every adapter the commands, the worker and the admin HTTP server use is
 * built here from the config — the Stratsys client and the alert step (mailer, ledger, deps,
 * runner); the state stores and the CLI's Redis connection in state-stores.ts. Adapters of heavy packages
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
