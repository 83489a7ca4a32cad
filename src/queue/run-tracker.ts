import type { Queue } from 'bullmq';
import { safeIdPart } from '../shared/ids.js';
import { JOB_NAMES, reportJobId } from './names.js';
import type { QueueSet } from './queues.js';

/**
 * What one worker process knows of the runs it took part in (it ran one of their jobs), kept in
 * memory so that it survives Redis losing its data: such a run can then be marked failed and
 * queued again instead of being forgotten. A run is forgotten once it has ended (its alert step,
 * or the step that ended it, is done), after RUN_MEMORY_MS, or beyond MAX_TRACKED_RUNS.
 */

/** How to run it again: the control job and its payload (the period as the run used it). */
export type RunAgain =
  | { name: typeof JOB_NAMES.nightlySync; data: { year?: number; asOf?: string; dryRun?: boolean } }
  | { name: typeof JOB_NAMES.rerunUnit; data: { unitId: string; year?: number; asOf?: string; dryRun?: boolean } };

export interface TrackedRun {
  runId: string;
  kind: 'nightly' | 'rerun';
  /** The control job that started it, when this worker saw it. */
  controlJobId: string | null;
  again: RunAgain | null;
  year: number | null;
  asOf: string | null;
  units: number;
  /** Rank of the job the `again` payload came from: evaluate 3, control 2, import, alerts or report 1. */
  rank: number;
  /** When this worker last saw one of its jobs (ms since the epoch). */
  seenAt: number;
}

/** A job as the queue layer reports it. */
export interface SeenJob {
  name: string;
  id?: string;
  data: unknown;
  returnvalue?: unknown;
}

/** Runs are forgotten after two days whatever happened to them. */
export const RUN_MEMORY_MS = 2 * 24 * 3_600_000;
export const MAX_TRACKED_RUNS = 200;

type Data = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const int = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);
const flag = (value: unknown) => (value === true ? true : undefined);
const period = (data: Data) => ({ year: int(data.year), asOf: text(data.asOf), dryRun: flag(data.dryRun) });

/** The run a job belongs to, or null for a job of no run. Pure. */
export function runOfJob(job: SeenJob, now: number): TrackedRun | null {
  const data = (job.data ?? {}) as Data;
  const result = (job.returnvalue ?? {}) as Data;
  const base = { year: int(data.year) ?? int(result.year) ?? null, asOf: text(data.asOf) ?? text(result.asOf) ?? null, units: 0, seenAt: now };
  const runId = text(data.runId);
  switch (job.name) {
    case JOB_NAMES.nightlySync:
      if (!job.id) return null;
      return {
        ...base,
        runId: `nightly-${safeIdPart(job.id)}`,
        kind: 'nightly',
        controlJobId: job.id,
        again: { name: JOB_NAMES.nightlySync, data: period(data) },
        rank: 2,
        units: int(result.units) ?? 0,
      };
    case JOB_NAMES.rerunUnit: {
      const unitId = text(data.unitId);
      if (!job.id || !unitId) return null;
      return { ...base, runId: `rerun-${safeIdPart(job.id)}`, kind: 'rerun', controlJobId: job.id, again: { name: JOB_NAMES.rerunUnit, data: { unitId, ...period(data) } }, rank: 2, units: 1 };
    }
    case JOB_NAMES.evaluateRun: {
      if (!runId) return null;
      const again = data.kind === 'nightly' ? { name: JOB_NAMES.nightlySync, data: period(data) } : null;
      return { ...base, runId, kind: data.kind === 'rerun' ? 'rerun' : 'nightly', controlJobId: null, again, rank: again ? 3 : 0, units: Array.isArray(data.unitIds) ? data.unitIds.length : 0 };
    }
    case JOB_NAMES.importUnit:
    case JOB_NAMES.sendAlerts:
    case JOB_NAMES.writeReport: {
      if (!runId) return null;
      const kind = runId.startsWith('rerun-') ? 'rerun' : 'nightly';
      const again = kind === 'nightly' ? { name: JOB_NAMES.nightlySync, data: { year: int(data.year), asOf: text(data.asOf) } } : null;
      return { ...base, runId, kind, controlJobId: null, again, rank: again ? 1 : 0 };
    }
    default:
      return null;
  }
}

/** The runs this process took part in and has not seen end. */
export class RunTracker {
  private readonly known = new Map<string, TrackedRun>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records the run of a job that became active or finished here. */
  note(job: SeenJob): void {
    const seen = runOfJob(job, this.now());
    if (!seen) return;
    const before = this.known.get(seen.runId);
    // The payload of the most telling job wins; what the others add fills the gaps.
    const top = !before || seen.rank >= before.rank ? seen : before;
    const other = top === seen ? before : seen;
    this.known.set(seen.runId, {
      ...top,
      controlJobId: top.controlJobId ?? other?.controlJobId ?? null,
      year: top.year ?? other?.year ?? null,
      asOf: top.asOf ?? other?.asOf ?? null,
      units: Math.max(top.units, other?.units ?? 0),
      seenAt: seen.seenAt,
    });
    this.trim();
  }

  runs(): TrackedRun[] {
    return [...this.known.values()];
  }

  forget(runId: string): void {
    this.known.delete(runId);
  }

  private trim(): void {
    const cutoff = this.now() - RUN_MEMORY_MS;
    for (const [runId, run] of this.known) if (run.seenAt < cutoff) this.known.delete(runId);
    const excess = this.known.size - MAX_TRACKED_RUNS;
    if (excess > 0) [...this.known.keys()].slice(0, excess).forEach((runId) => this.known.delete(runId));
  }
}

async function stateOf(queue: Queue, jobId: string): Promise<{ state: string; value: unknown } | null> {
  const job = await queue.getJob(jobId);
  return job ? { state: await job.getState(), value: job.returnvalue } : null;
}

/**
 * True once nothing more of the run is to come: its control job or evaluation failed for good, or
 * its evaluation is done and its alert step and report job (those it queued) completed or failed.
 */
export async function hasRunEnded(set: QueueSet, run: TrackedRun): Promise<boolean> {
  const control = run.controlJobId ? await stateOf(set.queues.control, run.controlJobId) : null;
  if (control?.state === 'failed') return true;
  // A re-run evaluates in its control job; a nightly run in its evaluate job.
  const evaluation = run.kind === 'rerun' ? control : await stateOf(set.queues.evaluate, `evaluate-${run.runId}`);
  if (evaluation?.state === 'failed') return true;
  if (evaluation && evaluation.state !== 'completed') return false;
  // Without its evaluation (another worker ran it) the run's steps are found by their ids.
  const finished = evaluation ? ((evaluation.value ?? {}) as Data) : null;
  const steps = [
    { queue: set.queues.alerts, jobId: finished ? text(finished.alertsJobId) : `alerts-${run.runId}`, required: true },
    { queue: set.queues.report, jobId: finished ? text(finished.reportJobId) : reportJobId(run.runId), required: finished !== null },
  ];
  for (const step of steps) {
    if (step.jobId === undefined) continue;
    const state = (await stateOf(step.queue, step.jobId))?.state;
    if (state === undefined && !step.required) continue;
    if (state !== 'completed' && state !== 'failed') return false;
  }
  return true;
}
