import { alertSourceOf } from '../../../src/pipeline/alert-source.js';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import type { AlertLedger } from '../../../src/alerts/ledger.js';
import { createRedisAlertLedger } from '../../../src/alerts/ledger-redis.js';
import { createSmtpMailer, type Mailer } from '../../../src/alerts/mailer.js';
import type { AlertDeps, AlertStepInput } from '../../../src/alerts/send-alerts.js';
import type { ExpectedReport } from '../../../src/domain/evaluation.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { startSmtpListener, type RefusalRule, type SmtpListener } from '../../support/smtp.js';
import { asOfForDay, buildEvaluation, buildMapping, buildScenarioView, ROLE_HOLDERS, scenarioReports } from '../../unit/alerts/fixtures.js';

/**
 * One e-mail test rig: a real SMTP listener, the real nodemailer SMTP transport pointed at it, and
 * a Redis ledger under a unique key prefix, plus captured log lines and recorded retry waits.
 */

export const FROM = 'stratsys-sync <noreply@gavle.example>';

export interface AlertRig {
  listener: SmtpListener;
  redis: Redis;
  prefix: string;
  ledger: AlertLedger;
  mailers: Mailer[];
  /** Waits the retry loop asked for, in ms. */
  sleeps: number[];
  /** Every log line (JSON) the step wrote, debug and up. */
  logs: string[];
  /** Deps with a new SMTP mailer (and, with `separateLedger`, a new Redis connection) — one "worker". */
  worker(options?: { day?: number; separateLedger?: boolean }): AlertDeps;
  cleanup(): Promise<void>;
}

export async function startRig(options: { refuse?: RefusalRule; startTls?: boolean } = {}): Promise<AlertRig> {
  const listener = await startSmtpListener(options);
  const redis = new Redis(inject('redisUrl'));
  const connections = [redis];
  const prefix = `test-${randomUUID()}:alerts`;
  const mailers: Mailer[] = [];
  const sleeps: number[] = [];
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const ledger = createRedisAlertLedger(redis, prefix);
  return {
    listener,
    redis,
    prefix,
    ledger,
    mailers,
    sleeps,
    logs,
    worker({ day = 3, separateLedger = false } = {}) {
      const mailer = createSmtpMailer({ url: listener.url, from: FROM, ...(options.startTls ? { tls: { rejectUnauthorized: false } } : {}) });
      mailers.push(mailer);
      const connection = separateLedger ? new Redis(inject('redisUrl')) : redis;
      if (separateLedger) connections.push(connection);
      return {
        mailer,
        ledger: separateLedger ? createRedisAlertLedger(connection, prefix) : ledger,
        logger,
        clock: fixedClock(asOfForDay(day)),
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      };
    },
    async cleanup() {
      await Promise.all(mailers.map((mailer) => mailer.close()));
      await listener.stop();
      await deleteKeys(redis, prefix);
      connections.forEach((connection) => connection.disconnect());
    },
  };
}

/** The alert step input of the scenario on `day` (fixtures.ts), with optional other reports. */
export function stepInput(day: number, overrides: Partial<AlertStepInput> & { reports?: ExpectedReport[] } = {}): AlertStepInput {
  const { reports, ...rest } = overrides;
  const asOf = asOfForDay(day);
  return {
    runId: `run-day-${day}`,
    mapping: buildMapping(),
    source: alertSourceOf({ view: buildScenarioView(), evaluation: buildEvaluation(reports ?? scenarioReports(day), asOf) }),
    roleHolders: ROLE_HOLDERS,
    asOf,
    dryRun: false,
    ...rest,
  };
}

/** Deletes every key under `prefix` (SCAN, not KEYS). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 200);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
