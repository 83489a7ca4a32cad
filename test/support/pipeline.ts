import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config/load.js';
import { buildStratsysClient } from '../../src/app/compose.js';
import { createStateStores } from '../../src/app/state-stores.js';
import { loadMappings, selectPeriod } from '../../src/mapping/file/load.js';
import { runPipeline } from '../../src/pipeline/run.js';
import type { RunDeps } from '../../src/pipeline/run-deps.js';
import type { RunResult } from '../../src/pipeline/run-result.js';
import { systemClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { buildDemoTenant } from '../../src/sim/tenants/demo-tenant.js';
import type { TenantFixture } from '../../src/sim/fixture.js';
import { createSimServer, type SimServer, type SimServerOptions } from '../../src/sim/server.js';

export const DEMO_AS_OF = '2021-02-28T23:00:00.000Z';

export interface SimHarness {
  sim: SimServer;
  fixture: TenantFixture;
  baseUrl: string;
  stateDir: string;
  env(extra?: Record<string, string>): Record<string, string>;
  config(extra?: Record<string, string>): Config;
  deps(config?: Config): RunDeps;
  run(options?: { unit?: string; dryRun?: boolean; year?: number; asOf?: string; config?: Config }): Promise<RunResult>;
  close(): Promise<void>;
}

/** The demo tenant served by a real simulator on a loopback port, with file state in a temp folder. */
export async function startSimHarness(adjust?: (fixture: TenantFixture) => void, mappingsDir = 'mappings', simOptions: Omit<SimServerOptions, 'fixture'> = {}): Promise<SimHarness> {
  const fixture = buildDemoTenant();
  adjust?.(fixture);
  const sim = createSimServer({ ...simOptions, fixture });
  const baseUrl = await sim.listen(0, '127.0.0.1');
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-test-'));
  const env = (extra: Record<string, string> = {}) => ({
    STRATSYS_BASE_URL: baseUrl,
    STRATSYS_AUTH: 'basic',
    STRATSYS_CLIENT_ID: fixture.credentials.clientId,
    STRATSYS_CLIENT_SECRET: fixture.credentials.clientSecret,
    STRATSYS_MAX_RPS: '1000',
    STRATSYS_MAX_CONCURRENCY: '16',
    STATE_DIR: path.join(stateDir, 'state'),
    REPORT_DIR: path.join(stateDir, 'reports'),
    OUTBOX_DIR: path.join(stateDir, 'outbox'),
    ...extra,
  });
  const config = (extra?: Record<string, string>) => loadConfig(env(extra));
  const deps = (cfg = config()): RunDeps => {
    // Real time, like the simulator: report-list deadlines are "today − DaysDelayed" on both sides.
    const clock = systemClock;
    const stores = createStateStores(cfg);
    return {
      tenantId: cfg.TENANT_ID,
      client: buildStratsysClient({ config: cfg, clock, logger: silentLogger() }),
      clock,
      logger: silentLogger(),
      snapshots: stores.snapshots,
      audit: stores.audit,
      status: stores.status,
      timeZone: cfg.REPORT_TIME_ZONE,
    };
  };
  const mappings = await loadMappings(mappingsDir);
  return {
    sim,
    fixture,
    baseUrl,
    stateDir,
    env,
    config,
    deps,
    async run(options = {}) {
      const year = options.year ?? 2020;
      return runPipeline(deps(options.config), {
        runId: `test-${Date.now()}`,
        mapping: selectPeriod(mappings, year),
        year,
        asOf: options.asOf ?? DEMO_AS_OF,
        unit: options.unit,
        dryRun: options.dryRun ?? false,
      });
    },
    async close() {
      await sim.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
