import type { ReportType } from './obligations.js';

/** The measures that count expected reports (the rest count activities or projects). */
export const REPORT_MEASURES = ['expected', 'delivered-on-time', 'delivered-late', 'missing', 'not-yet-due', 'share-delivered'] as const;

/** Every measure an indicator can count. */
export const INDICATOR_MEASURES = [...REPORT_MEASURES, 'activities', 'activities-by-status', 'activities-by-means', 'projects', 'granted-sek'] as const;

/** What an indicator counts. */
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];

/** The key in `columnsByFocusArea` for the overall figure. */
export const TOTAL_COLUMN_KEY = 'total';

export type IndicatorScope = 'total' | 'focus-area' | 'unit';

/** How a KPI column is addressed on write (exactly one selector, as the API requires). */
export type KpiColumnSelector = { id: string } | { name: string } | { index: number };

/** One indicator to write back, from the mapping file. */
export interface IndicatorDefinition {
  /** Stable key from the mapping file. */
  key: string;
  measure: IndicatorMeasure;
  /** Which reports the report measures count; ignored by activity/project measures. Null = both types. */
  reportType: ReportType | null;
  /** For activities-by-status (a status kind) and activities-by-means (a means key). */
  filter: string | null;
  scope: IndicatorScope;
  kpiId: string;
  /** Department the KPI value is written for; for `unit` scope the unit itself (null here). */
  departmentId: string | null;
  /** Column for `total` and `unit` scope. */
  column: KpiColumnSelector | null;
  /** For `focus-area` scope: focus-area key → column; a `total` entry may add the overall figure. */
  columnsByFocusArea: Record<string, KpiColumnSelector> | null;
}

/** A computed value ready for write-back. */
export interface IndicatorValue {
  indicatorKey: string;
  kpiId: string;
  departmentId: string;
  column: KpiColumnSelector;
  /** Last day of the reported period, `yyyy-MM-dd` (Stratsys identifies periods by their last day). */
  date: string;
  value: number;
  /** Units whose data this value depends on: held back when any of them failed to pull. */
  dependsOnUnitIds: string[];
  /**
   * Reports the value would count but whose state is unknown because a follow-up date could not be
   * read (report measures only; failed units are covered by `dependsOnUnitIds`): held back when any.
   */
  unknownReportIds: string[];
  /**
   * Projects a `granted-sek` value counts whose amount is present but could not be read: the sum is
   * unknown, so the value is held back like one counting an unknown report.
   */
  unknownProjectIds: string[];
  /** Human description, e.g. "missing · Näringslivsprogram". */
  label: string;
}
