import type { Config } from '../config/load.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { StratsysClient } from '../stratsys/client.js';
import { createStratsysClient } from '../stratsys/create.js';
import type { RatePacer } from '../stratsys/limiter.js';
import type { RequestEvent } from '../stratsys/transport.js';

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
