import type { IndicatorValue, KpiColumnSelector } from '../domain/indicators.js';
import type { KpiData } from '../stratsys/schemas.js';

/** A value that differs from what Stratsys holds. */
export interface WriteBackChange {
  value: IndicatorValue;
  /** What Stratsys held before (null: no value stored). */
  before: number | null;
}

/** Why a value was not written (and the run is incomplete). */
export type WriteFailureReason =
  /** The KPI, its department, column or periodicity is wrong: a mapping problem for this value only. */
  | 'bad-target'
  /** Its current value could not be read (a non-retryable error on that read only). */
  | 'read-failed'
  /** The `PUT` got a garbled or no answer: whether it was applied is unknown until the next read. */
  | 'answer-lost';

/** What a write-back did. Counts are of values. */
export interface WriteBackResult {
  /** Values that differ from Stratsys: written, or (dry run) to be written. */
  changes: WriteBackChange[];
  /** Writes Stratsys applied, rounded ones included. */
  written: number;
  /** Applied writes that Stratsys stored rounded to the column's decimals (`stored`); counted in `written`. */
  rounded: Array<{ value: IndicatorValue; stored: number | null }>;
  unchanged: number;
  /**
   * Values held back: they depend on a unit whose pull failed (`failedUnitIds`) or on a report whose
   * evidence could not be read (`unknownReportIds`, e.g. a comment with an unreadable date), or on a
   * project whose granted amount could not be read (`unknownProjectIds`, granted-sek values).
   */
  heldBack: Array<{ value: IndicatorValue; failedUnitIds: string[]; unknownReportIds: string[]; unknownProjectIds: string[] }>;
  /** Writes Stratsys did not apply: `locked` (the old value came back) or `other-value`. Reported, not retried. */
  rejected: Array<{ value: IndicatorValue; stored: number | null; reason: 'locked' | 'other-value' }>;
  /** Values not written for a non-retryable reason; see WriteFailureReason. */
  failed: Array<{ value: IndicatorValue; reason: WriteFailureReason; message: string }>;
  /**
   * Earlier write attempts whose outcome was never recorded (process died, answer lost), settled by
   * this run's read: `applied` when Stratsys holds what was sent.
   */
  confirmed: Array<{ value: IndicatorValue; attemptId: string; runId: string; sent: number | null; found: number | null; applied: boolean }>;
  /** Doubts about targets that did not stop a write (e.g. a periodicity not recognisably yearly). */
  warnings: string[];
  /** `GET kpidata` reads made. */
  reads: number;
  dryRun: boolean;
}

/** The stored value of the column a value is written to, among the rows of its KPI, department and date. */
export function currentValueOf(rows: readonly KpiData[], column: KpiColumnSelector): number | null {
  return rows.find((row) => matchesColumn(row, column))?.Value ?? null;
}

/** Whether a stored row is the selector's column (names compared case-insensitively, as Stratsys does). */
export function matchesColumn(row: KpiData, column: KpiColumnSelector): boolean {
  if ('id' in column) return row.KpiColumnId === column.id;
  if ('name' in column) return (row.KpiColumnName ?? '').trim().toLowerCase() === column.name.trim().toLowerCase();
  return row.KpiColumnIndex === column.index;
}
