import type { Redis } from 'ioredis';
import type { Config } from '../config/load.js';
import type { AlertRunner } from '../queue/alert-runner.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';

/** The alert step for the worker; wired to src/alerts once that module is in. */
export function createAlertRunnerFactory(_config: Config, _logger: Logger, _clock: Clock): (redis: Redis) => AlertRunner | null {
  return () => null;
}
