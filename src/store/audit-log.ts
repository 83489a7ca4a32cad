import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * What an audit entry records. Every KPI write is two entries with one `attemptId`: `intent`,
 * written before the `PUT`, and its outcome after: `applied` (Stratsys holds our value, perhaps
 * rounded to the column's decimals), `rejected` (a locked period kept the old value, or another
 * value came back) or `unknown` (the answer was lost or garbled: the write may or may not have
 * been applied). An intent without an outcome is an attempt whose process died; the next write-back
 * reads the value back and records what it finds (`note` says so). Entries written before intents
 * existed have outcome `written` and are read as `applied`.
 */
export const AUDIT_OUTCOMES = ['intent', 'applied', 'rejected', 'unknown'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One KPI write attempt, or its outcome, as the audit trail keeps it. */
export const AuditEntrySchema = z.preprocess(
  (input) => (input !== null && typeof input === 'object' && (input as { outcome?: unknown }).outcome === 'written' ? { ...input, outcome: 'applied' } : input),
  z.object({
    runId: z.string(),
    /** ISO 8601 instant the entry was recorded. */
    at: z.string(),
    /** Pairs an intent with its outcome (absent in entries from before intents were recorded). */
    attemptId: z.string().optional(),
    kpiId: z.string(),
    departmentId: z.string(),
    column: z.string(),
    /** Period date, `yyyy-MM-dd`. */
    date: z.string(),
    /** Stratsys' value read before the write (null: none stored). */
    before: z.number().nullable(),
    /** The value sent (absent in entries from before intents were recorded). */
    sent: z.number().nullable().optional(),
    /** The value Stratsys holds afterwards, as echoed; null for an intent and an unknown outcome. */
    after: z.number().nullable(),
    outcome: z.enum(AUDIT_OUTCOMES),
    /** Applied, but rounded by Stratsys to `decimals` (the column's precision as seen in the echo). */
    rounded: z.boolean().default(false),
    decimals: z.number().int().nullable().default(null),
    /** Why, for people: the lost answer's error, "confirmed by re-read", a locked period. */
    note: z.string().nullable().default(null),
    indicatorKey: z.string(),
  }),
);
export type AuditEntry = z.output<typeof AuditEntrySchema>;
/** What a caller records: the defaulted fields may be left out. */
export type AuditEntryInput = Omit<AuditEntry, 'rounded' | 'decimals' | 'note'> & Partial<Pick<AuditEntry, 'rounded' | 'decimals' | 'note'>>;

/** Append-only record of every KPI write attempt and its outcome: before, sent, after, when, which run. */
export interface AuditLog {
  record(entry: AuditEntryInput): Promise<void>;
  /** Most recent entries last; at most `limit`. */
  list(limit?: number): Promise<AuditEntry[]>;
}

/** JSON lines in `<dir>/audit.jsonl`, for runs without Redis. */
export function fileAuditLog(dir: string): AuditLog {
  const file = path.join(dir, 'audit.jsonl');
  return {
    async record(entry) {
      await mkdir(dir, { recursive: true });
      await appendFile(file, `${JSON.stringify(AuditEntrySchema.parse(entry))}\n`, 'utf8');
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
      await redis.xadd(key, 'MAXLEN', '~', String(maxLength), '*', 'entry', JSON.stringify(AuditEntrySchema.parse(entry)));
    },
    async list(limit = 1000) {
      const rows = await redis.xrevrange(key, '+', '-', 'COUNT', limit);
      return rows.reverse().map(([, fields]) => AuditEntrySchema.parse(JSON.parse(fields[1] ?? '{}')));
    },
  };
}
