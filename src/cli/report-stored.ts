import { createStateStores, openCliRedis } from '../app/state-stores.js';
import type { YearReport } from '../report/model.js';
import { REPORT_FORMATS } from '../report/render.js';
import { loadStoredReport } from '../report/source.js';
import { systemClock } from '../shared/clock.js';
import type { CommandContext } from './common.js';
import { commandPeriod, storedPullPeriod } from './period.js';

/** Formats of the `report` command: the text formats and the xlsx workbook. */
export const CLI_FORMATS = [...REPORT_FORMATS, 'xlsx'] as const;
/** One format of the `report` command. */
export type CliFormat = (typeof CLI_FORMATS)[number];

/** Options of `report`. */
export interface ReportCommandOptions {
  year?: number;
  asOf?: string;
  /** Without `out`: the one format printed (default html). With `out`: only this format (default all). */
  format?: CliFormat;
  /** Folder to write `arsrapport-<year>.<format>` files to. */
  out?: string;
  /** Make a stored run's report again from what it kept. */
  run?: string;
  /** A programme period, `2018-2020`. */
  period?: { from: number; to: number };
}

/** Runs `work` with the state stores: Redis (pulls and the units' last imports) with REDIS_URL, else STATE_DIR. */
async function withReportStores<T>(ctx: CommandContext, work: (stores: ReturnType<typeof createStateStores>) => Promise<T>): Promise<T> {
  const redis = await openCliRedis(ctx.config);
  try {
    return await work(createStateStores(ctx.config, redis));
  } finally {
    redis?.disconnect();
  }
}

/**
 * The yearly report from the last stored pull (no Stratsys requests). The stored pulls and the
 * units' last import results (a unit whose last import failed is unknown) are read from Redis with
 * REDIS_URL, otherwise from STATE_DIR.
 */
export async function buildReportCommand(ctx: CommandContext, options: Pick<ReportCommandOptions, 'year' | 'asOf'>): Promise<YearReport> {
  const { config } = ctx;
  return withReportStores(ctx, async (stores) => {
    const { year, asOf, mapping } = commandPeriod(ctx, options, 'read', await storedPullPeriod(stores.snapshots));
    const deps = { tenantId: config.TENANT_ID, clock: systemClock, snapshots: stores.snapshots, timeZone: config.REPORT_TIME_ZONE, status: stores.status, stratsysBaseUrl: config.STRATSYS_BASE_URL };
    return loadStoredReport(deps, mapping, { year, asOf });
  });
}

/** The as-of instant of a report by the one policy: `--as-of`, else SYNC_AS_OF, else the stored pull's, else now. */
export async function reportAsOf(ctx: CommandContext, request: Pick<ReportCommandOptions, 'year' | 'asOf'>): Promise<string> {
  return withReportStores(ctx, async (stores) => commandPeriod(ctx, request, 'read', await storedPullPeriod(stores.snapshots)).asOf);
}
