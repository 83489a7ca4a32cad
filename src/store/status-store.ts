import type { Redis } from 'ioredis';
import { z } from 'zod';

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

/** Last import per unit and the recent runs, for `/status`, the status page and metrics. */
export interface StatusStore {
  recordUnit(status: UnitStatus): Promise<void>;
  units(): Promise<UnitStatus[]>;
  /** One page of units without reading the others: failed ones first, counts for the rest. */
  unitPage(page: { offset: number; limit: number }): Promise<UnitPage>;
  recordRun(status: RunStatus): Promise<void>;
  /** Most recent first. */
  runs(limit?: number): Promise<RunStatus[]>;
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
        .lpush(runsKey, JSON.stringify(status))
        .ltrim(runsKey, 0, keepRuns - 1);
      if (status.kind === 'nightly' && status.outcome === 'complete') multi.set(nightlyKey, status.finishedAt);
      await multi.exec();
    },
    async runs(limit = 20) {
      const rows = await redis.lrange(runsKey, 0, limit - 1);
      return rows.map((text) => RunStatusSchema.safeParse(JSON.parse(text))).flatMap((p) => (p.success ? [p.data] : []));
    },
    lastNightlySuccess: () => redis.get(nightlyKey),
  };
}
