/**
 * `npm run bench`: the worker against a large simulated tenant with injected latency and a rate
 * limit, reported as ratios against the rate-limit floor and a naive sequential client measured
 * in the same run. Not a test: it prints a table and exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStateStores } from '../src/app/state.js';
import { buildStratsysClient } from '../src/app/stratsys.js';
import { loadConfig, type Config } from '../src/config/load.js';
import { loadMappings, selectPeriod } from '../src/mapping/file/load.js';
import { parseMappingText } from '../src/mapping/file/parse.js';
import { planPull } from '../src/mapping/engine/pull-plan.js';
import { assess } from '../src/pipeline/evaluate.js';
import { buildProgrammeView } from '../src/mapping/engine/programme-view.js';
import { runPipeline, type RunResult } from '../src/pipeline/run.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/logger.js';
import { generateLargeTenant } from '../src/sim/large-tenant.js';
import { snapshotFromFixture } from '../src/sim/to-snapshot.js';
import { parseBenchArgs } from './args.js';
import { sequentialPull } from './baseline.js';
import { minimumRequests } from './minimum.js';
import { startSimProcess, type SimProcess } from './sim-process.js';

const AS_OF = '2021-02-28T23:00:00.000Z';
const YEAR = 2020;
const settings = parseBenchArgs(process.argv.slice(2));
const rows: Array<[string, string, string]> = [];
const row = (what: string, value: string, target = '') => {
  rows.push([what, value, target]);
  process.stderr.write(`  ${what}: ${value}\n`);
};
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  process.stderr.write(`bench: ${settings.units} units, ${settings.activities} activities, ${settings.comments} comments, ${settings.kpiValues} KPI values; ${settings.latencyMs} ms latency, ${settings.rateLimit} req/s limit\n`);
  const sim = await startSimProcess([
    '--units', String(settings.units), '--activities', String(settings.activities), '--comments', String(settings.comments), '--kpi-values', String(settings.kpiValues),
    '--latency', String(settings.latencyMs), '--rate-limit', String(settings.rateLimit),
  ]);
  const { baseUrl } = sim;
  const credentials = generateLargeTenant({ units: 1, activities: 0, comments: 0, kpiValues: 0 }).credentials;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-bench-'));
  const env = (extra: Record<string, string> = {}) => ({
    STRATSYS_BASE_URL: baseUrl, STRATSYS_AUTH: 'basic', STRATSYS_CLIENT_ID: credentials.clientId, STRATSYS_CLIENT_SECRET: credentials.clientSecret,
    STRATSYS_MAX_RPS: String(settings.rateLimit), STRATSYS_MAX_CONCURRENCY: String(settings.concurrency), STATE_DIR: dir, REPORT_DIR: dir, OUTBOX_DIR: dir, ...extra,
  });
  const mapping = selectPeriod(await loadMappings('mappings'), YEAR);
  const run = async (config: Config, department?: string) => {
    const stores = createStateStores(config);
    const client = buildStratsysClient({ config, clock: systemClock, logger: silentLogger() });
    return runPipeline(
      { tenantId: config.TENANT_ID, client, clock: systemClock, logger: silentLogger(), snapshots: stores.snapshots, audit: stores.audit, timeZone: config.REPORT_TIME_ZONE },
      { runId: `bench-${Date.now()}`, mapping, year: YEAR, asOf: AS_OF, unit: department, dryRun: false },
    );
  };
  try {
    await nightly(sim, env, run, mapping);
    await baseline(sim, env);
    row('peak RSS of the worker during the syncs (simulator in its own process)', `${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB`, '< 300 MB');
    mappingSpeed(mapping);
    validationScaling();
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  printTable();
}

type Sim = SimProcess;
type Env = (extra?: Record<string, string>) => Record<string, string>;
type Mapping = ReturnType<typeof selectPeriod>;

let workerRate = 0;

async function nightly(sim: Sim, env: Env, run: (config: Config, department?: string) => Promise<RunResult>, mapping: Mapping) {
  const config = loadConfig(env());
  const first = await firstNightly(sim, config, run, mapping);
  await sim.resetStats();
  const rerun = await timed(() => run(config, first.rerunUnitId));
  const rerunRequests = (await sim.stats()).total;
  row('re-run of one unit: requests, time', `${rerunRequests} (${fmt((rerunRequests / first.requests) * 100, 2)} % of nightly), ${fmt(rerun.seconds, 2)} s`, '< 1 %');
  await sim.resetStats();
  const second = await timed(async () => (await run(config)).writeBack.written);
  row('second nightly on unchanged data: KPI writes', `${second.value} (PUT kpidata seen by Stratsys: ${(await sim.stats()).writes}), ${fmt(second.seconds)} s`, '0');
}

/** The first full sync; only numbers leave this function, so its snapshot can be collected. */
async function firstNightly(sim: Sim, config: Config, run: (config: Config, department?: string) => Promise<RunResult>, mapping: Mapping) {
  const first = await timed(() => run(config));
  const stats = await sim.stats();
  const result = first.value;
  const plan = planPull(mapping, result.snapshot?.tenant.departments ?? []);
  const minimum = minimumRequests(plan, result.snapshot!, result);
  const floor = minimum.total / settings.rateLimit;
  workerRate = stats.total / first.seconds;
  row('nightly sync: wall time', `${fmt(first.seconds)} s`);
  row('nightly sync: Stratsys requests (429s included)', `${stats.total} (${stats.byStatus['429'] ?? 0} answered 429)`);
  row('minimum requests the contract needs', `${minimum.total} = ${minimum.tenant} reference + ${minimum.units} unit + ${minimum.kpiReads} KPI reads + ${minimum.kpiWrites} KPI writes`);
  row('requests made / minimum', fmt(stats.total / minimum.total, 3), '1.0 = nothing wasted');
  row('rate-limit floor (minimum ÷ rate)', `${fmt(floor)} s`);
  row('nightly wall time / floor', fmt(first.seconds / floor, 2), '≤ 1.2');
  row('nightly sync: complete, KPI values written', `${result.complete}, ${result.writeBack.written}`);
  return { requests: stats.total, rerunUnitId: result.pull.unitIds[0] };
}

async function baseline(sim: Sim, env: Env) {
  const config = loadConfig(env({ STRATSYS_MAX_CONCURRENCY: '1', STRATSYS_MAX_RPS: '10000' }));
  const client = buildStratsysClient({ config, clock: systemClock, logger: silentLogger() });
  const units = (await client.departments()).filter((d) => d.ParentId === '100').slice(0, settings.baselineUnits).map((d) => d.Id);
  await sim.resetStats();
  const measured = await sequentialPull(client, '50', units);
  const rate = measured.requests / measured.seconds;
  row(`baseline: sequential client, ${units.length} units`, `${measured.requests} requests in ${fmt(measured.seconds)} s = ${fmt(rate)} req/s`);
  row('worker req/s ÷ sequential req/s (speed-up)', `${fmt(workerRate)} ÷ ${fmt(rate)} = ${fmt(workerRate / rate)}×`, '≥ 8×');
}

function medianSeconds(fn: () => unknown): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return (times.sort((a, b) => a - b)[2] ?? 0) / 1000;
}

function mappingSpeed(mapping: Mapping) {
  const options = { year: YEAR, asOf: AS_OF, timeZone: 'Europe/Stockholm' };
  const bench = snapshotFromFixture(generateLargeTenant({ units: settings.units, activities: settings.activities, comments: settings.comments, kpiValues: 0 }), { tenantId: 'bench', pulledAt: new Date().toISOString() });
  row(`mapping + evaluation + indicators, the bench tenant (${settings.activities} activities, ${settings.comments} comments), median of 5`, `${fmt(medianSeconds(() => assess(bench, mapping, options)), 3)} s`, '< 1 s');
  const n = settings.mappingNodes;
  const big = snapshotFromFixture(generateLargeTenant({ units: 200, activities: n, comments: n, kpiValues: 0 }), { tenantId: 'bench', pulledAt: new Date().toISOString() });
  const rows = big.units.reduce((sum, u) => sum + u.scorecards.reduce((s, c) => s + c.nodes.length, 0), 0);
  row(`mapping alone, ${rows} node rows (${n} activities, ${n} comments), median of 5`, `${fmt(medianSeconds(() => buildProgrammeView(big, mapping, { timeZone: options.timeZone })), 3)} s`, 'well under 1 s');
  row(`mapping + evaluation + indicators, same tenant, median of 5`, `${fmt(medianSeconds(() => assess(big, mapping, options)), 3)} s`);
}

/** Checking a mapping file must grow linearly with its size, also when the file is hostile (one flat map of unknown keys). */
function validationScaling() {
  const flat = (keys: number) => Array.from({ length: keys }, (_, i) => `k${i}: v`).join('\n');
  const small = medianSeconds(() => parseMappingText(flat(10_000), 'bench.yaml'));
  const large = medianSeconds(() => parseMappingText(flat(40_000), 'bench.yaml'));
  row('mapping validation of a flat map: 10,000 keys, 40,000 keys, median of 5', `${fmt(small, 3)} s, ${fmt(large, 3)} s`);
  row('validation time 40,000 keys ÷ 10,000 keys', fmt(large / small, 2), '≈ 4 (linear; 16 = quadratic)');
}

function printTable() {
  const header = ['measure', 'value', 'target'];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0), header[i]?.length ?? 0));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(`\nstratsys-sync benchmark · ${os.cpus().length} × ${cpu} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version}\n\n`);
  process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
