import type { Command } from 'commander';
import { planPull } from '../mapping/engine/pull-plan.js';
import { resolveUnit } from '../pipeline/find-unit.js';
import { importableUnits } from '../pipeline/find-unit.js';
import type { Redis } from 'ioredis';
import { isRedisConnectionError, redisUnavailable } from '../queue/connection.js';
import { enqueueRerun, enqueueSyncNow, type Enqueued } from '../queue/producer.js';
import { createQueues, type QueueSet } from '../queue/queues.js';
import { watchRun } from '../queue/run-watch.js';
import { createStateStores, openCliRedis } from '../app/state-stores.js';
import { AppError, isAppError } from '../shared/errors.js';
import { action, createCommandContext, parseInstantArg, parseIntArg, type CommandContext } from './common.js';
import type { StoredPeriod } from '../app/period.js';
import { commandPeriod } from './period.js';
import { describeWatchedRun, progressPrinter } from './wait.js';
import { JOB_SPECS } from '../../jobs/specs.js';
import { YEARS } from '../shared/years.js';

/** Options of `sync-now` and `rerun`. */
interface EnqueueOptions {
  year?: number;
  asOf?: string;
  dryRun?: boolean;
  wait?: boolean;
}

async function withQueues<T>(ctx: CommandContext, fn: (set: QueueSet, redis: Redis) => Promise<T>): Promise<T> {
  const redis = await openCliRedis(ctx.config, 'to queue jobs for the worker');
  const set = createQueues(redis, ctx.config.TENANT_ID, ctx.config.REDIS_PREFIX, JOB_SPECS);
  try {
    return await fn(set, redis);
  } catch (error) {
    if (isRedisConnectionError(error)) throw redisUnavailable(error, 'talking to the queue', 'if "queued" was not printed, nothing was queued; try again once Redis answers');
    throw error;
  } finally {
    await set.close();
    redis.disconnect();
  }
}

/**
 * Checks the flags by the period policy before anything is queued. Only the flags travel in the
 * job: the workers fill in the rest from their own SYNC_YEAR / SYNC_AS_OF, the settings of the
 * installation, and refuse an implausible period themselves (shown with --wait).
 */
function checkPeriod(ctx: CommandContext, options: EnqueueOptions, stored?: StoredPeriod) {
  return commandPeriod(ctx, options, options.dryRun ? 'read' : 'write', stored);
}

/**
 * Prints what was queued; with `wait`, follows the whole run and prints its summary (exit code as
 * `run --once`). `again` is the command that follows the same run anew (it is deduplicated).
 */
async function follow(set: QueueSet, queued: Enqueued, what: string, wait: boolean | undefined, again: string): Promise<void> {
  process.stdout.write(queued.existing ? `${what} was already queued or running; following it\n` : `${what} queued\n`);
  if (!wait) {
    process.stdout.write('The workers run it; see the status page, or add --wait to follow it here.\n');
    return;
  }
  const printer = progressPrinter(process.stderr);
  let watched;
  try {
    watched = await watchRun(set, queued.jobId, (progress) => printer.update(progress));
  } catch (error) {
    if (isRedisConnectionError(error)) {
      throw redisUnavailable(
        error,
        'waiting for the run',
        `the workers go on with it once Redis is back; follow it on the status page, or run \`${again}\` again (it follows the run already queued or running)`,
      );
    }
    if (isAppError(error)) throw error;
    throw new AppError('INTERNAL', `waiting for the run: ${(error as Error).message}`, { cause: error });
  } finally {
    printer.end();
  }
  const { text, ok } = describeWatchedRun(watched);
  if (watched.run) process.stdout.write(text);
  else process.stderr.write(`error ${watched.failedReason ?? 'the run did not finish'}\n`);
  if (!ok) process.exitCode = 1;
}

function addRunOptions(command: Command): Command {
  return command
    .option('--year <year>', "reported year (default: the workers' SYNC_YEAR, else the year before the as-of instant)", parseIntArg('--year', YEARS.min, YEARS.max))
    .option('--as-of <date>', "evaluate as of this instant or date (yyyy-MM-dd = 00:00 in REPORT_TIME_ZONE); default the workers' SYNC_AS_OF, else now", parseInstantArg)
    .option('--dry-run', 'pull and evaluate, show the write-back diff and the e-mails; write, send and record nothing')
    .option('--wait', 'follow the whole run (imports, evaluation, write-back, alerts) and print its summary; exit code 1 unless complete');
}

/** `rerun` and `sync-now`: ask the running workers to do something now. */
export function register(program: Command): void {
  addRunOptions(
    program
      .command('rerun')
      .description("re-import one department's or company's data, re-evaluate with the others' stored snapshots and write back what changed")
      .requiredOption('--department <idOrName>', 'unit id or name'),
  ).action(
    action(async (options: EnqueueOptions & { department: string }, command: Command) => {
      const ctx = createCommandContext(command);
      await withQueues(ctx, async (set, redis) => {
        const stores = createStateStores(ctx.config, redis);
        const tenant = await stores.snapshots.loadTenant();
        if (!tenant) throw new AppError('PULL_INCOMPLETE', 'no stored pull yet: run a full sync first (`stratsys-sync sync-now --wait`)');
        // The unit is looked up in the programme of the stored pull unless --year or SYNC_YEAR names another.
        const { mapping } = checkPeriod(ctx, options, tenant.period);
        const unit = resolveUnit(options.department, importableUnits(planPull(mapping, tenant.departments), tenant.departments));
        const queued = await enqueueRerun(set, { unitId: unit.id, year: options.year, asOf: options.asOf, ...(options.dryRun ? { dryRun: true } : {}) }, new Date());
        await follow(set, queued, `Re-run of ${unit.name}${options.dryRun ? ' (dry run)' : ''}`, options.wait, `stratsys-sync rerun --department ${unit.id} --wait`);
      });
    }),
  );
  addRunOptions(program.command('sync-now').description('queue a full sync now (the nightly sync, run by the workers)')).action(
    action(async (options: EnqueueOptions, command: Command) => {
      const ctx = createCommandContext(command);
      // Without --year the workers decide by their own settings; with it, a past year as of now is refused here already.
      if (options.year !== undefined) checkPeriod(ctx, options);
      await withQueues(ctx, async (set) => {
        const queued = await enqueueSyncNow(set, { year: options.year, asOf: options.asOf, ...(options.dryRun ? { dryRun: true } : {}) }, new Date());
        await follow(set, queued, `Sync${options.dryRun ? ' (dry run)' : ''}`, options.wait, 'stratsys-sync sync-now --wait');
      });
    }),
  );
}
