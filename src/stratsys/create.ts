import type { Config } from '../config/load.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { basicAuth, bearerAuth, clientCredentialsAuth, type AuthProvider } from './auth.js';
import { StratsysClient } from './client.js';
import type { RatePacer } from './limiter.js';
import { StratsysTransport, type RequestEvent } from './transport.js';

export interface CreateClientDeps {
  clock: Clock;
  logger: Logger;
  pacer?: RatePacer;
  onRequest?: (event: RequestEvent) => void;
}

/** Builds the auth provider the config asks for (the schema has already checked the variables). */
export function createAuth(config: Config, clock: Clock): AuthProvider {
  const need = (value: string | undefined, name: string): string => {
    if (!value) throw new AppError('CONFIG_INVALID', `${name}: required for STRATSYS_AUTH=${config.STRATSYS_AUTH}`);
    return value;
  };
  switch (config.STRATSYS_AUTH) {
    case 'basic':
      return basicAuth(need(config.STRATSYS_CLIENT_ID, 'STRATSYS_CLIENT_ID'), need(config.STRATSYS_CLIENT_SECRET, 'STRATSYS_CLIENT_SECRET'));
    case 'bearer':
      return bearerAuth(need(config.STRATSYS_CLIENT_SECRET, 'STRATSYS_CLIENT_SECRET'), config.STRATSYS_COMPANY_CODE);
    case 'client-credentials':
      return clientCredentialsAuth({
        tokenUrl: need(config.STRATSYS_TOKEN_URL, 'STRATSYS_TOKEN_URL'),
        clientId: need(config.STRATSYS_CLIENT_ID, 'STRATSYS_CLIENT_ID'),
        clientSecret: need(config.STRATSYS_CLIENT_SECRET, 'STRATSYS_CLIENT_SECRET'),
        scope: config.STRATSYS_SCOPE,
        companyCode: config.STRATSYS_COMPANY_CODE,
        timeoutMs: config.STRATSYS_TIMEOUT_MS,
        clock,
      });
  }
}

/** The composition of auth, transport and typed API for one tenant. */
export function createStratsysClient(config: Config, deps: CreateClientDeps): StratsysClient {
  const transport = new StratsysTransport({
    baseUrl: config.STRATSYS_BASE_URL,
    auth: createAuth(config, deps.clock),
    clock: deps.clock,
    logger: deps.logger.child({ module: 'stratsys' }),
    timeoutMs: config.STRATSYS_TIMEOUT_MS,
    maxRetries: config.STRATSYS_MAX_RETRIES,
    maxConcurrency: config.STRATSYS_MAX_CONCURRENCY,
    maxRps: config.STRATSYS_MAX_RPS,
    rpsMarginPercent: config.STRATSYS_RPS_MARGIN,
    maxResponseBytes: config.STRATSYS_MAX_RESPONSE_BYTES,
    pacer: deps.pacer,
    onRequest: deps.onRequest,
  });
  return new StratsysClient(transport);
}
