import type { Redis } from 'ioredis';
import { z } from 'zod';
import { AppError } from '../shared/errors.js';

export const UnitStatusSchema = z.object({
  unitId: z.string(),
  runId: z.string(),
  /** ISO instant of the last import attempt's end. */
  at: z.string(),
  outcome: z.enum(['ok', 'failed']),
  /** ISO instant of the last good pull, kept across failures. */
  lastGoodPullAt: z.string().nullable(),
  requests: z.number().int().nonnegative().nullable(),
  error: z.string().nullable(),
});
export type UnitStatus = z.infer<typeof UnitStatusSchema>;

/**
 * A unit's stored status, or, when its record cannot be read (not JSON, not a status), a failed
 * import: a unit whose last import is not known is held back and shown as unknown until it is
 * imported again (which replaces the record), never taken as current.
 */
export function readUnitStatus(unitId: string, text: string): UnitStatus {
  try {
    const parsed = UnitStatusSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Unreadable: a failed import below.
  }
  return {
    unitId,
    runId: 'unreadable',
    at: new Date(0).toISOString(),
    outcome: 'failed',
    lastGoodPullAt: null,
    requests: null,
    error: 'STATUS_UNREADABLE: the stored result of its last import could not be read; the next import replaces it',
  };
}

/**
 * What became of a run's report files: `pending` while its report job is queued or running,
 * `written`, `superseded` (a unit the run evaluated was pulled again before its report was made:
 * the later run's report is the current one, this run's is not written) or `failed` (the message
 * says why; the run's alerts and write-back are not affected).
 */
export const RunReportSchema = z.object({
  state: z.enum(['pending', 'written', 'superseded', 'failed']),
  /** When the state was recorded. */
  at: z.string(),
  /** The report job, when one was queued. */
  jobId: z.string().nullable(),
  message: z.string().nullable(),
});
export type RunReport = z.infer<typeof RunReportSchema>;

export const RunStatusSchema = z.object({
  runId: z.string(),
  kind: z.enum(['nightly', 'rerun', 'once']),
  year: z.number().int(),
  asOf: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(['complete', 'partial', 'failed']),
  units: z.number().int(),
  failedUnitIds: z.array(z.string()),
  written: z.number().int(),
  unchanged: z.number().int(),
  heldBack: z.number().int(),
  rejected: z.number().int(),
  missingReports: z.number().int(),
  missingByFocusArea: z.record(z.string(), z.number().int()),
  message: z.string().nullable(),
  /** The run's report files (absent: a run that writes none, e.g. a dry run, or one recorded before report jobs). */
  report: RunReportSchema.optional(),
});
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** A bounded view of the units' last imports (`GET /status`). */
export interface UnitPage {
  /** Units with a recorded import, and how many of them failed their last one. */
  counts: { total: number; ok: number; failed: number };
  /** Failed units first (at most `limit`, by id), then up to `limit` units from `offset` in id order, each once. */
  units: UnitStatus[];
  offset: number;
  limit: number;
  /** Offset of the next page of the id order, or null at its end. */
  next: number | null;
}

/** Which of a run's later jobs a recorded detail is for. */
export type RunDetailPart = 'report' | 'alerts';

/** Last import per unit and the recent runs, for `/status`, the status page and metrics. */
export interface StatusStore {
  recordUnit(status: UnitStatus): Promise<void>;
  units(): Promise<UnitStatus[]>;
  /** One page of units without reading the others: failed ones first, counts for the rest. */
  unitPage(page: { offset: number; limit: number }): Promise<UnitPage>;
  /**
   * Records a finished run, newest first. Its `report` is the state the run starts with; a state its
   * report job recorded (`recordReport`) wins over it, before or after, so recording the run again
   * (a retried finish) never sets a written, superseded or failed report back to `pending`.
   */
  recordRun(status: RunStatus): Promise<void>;
  /** Most recent first, each with its report's latest recorded state. */
  runs(limit?: number): Promise<RunStatus[]>;
  /** Records what became of a run's report files (its report job); `runs()` shows it with the run. */
  recordReport(runId: string, report: RunReport): Promise<void>;
  /**
   * A kept run's report state as `runs()` would show it (the report job's, else the one recorded
   * with the run), however many runs came after it; null when the run is not kept or has none.
   */
  runReport(runId: string): Promise<RunReport | null>;
  /**
   * Keeps what a run's later job needs that only the run knew, as long as the run itself is kept:
   * for its report job (`report`: the pulls it evaluated, its write-back) or its alert step
   * (`alerts`: what its evaluation says, src/pipeline/alert-source.ts). JSON; its reader validates it.
   */
  recordRunDetail(runId: string, part: RunDetailPart, detail: object): Promise<void>;
  /** The detail recorded for a run, or null (never recorded, dropped, or the run is no longer kept). */
  runDetail(runId: string, part: RunDetailPart): Promise<unknown>;
  /** Drops a run's detail once its job needs it no more (a report written or superseded, alerts sent). */
  dropRunDetail(runId: string, part: RunDetailPart): Promise<void>;
  /** ISO instant of the last complete nightly run, or null. */
  lastNightlySuccess(): Promise<string | null>;
}

/**
 * A page of statuses already read in full (file state, small): the same order and shape as the
 * Redis store's page — failed units first (at most `limit`), then `limit` units from `offset` in id
 * order, each once.
 */
export function pageOfUnits(all: readonly UnitStatus[], { offset, limit }: { offset: number; limit: number }): UnitPage {
  const byId = [...all].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  const failed = byId.filter((unit) => unit.outcome === 'failed');
  const first = failed.slice(0, limit);
  const listed = new Set(first.map((unit) => unit.unitId));
  const page = byId.slice(offset, offset + limit).filter((unit) => !listed.has(unit.unitId));
  const total = byId.length;
  return { counts: { total, ok: total - failed.length, failed: failed.length }, units: [...first, ...page], offset, limit, next: offset + limit < total ? offset + limit : null };
}

/**
 * Redis: a hash of each unit's last import, with two indexes kept beside it so that a page needs no
 * full read: every unit id and the failed unit ids, as sorted sets read in id (lexical) order.
 * Indexes missing (data from before they existed) are rebuilt once from the hash.
 */
export function redisStatusStore(redis: Redis, keyPrefix: string, keepRuns = 200): StatusStore {
  const unitsKey = `${keyPrefix}:status:units`;
  const orderKey = `${unitsKey}:order`;
  const failedKey = `${unitsKey}:failed`;
  const parse = (unitId: string, text: string | null) => (text === null ? [] : [readUnitStatus(unitId, text)]);
  const fetch = async (ids: string[]) => (ids.length === 0 ? [] : (await redis.hmget(unitsKey, ...ids)).flatMap((text, i) => parse(ids[i] ?? '', text)));
  const indexed = async () => {
    if ((await redis.exists(orderKey)) === 1 || (await redis.hlen(unitsKey)) === 0) return;
    const all = Object.entries(await redis.hgetall(unitsKey)).flatMap(([unitId, text]) => parse(unitId, text));
    const multi = redis.multi().zadd(orderKey, ...all.flatMap((u) => [0, u.unitId]));
    const failed = all.filter((u) => u.outcome === 'failed');
    if (failed.length > 0) multi.zadd(failedKey, ...failed.flatMap((u) => [0, u.unitId]));
    await multi.exec();
  };
  const runsKey = `${keyPrefix}:status:runs`;
  const nightlyKey = `${keyPrefix}:status:last-nightly-success`;
  const reportsKey = `${keyPrefix}:status:run-reports`;
  // The report's detail keeps the key it had before alert sources were recorded beside it.
  const detailKeys: Record<RunDetailPart, string> = { report: `${keyPrefix}:status:run-detail`, alerts: `${keyPrefix}:status:run-alerts` };
  return {
    async recordUnit(status) {
      if (status.outcome === 'failed' && status.lastGoodPullAt === null) {
        const previous = await redis.hget(unitsKey, status.unitId);
        if (previous) status = { ...status, lastGoodPullAt: readUnitStatus(status.unitId, previous).lastGoodPullAt };
      }
      await indexed();
      const multi = redis.multi().hset(unitsKey, status.unitId, JSON.stringify(status)).zadd(orderKey, 0, status.unitId);
      await (status.outcome === 'failed' ? multi.zadd(failedKey, 0, status.unitId) : multi.zrem(failedKey, status.unitId)).exec();
    },
    async unitPage({ offset, limit }) {
      await indexed();
      const [total, failed, failedIds, pageIds] = await Promise.all([
        redis.zcard(orderKey),
        redis.zcard(failedKey),
        redis.zrange(failedKey, '0', String(limit - 1)),
        redis.zrange(orderKey, String(offset), String(offset + limit - 1)),
      ]);
      const first = new Set(failedIds);
      const units = [...(await fetch(failedIds)), ...(await fetch(pageIds.filter((id) => !first.has(id))))];
      return { counts: { total, ok: total - failed, failed }, units, offset, limit, next: offset + limit < total ? offset + limit : null };
    },
    async units() {
      const all = await redis.hgetall(unitsKey);
      return Object.entries(all)
        .map(([unitId, text]) => readUnitStatus(unitId, text))
        .sort((a, b) => a.unitId.localeCompare(b.unitId, 'sv', { numeric: true }));
    },
    async recordRun(status) {
      const multi = redis
        .multi()
        // A run recorded again (a retried finish) replaces its earlier row instead of being listed twice.
        .eval(DROP_RUN_ROWS, 1, runsKey, status.runId)
        .lpush(runsKey, JSON.stringify(status))
        .lrange(runsKey, keepRuns, -1)
        .ltrim(runsKey, 0, keepRuns - 1)
        .lrange(runsKey, 0, -1);
      if (status.kind === 'nightly' && status.outcome === 'complete') multi.set(nightlyKey, status.finishedAt);
      const results = await multi.exec();
      const failed = results === null ? new Error('transaction discarded') : results.find(([error]) => error !== null)?.[0];
      if (failed) throw new AppError('INTERNAL', `recording run ${status.runId} in Redis failed`, { cause: failed, retryable: true });
      // The report state and detail of the runs no longer kept go with them.
      const dropped = droppedRunIds((results?.[2]?.[1] as string[] | undefined) ?? [], (results?.[4]?.[1] as string[] | undefined) ?? []);
      if (dropped.length > 0)
        await redis
          .multi()
          .hdel(reportsKey, ...dropped)
          .hdel(detailKeys.report, ...dropped)
          .hdel(detailKeys.alerts, ...dropped)
          .exec();
    },
    async runs(limit = 20) {
      const rows = await redis.lrange(runsKey, 0, limit - 1);
      const runs = rows.flatMap(readRunStatus);
      if (runs.length === 0) return runs;
      const reports = await redis.hmget(reportsKey, ...runs.map((run) => run.runId));
      return runs.map((run, i) => withReport(run, reports[i] ?? null));
    },
    async recordReport(runId, report) {
      await redis.hset(reportsKey, runId, JSON.stringify(report));
    },
    async runReport(runId) {
      const [recorded, rows] = await Promise.all([redis.hget(reportsKey, runId), redis.lrange(runsKey, 0, -1)]);
      return reportOfRun(rows.flatMap(readRunStatus), runId, recorded);
    },
    async recordRunDetail(runId, part, detail) {
      await redis.hset(detailKeys[part], runId, JSON.stringify(detail));
    },
    async runDetail(runId, part) {
      const text = await redis.hget(detailKeys[part], runId);
      return text === null ? null : (JSON.parse(text) as unknown);
    },
    async dropRunDetail(runId, part) {
      await redis.hdel(detailKeys[part], runId);
    },
    lastNightlySuccess: () => redis.get(nightlyKey),
  };
}

/** A kept run's status as recorded, or none when it cannot be read. */
function readRunStatus(text: string): RunStatus[] {
  try {
    const parsed = RunStatusSchema.safeParse(JSON.parse(text));
    return parsed.success ? [parsed.data] : [];
  } catch {
    return [];
  }
}

/** The report state of run `runId` among the kept `runs`, with the one its report job recorded (`recorded`) winning; null when not kept. */
export function reportOfRun(runs: readonly RunStatus[], runId: string, recorded: string | null): RunReport | null {
  const run = runs.find((candidate) => candidate.runId === runId);
  return run === undefined ? null : (withReport(run, recorded).report ?? null);
}

/** A run with the report state its report job recorded (which wins over the one recorded with the run). */
export function withReport(run: RunStatus, recorded: string | null): RunStatus {
  if (recorded === null) return run;
  try {
    const parsed = RunReportSchema.safeParse(JSON.parse(recorded));
    return parsed.success ? { ...run, report: parsed.data } : run;
  } catch {
    return run;
  }
}

/** Removes the rows of run ARGV[1] from the runs list KEYS[1] (a row that is not JSON is left alone). */
const DROP_RUN_ROWS = `
local removed = 0
for _, row in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local ok, decoded = pcall(cjson.decode, row)
  if ok and type(decoded) == 'table' and decoded.runId == ARGV[1] then removed = removed + redis.call('LREM', KEYS[1], 0, row) end
end
return removed`;

/** Run ids of dropped run records (JSON) that no kept record names. */
export function droppedRunIds(dropped: readonly string[], kept: readonly string[]): string[] {
  const idOf = (text: string): string | null => {
    try {
      const id = (JSON.parse(text) as { runId?: unknown }).runId;
      return typeof id === 'string' ? id : null;
    } catch {
      return null;
    }
  };
  const keptIds = new Set(kept.map(idOf));
  return [...new Set(dropped.map(idOf))].filter((id): id is string => id !== null && !keptIds.has(id));
}
