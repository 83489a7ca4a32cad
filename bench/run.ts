/**
 * `npm run bench -- --sizes 20,200[,2000]`: the product against generated tenants served by a
 * simulator process with latency and a rate limit. Per size: `run --once` and the real worker path
 * (redis-server, BullMQ, import jobs, the shared pacer) as their own processes at the tool's default
 * concurrency, against the contract minimum computed from the tenant's shape (bench/minimum.ts),
 * and two baselines measured in the same run. Prints one table and writes it into the README.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildStratsysClient } from '../src/app/compose.js';
import { loadConfig } from '../src/config/load.js';
import { loadMappings, selectPeriod } from '../src/mapping/file/load.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import { generateLargeTenant } from '../src/sim/tenants/large-tenant.js';
import { parseBenchArgs, type BenchSettings } from './args.js';
import { referencePull } from './baseline.js';
import { mappingRows } from './mapping-speed.js';
import { ACTIVITY_NODE, contractMinimum, total, type RouteCounts } from './minimum.js';
import { AS_OF, runOncePath, toolEnv, workerPath, YEAR, type PathResult, type WorkerResult } from './paths.js';
import { startSimProcess } from './sim-process.js';

const settings = parseBenchArgs(process.argv.slice(2));
const ACTIVITIES_PER_UNIT = 30;
const COMMENTS_PER_UNIT = 90;
/** The tool's default STRATSYS_MAX_CONCURRENCY, for the plain concurrent baseline. */
const DEFAULT_CONCURRENCY = 8;

type Mapping = ReturnType<typeof selectPeriod>;
interface SizeResult {
  units: number;
  rows: number;
  minimum: RouteCounts;
  /** The contract minimum of the second night (the same reads; only the values that changed are written). */
  secondMinimum: RouteCounts;
  once: PathResult;
  worker: WorkerResult;
  sequential: { rate: number };
  plain: { rate: number; status429: number; requests: number };
}

const log = (text: string) => process.stderr.write(`bench: ${text}\n`);
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sizeArgs = (units: number) => ['--units', String(units), '--activities', String(units * ACTIVITIES_PER_UNIT), '--comments', String(units * COMMENTS_PER_UNIT), '--kpi-values', '1000'];

async function measureSize(units: number, mapping: Mapping): Promise<SizeResult> {
  const fixture = generateLargeTenant({ units, activities: units * ACTIVITIES_PER_UNIT, comments: units * COMMENTS_PER_UNIT, kpiValues: 1000 });
  const simArgs = [...sizeArgs(units), '--latency', String(settings.latencyMs), '--rate-limit', String(settings.rateLimit)];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-bench-'));
  try {
    // A fresh simulator per path, so both start from the same stored KPI values.
    log(`${units} units: run --once`);
    const onceSim = await startSimProcess(simArgs);
    const once = await runOncePath(onceSim, toolEnv(onceSim, fixture.credentials, settings.rateLimit, path.join(dir, 'once'))).finally(() => onceSim.stop());
    log(`${units} units: worker path`);
    const sim = await startSimProcess(simArgs);
    try {
      const unitId = fixture.departments.find((d) => d.ParentId === '100')?.Id ?? '';
      const worker = await workerPath(sim, toolEnv(sim, fixture.credentials, settings.rateLimit, path.join(dir, 'worker')), unitId, { secondNight: true });
      log(`${units} units: baselines`);
      const baseUnits = fixture.departments
        .filter((d) => d.ParentId === '100')
        .slice(0, settings.baselineUnits)
        .map((d) => d.Id);
      const client = (concurrency: number) =>
        buildStratsysClient({ config: loadConfig({ ...toolEnv(sim, fixture.credentials, 10_000, dir), STRATSYS_MAX_CONCURRENCY: String(concurrency) }), clock: systemClock, logger: silentLogger() });
      const sequential = await referencePull(client(1), '50', baseUnits, 1);
      await sim.resetStats();
      const plain = await referencePull(client(DEFAULT_CONCURRENCY), '50', baseUnits, DEFAULT_CONCURRENCY);
      const plainStats = await sim.stats();
      const minimum = contractMinimum(fixture, mapping, once.writes);
      const secondMinimum = contractMinimum(fixture, mapping, worker.secondNight?.writes ?? 0);
      return {
        units,
        rows: minimum[ACTIVITY_NODE] ?? 0,
        minimum,
        secondMinimum,
        once,
        worker,
        sequential,
        plain: { rate: plain.rate, status429: plainStats.byStatus['429'] ?? 0, requests: plain.requests },
      };
    } finally {
      await sim.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function tableRows(results: SizeResult[]): string[][] {
  const each = (fn: (r: SizeResult) => string) => results.map(fn);
  const floor = (r: SizeResult) => total(r.minimum) / settings.rateLimit;
  const pct = (part: number, whole: number) => `${fmt((part / Math.max(whole, 1)) * 100, 2)} %`;
  const routes = [...new Set(results.flatMap((r) => [...Object.keys(r.minimum), ...Object.keys(r.once.byRoute), ...Object.keys(r.worker.secondNight?.byRoute ?? {})]))].sort();
  return [
    ['activity rows (activity × reporting unit)', ...each((r) => String(r.rows))],
    ['contract minimum: requests (see below)', ...each((r) => String(total(r.minimum)))],
    ['contract floor: minimum ÷ rate limit', ...each((r) => `${fmt(floor(r))} s`)],
    ['run --once: requests made ÷ minimum', ...each((r) => `${r.once.requests} ÷ ${total(r.minimum)} = ${fmt(r.once.requests / total(r.minimum), 3)}`)],
    ['worker: requests made ÷ minimum', ...each((r) => `${r.worker.requests} ÷ ${total(r.minimum)} = ${fmt(r.worker.requests / total(r.minimum), 3)}`)],
    ['requests per activity row: run --once, contract minimum', ...each((r) => `${fmt(r.once.requests / r.rows, 2)}, ${fmt(total(r.minimum) / r.rows, 2)}`)],
    ['run --once: wall time, ÷ floor', ...each((r) => `${fmt(r.once.seconds)} s, ${fmt(r.once.seconds / floor(r), 2)}`)],
    ['worker nightly (sync-now --wait): wall time, ÷ floor', ...each((r) => `${fmt(r.worker.seconds)} s, ${fmt(r.worker.seconds / floor(r), 2)}`)],
    [
      'worker, second night (the first night’s values stored): requests ÷ its minimum; wall time, ÷ its floor; 429s',
      ...each((r) => {
        const night = r.worker.secondNight;
        if (night === undefined) return 'not run';
        const floorSeconds = total(r.secondMinimum) / settings.rateLimit;
        return `${night.requests} ÷ ${total(r.secondMinimum)} = ${fmt(night.requests / total(r.secondMinimum), 3)}; ${fmt(night.seconds)} s, ${fmt(night.seconds / floorSeconds, 2)}; ${pct(night.status429, night.requests)}`;
      }),
    ],
    ['answered 429: run --once, worker', ...each((r) => `${pct(r.once.status429, r.once.requests)}, ${pct(r.worker.status429, r.worker.requests)}`)],
    ['completed (exit 0): run --once, worker, re-run, second night', ...each((r) => `${r.once.ok}, ${r.worker.ok}, ${r.worker.rerun.ok}, ${r.worker.secondNight?.ok ?? 'not run'}`)],
    ['peak RSS (VmHWM) of the run --once process', ...each((r) => `${fmt(r.once.peakMb, 0)} MB`)],
    ['peak RSS of the worker process: nightly → after a re-run; idle after', ...each((r) => `${fmt(r.worker.peakMb, 0)} → ${fmt(r.worker.peakAfterRerunMb, 0)} MB; ${fmt(r.worker.idleMb, 0)} MB`)],
    ['re-run of one unit (rerun --wait): requests, wall time', ...each((r) => `${r.worker.rerun.requests}, ${fmt(r.worker.rerun.seconds, 2)} s`)],
    [`baseline: reference pattern, sequential (${settings.baselineUnits} units)`, ...each((r) => `${fmt(r.sequential.rate)} req/s`)],
    [`baseline: same pattern, ${DEFAULT_CONCURRENCY} at a time, no pacing`, ...each((r) => `${fmt(r.plain.rate)} req/s, ${pct(r.plain.status429, r.plain.requests)} answered 429`)],
    ['worker vs sequential: (minimum ÷ sequential rate) ÷ worker wall', ...each((r) => `${fmt(total(r.minimum) / r.sequential.rate / r.worker.seconds)}×`)],
    [`worker vs plain ${DEFAULT_CONCURRENCY}-at-a-time: (minimum ÷ its rate) ÷ worker wall`, ...each((r) => `${fmt(total(r.minimum) / r.plain.rate / r.worker.seconds, 2)}×`)],
    ...routes.map((route) => [
      `\`${route}\`: run --once / worker / minimum; second night / its minimum`,
      ...each((r) => `${r.once.byRoute[route] ?? 0} / ${r.worker.byRoute[route] ?? 0} / ${r.minimum[route] ?? 0}; ${r.worker.secondNight?.byRoute[route] ?? 0} / ${r.secondMinimum[route] ?? 0}`),
    ]),
  ];
}

function markdown(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function writeReadme(table: string): void {
  const readme = readFileSync('README.md', 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error('bench: README.md has no <!-- bench:start --> … <!-- bench:end --> block');
  writeFileSync('README.md', `${readme.slice(0, from + start.length)}\n${table}\n${readme.slice(to)}`);
}

async function main(settingsNow: BenchSettings): Promise<void> {
  const mapping = selectPeriod(await loadMappings('mappings'), YEAR);
  // First, before the network paths, as a run's evaluation is the first of its kind in its process.
  // This process has loaded ioredis (paths.ts), and with it loaded the same mapping code runs about
  // 20 % slower than in a bare process (0.56 s against 0.45 s at 100,000 activities): cause not found.
  log('in-process mapping measurements');
  const inProcess = mappingRows(mapping, settingsNow.mappingNodes, AS_OF);
  const results: SizeResult[] = [];
  for (const units of settingsNow.sizes) results.push(await measureSize(units, mapping));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const caption = `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; simulator: ${settingsNow.latencyMs} ms latency, ${settingsNow.rateLimit} requests/s limit; ${ACTIVITIES_PER_UNIT} activities and ${COMMENTS_PER_UNIT} comments per unit`;
  const header = ['measure', ...results.map((r) => `${r.units} units`)];
  const rows = [...tableRows(results), ...inProcess.map(([what, value]) => [what, value, ...results.slice(1).map(() => '')])];
  const table = `${caption}\n\n${markdown(header, rows)}`;
  process.stdout.write(`\n${table}\n`);
  if (settingsNow.readme) writeReadme(table);
}

main(settings).catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
