import { FlowProducer, Queue, type JobsOptions, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobDefaults, JobSpecs } from './job-definition.js';
import { safeIdPart } from '../shared/ids.js';
import { JOB_NAMES, QUEUES, queueName, type QueueBase } from './names.js';
import type { RunFanOut } from './context.js';

/** The tenant's queues; `registry` is every job's spec (producers), or with its handler too (the worker: JobRegistry). */
export interface QueueSet<Registry extends JobSpecs = JobSpecs> {
  tenantId: string;
  prefix: string;
  /** The jobs these queues carry: their payloads and retry defaults, and in the worker their handlers. */
  registry: Registry;
  queues: Record<QueueBase, Queue>;
  flows: FlowProducer;
  close(): Promise<void>;
}

/** BullMQ options from a job's defaults: attempts, exponential backoff (custom: honours Retry-After), retention. */
export function jobOptions(defaults: JobDefaults): JobsOptions {
  return {
    attempts: defaults.attempts,
    backoff: { type: 'stratsys', delay: defaults.backoffMs },
    removeOnComplete: { count: defaults.keepCompleted.count, age: defaults.keepCompleted.ageSeconds },
    removeOnFail: { count: defaults.keepFailed.count, age: defaults.keepFailed.ageSeconds },
  };
}

/** BullMQ options of the job named `name` in `registry`. */
export function optionsFor(registry: JobSpecs, name: string): JobsOptions {
  const definition = registry.get(name);
  if (!definition) throw new Error(`no job named ${name}`);
  return jobOptions(definition.defaults);
}

/** The tenant's queues on one connection. `prefix` may be a Redis Cluster hash tag such as `{stratsys-sync}`. */
export function createQueues<Registry extends JobSpecs>(
  connection: Redis | ConnectionOptions,
  tenantId: string,
  prefix: string,
  registry: Registry,
  onError: (error: Error) => void = () => undefined,
): QueueSet<Registry> {
  const make = (base: QueueBase) => new Queue(queueName(tenantId, base), { connection, prefix }).on('error', onError);
  const queues = { control: make(QUEUES.control), import: make(QUEUES.import), evaluate: make(QUEUES.evaluate), alerts: make(QUEUES.alerts), report: make(QUEUES.report) };
  const flows = new FlowProducer({ connection, prefix });
  flows.on('error', onError);
  return {
    tenantId,
    prefix,
    registry,
    queues,
    flows,
    async close() {
      await Promise.all([...Object.values(queues).map((q) => q.close()), flows.close()]);
    },
  };
}

/**
 * Adds a run as one flow: the evaluate job is the parent of one import job per unit, so it runs
 * once every import has completed or failed for good (failed imports are recorded as ignored
 * dependencies, not failing the parent). Job ids derive from the run id, and a run whose evaluate
 * job exists is not added again.
 */
export async function addRunFlow(set: QueueSet, run: RunFanOut): Promise<void> {
  // Adding a flow whose parent exists would re-attach children that already failed for good and
  // leave the parent waiting forever: a retried sweep must add nothing.
  if (await set.queues.evaluate.getJob(`evaluate-${run.runId}`)) return;
  await set.flows.add({
    name: JOB_NAMES.evaluateRun,
    queueName: queueName(set.tenantId, QUEUES.evaluate),
    data: {
      runId: run.runId,
      kind: run.kind,
      year: run.year,
      asOf: run.asOf,
      unitIds: run.unitIds,
      ...(run.startedAt === undefined ? {} : { startedAt: run.startedAt }),
      ...(run.referenceRequests === undefined ? {} : { referenceRequests: run.referenceRequests }),
      ...(run.dryRun ? { dryRun: true } : {}),
    },
    opts: { ...optionsFor(set.registry, JOB_NAMES.evaluateRun), jobId: `evaluate-${run.runId}` },
    children: run.unitIds.map((unitId) => ({
      name: JOB_NAMES.importUnit,
      queueName: queueName(set.tenantId, QUEUES.import),
      data: { runId: run.runId, unitId, year: run.year },
      opts: { ...optionsFor(set.registry, JOB_NAMES.importUnit), jobId: `import-${run.runId}-${safeIdPart(unitId)}`, ignoreDependencyOnFailure: true },
    })),
  });
}
