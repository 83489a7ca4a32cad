import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { JobContext, JobServices } from '../../../src/queue/context.js';
import { JobDeferral } from '../../../src/queue/deferral.js';
import { defineJob, type JobDefinition, type JobRegistry } from '../../../src/queue/job-definition.js';
import type { QueueSet } from '../../../src/queue/queues.js';
import { createProcessor } from '../../../src/queue/worker.js';
import { AppError } from '../../../src/shared/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';

/** What the test job does, by its payload's `then`. */
const probe = defineJob(
  {
    name: 'probe',
    queue: 'control',
    payload: z.object({ then: z.enum(['return', 'throw', 'refuse', 'defer']) }).strict(),
    defaults: { attempts: 1, backoffMs: 1, keepCompleted: { count: 1, ageSeconds: 1 }, keepFailed: { count: 1, ageSeconds: 1 } },
  },
  async (payload: { then: 'return' | 'throw' | 'refuse' | 'defer' }, _ctx: JobContext) => {
    if (payload.then === 'throw') throw new Error('boom');
    if (payload.then === 'refuse') throw new AppError('PAYLOAD_INVALID', 'not retryable');
    if (payload.then === 'defer') throw new JobDeferral('ALERT_PENDING', 'later', 1_000);
    return 'done';
  },
);

function setup() {
  const events: string[] = [];
  const registry: JobRegistry = new Map([[probe.name, probe as JobDefinition<unknown, JobContext, unknown>]]);
  const set = { tenantId: 't', prefix: 'p', registry } as unknown as QueueSet<JobRegistry>;
  const processor = createProcessor({} as JobServices, set, silentLogger(), {
    onJobActive: () => events.push('active'),
    onJobSettled: () => events.push('settled'),
  });
  const job = (name: string, data: unknown) =>
    ({ name, data, id: '1', attemptsMade: 0, queueName: 'q', moveToDelayed: async () => undefined, updateProgress: async () => undefined }) as unknown as Job;
  return { events, run: (name: string, data: unknown) => processor(job(name, data), 'token') };
}

describe('the processor tells the idle collection when a job starts and ends', () => {
  it.each([
    ['completes', 'probe', { then: 'return' }, null],
    ['throws (retried)', 'probe', { then: 'throw' }, AppError],
    ['is refused (not retried)', 'probe', { then: 'refuse' }, UnrecoverableError],
    ['is deferred', 'probe', { then: 'defer' }, DelayedError],
    ['is not a known job', 'nope', {}, UnrecoverableError],
    ['has a bad payload', 'probe', { then: 'explode' }, UnrecoverableError],
  ] as const)('once each when the job %s', async (_what, name, data, thrown) => {
    const { events, run } = setup();
    const outcome = run(name, data);
    if (thrown === null) await expect(outcome).resolves.toBe('done');
    else await expect(outcome).rejects.toBeInstanceOf(thrown);
    expect(events).toEqual(['active', 'settled']);
  });
});
