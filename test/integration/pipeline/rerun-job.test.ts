import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { rerunUnit } from '../../../jobs/rerun-unit.js';
import { loadMappings } from '../../../src/mapping/file/load.js';
import type { FinishedRun } from '../../../src/pipeline/finish-run.js';
import type { JobContext } from '../../../src/queue/context.js';
import { redisStatusStore } from '../../../src/store/status-store.js';
import { DEMO_AS_OF, startSimHarness } from '../../support/pipeline.js';
import { uniquePrefix } from '../../support/worker.js';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.disconnect());

describe('rerun-unit job', () => {
  it('loads the tenant once, imports only its unit and finishes the run with it, logging where its time went', async () => {
    const h = await startSimHarness();
    try {
      await h.run();
      const deps = h.deps();
      let tenantLoads = 0;
      const snapshots = { ...deps.snapshots, loadTenant: () => ((tenantLoads += 1), deps.snapshots.loadTenant()) };
      const stages: unknown[] = [];
      const alertRuns: string[] = [];
      const reportRuns: string[] = [];
      const logged: Array<Record<string, unknown>> = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
      const ctx: JobContext = {
        ...deps,
        logger,
        snapshots,
        config: h.config(),
        mappings: await loadMappings('mappings'),
        status: redisStatusStore(redis, uniquePrefix()),
        alerts: null,
        jobId: '7',
        attempt: 1,
        progress: async (value) => void stages.push(value.stage),
        failedChildUnitIds: async () => [],
        fanOutRun: async () => undefined,
        enqueueAlerts: async (payload) => void alertRuns.push(payload.runId),
        reportJobId: (runId) => `report-${runId}`,
        enqueueReport: async (payload) => void reportRuns.push(payload.runId),
      };
      h.sim.resetStats();
      const run = (await rerunUnit.handler({ unitId: '106', year: 2020, asOf: DEMO_AS_OF }, ctx)) as FinishedRun;
      expect(tenantLoads).toBe(1);
      expect(run).toMatchObject({ runId: 'rerun-7', kind: 'rerun', outcome: 'complete', units: 1, failedUnitIds: [], complete: true, alertsJobId: 'alerts-rerun-7' });
      expect(stages).toEqual(['import', 'evaluate', 'done']);
      expect(alertRuns).toEqual(['rerun-7']);
      expect(reportRuns).toEqual(['rerun-7']);
      expect(run.report).toMatchObject({ state: 'pending', jobId: 'report-rerun-7' });
      expect(run.summary).toContain('Reports: being written by job report-rerun-7');
      expect(h.sim.stats().byRoute['GET scorecards/{scorecardId}/departments/{departmentId}/nodes']?.count).toBe(1);
      expect((await ctx.status.units()).map((unit) => [unit.unitId, unit.runId, unit.outcome])).toEqual([['106', 'rerun-7', 'ok']]);
      // The log of the finished run says where its time went, in whole milliseconds that add up.
      const evaluated = logged.find((line) => line.msg === 'run evaluated');
      const timings = evaluated?.timings as Record<string, number> | undefined;
      expect(Object.keys(timings ?? {})).toEqual(['lockWaitMs', 'assessMs', 'writeBackMs', 'afterMs', 'totalMs']);
      for (const value of Object.values(timings ?? {})) expect(Number.isInteger(value) && value >= 0).toBe(true);
      const { totalMs = 0, ...steps } = timings ?? {};
      expect(totalMs).toBeGreaterThan(0);
      expect(Math.abs(Object.values(steps).reduce((sum, value) => sum + value, 0) - totalMs)).toBeLessThanOrEqual(5);
    } finally {
      await h.close();
    }
  });
});
