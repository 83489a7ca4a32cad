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

/** Last import per unit and the recent runs, for `/status`, the status page and metrics. */
export interface StatusStore {
  recordUnit(status: UnitStatus): Promise<void>;
  units(): Promise<UnitStatus[]>;
  recordRun(status: RunStatus): Promise<void>;
  /** Most recent first. */
  runs(limit?: number): Promise<RunStatus[]>;
  /** ISO instant of the last complete nightly run, or null. */
  lastNightlySuccess(): Promise<string | null>;
}

export function redisStatusStore(redis: Redis, keyPrefix: string, keepRuns = 200): StatusStore {
  const unitsKey = `${keyPrefix}:status:units`;
  const runsKey = `${keyPrefix}:status:runs`;
  const nightlyKey = `${keyPrefix}:status:last-nightly-success`;
  return {
    async recordUnit(status) {
      if (status.outcome === 'failed' && status.lastGoodPullAt === null) {
        const previous = await redis.hget(unitsKey, status.unitId);
        const parsed = previous ? UnitStatusSchema.safeParse(JSON.parse(previous)) : null;
        if (parsed?.success) status = { ...status, lastGoodPullAt: parsed.data.lastGoodPullAt };
      }
      await redis.hset(unitsKey, status.unitId, JSON.stringify(status));
    },
    async units() {
      const all = await redis.hgetall(unitsKey);
      return Object.values(all)
        .map((text) => UnitStatusSchema.safeParse(JSON.parse(text)))
        .flatMap((p) => (p.success ? [p.data] : []))
        .sort((a, b) => a.unitId.localeCompare(b.unitId, 'sv', { numeric: true }));
    },
    async recordRun(status) {
      const multi = redis.multi().lpush(runsKey, JSON.stringify(status)).ltrim(runsKey, 0, keepRuns - 1);
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
