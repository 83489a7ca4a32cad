import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { redisStatusStore } from '../src/store/status-store.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { runCli, spawnCli } from './proc.js';
import type { SimProcess } from './sim-process.js';

export const YEAR = 2020;
export const AS_OF = '2021-02-28T23:00:00.000Z';

/** What one path of a nightly run cost, as the simulator and /proc saw it. */
export interface PathResult {
  seconds: number;
  requests: number;
  byRoute: Record<string, number>;
  status429: number;
  writes: number;
  /** VmHWM of the process that pulled and evaluated (run --once, or the worker after the nightly). */
  peakMb: number;
  ok: boolean;
  output: string;
}

export interface WorkerResult extends PathResult {
  rerun: { seconds: number; requests: number; ok: boolean };
  /** A second nightly on the same tenant, once the first night's values are stored (with `secondNight`). */
  secondNight?: Omit<PathResult, 'peakMb' | 'output'>;
  /** How long after each summary its run's report job took to record its outcome, and the outcome. */
  reports: { nightly: ReportWait; rerun: ReportWait };
  /** The worker's VmHWM after the re-run, and its VmRSS once idle again (after the nightly, and after the re-run). */
  peakAfterRerunMb: number;
  idleAfterNightlyMb: number;
  idleMb: number;
}

/** Settings of the command-line tool against the simulator: the tool's defaults otherwise (STRATSYS_MAX_CONCURRENCY, WORKER_CONCURRENCY); its log level `warn`, or `BENCH_LOG_LEVEL`. */
export function toolEnv(sim: SimProcess, credentials: { clientId: string; clientSecret: string }, rateLimit: number, dir: string): Record<string, string> {
  return {
    STRATSYS_BASE_URL: sim.baseUrl,
    STRATSYS_AUTH: 'basic',
    STRATSYS_CLIENT_ID: credentials.clientId,
    STRATSYS_CLIENT_SECRET: credentials.clientSecret,
    STRATSYS_MAX_RPS: String(rateLimit),
    STATE_DIR: path.join(dir, 'state'),
    REPORT_DIR: path.join(dir, 'reports'),
    OUTBOX_DIR: path.join(dir, 'outbox'),
    SYNC_YEAR: String(YEAR),
    SYNC_AS_OF: AS_OF,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
}

async function simCounts(sim: SimProcess) {
  const stats = await sim.stats();
  return {
    requests: stats.total,
    byRoute: Object.fromEntries(Object.entries(stats.byRoute).map(([route, value]) => [route, value.count])),
    status429: stats.byStatus['429'] ?? 0,
    writes: stats.writes,
  };
}

/** `stratsys-sync run --once` as its own process, with file state. */
export async function runOncePath(sim: SimProcess, env: Record<string, string>): Promise<PathResult> {
  await sim.resetStats();
  const run = await runCli(['run', '--once'], env);
  return { seconds: run.seconds, ...(await simCounts(sim)), peakMb: run.peakMb, ok: run.code === 0, output: run.output };
}

/**
 * The real worker path: a throwaway redis-server, one `stratsys-sync worker` process (BullMQ,
 * import jobs, the shared Redis pacer, its default concurrency), a nightly run queued and followed
 * with `sync-now --wait` (wall time from queueing to the alert step's end), then one unit's re-run
 * with `rerun --wait`; with `secondNight`, another nightly after that (the tenant then holds the first night's values). `BENCH_WORKER_LOG=<file>` keeps the worker's output there; `BENCH_IDLE_MS` (default 2000) is how long the worker idles before the re-run and before its RSS is read.
 */
export async function workerPath(sim: SimProcess, env: Record<string, string>, rerunUnit: string, options: { secondNight?: boolean } = {}): Promise<WorkerResult> {
  const redis = await startRedisServer();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stratsys-sync-bench-worker-'));
  const workerEnv = { ...env, REDIS_URL: redis.url, REDIS_PREFIX: 'bench', STATE_DIR: path.join(dir, 'state'), LOG_LEVEL: 'info' };
  const worker = spawnCli(['worker', '--no-http'], workerEnv);
  try {
    await until(() => worker.output().includes('worker started') || worker.child.exitCode !== null, 60_000);
    if (worker.child.exitCode !== null) throw new Error(`worker did not start: ${worker.output()}`);
    await sim.resetStats();
    const nightly = await runCli(['sync-now', '--wait'], { ...workerEnv, LOG_LEVEL: 'warn' });
    const counts = await simCounts(sim);
    // The re-run is measured alone: the nightly's report job (report queue) is let finish first.
    const nightlyReport = await untilReported(redis.url, env.TENANT_ID ?? 'default');
    const peakMb = worker.peakMb();
    // As an operator's re-run after the night: the worker idle first (its idle collection done),
    // not started within a second of the report job, on top of what that job left.
    await new Promise((resolve) => setTimeout(resolve, idleMs()));
    const idleAfterNightlyMb = worker.currentMb();
    await sim.resetStats();
    const rerun = await runCli(['rerun', '--department', rerunUnit, '--wait'], { ...workerEnv, LOG_LEVEL: 'warn' });
    const rerunCounts = await simCounts(sim);
    const rerunReport = await untilReported(redis.url, env.TENANT_ID ?? 'default');
    await new Promise((resolve) => setTimeout(resolve, idleMs()));
    const peakAfterRerunMb = worker.peakMb();
    const idleMb = worker.currentMb();
    let secondNight: WorkerResult['secondNight'];
    if (options.secondNight === true) {
      // Every night after the first: the values the first night wrote are stored, and prove the KPI columns.
      await sim.resetStats();
      const night = await runCli(['sync-now', '--wait'], { ...workerEnv, LOG_LEVEL: 'warn' });
      secondNight = { seconds: night.seconds, ...(await simCounts(sim)), ok: night.code === 0 };
      await untilReported(redis.url, env.TENANT_ID ?? 'default');
    }
    return {
      seconds: nightly.seconds,
      ...counts,
      peakMb,
      ok: nightly.code === 0,
      output: nightly.output,
      rerun: { seconds: rerun.seconds, requests: rerunCounts.requests, ok: rerun.code === 0 },
      reports: { nightly: nightlyReport, rerun: rerunReport },
      peakAfterRerunMb,
      idleAfterNightlyMb,
      idleMb,
      ...(secondNight === undefined ? {} : { secondNight }),
    };
  } finally {
    worker.child.kill('SIGTERM');
    await worker.exited;
    if (process.env.BENCH_WORKER_LOG) writeFileSync(process.env.BENCH_WORKER_LOG, worker.output());
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ReportWait {
  seconds: number;
  state: string;
}

/** Waits until the newest run's report job has recorded its outcome (run status `report`), at most 10 minutes. */
async function untilReported(redisUrl: string, tenantId: string): Promise<ReportWait> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const started = Date.now();
  try {
    const store = redisStatusStore(redis, `bench:${tenantId}`);
    for (;;) {
      const state = (await store.runs(1))[0]?.report?.state ?? 'none';
      if (state !== 'pending' || Date.now() - started > 600_000) return { seconds: (Date.now() - started) / 1000, state };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    redis.disconnect();
  }
}

/** How long the worker idles between the steps (BENCH_IDLE_MS, default 2 s: past its idle collection's 1 s). */
function idleMs(): number {
  return Number(process.env.BENCH_IDLE_MS ?? 2_000);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
