import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/** One KPI write (or rejected write) as the audit trail keeps it. */
export const AuditEntrySchema = z.object({
  runId: z.string(),
  /** ISO 8601 instant of the write. */
  at: z.string(),
  kpiId: z.string(),
  departmentId: z.string(),
  column: z.string(),
  /** Period date, `yyyy-MM-dd`. */
  date: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  outcome: z.enum(['written', 'rejected']),
  indicatorKey: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Append-only record of every KPI write: before, after, when, which run. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Most recent entries last; at most `limit`. */
  list(limit?: number): Promise<AuditEntry[]>;
}

/** JSON lines in `<dir>/audit.jsonl`, for runs without Redis. */
export function fileAuditLog(dir: string): AuditLog {
  const file = path.join(dir, 'audit.jsonl');
  return {
    async record(entry) {
      await mkdir(dir, { recursive: true });
      await appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8');
    },
    async list(limit = 1000) {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .slice(-limit)
        .map((line) => AuditEntrySchema.parse(JSON.parse(line)));
    },
  };
}

/** A capped Redis stream (`XADD … MAXLEN ~ n`), shared by all replicas. */
export function redisAuditLog(redis: Redis, key: string, maxLength = 100_000): AuditLog {
  return {
    async record(entry) {
      await redis.xadd(key, 'MAXLEN', '~', String(maxLength), '*', 'entry', JSON.stringify(entry));
    },
    async list(limit = 1000) {
      const rows = await redis.xrevrange(key, '+', '-', 'COUNT', limit);
      return rows.reverse().map(([, fields]) => AuditEntrySchema.parse(JSON.parse(fields[1] ?? '{}')));
    },
  };
}
