import type { Command } from 'commander';
import { loadMappings, selectPeriod } from '../mapping/load.js';
import { planPull } from '../mapping/pull-plan.js';
import { resolveUnit } from '../pipeline/find-unit.js';
import { importableUnits } from '../pipeline/run.js';
import { createProducerConnection } from '../queue/connection.js';
import { enqueueRerun, enqueueSyncNow, waitForJob, type Enqueued } from '../queue/producer.js';
import { createQueues, type QueueSet } from '../queue/queues.js';
import { createStateStores } from '../app/state.js';
import { systemClock } from '../shared/clock.js';
import { defaultYear, resolveAsOf } from '../shared/as-of.js';
import { AppError } from '../shared/errors.js';
import { action, createCommandContext, parseIntArg, type CommandContext } from './common.js';

async function withQueues<T>(ctx: CommandContext, fn: (set: QueueSet, redis: ReturnType<typeof createProducerConnection>) => Promise<T>): Promise<T> {
  if (!ctx.config.REDIS_URL) throw new AppError('CONFIG_INVALID', 'REDIS_URL: required to queue jobs for the worker');
  const redis = createProducerConnection(ctx.config.REDIS_URL, { lazyConnect: true });
  redis.on('error', () => undefined); // reported through the failed command below
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new AppError('REDIS_UNSUITABLE', `Redis is not reachable: ${(error as Error).message}`, { cause: error });
  }
  const set = createQueues(redis, ctx.config.TENANT_ID, ctx.config.REDIS_PREFIX);
  try {
    return await fn(set, redis);
  } finally {
    await set.close();
    redis.disconnect();
  }
}

async function follow(set: QueueSet, queued: Enqueued, wait: boolean | undefined): Promise<void> {
  process.stdout.write(`${queued.existing ? 'already queued or running' : 'queued'}: job ${queued.jobId}\n`);
  if (!wait) return;
  const report = await waitForJob(set, queued.jobId, (progress) => process.stdout.write(`progress: ${JSON.stringify(progress)}\n`));
  process.stdout.write(`${report.state}${report.failedReason ? `: ${report.failedReason}` : ''}\n`);
  if (report.result) process.stdout.write(`${JSON.stringify(report.result, null, 2)}\n`);
  if (report.state !== 'completed') process.exitCode = 1;
}

/** `rerun` and `sync-now`: ask the running workers to do something now. */
export function register(program: Command): void {
  program
    .command('rerun')
    .description("re-import one department's or company's data, re-evaluate with the others' stored snapshots and write back what changed")
    .requiredOption('--department <idOrName>', 'unit id or name')
    .option('--year <year>', 'reported year', parseIntArg('--year', 2000, 2100))
    .option('--wait', 'show progress and wait for the outcome')
    .action(
      action(async (options: { department: string; year?: number; wait?: boolean }, command: Command) => {
        const ctx = createCommandContext(command);
        await withQueues(ctx, async (set, redis) => {
          const stores = createStateStores(ctx.config, redis);
          const tenant = await stores.snapshots.loadTenant();
          if (!tenant) throw new AppError('PULL_INCOMPLETE', 'no stored pull yet: run a nightly sync first (`stratsys-sync sync-now --wait`)');
          const asOf = resolveAsOf(ctx.config.SYNC_AS_OF, systemClock, ctx.config.REPORT_TIME_ZONE);
          const mapping = selectPeriod(await loadMappings(ctx.config.MAPPINGS_DIR), options.year ?? ctx.config.SYNC_YEAR ?? defaultYear(asOf, ctx.config.REPORT_TIME_ZONE));
          const unit = resolveUnit(options.department, importableUnits(planPull(mapping, tenant.departments), tenant.departments));
          await follow(set, await enqueueRerun(set, { unitId: unit.id, year: options.year }, systemClock.now()), options.wait);
        });
      }),
    );
  program
    .command('sync-now')
    .description('queue a nightly sync now (the workers run it)')
    .option('--year <year>', 'reported year', parseIntArg('--year', 2000, 2100))
    .option('--wait', 'wait until the sweep has fanned out its imports')
    .action(
      action(async (options: { year?: number; wait?: boolean }, command: Command) => {
        const ctx = createCommandContext(command);
        await withQueues(ctx, async (set) => follow(set, await enqueueSyncNow(set, { year: options.year }, systemClock.now()), options.wait));
      }),
    );
}
