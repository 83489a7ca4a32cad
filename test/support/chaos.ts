import type { ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_NAMES } from '../../src/queue/names.js';
import { optionsFor } from '../../src/queue/queues.js';
import { JOB_REGISTRY } from '../../jobs/index.js';
import { redisAuditLog } from '../../src/store/audit-log.js';
import type { RunStatus } from '../../src/store/status-store.js';
import { startSimHarness, type SimHarness } from './pipeline.js';
import { startRedisServer, type RedisServerHandle } from './redis-server.js';
import { addressesOf, startSmtpListener, type SmtpListener } from './smtp.js';
import { recordedRuns, spawnWorker, uniquePrefix, waitFor, workerEnv } from './worker.js';

/**
 * One nightly run on the real worker path, for the chaos test: the simulated tenant, a throwaway
 * redis-server (no persistence), a real SMTP listener and two `stratsys-sync worker` processes.
 * With `chaos`, 20 % of Stratsys requests fail at random (429, 503, reset), one worker is killed
 * with SIGKILL while both are importing, and Redis is restarted empty right after.
 */

export interface ScenarioOutcome {
  /** Every KPI value Stratsys holds at the end, `kpi/unit/column/date=value`, sorted. */
  kpiValues: string[];
  /** Every PUT kpidata Stratsys applied, `kpi/unit/column/date=stored`, sorted. */
  writes: string[];
  /** The audit log without run ids, times and attempt ids, sorted. */
  audit: string[];
  /** Every e-mail accepted: recipients, copies, subject and plain body, sorted. */
  mails: string[];
  /** The digest key of every accepted e-mail (X-Stratsys-Sync-Alert). */
  mailKeys: string[];
  runs: RunStatus[];
  requests: number;
  /** Faults the simulator injected, by kind. */
  faults: { '429': number; '503': number; reset: number };
  durationMs: number;
}

interface Rig {
  harness: SimHarness;
  redis: RedisServerHandle;
  smtp: SmtpListener;
  prefix: string;
  workers: Array<ChildProcess & { output: () => string }>;
}

/** Retries `probe` through a Redis restart: a failed probe reads as `fallback`. */
const tolerant =
  <T>(probe: () => Promise<T>, fallback: T) =>
  () =>
    probe().catch(() => fallback);

async function withQueue<T>(rig: Rig, name: string, use: (queue: Queue) => Promise<T>): Promise<T> {
  const queue = new Queue(`default-${name}`, { connection: { url: rig.redis.url, maxRetriesPerRequest: 1 }, prefix: rig.prefix });
  queue.on('error', () => undefined);
  try {
    return await use(queue);
  } finally {
    await queue.close();
  }
}

/** Worker names (`host:pid`) that have processed import jobs so far. */
const importers = (rig: Rig) => withQueue(rig, 'import', async (q) => new Set((await q.getJobs(['active', 'completed'])).map((job) => job.processedBy ?? '')));

async function start(chaos: boolean, seed: number): Promise<Rig> {
  const harness = await startSimHarness();
  if (chaos) harness.sim.setFaults({ random: { rate: 0.2, seed } });
  const redis = await startRedisServer();
  const smtp = await startSmtpListener();
  const prefix = uniquePrefix();
  const env = workerEnv(harness, redis.url, prefix, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'stratsys-sync <noreply@gavle.example>',
    LOG_LEVEL: 'info',
    WORKER_CONCURRENCY: '2',
    STRATSYS_MAX_CONCURRENCY: '4',
    STRATSYS_MAX_RETRIES: '6',
    ALERT_CLAIM_LEASE_MS: '10000',
  });
  const workers = [spawnWorker(env), spawnWorker(env)];
  const rig = { harness, redis, smtp, prefix, workers };
  for (const worker of workers)
    await waitFor(
      async () => worker.output(),
      (out) => out.includes('worker started'),
      60_000,
      'a worker to start',
    );
  return rig;
}

async function queueNightlyRun(rig: Rig): Promise<void> {
  await withQueue(rig, 'control', (q) => q.add(JOB_NAMES.nightlySync, { trigger: 'manual' }, { ...optionsFor(JOB_REGISTRY, JOB_NAMES.nightlySync), jobId: 'chaos-nightly' }));
}

/** SIGKILL of one worker while both are importing, then Redis restarted empty on the same port. */
async function unleash(rig: Rig): Promise<void> {
  await waitFor(
    tolerant(() => importers(rig), new Set<string>()),
    (names) => rig.workers.every((w) => names.has(`${hostname()}:${w.pid}`)),
    90_000,
    'both workers to import',
  );
  const victim = rig.workers[0]!;
  victim.kill('SIGKILL');
  await new Promise((resolve) => victim.once('exit', resolve));
  const { port } = rig.redis;
  await rig.redis.stop();
  rig.redis = await startRedisServer({ port });
}

/** Waits for a complete run whose alert step has finished. */
async function untilSettled(rig: Rig): Promise<RunStatus[]> {
  const runs = await waitFor(
    tolerant(() => recordedRuns(rig.redis.url, rig.prefix), [] as RunStatus[]),
    (r) => r.some((run) => run.outcome !== 'failed'),
    150_000,
    'a run to finish',
  );
  const finished = runs.find((run) => run.outcome !== 'failed')!;
  await waitFor(
    tolerant(() => withQueue(rig, 'alerts', async (q) => (await q.getJob(`alerts-${finished.runId}`))?.getState()), undefined),
    (state) => state === 'completed' || state === 'failed',
    120_000,
    'the alert step to finish',
  );
  return recordedRuns(rig.redis.url, rig.prefix);
}

async function collect(rig: Rig, runs: RunStatus[], startedAt: number): Promise<ScenarioOutcome> {
  const { sim } = rig.harness;
  const control = await sim.app.inject({ method: 'GET', url: '/__sim/kpidata', headers: { authorization: `Bearer ${sim.controlToken}` } });
  const values = (control.json() as { values: Array<{ KpiId: string; DepartmentId: string | null; KpiColumnId?: string; Date: string; Value: number | null }> }).values;
  const redis = new Redis(rig.redis.url);
  const audit = await redisAuditLog(redis, `${rig.prefix}:default:audit`)
    .list(100_000)
    .finally(() => redis.disconnect());
  const stats = sim.stats();
  const count = (status: string) => stats.byStatus[status] ?? 0;
  return {
    kpiValues: values.map((v) => `${v.KpiId}/${v.DepartmentId}/${v.KpiColumnId ?? ''}/${v.Date}=${v.Value}`).sort(),
    writes: sim
      .kpiWrites()
      .map((w) => `${w.kpiId}/${w.departmentId}/${w.columnId}/${w.date}=${w.stored}`)
      .sort(),
    audit: audit.map(({ runId: _run, at: _at, attemptId: _attempt, note: _note, ...rest }) => JSON.stringify(rest)).sort(),
    mails: rig.smtp.received.map((m) => [addressesOf(m.parsed.to).sort().join(','), addressesOf(m.parsed.cc).sort().join(','), m.parsed.subject ?? '', m.parsed.text ?? ''].join('|')).sort(),
    mailKeys: rig.smtp.received.map((m) => String(m.parsed.headers.get('x-stratsys-sync-alert') ?? '')),
    runs,
    requests: stats.total,
    faults: { '429': count('429'), '503': count('503'), reset: count('reset') },
    durationMs: Date.now() - startedAt,
  };
}

async function stop(rig: Rig): Promise<void> {
  for (const worker of rig.workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  await rig.redis.stop();
  await rig.smtp.stop();
  await rig.harness.close();
}

/** Runs one nightly run, clean or under chaos, and reports what Stratsys, the audit log and the mailbox hold afterwards. */
export async function runNightlyScenario(options: { chaos: boolean; seed?: number }): Promise<ScenarioOutcome> {
  const rig = await start(options.chaos, options.seed ?? 20);
  try {
    const startedAt = Date.now();
    await queueNightlyRun(rig);
    if (options.chaos) await unleash(rig);
    const runs = await untilSettled(rig);
    return await collect(rig, runs, startedAt);
  } finally {
    await stop(rig);
  }
}
