import { Job } from 'bullmq';
import { realSleep, type Sleep } from '../shared/sleep.js';
import { safeIdPart } from '../shared/ids.js';
import { JOB_NAMES } from './names.js';
import { optionsFor, type QueueSet } from './queues.js';

export interface Enqueued {
  jobId: string;
  /** True when a re-run of the unit was already queued or running; `jobId` is that job. */
  existing: boolean;
}

/**
 * Queues a manual re-run of one unit. At most one re-run per unit is queued or running: the
 * deduplication key lives until that job completes or fails, and the caller gets the existing job.
 */
export async function enqueueRerun(set: QueueSet, input: { unitId: string; year?: number; asOf?: string; dryRun?: boolean }, now: Date): Promise<Enqueued> {
  const requested = `rerun-${safeIdPart(input.unitId)}-${now.getTime()}`;
  const job = await set.queues.control.add(
    JOB_NAMES.rerunUnit,
    { unitId: input.unitId, ...(input.year === undefined ? {} : { year: input.year }), ...(input.asOf === undefined ? {} : { asOf: input.asOf }), ...(input.dryRun ? { dryRun: true } : {}) },
    { ...optionsFor(set.registry, JOB_NAMES.rerunUnit), jobId: requested, deduplication: { id: `rerun-${set.tenantId}-${safeIdPart(input.unitId)}` } },
  );
  const jobId = job.id ?? requested;
  return { jobId, existing: jobId !== requested };
}

/** Queues a nightly sync now (the same sweep the schedule runs); one at a time while queued or running. */
export async function enqueueSyncNow(set: QueueSet, input: { year?: number; asOf?: string; dryRun?: boolean }, now: Date): Promise<Enqueued> {
  const requested = `manual-${now.getTime()}`;
  const job = await set.queues.control.add(
    JOB_NAMES.nightlySync,
    { trigger: 'manual', ...(input.year === undefined ? {} : { year: input.year }), ...(input.asOf === undefined ? {} : { asOf: input.asOf }), ...(input.dryRun ? { dryRun: true } : {}) },
    { ...optionsFor(set.registry, JOB_NAMES.nightlySync), jobId: requested, deduplication: { id: `sync-now-${set.tenantId}` } },
  );
  const jobId = job.id ?? requested;
  return { jobId, existing: jobId !== requested };
}

export interface JobReport {
  state: string;
  progress: unknown;
  result: unknown;
  failedReason: string | null;
}

/** Polls a control job until it completes or fails, reporting each new progress value. */
export async function waitForJob(set: QueueSet, jobId: string, onProgress: (progress: unknown) => void, options: { timeoutMs?: number; sleep?: Sleep } = {}): Promise<JobReport> {
  const sleep = options.sleep ?? realSleep;
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let last = '';
  for (;;) {
    const job = await Job.fromId(set.queues.control, jobId);
    if (!job) return { state: 'missing', progress: null, result: null, failedReason: 'the job no longer exists (removed by retention?)' };
    const shown = JSON.stringify(job.progress);
    if (shown !== last) {
      last = shown;
      onProgress(job.progress);
    }
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') {
      // Read again: the job may have ended after it was read above, without its result.
      const ended = (await Job.fromId(set.queues.control, jobId)) ?? job;
      return { state, progress: ended.progress, result: ended.returnvalue, failedReason: ended.failedReason ?? null };
    }
    if (Date.now() > deadline) return { state, progress: job.progress, result: null, failedReason: 'timed out waiting' };
    await sleep(500);
  }
}
