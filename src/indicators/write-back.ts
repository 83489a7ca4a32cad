import type { Clock } from '../shared/clock.js';
import { isAppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { StratsysClient } from '../stratsys/client.js';
import type { KpiData } from '../stratsys/schemas.js';
import type { IndicatorValue, KpiColumnSelector } from '../domain/indicators.js';
import type { AuditLog } from '../store/audit-log.js';

export interface WriteBackDeps {
  client: StratsysClient;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
}

export interface WriteBackChange {
  value: IndicatorValue;
  /** What Stratsys held before (null: no value stored). */
  before: number | null;
}

export interface WriteBackResult {
  /** Values that differ from Stratsys: written, or (dry run) to be written. */
  changes: WriteBackChange[];
  written: number;
  unchanged: number;
  /** Values held back because a unit they depend on failed to pull. */
  heldBack: Array<{ value: IndicatorValue; failedUnitIds: string[] }>;
  /** Writes Stratsys ignored (locked period): reported, not retried. */
  rejected: Array<{ value: IndicatorValue; stored: number | null }>;
  /** Writes that failed for another non-retryable reason. */
  failed: Array<{ value: IndicatorValue; message: string }>;
  /** `GET kpidata` reads made (one per KPI, department and period). */
  reads: number;
  dryRun: boolean;
}

export interface WriteBackOptions {
  runId: string;
  failedUnitIds: string[];
  dryRun: boolean;
  /**
   * A re-run of these units: only values that depend on one of them can have changed, so only those
   * are read and written (other units' per-unit values stay as the last full run wrote them).
   */
  onlyDependingOn?: string[];
}

export function describeColumn(column: KpiColumnSelector): string {
  return 'id' in column ? `id ${column.id}` : 'name' in column ? `name "${column.name}"` : `index ${column.index}`;
}

function matchesColumn(row: KpiData, column: KpiColumnSelector): boolean {
  if ('id' in column) return row.KpiColumnId === column.id;
  if ('name' in column) return (row.KpiColumnName ?? '').toLowerCase() === column.name.toLowerCase();
  return row.KpiColumnIndex === column.index;
}

/**
 * Writes indicator values to Stratsys idempotently: values depending on a failed unit are held
 * back; current values are read first (one `GET kpidata` per KPI, department and date) and only
 * differing values are written; a locked period is reported as rejected. Every write attempt is
 * audited. Retryable errors propagate so the caller (job) can retry; a rerun is harmless.
 */
export async function writeBack(deps: WriteBackDeps, values: IndicatorValue[], options: WriteBackOptions): Promise<WriteBackResult> {
  const failed = new Set(options.failedUnitIds);
  const result: WriteBackResult = { changes: [], written: 0, unchanged: 0, heldBack: [], rejected: [], failed: [], reads: 0, dryRun: options.dryRun };
  const writable: IndicatorValue[] = [];
  const only = options.onlyDependingOn ? new Set(options.onlyDependingOn) : null;
  for (const value of values) {
    if (only && !value.dependsOnUnitIds.some((id) => only.has(id))) continue;
    const blockers = value.dependsOnUnitIds.filter((id) => failed.has(id));
    if (blockers.length > 0) result.heldBack.push({ value, failedUnitIds: blockers });
    else writable.push(value);
  }
  const current = await readCurrent(deps.client, writable);
  result.reads = current.size;
  for (const value of writable) {
    const rows = current.get(groupKey(value)) ?? [];
    const before = rows.find((row) => matchesColumn(row, value.column))?.Value ?? null;
    if (before !== null && Math.abs(before - value.value) <= 1e-9 * Math.max(1, Math.abs(value.value))) {
      result.unchanged += 1;
      continue;
    }
    result.changes.push({ value, before });
  }
  // The transport bounds concurrency and rate; the writes are independent of each other.
  if (!options.dryRun) await Promise.all(result.changes.map((change) => writeOne(deps, change.value, change.before, options.runId, result)));
  return result;
}

function groupKey(value: IndicatorValue): string {
  return `${value.kpiId}|${value.departmentId}|${value.date}`;
}

async function readCurrent(client: StratsysClient, values: IndicatorValue[]): Promise<Map<string, KpiData[]>> {
  const groups = new Map<string, IndicatorValue>();
  for (const value of values) if (!groups.has(groupKey(value))) groups.set(groupKey(value), value);
  const out = new Map<string, KpiData[]>();
  await Promise.all(
    [...groups].map(async ([key, value]) => {
      out.set(key, await client.kpiData(value.kpiId, { departmentId: value.departmentId, startDate: value.date, endDate: value.date }));
    }),
  );
  return out;
}

async function writeOne(deps: WriteBackDeps, value: IndicatorValue, before: number | null, runId: string, result: WriteBackResult): Promise<void> {
  const base = { runId, kpiId: value.kpiId, departmentId: value.departmentId, column: describeColumn(value.column), date: value.date, before, indicatorKey: value.indicatorKey };
  try {
    await deps.client.writeKpiValue({ kpiId: value.kpiId, departmentId: value.departmentId, column: value.column, date: value.date, value: value.value });
    result.written += 1;
    await deps.audit.record({ ...base, at: deps.clock.now().toISOString(), after: value.value, outcome: 'written' });
  } catch (error) {
    if (isAppError(error) && error.code === 'STRATSYS_WRITE_REJECTED') {
      const stored = (error.details?.stored as number | null | undefined) ?? null;
      result.rejected.push({ value, stored });
      await deps.audit.record({ ...base, at: deps.clock.now().toISOString(), after: stored, outcome: 'rejected' });
      deps.logger.warn({ kpiId: value.kpiId, departmentId: value.departmentId, date: value.date }, 'kpi write rejected (locked period)');
      return;
    }
    if (isAppError(error) && !error.retryable) {
      result.failed.push({ value, message: error.message });
      return;
    }
    throw error;
  }
}
