import { hostname } from 'node:os';
import { DelayedError, Job, UnrecoverableError, Worker, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { isAppError, toAppError, type AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { jobBackoffMs } from './backoff.js';
import { isJobDeferral } from './deferral.js';
import type { JobContext, JobServices } from './context.js';
import { addRunFlow, optionsFor, type QueueSet } from './queues.js';
import type { JobRegistry } from './job-definition.js';
import { safeIdPart } from '../shared/ids.js';
import { JOB_NAMES, QUEUES, queueName, reportJobId, rerunRunId, type QueueBase } from './names.js';
import { formatZodIssues } from '../shared/zod-issues.js';
import type { StatusStore } from '../store/status-store.js';

export interface WorkerTuning {
  /** Import jobs one process runs at once. */
  importConcurrency: number;
  /** Lock duration and stalled-check interval in ms (BullMQ defaults 30,000 / 30,000). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Shown as the job's `processedBy` (queue dashboard); default `<host>:<pid>`. */
  name?: string;
}

export interface WorkerEvents {
  onJobFinished?: (info: { queue: string; name: string; state: 'completed' | 'failed'; durationMs: number }) => void;
  /** Connection-level worker errors (e.g. Redis down); default: log at error level. */
  onWorkerError?: (error: Error) => void;
  /** Every job this process starts or completes (the run tracker keeps what it needs). */
  onJobSeen?: (job: Job) => void;
  /** A job's handler starts and ends (however it ends: done, thrown, deferred); for the idle collection. */
  onJobActive?: () => void;
  onJobSettled?: () => void;
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return formatZodIssues(issues, '(payload)').join('; ');
}

/** The per-job context: services plus progress, child failures and the producers a handler may use. */
function buildContext(job: Job, services: JobServices, set: QueueSet, logger: Logger): JobContext {
  return {
    ...services,
    jobId: job.id ?? 'unknown',
    attempt: job.attemptsMade + 1,
    logger: logger.child({ queue: job.queueName, job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 }),
    progress: (value) => job.updateProgress(value),
    async failedChildUnitIds() {
      const failures = await job.getIgnoredChildrenFailures();
      const out: Array<{ unitId: string; message: string }> = [];
      for (const [key, message] of Object.entries(failures)) {
        const childId = key.slice(key.lastIndexOf(':') + 1);
        const child = await Job.fromId(set.queues.import, childId);
        // The child may be gone (retention); its id is `import-<runId>-<unitId>` (see addRunFlow).
        const runId = (job.data as { runId?: string }).runId ?? '';
        const fromId = childId.startsWith(`import-${runId}-`) ? childId.slice(`import-${runId}-`.length) : childId;
        out.push({ unitId: (child?.data as { unitId?: string } | undefined)?.unitId ?? fromId, message });
      }
      return out;
    },
    fanOutRun: (run) => addRunFlow(set, run),
    async enqueueAlerts(payload) {
      await set.queues.alerts.add(JOB_NAMES.sendAlerts, payload, { ...optionsFor(set.registry, JOB_NAMES.sendAlerts), jobId: `alerts-${safeIdPart(payload.runId)}` });
    },
    reportJobId,
    async enqueueReport(payload) {
      await set.queues.report.add(JOB_NAMES.writeReport, payload, { ...optionsFor(set.registry, JOB_NAMES.writeReport), jobId: reportJobId(payload.runId) });
    },
  };
}

/**
 * Looks the job up in the registry, validates its payload before the handler runs, and maps
 * non-retryable errors (bad payload, 4xx, drift, bad mapping) to UnrecoverableError so BullMQ
 * stops retrying them at once.
 */
export function createProcessor(services: JobServices, set: QueueSet<JobRegistry>, logger: Logger, events: Pick<WorkerEvents, 'onJobActive' | 'onJobSettled'> = {}): Processor {
  const processor = handle(services, set, logger);
  return async (job: Job, token?: string) => {
    events.onJobActive?.();
    try {
      return await processor(job, token);
    } finally {
      events.onJobSettled?.();
    }
  };
}

function handle(services: JobServices, set: QueueSet<JobRegistry>, logger: Logger): Processor {
  return async (job: Job, token?: string) => {
    const definition = set.registry.get(job.name);
    if (!definition) throw new UnrecoverableError(`PAYLOAD_INVALID: no job named "${job.name}"`);
    const parsed = definition.payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`PAYLOAD_INVALID: ${job.name}: ${describeIssues(parsed.error.issues)}`);
    try {
      return await definition.handler(parsed.data, buildContext(job, services, set, logger));
    } catch (error) {
      if (isJobDeferral(error)) {
        // Not a failure: wait (e.g. for another worker's claim to run out) without using an attempt.
        logger.info({ queue: job.queueName, job: job.name, jobId: job.id, code: error.code, delayMs: error.delayMs, reason: error.message }, 'job deferred');
        await job.moveToDelayed(Date.now() + error.delayMs, token);
        throw new DelayedError();
      }
      // Unknown throws (a Redis hiccup, a full disk) get the job's bounded retries; known
      // non-retryable errors stop at once. Either way the reason starts with the error code.
      const appError: AppError = isAppError(error) ? error : toAppError(error, job.name);
      if (isAppError(error) && !error.retryable) throw new UnrecoverableError(`${appError.code}: ${appError.message}`);
      appError.message = `${appError.code}: ${appError.message}`;
      throw appError;
    }
  };
}

/** One BullMQ worker per queue of the tenant, sharing the processor; call `run()` on each to start. */
export function createWorkers(connection: Redis, services: JobServices, set: QueueSet<JobRegistry>, tuning: WorkerTuning, logger: Logger, events: WorkerEvents = {}): Worker[] {
  const processor = createProcessor(services, set, logger, events);
  const concurrency: Record<QueueBase, number> = { control: 2, import: tuning.importConcurrency, evaluate: 1, alerts: 1, report: 1 };
  return (Object.values(QUEUES) as QueueBase[]).map((base) => {
    const worker = new Worker(queueName(set.tenantId, base), processor, {
      connection,
      // Started by the caller once the process is fully up, so a failed start never leaves a worker taking jobs.
      autorun: false,
      prefix: set.prefix,
      name: tuning.name ?? `${hostname()}:${process.pid}`,
      concurrency: concurrency[base],
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
      settings: {
        backoffStrategy: (attemptsMade, _type, error, job) => jobBackoffMs(attemptsMade, (job?.opts.backoff as { delay?: number } | undefined)?.delay ?? 5_000, error),
      },
    });
    worker.on('failed', (job, error) => {
      const final = job === undefined || error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      const log = logger.child({ queue: worker.name, job: job?.name, jobId: job?.id });
      if (final) log.error({ err: error, attempts: job?.attemptsMade }, 'job failed');
      else log.warn({ err: error, attempts: job?.attemptsMade }, 'job failed, will retry');
      if (job && final) {
        events.onJobFinished?.({ queue: base, name: job.name, state: 'failed', durationMs: (job.finishedOn ?? Date.now()) - (job.processedOn ?? Date.now()) });
        if (job.name === JOB_NAMES.importUnit) void recordImportFailure(services, set, job, error).catch(() => undefined);
        if (job.name === JOB_NAMES.writeReport) void recordReportJobFailure(services, set, job, error).catch(() => undefined);
        if (job.name === JOB_NAMES.evaluateRun || job.name === JOB_NAMES.rerunUnit) void recordReportNeverQueued(services, set, job, error).catch(() => undefined);
      }
    });
    worker.on('active', (job) => events.onJobSeen?.(job));
    worker.on('completed', (job) => events.onJobSeen?.(job));
    worker.on('completed', (job) => events.onJobFinished?.({ queue: base, name: job.name, state: 'completed', durationMs: (job.finishedOn ?? 0) - (job.processedOn ?? 0) }));
    worker.on('error', (error) => (events.onWorkerError ?? ((err: Error) => logger.error({ err, queue: worker.name }, 'worker error')))(error));
    return worker;
  });
}

async function recordReportJobFailure(services: JobServices, set: QueueSet, job: Job, error: Error): Promise<void> {
  const parsed = set.registry.get(JOB_NAMES.writeReport)?.payload.safeParse(job.data);
  if (!parsed?.success) return;
  const { runId } = parsed.data as { runId: string };
  await recordReportFailure(services.status, runId, { at: services.clock.now().toISOString(), jobId: job.id ?? null, message: error.message });
}

/**
 * A run's finishing job (evaluate or re-run) that failed for good after recording the run but before
 * queueing its report job would leave the run's report `pending` with no job to end it: it is
 * recorded failed instead. A report job that is there (queued, running or done) speaks for itself.
 */
export async function recordReportNeverQueued(services: Pick<JobServices, 'status' | 'clock'>, set: QueueSet, job: Pick<Job, 'name' | 'data' | 'id'>, error: Error): Promise<void> {
  const parsed = set.registry.get(job.name)?.payload.safeParse(job.data);
  if (!parsed?.success) return;
  const runId = job.name === JOB_NAMES.rerunUnit ? (job.id === undefined ? null : rerunRunId(job.id)) : (parsed.data as { runId: string }).runId;
  if (runId === null || (await set.queues.report.getJob(reportJobId(runId))) !== undefined) return;
  await recordReportFailure(services.status, runId, {
    at: services.clock.now().toISOString(),
    jobId: null,
    message: `no report: the run's ${job.name} job failed for good before queueing its report job (${error.message})`,
  });
}

/**
 * A report job that failed for good without its handler saying so (stalled too often: a worker killed
 * mid-compilation) leaves the run's report failed, not pending for ever. A report already written or
 * superseded is never turned into a failure, and a run not recorded (or no longer kept) gets no report
 * state: the run is recorded, its report `pending`, before its report job is queued (src/pipeline/finish-run.ts).
 */
export async function recordReportFailure(status: StatusStore, runId: string, failure: { at: string; jobId: string | null; message: string }): Promise<void> {
  const report = await status.runReport(runId);
  if (report === null || report.state !== 'pending') return;
  await status.recordReport(runId, { state: 'failed', ...failure });
}

async function recordImportFailure(services: JobServices, set: QueueSet, job: Job, error: Error): Promise<void> {
  // Only a payload that passes the job's schema names a unit: anything else is not recorded anywhere.
  const parsed = set.registry.get(JOB_NAMES.importUnit)?.payload.safeParse(job.data);
  if (!parsed?.success) return;
  const data = parsed.data as { unitId: string; runId: string };
  await services.status.recordUnit({ unitId: data.unitId, runId: data.runId, at: services.clock.now().toISOString(), outcome: 'failed', lastGoodPullAt: null, requests: null, error: error.message });
}
