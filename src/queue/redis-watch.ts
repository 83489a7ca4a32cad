import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../shared/logger.js';
import type { StatusStore } from '../store/status-store.js';
import { safeIdPart } from '../shared/ids.js';
import { NIGHTLY_SCHEDULER_ID } from './names.js';
import { optionsFor, type QueueSet } from './queues.js';
import { hasRunEnded, type RunTracker, type TrackedRun } from './run-tracker.js';

/**
 * Notices when Redis lost its data (a restart without persistence, a failover to an empty
 * replica, a flush) and repairs what the workers need, without relying on AOF:
 *
 * - an *epoch* key is written when the first worker starts; when it is gone (or another worker
 *   replaced it), the data was lost;
 * - then the nightly schedule is upserted again, and every run this process took part in and had
 *   not seen end is recorded as failed (REDIS_DATA_LOST) and queued again under a deterministic job
 *   id (`recovered-<runId>`, so N replicas queue it once), and `/readyz` says so until a complete
 *   nightly run has been recorded after the loss;
 * - on every check the schedule's presence is verified too (upserted again when missing).
 *
 * Checks run on every (re)connection of the workers' Redis connection and every `checkMs`.
 */

export interface RedisWatchDeps {
  /** The workers' connection (waits through outages). */
  redis: Redis;
  queues: QueueSet;
  status: StatusStore;
  tracker: RunTracker;
  /** Tenant key prefix, e.g. `stratsys-sync:gavle`. */
  keyPrefix: string;
  /** Upserts the nightly schedule (validated cron and time zone). */
  upsertSchedule(): Promise<void>;
  logger: Logger;
  now: () => Date;
  /** Period of the regular check, in ms. */
  checkMs: number;
}

/** A data loss this process noticed, for /readyz. */
export interface DataLoss {
  code: 'REDIS_DATA_LOST';
  message: string;
  since: string;
}

export interface RedisWatch {
  /** Not-ready reasons (empty when none). */
  readiness(): DataLoss[];
  /** Runs one check now (also used by tests). */
  check(): Promise<void>;
  close(): void;
}

/** Starts the watch: claims or adopts the epoch, then checks on reconnect and every `checkMs`. */
export async function startRedisWatch(deps: RedisWatchDeps): Promise<RedisWatch> {
  const epochKey = `${deps.keyPrefix}:epoch`;
  let epoch = await adoptEpoch(deps.redis, epochKey);
  let loss: DataLoss | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  const checkOnce = async (): Promise<void> => {
    const current = await deps.redis.get(epochKey);
    if (current !== epoch) {
      epoch = await adoptEpoch(deps.redis, epochKey);
      loss = await recover(deps, epoch);
      return;
    }
    if (!(await deps.queues.queues.control.getJobScheduler(NIGHTLY_SCHEDULER_ID))) {
      deps.logger.warn({ scheduler: NIGHTLY_SCHEDULER_ID }, 'nightly schedule missing; upserted again');
      await deps.upsertSchedule();
    }
    for (const run of deps.tracker.runs()) if (await hasRunEnded(deps.queues, run)) deps.tracker.forget(run.runId);
    if (loss && (await isRecovered(deps.status, loss))) {
      deps.logger.info({ since: loss.since }, 'a complete nightly run has been recorded since Redis lost its data; ready again');
      loss = null;
    }
  };
  // One check at a time; a check asked for meanwhile runs right after.
  const check = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await checkOnce().catch((error: unknown) => deps.logger.warn({ err: error }, 'redis data check failed; tried again later'));
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const onReady = () => void check();
  deps.redis.on('ready', onReady);
  const timer = setInterval(onReady, deps.checkMs);
  timer.unref();
  return {
    readiness: () => (loss ? [loss] : []),
    check,
    close() {
      clearInterval(timer);
      deps.redis.off('ready', onReady);
    },
  };
}

/** The epoch in Redis: this process's new one if there was none, else the one found. */
async function adoptEpoch(redis: Redis, key: string): Promise<string> {
  await redis.set(key, randomUUID(), 'NX');
  return (await redis.get(key)) ?? '';
}

/** Restores the schedule, marks this process's unfinished runs failed and queues them again. */
async function recover(deps: RedisWatchDeps, epoch: string): Promise<DataLoss> {
  const since = deps.now().toISOString();
  await deps.upsertSchedule();
  const requeued: string[] = [];
  for (const run of deps.tracker.runs()) {
    const jobId = await requeue(deps, run, epoch, since);
    if (jobId) requeued.push(`${run.runId} as ${jobId}`);
    deps.tracker.forget(run.runId);
  }
  const what = requeued.length > 0 ? `runs in flight were marked failed and queued again (${requeued.join(', ')})` : 'no run was in flight here';
  const message = `Redis lost its data (restarted without persistence?) at ${since}: the nightly schedule was restored and ${what}. Snapshots, run history and the alert ledger are gone, so alert e-mails of the current cadence step may be sent again. Ready again once a complete nightly sync is recorded (the next night, or \`stratsys-sync sync-now\`).`;
  deps.logger.error({ since, requeued }, 'redis lost its data; schedule restored, in-flight runs queued again');
  return { code: 'REDIS_DATA_LOST', message, since };
}

/**
 * Records `run` as failed and queues it again, once across replicas (a claim key per run and
 * epoch; the job id is deterministic too). Returns the new job id, or null when another replica
 * did it or the run cannot be repeated from what this process knows.
 */
async function requeue(deps: RedisWatchDeps, run: TrackedRun, epoch: string, since: string): Promise<string | null> {
  const claimed = await deps.redis.set(`${deps.keyPrefix}:recovered:${safeIdPart(epoch)}:${run.runId}`, since, 'PX', 24 * 3_600_000, 'NX');
  if (claimed !== 'OK') return null;
  const jobId = run.again ? `recovered-${safeIdPart(run.runId)}` : null;
  if (run.again && jobId) {
    await deps.queues.queues.control.add(run.again.name, run.again.name === 'nightly-sync' ? { trigger: 'manual', ...run.again.data } : run.again.data, {
      ...optionsFor(deps.queues.registry, run.again.name),
      jobId,
    });
  }
  await deps.status.recordRun({
    runId: run.runId,
    kind: run.kind,
    year: run.year ?? new Date(since).getUTCFullYear() - 1,
    asOf: run.asOf ?? since,
    finishedAt: since,
    outcome: 'failed',
    units: run.units,
    failedUnitIds: [],
    written: 0,
    unchanged: 0,
    heldBack: 0,
    rejected: 0,
    missingReports: 0,
    missingByFocusArea: {},
    message: `REDIS_DATA_LOST: Redis lost this run's jobs at ${since}; ${jobId ? `queued again as ${jobId}` : 'not queued again (this worker did not see how it was started): run `stratsys-sync sync-now`'}`,
  });
  return jobId;
}

async function isRecovered(status: StatusStore, loss: DataLoss): Promise<boolean> {
  const last = await status.lastNightlySuccess();
  return last !== null && Date.parse(last) >= Date.parse(loss.since);
}
