import { Job, type Queue } from 'bullmq';
import { realSleep, type Sleep } from '../shared/sleep.js';
import type { QueueSet } from './queues.js';

/**
 * Follows a whole run from the control job a producer queued (`sync-now`, `rerun`) to its end:
 * the sweep, the imports (children of the evaluate job), the evaluation with write-back, and the
 * alert step. Only reads BullMQ jobs; the workers do the work.
 */

/** Where a run stands, for a progress line. */
export interface RunProgress {
  stage: 'queued' | 'reference-data' | 'importing' | 'evaluating' | 'alerts';
  unitsDone: number;
  unitsTotal: number;
  failedUnits: number;
  /** Stratsys requests of the imports finished so far. */
  requests: number;
  /** Milliseconds since the watch began. */
  elapsedMs: number;
}

/** What an evaluation job returns (FinishedRun, src/pipeline/finish-run.ts), as far as the watcher reads it. */
export interface FinishedRunView {
  runId: string;
  summary: string;
  complete: boolean;
  dryRun: boolean;
  alertsJobId: string | null;
}

/** The outcome of a watched run. */
export interface WatchedRun {
  /** `finished`: the run (and its alert step, if any) ended; otherwise which step failed or timed out. */
  state: 'finished' | 'failed' | 'timed-out';
  /** Why it did not finish (the failing job's reason, starting with its error code). */
  failedReason: string | null;
  run: FinishedRunView | null;
  /** The alert step: its summary paragraph, or why it failed (it may be retried later). */
  alerts: { ok: boolean; text: string } | null;
}

export interface WatchOptions {
  /** Give up after this long (default 2 hours). */
  timeoutMs?: number;
  /**
   * Stop waiting when no worker has been connected to the queue for this long (default 60 s): a
   * run nobody takes (every worker stopped or crashed) is said to be so, not waited on in silence.
   */
  noWorkerMs?: number;
  sleep?: Sleep;
  /** Between polls (default 500 ms); at most 100 ms in the first 10 s of the wait. */
  pollMs?: number;
  now?: () => number;
}

interface Poll {
  deadline: number;
  started: number;
  sleep: Sleep;
  pollMs: number;
  now: () => number;
  noWorkerMs: number;
  /** Since when no worker has been seen on the queue waited on (null: one was seen at the last look). */
  noWorkerSince: number | null;
  /** When the workers were last counted. */
  workersCountedAt: number;
}

type JobEnd = { state: 'completed'; value: unknown } | { state: 'failed'; reason: string } | { state: 'timed-out' };

/**
 * Why the wait should stop because no worker is there, else null. Workers are counted (BullMQ's
 * named Redis clients of the queue) at most every few seconds; a Redis that does not allow CLIENT
 * LIST gives no count, and then nothing is concluded from it.
 */
async function noWorkerReason(queue: Queue, poll: Poll): Promise<string | null> {
  const at = poll.now();
  if (at - poll.workersCountedAt < Math.min(5_000, poll.noWorkerMs / 4)) return null;
  poll.workersCountedAt = at;
  const count = await queue.getWorkersCount().catch(() => null);
  if (count === null || count > 0) {
    poll.noWorkerSince = null;
    return null;
  }
  poll.noWorkerSince ??= at;
  if (at - poll.noWorkerSince < poll.noWorkerMs) return null;
  const seconds = Number((poll.noWorkerMs / 1000).toFixed(1));
  return `no worker has been connected to the ${queue.name} queue for ${seconds} s (stopped, or crashed: see its log, e.g. out of memory), so nobody is doing this run; it stays queued and goes on when a worker starts`;
}

/** Polls one job until it completes or fails for good (a retried job counts as not yet ended). */
async function untilEnd(queue: Queue, jobId: string, poll: Poll, onPoll: (job: Job) => Promise<void>, failEarly = false): Promise<JobEnd> {
  for (;;) {
    const job = await Job.fromId(queue, jobId);
    if (!job) return { state: 'failed', reason: `job ${jobId} no longer exists (removed by retention?)` };
    const state = await job.getState();
    if (state === 'completed') {
      // Read again: the job may have completed after it was read above, without its return value.
      const done = (await Job.fromId(queue, jobId)) ?? job;
      // One last report, so that a step that ended between two polls is shown too.
      await onPoll(done);
      return { state: 'completed', value: done.returnvalue };
    }
    if (state === 'failed') return { state: 'failed', reason: job.failedReason ?? 'failed' };
    // A retried alert step is reported at its first failure: the workers keep retrying it.
    if (failEarly && state === 'delayed' && job.attemptsMade > 0) return { state: 'failed', reason: `${job.failedReason ?? 'failed'} (retrying in the background)` };
    await onPoll(job);
    if (poll.now() > poll.deadline) return { state: 'timed-out' };
    const nobody = await noWorkerReason(queue, poll);
    if (nobody !== null) return { state: 'failed', reason: nobody };
    await poll.sleep(intervalOf(poll));
  }
}

/** Polls in the first seconds of a wait come quicker: a re-run that takes a few seconds is not shown up to a poll late. */
const QUICK_POLLS_MS = 10_000;

function intervalOf(poll: Poll): number {
  return poll.now() - poll.started < QUICK_POLLS_MS ? Math.min(poll.pollMs, 100) : poll.pollMs;
}

function isFinishedRun(value: unknown): value is FinishedRunView {
  return typeof value === 'object' && value !== null && typeof (value as FinishedRunView).summary === 'string';
}

/** Follows the run of control job `jobId` to its end, reporting progress at every poll. */
export async function watchRun(set: QueueSet, jobId: string, onProgress: (progress: RunProgress) => void, options: WatchOptions = {}): Promise<WatchedRun> {
  const now = options.now ?? Date.now;
  const started = now();
  const poll: Poll = {
    started,
    deadline: started + (options.timeoutMs ?? 2 * 3_600_000),
    sleep: options.sleep ?? realSleep,
    pollMs: options.pollMs ?? 500,
    now,
    noWorkerMs: options.noWorkerMs ?? 60_000,
    noWorkerSince: null,
    workersCountedAt: -Infinity,
  };
  const progress: RunProgress = { stage: 'queued', unitsDone: 0, unitsTotal: 0, failedUnits: 0, requests: 0, elapsedMs: 0 };
  const report = (patch: Partial<RunProgress>) => {
    Object.assign(progress, patch, { elapsedMs: now() - started });
    // Past the imports every unit is done (imported or failed).
    if (progress.stage === 'evaluating' || progress.stage === 'alerts') progress.unitsDone = progress.unitsTotal;
    onProgress(progress);
  };

  const control = await untilEnd(set.queues.control, jobId, poll, async (job) => {
    const { stage, units } = (job.progress ?? {}) as { stage?: string; units?: number };
    if (stage === 'import' || stage === 'evaluate' || stage === 'done') return report({ stage: 'evaluating' });
    if (stage === 'fanned-out') return report({ stage: 'importing', unitsTotal: units ?? 0 });
    report({ stage: (await job.isActive()) ? 'reference-data' : 'queued' });
  });
  if (control.state !== 'completed') return ended(control);
  let finished: unknown = control.value;
  if (!isFinishedRun(finished)) {
    const runId = (finished as { runId?: string } | null)?.runId;
    if (!runId) return { state: 'failed', failedReason: 'the sync ended without starting a run', run: null, alerts: null };
    const evaluation = await untilEnd(set.queues.evaluate, `evaluate-${runId}`, poll, async (job) => report(await importProgress(job)));
    if (evaluation.state !== 'completed') return ended(evaluation);
    finished = evaluation.value;
  }
  if (!isFinishedRun(finished)) return { state: 'failed', failedReason: 'the run returned no summary (a worker of an older version?)', run: null, alerts: null };
  if (!finished.alertsJobId) return { state: 'finished', failedReason: null, run: finished, alerts: null };
  report({ stage: 'alerts' });
  const alerts = await untilEnd(set.queues.alerts, finished.alertsJobId, poll, async () => undefined, true);
  if (alerts.state === 'timed-out') return { state: 'timed-out', failedReason: 'timed out waiting for the alert step', run: finished, alerts: null };
  if (alerts.state === 'failed') return { state: 'finished', failedReason: null, run: finished, alerts: { ok: false, text: `Alerts: FAILED: ${alerts.reason}` } };
  const text = (alerts.value as { text?: string; skipped?: string } | null)?.text ?? 'Alerts: not configured.';
  return { state: 'finished', failedReason: null, run: finished, alerts: { ok: true, text } };
}

function ended(end: Exclude<JobEnd, { state: 'completed' }>): WatchedRun {
  return end.state === 'timed-out'
    ? { state: 'timed-out', failedReason: 'timed out waiting for the run', run: null, alerts: null }
    : { state: 'failed', failedReason: end.reason, run: null, alerts: null };
}

/** Imports done, failed and their requests, from the evaluate job's children. */
async function importProgress(job: Job): Promise<Partial<RunProgress>> {
  const state = await job.getState();
  const [counts, values] = await Promise.all([job.getDependenciesCount(), job.getChildrenValues<{ requests?: number }>()]);
  const done = counts.processed ?? 0;
  const failed = (counts.ignored ?? 0) + (counts.failed ?? 0);
  const requests = Object.values(values).reduce((sum, value) => sum + (typeof value?.requests === 'number' ? value.requests : 0), 0);
  const stage = state === 'waiting-children' ? 'importing' : 'evaluating';
  return { stage, unitsDone: done + failed, unitsTotal: done + failed + (counts.unprocessed ?? 0), failedUnits: failed, requests };
}
