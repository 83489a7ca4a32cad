/**
 * `node --expose-gc dist-bench/bench/memory-stages.js [units]`: where a run's memory goes. Pulls a
 * generated tenant once (`run --once` against a simulator without latency), then, in this process,
 * goes through the steps of finishing a run on the stored pull and prints the live heap (after a
 * full GC) and RSS with every step's result still held, as a run holds them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadMappings, selectPeriod } from '../src/mapping/file/load.js';
import { assess } from '../src/pipeline/evaluate.js';
import { storedSnapshot } from '../src/pipeline/stored.js';
import { buildYearReport } from '../src/report/build.js';
import { renderReport } from '../src/report/render.js';
import { renderReportXlsx } from '../src/report/xlsx.js';
import { systemClock } from '../src/shared/clock.js';
import { generateLargeTenant } from '../src/sim/large-tenant.js';
import { fileSnapshotStore } from '../src/store/snapshot-store.js';
import { AS_OF, runOncePath, toolEnv, YEAR } from './paths.js';
import { startSimProcess } from './sim-process.js';

const units = Number(process.argv[2] ?? 200);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
let last = 0;
function stage(name: string): void {
  gc();
  const m = process.memoryUsage();
  const heap = m.heapUsed / 2 ** 20;
  process.stdout.write(
    `${name.padEnd(44)} heap ${heap.toFixed(0).padStart(5)} MB (+${(heap - last).toFixed(0).padStart(4)})  external ${(m.external / 2 ** 20).toFixed(0).padStart(4)} MB  rss ${(m.rss / 2 ** 20).toFixed(0)} MB\n`,
  );
  last = heap;
}

async function main(): Promise<void> {
  const fixture = generateLargeTenant({ units, activities: units * 30, comments: units * 90, kpiValues: 1000 });
  const sim = await startSimProcess(['--units', String(units), '--activities', String(units * 30), '--comments', String(units * 90), '--kpi-values', '1000', '--latency', '0', '--rate-limit', '5000']);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-stages-'));
  try {
    const once = await runOncePath(sim, toolEnv(sim, fixture.credentials, 5000, dir));
    process.stdout.write(`run --once: ${once.seconds.toFixed(1)} s, peak ${once.peakMb.toFixed(0)} MB\n`);
    const mapping = selectPeriod(await loadMappings('mappings'), YEAR);
    stage('start (mappings loaded)');
    const deps = { tenantId: 'bench', clock: systemClock, snapshots: fileSnapshotStore(path.join(dir, 'state', 'default')), timeZone: 'Europe/Stockholm' };
    let t = performance.now();
    const snapshot = await storedSnapshot(deps, mapping);
    const ms = () => `${(performance.now() - t).toFixed(0)} ms`;
    stage(`stored units loaded (${ms()})`);
    const json = snapshot.units.map((u) => JSON.stringify(u).length).reduce((a, b) => a + b, 0);
    const texts = snapshot.units
      .flatMap((u) =>
        u.scorecards.flatMap((c) =>
          Object.values(c.comments)
            .flat()
            .map((m) => JSON.stringify(m.Text ?? '').length),
        ),
      )
      .reduce((a, b) => a + b, 0);
    const fields = snapshot.units
      .flatMap((u) =>
        u.scorecards.flatMap((c) =>
          Object.values(c.descriptionFields)
            .flat()
            .map((m) => JSON.stringify(m).length),
        ),
      )
      .reduce((a, b) => a + b, 0);
    const nodes = snapshot.units.flatMap((u) => u.scorecards.flatMap((c) => c.nodes.map((m) => JSON.stringify(m).length))).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `stored units: ${(json / 2 ** 20).toFixed(1)} M chars of JSON; comment texts ${(texts / 2 ** 20).toFixed(1)} M, description fields ${(fields / 2 ** 20).toFixed(1)} M, nodes ${(nodes / 2 ** 20).toFixed(1)} M\n`,
    );
    t = performance.now();
    const assessment = assess(snapshot, mapping, { year: YEAR, asOf: AS_OF, timeZone: deps.timeZone });
    stage(`assessed: view, evaluation, values (${ms()})`);
    t = performance.now();
    const report = buildYearReport(assessment, { tenantId: 'bench', generatedAt: AS_OF, runId: 'x', pulledAt: AS_OF });
    stage(`report model (${ms()})`);
    t = performance.now();
    const rendered = (['html', 'csv', 'md'] as const).map((format) => renderReport(report, format));
    stage(`html, csv, md strings (${ms()}; ${rendered.map((s) => (s.length / 2 ** 20).toFixed(1)).join(', ')} M chars)`);
    t = performance.now();
    const xlsx = await renderReportXlsx(report);
    stage(`xlsx buffer (${ms()}; ${(xlsx.length / 2 ** 20).toFixed(1)} MB)`);
    t = performance.now();
    const evaluationJson = JSON.stringify({ evaluation: assessment.evaluation, unmapped: assessment.view.unmapped }, null, 2);
    stage(`evaluation.json string (${ms()}; ${(evaluationJson.length / 2 ** 20).toFixed(1)} M chars)`);
    t = performance.now();
    const gz = gzipSync(JSON.stringify(snapshot));
    stage(`snapshot.json.gz (${ms()}; ${(gz.length / 2 ** 20).toFixed(1)} MB)`);
    process.stdout.write(`peak rss so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`memory-stages failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
