import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '../shared/logger.js';
import { DEFAULT_TOKEN_TTL_SECONDS, registerTokenRoute, SimAuth } from './auth.js';
import { registerControlRoutes } from './control.js';
import { FaultEngine, type Faults, type FaultsPatch } from './faults.js';
import type { TenantFixture } from './fixture.js';
import { installTransportHooks } from './hooks.js';
import { KpiStore, type KpiWriteRecord } from './kpi-store.js';
import { registerActivityRoutes } from './routes/activities.js';
import { registerAppRoutes } from './routes/apps.js';
import { parseQueryLowerKeys, type SimContext } from './routes/context.js';
import { registerKpiRoutes } from './routes/kpis.js';
import { registerOrganisationRoutes } from './routes/organisation.js';
import { registerPermalinkRoute } from './routes/permalink.js';
import { registerScorecardRoutes } from './routes/scorecards.js';
import { ReadingsState, type Readings, type ReadingsPatch } from './readings.js';
import { StatsCollector, type SimStats } from './stats.js';
import { indexTenant } from './tenant-index.js';

/** Options of `createSimServer`. */
export interface SimServerOptions {
  fixture: TenantFixture;
  /** The sim's "now": report-list deadlines (Stockholm day), token expiry, HTTP-date Retry-After. Default: system time. */
  clock?: () => Date;
  /** Faults active from the start; change them later with `setFaults()` or `PUT /__sim/faults`. */
  faults?: FaultsPatch;
  /** The contract readings this tenant shows (src/sim/readings.ts); default the first of each. Change them with `setReadings()` or `PUT /__sim/readings`. */
  readings?: ReadingsPatch;
  /** Bearer token of the `/__sim` control API; a random one is generated when absent (see `controlToken`). */
  controlToken?: string;
  /** Lifetime of issued OAuth2 tokens, in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** pino logger for request logs; default none. */
  logger?: Logger;
}

/** A running (or ready-to-listen) simulator and its test handles. */
export interface SimServer {
  /** The fastify instance (use `app.inject()` in tests; no socket needed). */
  app: FastifyInstance;
  /** Token for `Authorization: Bearer <controlToken>` on `/__sim/*`. */
  controlToken: string;
  /** Starts listening and resolves to the API base URL, e.g. `http://127.0.0.1:4010/api/v1/`. Port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Applies a partial fault update; returns the faults now in force. */
  setFaults(patch: FaultsPatch): Faults;
  faults(): Faults;
  stats(): SimStats;
  resetStats(): void;
  /** Every `PUT kpidata` handled so far, oldest first. */
  kpiWrites(): KpiWriteRecord[];
  /** Invalidates every issued OAuth2 token (to test refresh-on-401). */
  revokeTokens(): void;
  /** Applies a partial readings update; returns the readings now in force. */
  setReadings(patch: ReadingsPatch): Readings;
  readings(): Readings;
}

/**
 * A simulated Stratsys tenant over HTTP: the API v1 endpoints the worker uses under `/api/v1/`
 * (case-insensitive paths and query keys, `{Result, Success, Message}` envelopes, 400 for unknown
 * ids), `POST /oauth/token`, fault injection and the `/__sim` control API. The fixture is read,
 * never changed; KPI writes live in the server's own store.
 */
export function createSimServer(options: SimServerOptions): SimServer {
  const clock = options.clock ?? (() => new Date());
  const index = indexTenant(options.fixture);
  const controlToken = options.controlToken ?? randomBytes(18).toString('base64url');
  const auth = new SimAuth(options.fixture, clock, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const faults = new FaultEngine(options.faults ?? {}, clock);
  const stats = new StatsCollector();
  const readings = new ReadingsState(options.readings);
  const kpis = new KpiStore(index, clock, () => readings.get());

  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, querystringParser: parseQueryLowerKeys },
    forceCloseConnections: true,
  }) as unknown as FastifyInstance;

  installTransportHooks(app, { auth, faults, stats });
  registerTokenRoute(app, auth);
  registerControlRoutes(app, { token: controlToken, faults, stats, kpis, auth, readings });
  const ctx: SimContext = { index, kpis, clock, stats, readings };
  registerPermalinkRoute(app, ctx);
  void app.register(
    async (api) => {
      for (const register of [registerOrganisationRoutes, registerScorecardRoutes, registerActivityRoutes, registerKpiRoutes, registerAppRoutes]) register(api, ctx);
    },
    { prefix: '/api/v1' },
  );

  return {
    app,
    controlToken,
    listen: async (port = 0, host = '127.0.0.1') => {
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort = address !== null && typeof address === 'object' ? address.port : port;
      const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
      return `http://${shownHost}:${actualPort}/api/v1/`;
    },
    close: () => app.close(),
    setFaults: (patch) => faults.set(patch),
    faults: () => faults.get(),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    kpiWrites: () => kpis.writes(),
    revokeTokens: () => auth.revokeAll(),
    setReadings: (patch) => readings.set(patch),
    readings: () => readings.get(),
  };
}
