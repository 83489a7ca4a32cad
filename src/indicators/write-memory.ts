import type { AuditEntry, AuditLog } from '../store/audit-log.js';

/** What earlier write-backs left in the audit log that this one must know. */
export interface WriteMemory {
  /**
   * Cell-and-column key → the latest attempt whose outcome is not known: its intent has no outcome
   * (the process died) or its own run recorded `unknown` (the answer was lost). Settled by the next
   * read, which records the outcome under its own run id.
   */
  pending: Map<string, AuditEntry>;
  /** Cell-and-column key → the decimals the column was seen to keep (latest applied write rounded by Stratsys). */
  decimals: Map<string, number>;
}

/** How far back the audit log is read: several nights of write attempts of a large tenant. */
export const AUDIT_LOOKBACK = 5000;

/** Key of one written value: KPI, department, column (as described in the audit) and date. */
export function writeKey(entry: { kpiId: string; departmentId: string; column: string; date: string }): string {
  return `${entry.kpiId}|${entry.departmentId}|${entry.column}|${entry.date}`;
}

/** Reads the recent audit log into a WriteMemory. */
export async function loadWriteMemory(audit: AuditLog): Promise<WriteMemory> {
  return rememberWrites(await audit.list(AUDIT_LOOKBACK));
}

/**
 * Pure: oldest entry first. An attempt is pending while its last entry is its intent, or an
 * `unknown` outcome of the intent's own run. A column's precision is the latest applied entry's: a
 * rounded one sets it, an exact one clears it (the stored value then is exactly what was sent).
 */
export function rememberWrites(entries: readonly AuditEntry[]): WriteMemory {
  const intents = new Map<string, AuditEntry>();
  const decimals = new Map<string, number>();
  for (const entry of entries) {
    const key = writeKey(entry);
    if (entry.outcome === 'intent' && entry.attemptId !== undefined) {
      intents.set(entry.attemptId, entry);
      continue;
    }
    const intent = entry.attemptId === undefined ? undefined : intents.get(entry.attemptId);
    const stillUnknown = entry.outcome === 'unknown' && intent !== undefined && entry.runId === intent.runId;
    if (entry.attemptId !== undefined && !stillUnknown) intents.delete(entry.attemptId);
    if (entry.outcome !== 'applied') continue;
    if (entry.rounded && entry.decimals !== null) decimals.set(key, entry.decimals);
    else decimals.delete(key);
  }
  const pending = new Map<string, AuditEntry>();
  for (const intent of intents.values()) pending.set(writeKey(intent), intent);
  return { pending, decimals };
}
