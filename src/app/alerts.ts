import type { Redis } from 'ioredis';
import { createAlertDeps, createAlertRunner } from '../alerts/deps.js';
import type { Config } from '../config/load.js';
import type { AlertRunner } from '../queue/alert-runner.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';

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
