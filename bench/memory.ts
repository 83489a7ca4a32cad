/**
 * `npm run bench:memory -- [units]`: peak RSS and wall time of `run --once` and of the worker path
 * (nightly, then a one-unit re-run) against a generated tenant served without latency at a high
 * rate limit, so a measurement takes seconds. Memory, not request pacing: see bench/run.ts for that.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateLargeTenant } from '../src/sim/tenants/large-tenant.js';
import { runOncePath, toolEnv, workerPath } from './paths.js';
import { startSimProcess } from './sim-process.js';

const units = Number(process.argv[2] ?? 200);
const RATE = 5_000;

async function main(): Promise<void> {
  const fixture = generateLargeTenant({ units, activities: units * 30, comments: units * 90, kpiValues: 1000 });
  const simArgs = ['--units', String(units), '--activities', String(units * 30), '--comments', String(units * 90), '--kpi-values', '1000', '--latency', '0', '--rate-limit', String(RATE)];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-memory-'));
  try {
    const onceSim = await startSimProcess(simArgs);
    const once = await runOncePath(onceSim, toolEnv(onceSim, fixture.credentials, RATE, path.join(dir, 'once'))).finally(() => onceSim.stop());
    process.stdout.write(`${units} units: run --once ${once.seconds.toFixed(1)} s, ok ${once.ok}, peak ${once.peakMb.toFixed(0)} MB\n`);
    if (!once.ok) process.stdout.write(once.output.slice(-2000));
    const sim = await startSimProcess(simArgs);
    try {
      const unitId = fixture.departments.find((d) => d.ParentId === '100')?.Id ?? '';
      const worker = await workerPath(sim, toolEnv(sim, fixture.credentials, RATE, path.join(dir, 'worker')), unitId);
      process.stdout.write(
        `${units} units: worker nightly ${worker.seconds.toFixed(1)} s ok ${worker.ok}, peak ${worker.peakMb.toFixed(0)} MB; ` +
          `idle ${worker.idleAfterNightlyMb.toFixed(0)} MB; re-run ${worker.rerun.seconds.toFixed(2)} s ok ${worker.rerun.ok} (${worker.rerun.requests} requests), peak after ${worker.peakAfterRerunMb.toFixed(0)} MB, idle ${worker.idleMb.toFixed(0)} MB; ` +
          `report job after the summary: nightly ${worker.reports.nightly.seconds.toFixed(1)} s (${worker.reports.nightly.state}), re-run ${worker.reports.rerun.seconds.toFixed(1)} s (${worker.reports.rerun.state})\n`,
      );
    } finally {
      await sim.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:memory failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
