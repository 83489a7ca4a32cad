import { alertSourceOf } from '../pipeline/alert-source.js';
import { allRoleHolders } from '../snapshot/schema.js';
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { tenantDisplayName } from '../config/load.js';
import { buildStratsysClient, createAlertRunnerFactory } from '../app/compose.js';
import { limitHeapGrowth } from '../app/heap-growth.js';
import { createStateStores, openCliRedis, tenantKeyPrefix } from '../app/state-stores.js';
import { redisPacer } from '../queue/redis-pacer.js';
import { redisLock } from '../store/lock.js';
import { formatRunSummary } from '../pipeline/summary.js';
import { projectAmountNotes } from '../pipeline/amount-gaps.js';
import { runPipeline } from '../pipeline/run.js';
import type { RunResult } from '../pipeline/run-result.js';
import { writeRunReports } from '../report/write.js';
import { reportLinks } from '../report/links.js';
import { systemClock } from '../shared/clock.js';
import { action, createCommandContext, parseInstantArg, parseIntArg, usageError, type CommandContext } from './common.js';
import { commandPeriod } from './period.js';
import { planPacing } from '../stratsys/pacing.js';
import { YEARS } from '../shared/years.js';

export interface RunCommandOptions {
  once?: boolean;
  year?: number;
  asOf?: string;
  department?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** Runs the pipeline once in-process and returns the result (used by `run` and `demo`). */
export async function runOnceCommand(ctx: CommandContext, options: RunCommandOptions): Promise<RunResult> {
  const { config, logger } = ctx;
  limitHeapGrowth(config.HEAP_GROWTH_PERCENT, logger);
  const { year, asOf, mapping } = commandPeriod(ctx, options, options.dryRun ? 'read' : 'write');
  const redis = await openCliRedis(config);
  try {
    const stores = createStateStores(config, redis);
    // With Redis, share the workers' request pacing and evaluation lock.
    const prefix = tenantKeyPrefix(config);
    const pacer = redis ? redisPacer(redis, `${prefix}:stratsys-pacer`, planPacing(config.STRATSYS_MAX_RPS, config.STRATSYS_RPS_MARGIN)) : undefined;
    const client = buildStratsysClient({ config, clock: systemClock, logger, pacer });
    const progress = process.stderr.isTTY && !options.json;
    const result = await runPipeline(
      {
        tenantId: config.TENANT_ID,
        client,
        clock: systemClock,
        logger,
        snapshots: stores.snapshots,
        audit: stores.audit,
        status: stores.status,
        timeZone: config.REPORT_TIME_ZONE,
        lock: redis ? redisLock(redis, `${prefix}:lock:evaluate`) : undefined,
      },
      {
        runId: `run-${systemClock.now().toISOString().replace(/[:.]/g, '')}-${randomUUID().slice(0, 8)}`,
        mapping,
        year,
        asOf,
        unit: options.department,
        dryRun: options.dryRun === true,
        onUnit: progress
          ? (outcome, done, total) => process.stderr.write(`\rpull ${done}/${total} ${outcome.ok ? outcome.unit.departmentId : `${outcome.failure.departmentId} FAILED`}   `)
          : undefined,
      },
    );
    if (progress) process.stderr.write('\n');
    const alerts = await createAlertRunnerFactory(config, logger, systemClock)(redis);
    try {
      result.alerts = await alerts.runner.run({
        runId: result.runId,
        mapping,
        source: alertSourceOf(result.assessment),
        roleHolders: result.snapshot ? allRoleHolders(result.snapshot) : {},
        asOf,
        dryRun: options.dryRun === true,
      });
    } finally {
      await alerts.close();
    }
    if (result.alerts.failed > 0 || result.alerts.pending > 0) result.complete = false;
    if (!options.dryRun) await writeRunReports(config.REPORT_DIR, result, { tenantName: tenantDisplayName(config), mapping, links: reportLinks(mapping, config.STRATSYS_BASE_URL) });
    return result;
  } finally {
    redis?.disconnect();
  }
}

export function printRunResult(result: RunResult, json: boolean, tenantName?: string): void {
  if (json)
    process.stdout.write(
      `${JSON.stringify({ ...result, assessment: withoutFollowUpTexts(result.assessment), snapshot: undefined, projectAmounts: projectAmountNotes(result.assessment) }, null, 2)}\n`,
    );
  else process.stdout.write(formatRunSummary(result, { tenantName }));
  if (!result.complete) process.exitCode = 1;
}

/**
 * The assessment without the follow-up texts: the run evaluates the units' compact facts, which
 * leave the texts out, so an empty string here would look like an empty comment. The texts are in
 * the compilation (REPORT_DIR) and `mappings explain`.
 */
function withoutFollowUpTexts(assessment: RunResult['assessment']) {
  const activities = assessment.view.activities.map((activity) => ({ ...activity, followUps: activity.followUps.map(({ html: _html, text: _text, ...followUp }) => followUp) }));
  return { ...assessment, view: { ...assessment.view, activities } };
}

/** `stratsys-sync run --once`: the whole pipeline in-process, no queue needed. */
export function register(program: Command): void {
  program
    .command('run')
    .description('pull → map → evaluate → write back → report, once, in this process (no Redis needed)')
    .option('--once', 'run the pipeline once and exit (required; use `worker` for scheduled runs)')
    .option('--year <year>', 'reported year (default: SYNC_YEAR, else the year before --as-of)', parseIntArg('--year', YEARS.min, YEARS.max))
    .option('--as-of <date>', 'evaluate as of this instant or date (yyyy-MM-dd = 00:00 in REPORT_TIME_ZONE); default SYNC_AS_OF, else now', parseInstantArg)
    .option('--department <idOrName>', 're-import only this unit; the others come from their last stored snapshots')
    .option('--dry-run', 'show the write-back diff, write nothing, send nothing')
    .option('--json', 'print one machine-readable JSON document')
    .action(
      action(async (options: RunCommandOptions, command: Command) => {
        if (!options.once) throw usageError('run needs --once (for scheduled operation use `stratsys-sync worker`)');
        const ctx = createCommandContext(command);
        printRunResult(await runOnceCommand(ctx, options), options.json === true, tenantDisplayName(ctx.config));
      }),
    );
}
