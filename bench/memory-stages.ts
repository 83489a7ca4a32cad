/**
 * `node --expose-gc dist-bench/bench/memory-stages.js [units]`: where finishing a run's memory and
 * time go. Pulls a generated tenant once (`run --once` against a simulator without latency), then,
 * in this process, goes through the steps of finishing a run on the stored pull as
 * src/pipeline/finish-run.ts and src/report/write.ts do, printing each step's time and the live
 * heap (after a full GC) and RSS with every step's result still held, as a run holds them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { loadMappings, selectPeriod } from '../src/mapping/file/load.js';
import { planPull } from '../src/mapping/engine/pull-plan.js';
import { assessFromStore, storedSnapshot } from '../src/pipeline/stored.js';
import { buildYearReport } from '../src/report/build.js';
import { renderReportParts } from '../src/report/render.js';
import { attachReportTexts, fullUnitsOf } from '../src/report/texts.js';
import { reportXlsxStream } from '../src/report/xlsx.js';
import { prettyJsonParts } from '../src/shared/json-parts.js';
import { systemClock } from '../src/shared/clock.js';
import { generateLargeTenant } from '../src/sim/tenants/large-tenant.js';
import { fileSnapshotStore } from '../src/store/snapshot-store.js';
import { AS_OF, runOncePath, toolEnv, YEAR } from './paths.js';
import { startSimProcess } from './sim-process.js';

const units = Number(process.argv[2] ?? 200);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
let last = 0;
let started = performance.now();
function stage(name: string): void {
  const ms = performance.now() - started;
  gc();
  const m = process.memoryUsage();
  const heap = m.heapUsed / 2 ** 20;
  const line = `${name.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  heap ${heap.toFixed(0).padStart(5)} MB (+${(heap - last).toFixed(0).padStart(4)})  external ${(m.external / 2 ** 20).toFixed(0).padStart(4)} MB  rss ${(m.rss / 2 ** 20).toFixed(0)} MB`;
  process.stdout.write(`${line}\n`);
  last = heap;
  started = performance.now();
}

async function main(): Promise<void> {
  const fixture = generateLargeTenant({ units, activities: units * 30, comments: units * 90, kpiValues: 1000 });
  const sim = await startSimProcess(['--units', String(units), '--activities', String(units * 30), '--comments', String(units * 90), '--kpi-values', '1000', '--latency', '0', '--rate-limit', '5000']);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-stages-'));
  try {
    const once = await runOncePath(sim, toolEnv(sim, fixture.credentials, 5000, dir));
    process.stdout.write(`run --once: ${once.seconds.toFixed(1)} s, peak ${once.peakMb.toFixed(0)} MB\n`);
    const mapping = selectPeriod(await loadMappings('mappings'), YEAR);
    const deps = { tenantId: 'bench', clock: systemClock, snapshots: fileSnapshotStore(path.join(dir, 'state', 'default')), timeZone: 'Europe/Stockholm' };
    stage('start (mappings loaded)');
    const full = await storedSnapshot(deps, mapping);
    stage('full snapshots loaded (not held)');
    const size = (s: typeof full) => (s.units.map((u) => JSON.stringify(u).length).reduce((a, b) => a + b, 0) / 2 ** 20).toFixed(1);
    const facts = await storedSnapshot(deps, mapping, [], 'facts');
    process.stdout.write(`JSON of the units: full ${size(full)} M chars, facts ${size(facts)} M chars\n`);
    full.units = [];
    facts.units = [];
    stage('facts loaded (not held)');
    // As a run evaluates (src/pipeline/write-run.ts): facts read a batch at a time and let go; which pulls were read kept.
    const tenant = (await deps.snapshots.loadTenant())!;
    const { snapshot: evaluated, assessment } = await assessFromStore(deps, { tenant, plan: planPull(mapping, tenant.departments), failures: [], mapping, year: YEAR, asOf: AS_OF });
    stage('assessed from the store: view, evaluation, values');
    await attachReportTexts(assessment, evaluated, (ids) => deps.snapshots.loadUnits(ids));
    stage("reported year's texts attached");
    const report = buildYearReport(assessment, { tenantId: 'bench', generatedAt: AS_OF, runId: 'x', pulledAt: AS_OF });
    stage('report model');
    // Each format as its file is written: part by part, none held (the largest part is what one write holds).
    const rendered = (['html', 'csv', 'md'] as const).map((format) => {
      let total = 0;
      let largest = 0;
      for (const part of renderReportParts(report, format)) {
        total += part.length;
        largest = Math.max(largest, part.length);
      }
      return `${format} ${(total / 2 ** 20).toFixed(1)} M chars, largest part ${(largest / 2 ** 20).toFixed(2)}`;
    });
    stage(`html, csv, md in parts (${rendered.join('; ')})`);
    // As a run writes them (src/report/write.ts): the workbook streamed, evaluation.json in parts.
    let xlsxBytes = 0;
    await pipeline(reportXlsxStream(report), new Writable({ write: (chunk: Buffer, _enc, done) => ((xlsxBytes += chunk.length), done()) }));
    stage(`xlsx streamed (${(xlsxBytes / 2 ** 20).toFixed(1)} MB)`);
    let jsonChars = 0;
    for (const part of prettyJsonParts({ evaluation: assessment.evaluation, unmapped: assessment.view.unmapped })) jsonChars += part.length;
    stage(`evaluation.json in parts (${(jsonChars / 2 ** 20).toFixed(1)} M chars)`);
    let gzBytes = 0;
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((gzBytes += chunk.length), done()) });
    await pipeline(
      (async function* () {
        for await (const unit of fullUnitsOf(evaluated, (ids) => deps.snapshots.loadUnits(ids))) yield JSON.stringify(unit);
      })(),
      createGzip(),
      sink,
    );
    stage(`run snapshot streamed (${(gzBytes / 2 ** 20).toFixed(1)} MB gz)`);
    process.stdout.write(`peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`memory-stages failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
