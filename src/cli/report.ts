import { mkdir } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { Redis } from 'ioredis';
import { createStateStores, tenantKeyPrefix } from '../app/state.js';
import type { YearReport } from '../report/model.js';
import { REPORT_FORMATS, renderReport, reportFileName, type ReportFormat } from '../report/render.js';
import { loadStoredReport } from '../report/source.js';
import { writeAll } from '../report/write.js';
import { systemClock } from '../shared/clock.js';
import { redisStatusStore } from '../store/status-store.js';
import { action, createCommandContext, parseInstantArg, parseIntArg, type CommandContext } from './common.js';
import { commandPeriod, storedPullPeriod } from './period.js';

/** Options of `report`. */
export interface ReportCommandOptions {
  year?: number;
  asOf?: string;
  /** Without `out`: the one format printed (default html). With `out`: only this format (default all). */
  format?: ReportFormat;
  /** Folder to write `arsrapport-<year>.<format>` files to. */
  out?: string;
}

/**
 * The yearly report from the last stored pull (no Stratsys requests). With REDIS_URL the stored
 * pulls and the units' last import results are read from Redis, otherwise from STATE_DIR.
 */
export async function buildReportCommand(ctx: CommandContext, options: Pick<ReportCommandOptions, 'year' | 'asOf'>): Promise<YearReport> {
  const { config } = ctx;
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true }) : undefined;
  try {
    await redis?.connect();
    const stores = createStateStores(config, redis);
    const { year, asOf, mapping } = commandPeriod(ctx, options, 'read', await storedPullPeriod(stores.snapshots));
    const status = redis ? redisStatusStore(redis, tenantKeyPrefix(config)) : undefined;
    const deps = { tenantId: config.TENANT_ID, clock: systemClock, snapshots: stores.snapshots, timeZone: config.REPORT_TIME_ZONE, status };
    return await loadStoredReport(deps, mapping, { year, asOf });
  } finally {
    redis?.disconnect();
  }
}

/** Writes the report in `formats` to `dir`; returns the paths. */
export async function writeReportFiles(report: YearReport, dir: string, formats: readonly ReportFormat[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  return writeAll(dir, Object.fromEntries(formats.map((format) => [reportFileName(report.year, format), renderReport(report, format)])));
}

/** `stratsys-sync report`: the yearly compilation for the executive board. */
export function register(program: Command): void {
  program
    .command('report')
    .description('the yearly compilation (follow-ups per focus area, activities, granted project funds) from the last stored pull')
    .option('--year <year>', 'reported year (default: SYNC_YEAR, else that of the stored pull)', parseIntArg('--year', 2000, 2100))
    .option('--as-of <date>', 'evaluate as of this instant or date (yyyy-MM-dd = 00:00 in REPORT_TIME_ZONE); default SYNC_AS_OF, else that of the stored pull', parseInstantArg)
    .addOption(new Option('--format <format>', 'html, csv (semicolons, UTF-8 with BOM, for Excel) or md; printed format without --out (default html), only format written with --out (default all)').choices(REPORT_FORMATS))
    .option('--out <dir>', 'write arsrapport-<year>.<format> files to this folder and print their paths')
    .action(
      action(async (options: ReportCommandOptions, command: Command) => {
        const report = await buildReportCommand(createCommandContext(command), options);
        if (options.out === undefined) {
          process.stdout.write(renderReport(report, options.format ?? 'html'));
          return;
        }
        const files = await writeReportFiles(report, options.out, options.format ? [options.format] : REPORT_FORMATS);
        process.stdout.write(`${files.join('\n')}\n`);
      }),
    );
}
