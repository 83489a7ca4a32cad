import type { z } from 'zod';
import type { JobContext } from './context.js';
import type { QueueBase } from './names.js';

/** Retry and retention defaults of one job kind (mapped onto BullMQ job options by the queue layer). */
export interface JobDefaults {
  /** Total tries including the first. */
  attempts: number;
  /** First backoff step in ms; doubles per try; a Stratsys Retry-After wins when longer. */
  backoffMs: number;
  /** Completed jobs kept (count) and for how long (seconds). */
  keepCompleted: { count: number; ageSeconds: number };
  /** Failed jobs kept for inspection (count) and for how long (seconds). */
  keepFailed: { count: number; ageSeconds: number };
}

/** What producers need of one job: its name, queue, payload schema and defaults (no handler). */
export interface JobSpec<Payload> {
  name: string;
  queue: QueueBase;
  payload: z.ZodType<Payload>;
  defaults: JobDefaults;
}

/**
 * One job: its spec and handler. Handlers get everything through `ctx` and never import bullmq,
 * ioredis, axios or nodemailer.
 */
export interface JobDefinition<Payload, Ctx, Result> extends JobSpec<Payload> {
  handler(payload: Payload, ctx: Ctx): Promise<Result>;
}

/** A job's spec, its payload schema's type kept (jobs/specs.ts). */
export function defineJobSpec<Schema extends z.ZodType>(spec: { name: string; queue: QueueBase; payload: Schema; defaults: JobDefaults }): typeof spec {
  return spec;
}

/** A job: its spec (jobs/specs.ts) with the handler that runs it. */
export function defineJob<Schema extends z.ZodType, Ctx, Result>(
  spec: { name: string; queue: QueueBase; payload: Schema; defaults: JobDefaults },
  handler: (payload: z.output<Schema>, ctx: Ctx) => Promise<Result>,
): JobDefinition<z.output<Schema>, Ctx, Result> {
  return { ...spec, handler } as JobDefinition<z.output<Schema>, Ctx, Result>;
}

/** Every job's spec by name (jobs/specs.ts): what queueing a job needs. */
export type JobSpecs = ReadonlyMap<string, JobSpec<unknown>>;

/**
 * Every job the worker runs, by name (jobs/index.ts): given to createQueues, so the queue layer
 * never imports the jobs it runs.
 */
export type JobRegistry = ReadonlyMap<string, JobDefinition<unknown, JobContext, unknown>>;

export const STANDARD_RETENTION: Pick<JobDefaults, 'keepCompleted' | 'keepFailed'> = {
  keepCompleted: { count: 1000, ageSeconds: 7 * 24 * 3600 },
  keepFailed: { count: 5000, ageSeconds: 30 * 24 * 3600 },
};
