import type { ReportFocusArea } from './model-parts.js';
import type { YearReport } from './model.js';
import { reportNotice } from './tables.js';

/**
 * The programme period (e.g. 2018–2020) as the basis for the programme's revision: one column per
 * year, built from the yearly reports themselves, so every figure equals the year's report. Pure.
 */

/** One focus area's figures in one year. */
export interface TrendPoint {
  year: number;
  /** Share delivered in percent (0–100, one decimal), null when nothing was expected. */
  share: number | null;
  expected: number;
  late: number;
  missing: number;
  unknown: number;
  projects: number;
  grantedSek: number;
}

/** The period's compilation. */
export interface PeriodReport {
  programme: YearReport['programme'];
  years: number[];
  asOf: string;
  timeZone: string;
  generatedAt: string;
  focusAreas: ReportFocusArea[];
  /** Per focus area (priority order), one point per year. */
  trend: Array<{ focusArea: ReportFocusArea; points: TrendPoint[] }>;
  /** All focus areas together per year (action-plan follow-ups; projects and funds of every project). */
  total: TrendPoint[];
  /** Projects and funds of projects in no focus area, per year; null when no year has any (so the rows add up to the total). */
  withoutFocusArea: TrendPoint[] | null;
  /** Per year whose report is incomplete (failed pulls, unreadable dates), its first-page notice: shown first in every format. */
  notices: Array<{ year: number; text: string }>;
  /** The yearly reports, in year order. */
  reports: YearReport[];
}

/** A focus area's point (`key`), all focus areas together (`total`), or the funds of projects in none (`none`). */
function point(report: YearReport, focusAreaKey: string | { of: 'total' | 'none' }): TrendPoint {
  const summary = typeof focusAreaKey !== 'string' ? (focusAreaKey.of === 'total' ? report.actionPlanTotal : undefined) : report.actionPlan.find((g) => g.focusArea.key === focusAreaKey)?.summary;
  const fundsKey = typeof focusAreaKey === 'string' ? focusAreaKey : null;
  const funds = typeof focusAreaKey !== 'string' && focusAreaKey.of === 'total' ? report.funds.total : report.funds.byFocusArea.find((r) => r.key === fundsKey);
  return {
    year: report.year,
    share: summary?.shareDelivered ?? null,
    expected: summary?.expected ?? 0,
    late: summary?.late ?? 0,
    missing: summary?.missing ?? 0,
    unknown: summary?.unknown ?? 0,
    projects: funds?.projects ?? 0,
    grantedSek: funds?.total ?? 0,
  };
}

/** The period report from the yearly reports (one per year, same programme), in year order. */
export function buildPeriodReport(reports: readonly YearReport[], generatedAt: string): PeriodReport {
  const sorted = [...reports].sort((a, b) => a.year - b.year);
  const first = sorted[0];
  if (first === undefined) throw new Error('buildPeriodReport needs at least one yearly report');
  return {
    programme: first.programme,
    years: sorted.map((r) => r.year),
    asOf: first.asOf,
    timeZone: first.timeZone,
    generatedAt,
    focusAreas: first.focusAreas,
    trend: first.focusAreas.map((focusArea) => ({ focusArea, points: sorted.map((r) => point(r, focusArea.key)) })),
    total: sorted.map((r) => point(r, { of: 'total' })),
    withoutFocusArea: sorted.some((r) => r.funds.byFocusArea.some((row) => row.key === null && row.projects > 0)) ? sorted.map((r) => point(r, { of: 'none' })) : null,
    notices: sorted.flatMap((r) => {
      const text = reportNotice(r);
      return text === null ? [] : [{ year: r.year, text }];
    }),
    reports: sorted,
  };
}
