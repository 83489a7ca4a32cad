import type { FastifyInstance } from 'fastify';
import { safeEqual, type SimAuth } from './auth.js';
import { FaultsPatchSchema, type FaultEngine } from './faults.js';
import type { KpiStore } from './kpi-store.js';
import { ReadingsPatchSchema, type ReadingsState } from './readings.js';
import type { StatsCollector } from './stats.js';
import { formatZodIssues } from '../shared/zod-issues.js';

/** What the control API reads and changes. */
export interface ControlDeps {
  token: string;
  faults: FaultEngine;
  stats: StatsCollector;
  kpis: KpiStore;
  auth: SimAuth;
  readings: ReadingsState;
}

/**
 * The simulator's control API under `/__sim` (plain JSON, no envelope), for tests and benchmarks.
 * Every call needs `Authorization: Bearer <controlToken>`; without it the answer is 401.
 *
 * - `GET /__sim/faults` → current faults; `PUT /__sim/faults` (partial `Faults`) → new faults, 400 if invalid
 * - `GET /__sim/stats` → request counters; `POST /__sim/reset-stats` → 204
 * - `GET /__sim/kpidata` → `{values, writes}`: every stored KPI value and every write handled
 * - `POST /__sim/revoke-tokens` → 204; every issued OAuth2 token is rejected from now on
 * - `GET /__sim/readings` → the contract readings in force; `PUT /__sim/readings` (partial) → new readings, 400 if invalid
 */
export function registerControlRoutes(app: FastifyInstance, deps: ControlDeps): void {
  void app.register(
    async (control) => {
      control.addHook('onRequest', async (request, reply) => {
        const match = /^bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
        if (!match || !safeEqual((match[1] ?? '').trim(), deps.token)) {
          return reply.code(401).header('WWW-Authenticate', 'Bearer realm="sim-control"').send({ error: 'unauthorized', message: 'control token required' });
        }
      });
      control.get('/faults', async () => deps.faults.get());
      control.put('/faults', async (request, reply) => {
        const parsed = FaultsPatchSchema.safeParse(request.body ?? {});
        if (!parsed.success) {
          return reply.code(400).send({ error: 'invalid faults', issues: formatZodIssues(parsed.error.issues, 'body') });
        }
        return deps.faults.set(parsed.data);
      });
      control.get('/stats', async () => deps.stats.snapshot());
      control.post('/reset-stats', async (_request, reply) => {
        deps.stats.reset();
        return reply.code(204).send();
      });
      control.get('/kpidata', async () => ({ values: deps.kpis.all(), writes: deps.kpis.writes() }));
      control.get('/readings', async () => deps.readings.get());
      control.put('/readings', async (request, reply) => {
        const parsed = ReadingsPatchSchema.safeParse(request.body ?? {});
        if (!parsed.success) {
          return reply.code(400).send({ error: 'invalid readings', issues: formatZodIssues(parsed.error.issues, 'body') });
        }
        return deps.readings.set(parsed.data);
      });
      control.post('/revoke-tokens', async (_request, reply) => {
        deps.auth.revokeAll();
        return reply.code(204).send();
      });
    },
    { prefix: '/__sim' },
  );
}
